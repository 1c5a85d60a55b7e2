import { useTranslation } from 'react-i18next';
import { usePeriodLabel, type Format } from './format';
import { timelineSteps, type Phase, type PhasePlan, type TimelineStep } from './phase-plan';

// The dashboard plans and imports from here.
export { plannedPhaseDates, type Phase } from './phase-plan';

/**
 * The year's phases in order, the current one marked in words and colour (a list: it wraps, and
 * stacks on a phone): when each began, or when it is planned (phase-plan.ts), a phase behind its
 * plan said so in words, and when monitoring's first report is given.
 */
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
  planned: PhasePlan | null;
  format: Format;
}) {
  const { t } = useTranslation('cycles');
  const closed = status === 'closed';
  const cancelled = status === 'cancelled';
  const steps = timelineSteps({ phase, status, entered, planned, now: new Date() });
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
        {steps.map((step, index) => (
          <li
            key={step.phase}
            className={`timeline-step timeline-${step.state === 'not-held' ? 'upcoming' : step.state}`}
            aria-current={step.state === 'current' ? 'step' : undefined}
          >
            <span className="timeline-marker" aria-hidden="true">
              {step.state === 'done' ? '✓' : index + 1}
            </span>
            <span className="timeline-body">
              <strong>{t(`phase.${step.phase}`)}</strong>
              <span className="timeline-state">{t(`timeline.state.${stateKey(step)}`)}</span>
              {step.behind && (
                <span className="timeline-date">
                  <span className="status status-warn">{t('timeline.behind')}</span>
                </span>
              )}
              <StepDates step={step} format={format} />
            </span>
          </li>
        ))}
      </ol>
      <p className="muted small">{t('timeline.source')}</p>
    </section>
  );
}

/** The state's words: a phase to come whose planned day is over is "not started", never "upcoming". */
function stateKey(step: TimelineStep): string {
  if (step.state === 'upcoming' && step.behind) return 'notStarted';
  return step.state === 'not-held' ? 'notHeld' : step.state;
}

/** When it began or is planned, and, for monitoring, when its first report is given. */
function StepDates({ step, format }: { step: TimelineStep; format: Format }) {
  const { t } = useTranslation('cycles');
  const periodLabel = usePeriodLabel();
  const day = (date: Date) => format.date(date.toISOString());
  const { from, to } = step.planned ?? {};
  return (
    <>
      {step.entered && (
        <span className="timeline-date">{t('timeline.entered', { date: format.date(step.entered) })}</span>
      )}
      {step.until && (
        <span className="timeline-date">{t('timeline.plannedUntil', { date: day(step.until) })}</span>
      )}
      {from && (
        <span className="timeline-date">
          {to
            ? t('timeline.plannedRange', { from: day(from), to: day(to) })
            : t('timeline.plannedFrom', { from: day(from) })}
        </span>
      )}
      {!from && to && <span className="timeline-date">{t('timeline.plannedUntil', { date: day(to) })}</span>}
      {step.firstReport && (
        <span className="timeline-date">
          {step.firstReport === 'at-once'
            ? t('timeline.firstReportAtOnce')
            : t('timeline.firstReport', {
                period: periodLabel(step.firstReport.periodKey),
                date: day(step.firstReport.opens),
              })}
        </span>
      )}
    </>
  );
}
