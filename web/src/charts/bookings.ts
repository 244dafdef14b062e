// Bookings vs quota over the scoring period (SPEC §3.1): cumulative bookings,
// the quota pace line (quota × elapsed fraction) and a horizontal quota line.
//
//   chart.setOption(bookingsOption(scorecard));
import { money, moneyCompact } from '../format';
import type { Scorecard } from '../types';
import { COLORS, TEXT_STYLE, type ChartOption, type LineSeriesOption } from './types';

export type Point = [string, number];

export interface BookingsSeries {
  bookings: Point[];
  /** quota_pace of the timeline, extended to [period.end, quota] when the timeline stops before it. */
  pace: Point[];
  /** Two points at the quota, from period start to period end; empty without a quota. */
  quota: Point[];
}

export function bookingsSeries(doc: Scorecard): BookingsSeries {
  const timeline = doc.bookings_timeline ?? [];
  const bookings: Point[] = timeline.map((p) => [p.date, p.bookings]);
  const pace: Point[] = timeline.map((p) => [p.date, p.quota_pace]);
  const quota = typeof doc.quota === 'number' && doc.quota > 0 ? doc.quota : null;
  const { start, end } = doc.period;
  if (quota !== null && timeline.length > 0 && timeline[timeline.length - 1]!.date < end) {
    pace.push([end, quota]);
  }
  return {
    bookings,
    pace,
    quota: quota === null ? [] : [
      [start, quota],
      [end, quota],
    ],
  };
}

export function bookingsOption(doc: Scorecard): ChartOption {
  const s = bookingsSeries(doc);
  const series: LineSeriesOption[] = [
    {
      name: 'Bookings',
      type: 'line',
      step: 'end',
      data: s.bookings,
      showSymbol: false,
      lineStyle: { width: 3, color: COLORS.rep },
      itemStyle: { color: COLORS.rep },
      areaStyle: { color: COLORS.rep, opacity: 0.08 },
      z: 3,
    },
    {
      name: 'Quota pace',
      type: 'line',
      data: s.pace,
      showSymbol: false,
      lineStyle: { width: 2, type: 'dashed', color: COLORS.pace },
      itemStyle: { color: COLORS.pace },
    },
    {
      name: 'Quota',
      type: 'line',
      data: s.quota,
      showSymbol: false,
      lineStyle: { width: 1.5, type: 'dotted', color: COLORS.quota },
      itemStyle: { color: COLORS.quota },
      endLabel: { show: s.quota.length > 0, formatter: () => `Quota ${moneyCompact(doc.quota)}`, color: COLORS.quota },
    },
  ];
  return {
    animationDuration: 300,
    textStyle: TEXT_STYLE,
    grid: { left: 64, right: 96, top: 36, bottom: 32 },
    legend: { top: 0, left: 0, textStyle: TEXT_STYLE },
    tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (v) => money(typeof v === 'number' ? v : Number(v)) },
    xAxis: {
      type: 'time',
      min: doc.period.start,
      max: doc.period.end,
      axisLabel: { formatter: '{MMM} {d}', hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { formatter: (v: number) => moneyCompact(v) },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    series,
  };
}
