import { escapeHtml } from '@qcycle/domain';
import type { IndicatorChart } from './official-document';

/** The chart's size in CSS pixels (the PDF prints it at this size; the DOCX PNG is drawn at twice it). */
export const CHART_SIZE = { width: 600, height: 240 };

const PLOT = { left: 48, right: 16, top: 16, bottom: 44 };
const FONT = 'font-family="Times New Roman, Liberation Serif, serif" font-size="12"';

/**
 * An indicator's figures against its target as a small SVG line chart: the periods along the x
 * axis, the values as a black line with a dot per reported period (a gap where none was reported),
 * the target as a dashed horizontal line with its wording. Pure: the same chart always gives the
 * same text (no id, no clock), so the PDF stays deterministic. Every word it prints is
 * {@link indicatorChartWords}.
 */
export function indicatorChartSvg(chart: IndicatorChart): string {
  const { width, height } = CHART_SIZE;
  const plotWidth = width - PLOT.left - PLOT.right;
  const plotHeight = height - PLOT.top - PLOT.bottom;
  const max = axisMaximum(chart);
  const y = (value: number) => PLOT.top + plotHeight - (value / max) * plotHeight;
  const step = plotWidth / Math.max(chart.points.length, 1);
  const x = (index: number) => PLOT.left + step * (index + 0.5);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(chart.title)}">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#fff"/>`,
  ];
  for (const tick of yTicks(max)) {
    parts.push(
      `<line x1="${PLOT.left}" y1="${n(y(tick))}" x2="${width - PLOT.right}" y2="${n(y(tick))}" stroke="#ccc" stroke-width="0.5"/>`,
      `<text x="${PLOT.left - 6}" y="${n(y(tick) + 4)}" text-anchor="end" ${FONT}>${tickLabel(tick, chart.unit)}</text>`,
    );
  }
  parts.push(
    `<line x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.left}" y2="${PLOT.top + plotHeight}" stroke="#000"/>`,
    `<line x1="${PLOT.left}" y1="${PLOT.top + plotHeight}" x2="${width - PLOT.right}" y2="${PLOT.top + plotHeight}" stroke="#000"/>`,
  );
  chart.points.forEach((point, index) =>
    parts.push(
      `<text x="${n(x(index))}" y="${PLOT.top + plotHeight + 16}" text-anchor="middle" ${FONT}>${escapeHtml(point.label)}</text>`,
    ),
  );
  const targetY = n(y(chart.target.value));
  parts.push(
    `<line x1="${PLOT.left}" y1="${targetY}" x2="${width - PLOT.right}" y2="${targetY}" stroke="#b00" stroke-width="1.5" stroke-dasharray="6 4"/>`,
  );
  // The line runs through consecutive reported periods; a period without a figure breaks it.
  for (const run of runsOfValues(chart.points)) {
    if (run.length > 1)
      parts.push(
        `<polyline fill="none" stroke="#000" stroke-width="2" points="${run.map(([i, v]) => `${n(x(i))},${n(y(v))}`).join(' ')}"/>`,
      );
    for (const [i, v] of run) parts.push(`<circle cx="${n(x(i))}" cy="${n(y(v))}" r="3" fill="#000"/>`);
  }
  const legendY = height - 8;
  parts.push(
    `<line x1="${PLOT.left}" y1="${legendY - 4}" x2="${PLOT.left + 24}" y2="${legendY - 4}" stroke="#000" stroke-width="2"/>`,
    `<text x="${PLOT.left + 30}" y="${legendY}" ${FONT}>Kết quả</text>`,
    `<line x1="${PLOT.left + 110}" y1="${legendY - 4}" x2="${PLOT.left + 134}" y2="${legendY - 4}" stroke="#b00" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    `<text x="${PLOT.left + 140}" y="${legendY}" ${FONT}>${escapeHtml(`Chỉ tiêu: ${chart.target.text}`)}</text>`,
    '</svg>',
  );
  return parts.join('');
}

/** Every word the chart prints (axis ticks, periods, legend), as it prints them. */
export function indicatorChartWords(chart: IndicatorChart): string[] {
  const max = axisMaximum(chart);
  return [
    ...yTicks(max).map((tick) => tickLabel(tick, chart.unit)),
    ...chart.points.map((p) => p.label),
    'Kết quả',
    `Chỉ tiêu: ${chart.target.text}`,
  ].flatMap((text) => text.split(/\s+/).filter(Boolean));
}

/** 100 for a percentage; else the next round number above the largest value and the target. */
function axisMaximum(chart: IndicatorChart): number {
  if (chart.unit === '%') return 100;
  const largest = Math.max(chart.target.value, ...chart.points.map((p) => p.value ?? 0), 1);
  const magnitude = 10 ** Math.floor(Math.log10(largest));
  return Math.ceil((largest * 1.2) / magnitude) * magnitude;
}

function yTicks(max: number): number[] {
  return [0, 1, 2, 3, 4].map((i) => (max * i) / 4);
}

function tickLabel(tick: number, unit: string): string {
  const text = Number.isInteger(tick) ? String(tick) : tick.toFixed(1).replace('.', ',');
  return unit === '%' ? `${text}%` : text;
}

function runsOfValues(points: IndicatorChart['points']): [number, number][][] {
  const runs: [number, number][][] = [];
  let current: [number, number][] = [];
  points.forEach((point, index) => {
    if (point.value === null) {
      if (current.length) runs.push(current);
      current = [];
    } else current.push([index, point.value]);
  });
  if (current.length) runs.push(current);
  return runs;
}

/** Coordinates with at most 2 decimals: the same everywhere, short. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}
