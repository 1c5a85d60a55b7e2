// Apache ECharts, only what the indicator chart uses: a line, its grid and tooltip, the target as a
// mark line, drawn as SVG. Loaded lazily (React.lazy) so the first page never carries it.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { SHEET_LAYOUT, SHEET_WIDTH_PX } from '../../ui/print';

echarts.use([LineChart, GridComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

export interface IndicatorChartProps {
  /** The periods of the year, in words, in order. */
  periods: string[];
  /** The figure of each period (null where none was reported). */
  values: (number | null)[];
  /** The target line, if the indicator has a numeric target. */
  target: { value: number; label: string } | null;
  /** Formats a figure for the axis and tooltip (a percentage for ratios). */
  format: (value: number) => string;
  seriesName: string;
  /** What the chart shows, for screen readers (the table beside it has every figure). */
  ariaLabel: string;
}

const BRAND = '#0b4f8a';
const TARGET = '#b3261e';

export default function IndicatorChart({
  periods,
  values,
  target,
  format,
  seriesName,
  ariaLabel,
}: IndicatorChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  // The option at a given width (the periods' labels are wrapped to their slots): the screen's,
  // or the sheet's while the page is printed.
  const optionAt = useRef<(width: number, onPaper?: boolean) => echarts.EChartsCoreOption>(() => ({}));
  optionAt.current = (width, onPaper = false) =>
    chartOption({ periods, values, target, format, seriesName }, width, onPaper);

  useEffect(() => {
    const container = element.current;
    if (!container) return;
    const instance = echarts.init(container, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(container);
    // Paper: redrawn at the sheet's width, at once (ui/print.ts scales the SVG right after), and
    // at the screen's again afterwards.
    const toSheet = () => {
      instance.resize({ width: SHEET_WIDTH_PX });
      instance.setOption(optionAt.current(SHEET_WIDTH_PX, true), true);
      instance.getZr().flush();
    };
    const toScreen = () => {
      instance.resize({ width: 'auto' });
      instance.setOption(optionAt.current(container.clientWidth), true);
    };
    window.addEventListener(SHEET_LAYOUT, toSheet);
    window.addEventListener('afterprint', toScreen);
    return () => {
      window.removeEventListener(SHEET_LAYOUT, toSheet);
      window.removeEventListener('afterprint', toScreen);
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(optionAt.current(element.current?.clientWidth ?? 320), true);
  }, [periods, values, target, format, seriesName]);

  return <div ref={element} className="indicator-chart" role="img" aria-label={ariaLabel} />;
}

type ChartFigures = Pick<IndicatorChartProps, 'periods' | 'values' | 'target' | 'format' | 'seriesName'>;

/**
 * The chart's ECharts option, for a chart `width` CSS px wide. On paper every period is labelled,
 * slanted where they would not fit side by side: there is no pointing at a sheet for the tooltip.
 */
function chartOption(
  { periods, values, target, format, seriesName }: ChartFigures,
  width: number,
  onPaper: boolean,
) {
  const numbers = values.filter((v): v is number => v !== null);
  const top = Math.max(target?.value ?? 0, ...numbers, 1);
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => (typeof value === 'number' ? format(value) : '—'),
    },
    xAxis: {
      type: 'category',
      data: periods,
      // A few periods (quarters, halves) are each labelled, wrapped to their slot on a phone;
      // twelve months keep every label that fits on the screen, and all of them on paper.
      axisLabel:
        periods.length <= 6
          ? {
              color: '#526070',
              interval: 0,
              overflow: 'break',
              width: Math.max(40, width / periods.length - 8),
            }
          : onPaper
            ? { color: '#526070', interval: 0, rotate: width / periods.length < 72 ? 35 : 0 }
            : { color: '#526070', hideOverlap: true },
      axisLine: { lineStyle: { color: '#8a96a3' } },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: top > 90 && top <= 100 ? 100 : undefined,
      axisLabel: { color: '#526070', formatter: (value: number) => format(value) },
      splitLine: { lineStyle: { color: '#e3e7ec' } },
    },
    series: [
      {
        name: seriesName,
        type: 'line',
        data: values,
        connectNulls: false,
        showSymbol: true,
        symbolSize: 8,
        lineStyle: { color: BRAND, width: 2 },
        itemStyle: { color: BRAND },
        markLine: target
          ? {
              silent: true,
              symbol: 'none',
              lineStyle: { color: TARGET, type: 'dashed', width: 2 },
              label: { formatter: target.label, color: TARGET, position: 'insideEndTop' },
              data: [{ yAxis: target.value }],
            }
          : undefined,
      },
    ],
  } satisfies echarts.EChartsCoreOption;
}
