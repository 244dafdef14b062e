// Close rate by quarter, rep vs team (SPEC §3.4): bars for the rep's new
// business win rate, a line for the team's. Quarters without closed deals
// (win_rate null) have no bar.
import { percent } from '../format';
import type { Scorecard } from '../types';
import { COLORS, TEXT_STYLE, type BarSeriesOption, type ChartOption, type LineSeriesOption } from './types';

export function winRateOption(doc: Scorecard, repLabel = doc.user.name): ChartOption {
  const rates = doc.win_rates ?? [];
  const rep: BarSeriesOption = {
    name: repLabel,
    type: 'bar',
    barMaxWidth: 36,
    data: rates.map((w) => (typeof w.win_rate === 'number' ? w.win_rate : null)),
    itemStyle: { color: COLORS.rep, borderRadius: [3, 3, 0, 0] },
    label: {
      show: true,
      position: 'top',
      // "2/8": won of closed, so a small sample reads as one.
      formatter: (p) => {
        const w = rates[p.dataIndex];
        return w ? `${w.won}/${w.closed}` : '';
      },
      color: COLORS.text,
      fontSize: 11,
    },
  };
  const team: LineSeriesOption = {
    name: 'Team',
    type: 'line',
    data: rates.map((w) => (typeof w.team_win_rate === 'number' ? w.team_win_rate : null)),
    connectNulls: false,
    symbolSize: 7,
    lineStyle: { width: 2, color: COLORS.team },
    itemStyle: { color: COLORS.team },
  };
  return {
    animationDuration: 300,
    textStyle: TEXT_STYLE,
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    legend: { top: 0, left: 0, textStyle: TEXT_STYLE },
    tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (v) => percent(typeof v === 'number' ? v : null) },
    xAxis: { type: 'category', data: rates.map((w) => w.period) },
    yAxis: {
      type: 'value',
      min: 0,
      max: (extent: { max: number }) => Math.min(1, Math.max(0.5, Math.ceil((extent.max + 0.05) * 10) / 10)),
      axisLabel: { formatter: (v: number) => percent(v) },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    series: [rep, team],
  };
}
