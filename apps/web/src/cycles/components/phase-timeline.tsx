import { useTranslation } from 'react-i18next';
import type { Format } from './format';

export const PHASES = [
  'objectives-approval',
  'assignment',
  'monitoring',
  'internal-audit',
  'management-review',
  'closing',
] as const;
export type Phase = (typeof PHASES)[number];

const DAY = 86_400_000;

/** The calendar's dates a cycle goes by (`live.dates`): its audit window, review date and close. */
export interface CycleDates {
  auditWindow: { from: string; to: string };
  managementReviewDate: string;
  closeDate: string;
}

/**
 * When each phase is planned: approval and assignment in January, monthly reports from February
 * (the default calendar's, libs/domain defaultCycleCalendar), and the internal audit, the management
 * review and the close on the cycle's own dates (`live.dates`: the organisation's calendar, moved
 * dates included) — the default calendar's (audit 1–31 October, review from 15 December, close about
 * three weeks into the next year) for a cycle that does not say them. Moved by a rehearsal's shift.
 * Shown as "planned"; the dates each phase was actually entered come with the cycle (`phasesEntered`).
 */
export function plannedPhaseDates(
  year: number,
  shiftMs: number,
  dates?: CycleDates,
): Record<Phase, { from: Date; to?: Date }> {
  const at = (month: number, day: number, y = year) => new Date(Date.UTC(y, month - 1, day, 1) + shiftMs);
  // A calendar date at 08:00 in Vietnam (01:00 UTC), as `at` places the default ones.
  const on = (date: string) => new Date(Date.parse(`${date}T01:00:00.000Z`) + shiftMs);
  return {
    'objectives-approval': { from: at(1, 2), to: at(1, 12) },
    assignment: { from: at(1, 10), to: at(1, 31) },
    monitoring: { from: at(2, 1), to: at(12, 31) },
    'internal-audit': dates
      ? { from: on(dates.auditWindow.from), to: on(dates.auditWindow.to) }
      : { from: at(10, 1), to: at(10, 31) },
    'management-review': { from: dates ? on(dates.managementReviewDate) : at(12, 15) },
    closing: { from: dates ? on(dates.closeDate) : new Date(at(12, 31).getTime() + 21 * DAY) },
  };
}

/** The year's phases in order, the current one marked in words and colour (a list: it wraps, and stacks on a phone). */
export function PhaseTimeline({
  phase,
  status,
  entered,
  planned,
  format,
}: {
  phase: Phase | undefined;
  status: string | undefined;
  /** When each phase was entered (the cycle's `phasesEntered`). */
  entered: Partial<Record<Phase, string>>;
  planned: Record<Phase, { from: Date; to?: Date }> | null;
  format: Format;
}) {
  const { t } = useTranslation('cycles');
  const currentIndex = phase ? PHASES.indexOf(phase) : -1;
  const closed = status === 'closed';
  const cancelled = status === 'cancelled';
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('timeline.title')}</h2>
      <p className="timeline-now" data-testid="current-phase">
        {closed
          ? t('timeline.nowClosed')
          : cancelled
            ? t('timeline.nowCancelled', { phase: phase ? t(`phase.${phase}`) : '—' })
            : phase
              ? t('timeline.now', { phase: t(`phase.${phase}`) })
              : t('timeline.unknown')}
      </p>
      <ol className="timeline">
        {PHASES.map((p, index) => {
          const state = closed
            ? 'done'
            : index < currentIndex
              ? 'done'
              : index === currentIndex
                ? cancelled
                  ? 'cancelled'
                  : 'current'
                : 'upcoming';
          const plan = planned?.[p];
          return (
            <li
              key={p}
              className={`timeline-step timeline-${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="timeline-marker" aria-hidden="true">
                {state === 'done' ? '✓' : index + 1}
              </span>
              <span className="timeline-body">
                <strong>{t(`phase.${p}`)}</strong>
                <span className="timeline-state">{t(`timeline.state.${state}`)}</span>
                {entered[p] && (
                  <span className="timeline-date">
                    {t('timeline.entered', { date: format.date(entered[p]) })}
                  </span>
                )}
                {!entered[p] && plan && (
                  <span className="timeline-date">
                    {plan.to
                      ? t('timeline.plannedRange', {
                          from: format.date(plan.from.toISOString()),
                          to: format.date(plan.to.toISOString()),
                        })
                      : t('timeline.plannedFrom', { from: format.date(plan.from.toISOString()) })}
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="muted small">{t('timeline.source')}</p>
    </section>
  );
}
