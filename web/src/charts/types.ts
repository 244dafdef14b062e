// The ECharts option type for the charts we register (type-only imports: the
// option builders stay pure and run in node for the unit tests).
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;
export type { BarSeriesOption, LineSeriesOption };

/** Colours shared by charts and CSS (keep in sync with styles.css). */
export const COLORS = {
  rep: '#2563eb',
  team: '#94a3b8',
  pace: '#d97706',
  quota: '#334155',
  bad: '#dc2626',
  good: '#16a34a',
  text: '#334155',
  grid: '#e2e8f0',
} as const;

export const TEXT_STYLE = { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', color: COLORS.text };
