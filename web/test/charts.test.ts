import { describe, expect, it } from 'vitest';
import { bookingsOption, bookingsSeries } from '../src/charts/bookings';
import { funnelOption, hasPeers, transitionLabels } from '../src/charts/funnel';
import type { BarSeriesOption, LineSeriesOption } from '../src/charts/types';
import { COLORS } from '../src/charts/types';
import { winRateOption } from '../src/charts/winrates';
import { david } from './fixtures';

type Axis = { type?: string; min?: unknown; max?: unknown; data?: unknown[] };

describe('bookings vs quota', () => {
  it('plots cumulative bookings from the timeline', () => {
    const s = bookingsSeries(david());
    expect(s.bookings).toHaveLength(78); // Oct 1 .. Dec 17
    expect(s.bookings[0]).toEqual(['2026-10-01', 0]);
    expect(s.bookings.find(([d]) => d === '2026-10-20')![1]).toBe(18000);
    expect(s.bookings.find(([d]) => d === '2026-11-11')![1]).toBe(18000);
    expect(s.bookings.find(([d]) => d === '2026-11-12')![1]).toBe(42000);
    expect(s.bookings.at(-1)).toEqual(['2026-12-17', 60000]);
  });

  it('draws the pace line as quota × elapsed fraction, reaching the quota at period end', () => {
    const s = bookingsSeries(david());
    // 92 days in the quarter: day 1 is 300000/92, day 78 is 300000*78/92.
    expect(s.pace[0]![1]).toBeCloseTo(300000 / 92, 6);
    expect(s.pace[77]).toEqual(['2026-12-17', expect.closeTo((300000 * 78) / 92, 6)]);
    expect(s.pace.at(-1)).toEqual(['2026-12-31', 300000]);
    expect(s.pace).toHaveLength(79);
    for (let i = 1; i < s.pace.length; i++) expect(s.pace[i]![1]).toBeGreaterThan(s.pace[i - 1]![1]);
  });

  it('draws a horizontal quota line over the whole period', () => {
    expect(bookingsSeries(david()).quota).toEqual([
      ['2026-10-01', 300000],
      ['2026-12-31', 300000],
    ]);
  });

  it('builds an option with three named line series on a time axis spanning the period', () => {
    const opt = bookingsOption(david());
    const series = opt.series as LineSeriesOption[];
    expect(series.map((x) => x.name)).toEqual(['Bookings', 'Quota pace', 'Quota']);
    expect(series.every((x) => x.type === 'line')).toBe(true);
    expect(series[0]!.step).toBe('end');
    const x = opt.xAxis as Axis;
    expect(x.type).toBe('time');
    expect(x.min).toBe('2026-10-01');
    expect(x.max).toBe('2026-12-31');
    // Tooltips render in the canvas (no HTML with inline styles: CSP).
    expect((opt.tooltip as { renderMode?: string }).renderMode).toBe('richText');
  });

  it('has no quota line and no pace extension without a quota', () => {
    const doc = david();
    doc.quota = 0;
    doc.bookings_timeline = doc.bookings_timeline!.map((p) => ({ ...p, quota_pace: 0 }));
    const s = bookingsSeries(doc);
    expect(s.quota).toEqual([]);
    expect(s.pace).toHaveLength(78);
  });

  it('copes with an empty timeline (period not started)', () => {
    const doc = david();
    doc.bookings_timeline = [];
    const s = bookingsSeries(doc);
    expect(s.bookings).toEqual([]);
    expect(s.pace).toEqual([]);
  });
});

describe('close rate by quarter', () => {
  it('plots the rep as bars and the team as a line, per quarter, null rates as gaps', () => {
    const doc = david();
    doc.win_rates![1] = { ...doc.win_rates![1]!, closed: 0, won: 0, win_rate: null };
    const opt = winRateOption(doc, 'David');
    const x = opt.xAxis as Axis;
    expect(x.data).toEqual(['FY2025-Q4', 'FY2026-Q1', 'FY2026-Q2', 'FY2026-Q3', 'FY2026-Q4']);
    const [rep, team] = opt.series as [BarSeriesOption, LineSeriesOption];
    expect(rep.type).toBe('bar');
    expect(rep.name).toBe('David');
    expect(rep.data).toEqual([5 / 12, null, 2 / 11, 2 / 9, 2 / 8]);
    expect(team.type).toBe('line');
    expect(team.name).toBe('Team');
    expect((team.data as number[])[4]).toBeCloseTo(14 / 42, 10);
  });

  it('labels each bar with won/closed', () => {
    const opt = winRateOption(david());
    const rep = (opt.series as BarSeriesOption[])[0]!;
    const fmt = (rep.label as { formatter: (p: { dataIndex: number }) => string }).formatter;
    expect(fmt({ dataIndex: 0 })).toBe('5/12');
    expect(fmt({ dataIndex: 4 })).toBe('2/8');
  });
});

describe('funnel', () => {
  it('labels transitions, the last one to Won', () => {
    expect(transitionLabels(david().funnel!.stages)).toEqual([
      'Qualification → Discovery',
      'Discovery → Solution Validation',
      'Solution Validation → Business Justification',
      'Business Justification → Negotiation',
      'Negotiation → Won',
    ]);
  });

  it('compares with peers and paints only the bottleneck bar red', () => {
    const opt = funnelOption(david(), 'David');
    const [rep, peers] = opt.series as BarSeriesOption[];
    expect(peers!.name).toBe('Peers');
    const data = rep!.data as { value: number; itemStyle: { color: string } }[];
    expect(data.map((d) => d.itemStyle.color)).toEqual([COLORS.rep, COLORS.rep, COLORS.rep, COLORS.bad, COLORS.rep]);
    expect(data[3]!.value).toBeCloseTo(8 / 23, 10);
    expect((peers!.data as number[])[3]).toBeCloseTo(57 / 92, 10);
  });

  it('sorts stages by order and falls back to the team without peers', () => {
    const doc = david();
    delete doc.funnel!.has_peers; // decided from the stages
    doc.funnel!.stages = doc.funnel!.stages.map((s) => ({ ...s, peer_conversion: null, bottleneck: false })).reverse();
    expect(hasPeers(doc.funnel!.stages)).toBe(false);
    const opt = funnelOption(doc);
    expect((opt.yAxis as Axis).data![0]).toBe('Qualification → Discovery');
    const other = (opt.series as BarSeriesOption[])[1]!;
    expect(other.name).toBe('Team');
    expect((other.data as number[])[0]).toBeCloseTo(165 / 210, 10);
  });
});

describe('funnel flags from the document', () => {
  it('follows funnel.has_peers and next_stage when the server sends them', () => {
    const doc = david();
    doc.funnel!.has_peers = false;
    doc.funnel!.stages[4]!.next_stage = 'Closed Won';
    const opt = funnelOption(doc);
    expect((opt.series as BarSeriesOption[])[1]!.name).toBe('Team');
    expect(((opt.yAxis as Axis).data as string[])[4]).toBe('Negotiation → Closed Won');
  });
});
