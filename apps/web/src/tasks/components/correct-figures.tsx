import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, ok } from '../../api/client';
import { useRequestId } from '../../api/request-id';
import type { Me } from '../../auth/session';
import type { EvidenceFile } from '../../ui/evidence';
import { ReasonField } from '../../ui/field';
import type { FormIndicator, TaskDetail } from '../task-types';
import { EvidenceEditor, evidenceReferences } from './evidence-upload';
import { emptyFigureFor, FigureInput, figureOutcome, type FigureDraft } from './figure-input';
import type { ReportedFigure } from './outcome-view';
import { ProblemBook } from './problem-book';
import { useSubmission } from '../../ui/submission';

/**
 * Whether this person may correct the figures of this reported period, as the monitoring allows
 * it: the one who reported it, or the head of the objective's unit (the year still open is
 * checked when the section loads).
 */
export function mayCorrectFigures(user: Me | null, task: TaskDetail): boolean {
  if (!user || user.authenticatedBy === 'task-link') return false;
  if (task.kind !== 'measurement-report' || task.status !== 'completed') return false;
  if (!task.objectiveId || !task.periodKey) return false;
  return (
    task.completedBy === user.userId || (task.unitCode !== null && user.headOfUnits.includes(task.unitCode))
  );
}

type MeasurementRow = {
  periodKey: string;
  numerator: number | null;
  denominator: number | null;
  pendingOverdue: number | null;
  value: number | null;
  achieved: boolean | null;
};

/** The period's figures as they stand now (the report, or its last correction), from the objective's view. */
function currentFigures(
  indicators: readonly { id: string; measurements: readonly MeasurementRow[] }[],
  periodKey: string,
): ReportedFigure[] {
  return indicators.flatMap((indicator) => {
    const row = indicator.measurements.find((m) => m.periodKey === periodKey);
    if (!row) return [];
    const figure: ReportedFigure = { indicatorId: indicator.id };
    if (row.numerator !== null) figure.numerator = row.numerator;
    if (row.denominator !== null) figure.denominator = row.denominator;
    if (row.pendingOverdue !== null) figure.pendingOverdue = row.pendingOverdue;
    if (row.value !== null) figure.value = row.value;
    if (row.achieved !== null) figure.achieved = row.achieved;
    return [figure];
  });
}

/** The files the report and its earlier corrections name already: a new correction does not offer them. */
function namedBefore(task: TaskDetail): string[] {
  const listOf = (value: unknown) => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : []);
  return [
    ...listOf(task.outcome?.evidence),
    ...task.history
      .filter((entry) => entry.type === 'measurement.corrected')
      .flatMap((entry) => listOf((entry.payload as { evidence?: unknown } | null)?.evidence)),
  ];
}

/** The form starts from the figures as they stand: the person changes what was wrong. */
function draftsOf(indicators: readonly FormIndicator[], figures: readonly ReportedFigure[]) {
  const text = (n: number | undefined) => (n === undefined ? '' : String(n));
  return Object.fromEntries(
    indicators.map((indicator) => {
      const figure = figures.find((f) => f.indicatorId === indicator.id);
      const draft: FigureDraft = figure
        ? {
            numerator: text(figure.numerator),
            denominator: text(figure.denominator),
            pendingOverdue: text(figure.pendingOverdue),
            value: text(figure.value),
            achieved: figure.achieved === undefined ? '' : figure.achieved ? 'yes' : 'no',
          }
        : emptyFigureFor(indicator);
      return [indicator.id, draft];
    }),
  );
}

/**
 * A figure reported wrong (a case counted twice, one of the next quarter's) is corrected on the
 * report's own page, before the year closes, by whoever reported it or the head of the objective's
 * unit: the figures as they stand now, the corrected ones and the reason. The monitoring keeps both
 * values, who and why, and evaluates the objective again (docs/api.md "Correcting a reported
 * figure"). The form sends the figures it showed (`ifFiguresWere`): corrected meanwhile by the other
 * of the two, the API refuses, and the form shows the figures as they are to decide again. Folded
 * until asked for, as the reassignment is.
 */
