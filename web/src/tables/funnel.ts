// The funnel table and the diagnosis (SPEC §3.5), written as a manager reads
// it: "Business Justification → Negotiation: 35% vs 62% for peers (n=23,
// p=0.01); coach: business justification".
import { num, percent, pValue } from '../format';
import type { Diagnosis, FunnelStage, Scorecard } from '../types';

export interface FunnelRowModel {
  stage: string;
  next: string;
  bottleneck: boolean;
  reached: string;
  conversion: string;
  teamReached: string;
  teamConversion: string;
  peerConversion: string;
  pValue: string;
  skills: string;
}

export function funnelRows(doc: Scorecard): FunnelRowModel[] {
  const stages: FunnelStage[] = [...(doc.funnel?.stages ?? [])].sort((a, b) => a.order - b.order);
  return stages.map((s, i) => ({
    stage: s.stage,
    next: s.next_stage ?? (i + 1 < stages.length ? stages[i + 1]!.stage : 'Won'),
    bottleneck: s.bottleneck === true,
    reached: num(s.reached),
    conversion: percent(s.conversion),
    teamReached: num(s.team_reached),
    teamConversion: percent(s.team_conversion),
    peerConversion: percent(s.peer_conversion),
    pValue: pValue(s.p_value),
    skills: (s.skills ?? []).join(', '),
  }));
}

/** One diagnosis line; n is the rep's deals that reached the stage. */
export function diagnosisText(d: Diagnosis, n: number | null | undefined): string {
  const stats = [typeof n === 'number' ? `n=${num(n)}` : null, d.p_value != null ? `p${pValue(d.p_value).startsWith('<') ? '' : '='}${pValue(d.p_value)}` : null]
    .filter(Boolean)
    .join(', ');
  const skills = (d.skills ?? []).join(', ');
  return (
    `${d.stage} → ${d.next_stage}: ${percent(d.conversion)} vs ${percent(d.peer_conversion)} for peers` +
    (stats ? ` (${stats})` : '') +
    (skills ? `; coach: ${skills}` : '')
  );
}

export function diagnosisLines(doc: Scorecard): string[] {
  const stages = doc.funnel?.stages ?? [];
  return (doc.diagnosis ?? []).map((d) => {
    const n = typeof d.reached === 'number' ? d.reached : stages.find((s) => s.stage === d.stage)?.reached;
    return diagnosisText(d, n);
  });
}

/** The sentence shown when nothing is a bottleneck. */
export function noBottleneckText(doc: Scorecard): string {
  const stages = doc.funnel?.stages ?? [];
  if (stages.length === 0) return 'No funnel data for this period.';
  if (!stages.some((s) => typeof s.peer_conversion === 'number')) return 'No peers to compare with: no bottleneck test.';
  return 'No stage converts significantly below peers.';
}
