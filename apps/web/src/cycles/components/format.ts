import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { periodText } from '../../tasks/components/format';
import { formatDay, formatInstant, formatInstantDay, VIETNAM_TIME } from '../../ui/dates';

export type Schemas = components['schemas'];
export type CycleView = Schemas['CycleView'];
export type ObjectiveView = Schemas['ObjectiveView'];
export type IndicatorView = Schemas['ObjectiveIndicatorView'];
export type MeasurementView = Schemas['MeasurementView'];

/** Numbers, dates and times in the current language, in Vietnam time. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const locale = language === 'en' ? 'en-GB' : 'vi-VN';
  return useMemo(() => {
    const monthFormat = new Intl.DateTimeFormat(locale, {
      timeZone: VIETNAM_TIME,
      month: 'short',
      year: 'numeric',
    });
    return {
      locale,
      /** A calendar day (`2024-01-20`) as that day; a moment as its day in Vietnam. */
      date: (value: string | null | undefined) =>
        !value
          ? '—'
          : /^\d{4}-\d{2}-\d{2}$/.test(value)
            ? formatDay(value, language)
            : formatInstantDay(value, language),
      dateTime: (value: string | null | undefined) => (value ? formatInstant(value, language) : '—'),
      month: (value: Date) => monthFormat.format(value),
      number: (value: number | null | undefined, maximumFractionDigits = 2) =>
        value === null || value === undefined
          ? '—'
          : new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value),
      /** A percentage given as 0–100 (ratios are stored so). */
      percent: (value: number | null | undefined) =>
        value === null || value === undefined
          ? '—'
          : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(value / 100),
    };
  }, [language, locale]);
}
export type Format = ReturnType<typeof useFormat>;

/** The period a key names, in words: `2024-03` → "T3/2024" / "Mar 2024"; `2024-Q2` → "Quý 2/2024". */
export function usePeriodLabel() {
  const { t } = useTranslation('cycles');
  return (key: string) => periodText(key, t);
}

/** The figure of one report: a ratio as a percentage, a count as is, a judged one as 1/0. */
export function measurementValue(
  m: Pick<MeasurementView, 'kind' | 'numerator' | 'denominator' | 'value' | 'achieved'>,
) {
  if (m.kind === 'ratio') {
    if (m.numerator === null || m.denominator === null || m.denominator === 0) return null;
    return Math.round((m.numerator / m.denominator) * 10000) / 100;
  }
  if (m.kind === 'count') return m.value;
  return m.achieved === null ? null : m.achieved ? 1 : 0;
}

/** One figure per period: when a period was reported twice, the later report replaces the earlier. */
export function latestPerPeriod(measurements: MeasurementView[]): MeasurementView[] {
  const byPeriod = new Map<string, MeasurementView>();
  for (const m of measurements) {
    const known = byPeriod.get(m.periodKey);
    if (!known || known.reportedAt < m.reportedAt) byPeriod.set(m.periodKey, m);
  }
  return [...byPeriod.values()].sort((a, b) => a.periodKey.localeCompare(b.periodKey));
}

/**
 * The cumulative figure as the monitoring computes it (libs/domain indicator-evaluation): Σ
 * numerators ÷ Σ denominators for ratios, Σ values for counts, "every period achieved" for judged.
 * Shown for reading only: the status beside it is the workflow's own.
 */
export function cumulativeValue(
  indicator: IndicatorView,
  figures: MeasurementView[],
): number | boolean | null {
  if (figures.length === 0) return null;
  if (indicator.kind === 'ratio') {
    const numerator = figures.reduce((sum, m) => sum + (m.numerator ?? 0), 0);
    // Dossiers pending overdue are a stock: only the latest period's count (docs/objectives.md).
    const denominator =
      figures.reduce((sum, m) => sum + (m.denominator ?? 0), 0) + (figures.at(-1)?.pendingOverdue ?? 0);
    return denominator === 0 ? null : Math.round((numerator / denominator) * 10000) / 100;
  }
  if (indicator.kind === 'count') return figures.reduce((sum, m) => sum + (m.value ?? 0), 0);
  return figures.every((m) => m.achieved === true);
}

/** The objective statuses the API gives (libs/domain ObjectiveStatus), with a colour class each. */
export function statusTone(status: string | null | undefined): string {
  switch (status) {
    case 'achieved':
    case 'on-track':
    case 'closed':
    case 'held':
    case 'conformity':
    case 'done':
      return 'status-ok';
    case 'running':
    case 'in-progress':
      return 'status-info';
    case 'at-risk':
    case 'observation':
    case 'minor-nc':
    case 'planned':
    case 'open':
    case 'not-done':
      return 'status-warn';
    case 'missed':
    case 'not-held':
    case 'major-nc':
    case 'cancelled':
      return 'status-danger';
    default:
      return '';
  }
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What a task id names, in words: `…/monitoring/obj-4/measure/2024-03` → "Mục tiêu 4, T3/2024". */
export function describeTask(taskId: string, t: Translate): string {
  const objective = /\/obj-(\d+)\//.exec(taskId)?.[1];
  const period = /\/(\d{4}(?:-(?:\d{2}|Q\d|H\d))?)$/.exec(taskId)?.[1];
  const parts: string[] = [];
  // Its namespace named: the task pages' events say it too.
  if (objective) parts.push(t('cycles:objectives.number', { number: objective }));
  if (period) parts.push(periodText(period, t));
  return parts.join(', ');
}

/**
 * An indicator's target in the page's language: the decision states it in Vietnamese ("trên 80%"),
 * shown as it is on a Vietnamese page; in English it is said from its parts ("above 80%").
 */
export function targetInWords(
  target: Pick<Schemas['IndicatorTargetView'], 'comparator' | 'value' | 'text'>,
  kind: string,
  language: string,
  t: (key: string, options: { defaultValue: string }) => string,
  format: Format,
): string {
  if (language !== 'en') return target.text;
  const figure = kind === 'ratio' ? format.percent(target.value) : format.number(target.value);
  return `${t(`comparator.${target.comparator}`, { defaultValue: target.comparator })} ${figure}`;
}