export function CorrectFigures({
  task,
  onCorrected,
}: {
  task: TaskDetail;
  onCorrected: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation('tasks');
  const indicators = ((task.form as { indicators?: FormIndicator[] } | null)?.indicators ??
    []) as FormIndicator[];
  const [current, setCurrent] = useState<ReportedFigure[] | null>(null);
  const [open, setOpen] = useState(false);
  const [drafts, setDrafts] = useState<Record<string, FigureDraft>>({});
  const [reason, setReason] = useState('');
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const [done, setDone] = useState(false);
  const requestId = useRequestId();
  const section = useRef<HTMLElement>(null);
  const { busy, problem, setProblem, submit } = useSubmission(section, t('page.networkError'));
  const periodKey = task.periodKey as string;

  const load = useCallback(async () => {
    const [cycle, objective] = await Promise.all([
      ok(api.GET('/api/v1/cycles/{cycleId}', { params: { path: { cycleId: task.cycleId } } })),
      ok(
        api.GET('/api/v1/cycles/{cycleId}/objectives/{objectiveId}', {
          params: { path: { cycleId: task.cycleId, objectiveId: task.objectiveId as string } },
        }),
      ),
    ]);
    // Once the year is closed (or cancelled) its figures are final: nothing to offer.
    if (cycle.status === 'closed' || cycle.status === 'cancelled') return setCurrent(null);
    setCurrent(currentFigures(objective.indicators, periodKey));
  }, [task.cycleId, task.objectiveId, periodKey]);

  useEffect(() => {
    void load().catch(() => setCurrent(null));
  }, [load]);

  if (!current || current.length === 0) return null;

  const start = () => {
    setDrafts(draftsOf(indicators, current));
    setReason('');
    setFiles([]);
    setProblem(null);
    setEdited(new Set());
    setDone(false);
    setOpen(true);
  };

  const send = submit(
    async () => {
      setEdited(new Set());
      if (reason.trim().length < 3)
        return setProblem(
          new ApiProblem(
            400,
            'VALIDATION',
            '',
            [{ path: 'reason', reason: t('correct.reasonTooShort') }],
            undefined,
          ),
        );
      const body = {
        figures: indicators.map((indicator) =>
          figureOutcome(indicator, drafts[indicator.id] ?? emptyFigureFor(indicator), i18n.language),
        ),
        reason: reason.trim(),
        ...(files.length > 0 ? { evidence: evidenceReferences(files) } : {}),
        ifFiguresWere: current,
      };
      await ok(
        api.POST('/api/v1/cycles/{cycleId}/objectives/{objectiveId}/measurements/{periodKey}/correct', {
          params: { path: { cycleId: task.cycleId, objectiveId: task.objectiveId as string, periodKey } },
          // A figure typed that is no number is sent as typed, for the API to name its field.
          body: body as typeof body & { figures: { indicatorId: string }[] },
          headers: { 'x-request-id': requestId.idFor({ taskId: task.id, ...body }) },
        }),
      );
      requestId.succeeded();
      setOpen(false);
      // Said once the list shows the corrected figures (saved even if reading them back fails).
      await load().catch(() => undefined);
      await onCorrected();
      setDone(true);
    },
    // Corrected meanwhile by the other of the two: the form now holds the figures as they are.
    async (refusal) => {
      const now = refusal.status === 409 ? refusal.details?.current : undefined;
      if (Array.isArray(now)) {
        setCurrent(now as ReportedFigure[]);
        setDrafts(draftsOf(indicators, now as ReportedFigure[]));
        await onCorrected();
      }
    },
  );

  const book = new ProblemBook(problem, edited, (path) => setEdited((known) => new Set(known).add(path)));
  const fieldless = problem && problem.problems.length === 0 ? problem : null;
  return (
    <section ref={section} className="card correct-figures" aria-labelledby="correct-title">
      <h2 id="correct-title">{t('correct.title')}</h2>
      {done && (
        <div className="notice notice-ok" role="status">
          {t('correct.done')}
        </div>
      )}
      {!open ? (
        <>
          <p className="muted">{t('correct.lead')}</p>
          <div className="actions">
            <button type="button" className="button" onClick={start}>
              {t('correct.open')}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={send} noValidate aria-labelledby="correct-title">
          <p className="muted">{t('correct.explain')}</p>
          {indicators.map((indicator) => (
            <FigureInput
              key={indicator.id}
              indicator={indicator}
              draft={drafts[indicator.id] ?? emptyFigureFor(indicator)}
              onChange={(draft) => setDrafts({ ...drafts, [indicator.id]: draft })}
              problems={book}
            />
          ))}
          <ReasonField
            label={t('correct.reason')}
            hint={t('correct.reasonHint')}
            problems={book.at('reason')}
            value={reason}
            disabled={busy}
            onChange={(text) => {
              setReason(text);
              book.edit('reason');
            }}
          />
          <EvidenceEditor
            task={task}
            recordType="measurement"
            recordKey={task.id}
            legend={t('evidence.legend')}
            hint={t('correct.evidenceHint')}
            problems={book}
            files={files}
            onFiles={setFiles}
            alreadyNamed={namedBefore(task)}
          />
          {(fieldless || book.exact('figures').length > 0) && (
            <div className="notice notice-error" role="alert">
              {fieldless
                ? fieldless.message || t('page.networkError')
                : book
                    .exact('figures')
                    .map((p) => p.reason)
                    .join(' ')}
            </div>
          )}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('correct.submitting') : t('correct.submit')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setOpen(false)}>
              {t('correct.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
