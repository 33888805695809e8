// A small ECharts wrapper: only the chart types and parts the dashboard draws, SVG-rendered (crisp
// on phones, light). Imported lazily (ChartCard), so only pages that show a chart load ECharts.
import { useEffect, useRef } from 'react';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;
/** What a click on a bar or slice names: the row (dataIndex) and the series. */
export interface ChartClick { dataIndex: number; seriesIndex: number }

interface Props { option: ChartOption; height: number; label: string; onClick?: (c: ChartClick) => void }

export default function EChart({ option, height, label, onClick }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const el = box.current!;
    const c = init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => click.current?.({ dataIndex: p.dataIndex, seriesIndex: p.seriesIndex ?? 0 }));
    // Follows its box (a phone turned, the menu folded).
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => { resize.disconnect(); c.dispose(); chart.current = null; };
  }, []);
  // No growing bars for those who asked their system for less motion.
  useEffect(() => { chart.current?.setOption({ animation: !matchMedia('(prefers-reduced-motion: reduce)').matches, ...option }, true); }, [option]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
