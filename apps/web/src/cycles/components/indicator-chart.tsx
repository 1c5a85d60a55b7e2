// Apache ECharts, only what the indicator chart uses: a line, its grid and tooltip, the target as a
// mark line, drawn as SVG. Loaded lazily (React.lazy) so the first page never carries it.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

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

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const numbers = values.filter((v): v is number => v !== null);
    const top = Math.max(target?.value ?? 0, ...numbers, 1);
    chart.current?.setOption(
      {
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
          // twelve months keep every label that fits.
          axisLabel:
            periods.length <= 6
              ? {
                  color: '#526070',
                  interval: 0,
                  overflow: 'break',
                  width: Math.max(40, (element.current?.clientWidth ?? 320) / periods.length - 8),
                }
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
      },
      true,
    );
  }, [periods, values, target, format, seriesName]);

  return <div ref={element} className="indicator-chart" role="img" aria-label={ariaLabel} />;
}
