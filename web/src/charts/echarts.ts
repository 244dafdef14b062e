// ECharts runtime, tree-shaken through echarts/core: only the charts and
// components the option builders use, with the canvas renderer (the SVG
// renderer writes style attributes that a CSP without 'unsafe-inline' blocks).
//
//   const chart = mountChart(el, bookingsOption(doc));  // resizes with el and for print
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { ChartOption } from './types';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const live = new Set<echarts.ECharts>();

function resizeAll(): void {
  for (const c of live) if (!c.isDisposed()) c.resize();
}

if (typeof window !== 'undefined') {
  // Charts are re-laid-out for the printed page width and back.
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
  window.matchMedia?.('print').addEventListener?.('change', resizeAll);
}

export function mountChart(el: HTMLElement, option: ChartOption): echarts.ECharts {
  const chart = echarts.init(el, undefined, {
    renderer: 'canvas',
    // Sharp on paper: draw at least at 2× even on a 1× screen.
    devicePixelRatio: Math.max(2, window.devicePixelRatio || 1),
  });
  chart.setOption(option);
  live.add(chart);
  const ro = new ResizeObserver(() => {
    if (!chart.isDisposed()) chart.resize();
  });
  ro.observe(el);
  const dispose = chart.dispose.bind(chart);
  chart.dispose = () => {
    ro.disconnect();
    live.delete(chart);
    dispose();
  };
  return chart;
}

/** Disposes every chart (called when the router leaves a page). */
export function disposeAllCharts(): void {
  for (const c of [...live]) c.dispose();
}
