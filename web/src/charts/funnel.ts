// The conversion funnel, rep vs peers (SPEC §3.5): per open stage, the
// conversion to the next stage; the bottleneck bars are red. Peers are the
// comparison the bottleneck test uses; a person without peers is compared with
// the team.
import { percent } from '../format';
import type { FunnelStage, Scorecard } from '../types';
import { COLORS, TEXT_STYLE, type BarSeriesOption, type ChartOption } from './types';

/** "Qualification → Discovery", the last open stage "Negotiation → Won". */
export function transitionLabels(stages: FunnelStage[]): string[] {
  return stages.map((s, i) => `${s.stage} → ${s.next_stage ?? (i + 1 < stages.length ? stages[i + 1]!.stage : 'Won')}`);
}

/** Whether the document has a peer comparison (any peer_conversion set). */
export function hasPeers(stages: FunnelStage[]): boolean {
  return stages.some((s) => typeof s.peer_conversion === 'number');
}

export function funnelOption(doc: Scorecard, repLabel = doc.user.name): ChartOption {
  const stages = [...(doc.funnel?.stages ?? [])].sort((a, b) => a.order - b.order);
  const peers = doc.funnel?.has_peers ?? hasPeers(stages);
  const rep: BarSeriesOption = {
    name: repLabel,
    type: 'bar',
    barGap: '10%',
    barMaxWidth: 18,
    itemStyle: { color: COLORS.rep }, // the legend's swatch; bars set their own
    data: stages.map((s) => ({
      value: typeof s.conversion === 'number' ? s.conversion : null,
      itemStyle: { color: s.bottleneck ? COLORS.bad : COLORS.rep },
    })) as BarSeriesOption['data'],
    label: { show: true, position: 'right', formatter: (p) => percent(typeof p.value === 'number' ? p.value : null), fontSize: 11 },
  };
  const other: BarSeriesOption = {
    name: peers ? 'Peers' : 'Team',
    type: 'bar',
    barMaxWidth: 18,
    data: stages.map((s) => {
      const v = peers ? s.peer_conversion : s.team_conversion;
      return typeof v === 'number' ? v : null;
    }),
    itemStyle: { color: COLORS.team },
    label: { show: true, position: 'right', formatter: (p) => percent(typeof p.value === 'number' ? p.value : null), fontSize: 11, color: '#64748b' },
  };
  return {
    animationDuration: 300,
    textStyle: TEXT_STYLE,
    grid: { left: 290, right: 48, top: 32, bottom: 24 },
    legend: { top: 0, left: 0, textStyle: TEXT_STYLE },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText', valueFormatter: (v) => percent(typeof v === 'number' ? v : null) },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => percent(v) }, splitLine: { lineStyle: { color: COLORS.grid } } },
    yAxis: { type: 'category', inverse: true, data: transitionLabels(stages), axisLabel: { width: 280, overflow: 'truncate' } },
    series: [rep, other],
  };
}
