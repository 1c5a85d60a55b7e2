import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, ok, type FieldProblem } from '../../api/client';
import { useRequestId } from '../../api/request-id';
import { Field, ReasonField } from '../../ui/field';
import type { Format } from './format';
import './move-cycle-dates.css';
import { DateInput } from '../../ui/date-input';
import { useSubmission } from '../../ui/submission';

/** The dates a cycle goes by after its last move (the `after` of the latest `cycle.dates-moved`). */
export interface MovedDates {
  auditWindow: { from: string; to: string };
  managementReviewDate: string;
}

/**
 * The Quality Representative moves the internal audit window or the management review date of a
 * running cycle, with a reason (POST /cycles/{cycleId}/dates). The workflow refuses a phase already
 * started (409) and dates that no longer make a calendar (422): each problem is shown by its field.
 */
export function MoveCycleDates({
  cycleId,
  lastMove,
  format,
  onMoved,
}: {
  cycleId: string;
  lastMove: MovedDates | undefined;
  format: Format;
  onMoved: () => void;
}) {
  const { t } = useTranslation('cycles');
  const [auditFrom, setAuditFrom] = useState('');
  const [auditTo, setAuditTo] = useState('');
  const [reviewDate, setReviewDate] = useState('');
  const [reason, setReason] = useState('');
  const requestId = useRequestId();
  const section = useRef<HTMLElement>(null);
  const { busy, problem, setProblem, submit } = useSubmission(section, t('errors.network'));
  const [moved, setMoved] = useState<MovedDates | null>(null);

  const local = (problems: FieldProblem[]) => new ApiProblem(400, 'VALIDATION', '', problems, undefined);

  const send = submit(async () => {
    setMoved(null);
    const auditGiven = auditFrom !== '' || auditTo !== '';
    if (!auditGiven && reviewDate === '') {
      setProblem(local([{ path: '', reason: t('moveDates.nothingToMove') }]));
      return;
    }
    if (reason.trim().length < 3) {
      setProblem(local([{ path: 'reason', reason: t('moveDates.reasonTooShort') }]));
      return;
    }
    const body = {
      // A half-given window goes as it is: the API names the missing day.
      ...(auditGiven ? { auditWindow: { from: auditFrom, to: auditTo } } : {}),
      ...(reviewDate ? { reviewDate } : {}),
      reason: reason.trim(),
    };
    const answer = await ok(
      api.POST('/api/v1/cycles/{cycleId}/dates', {
        params: { path: { cycleId } },
        body,
        headers: { 'x-request-id': requestId.idFor(body) },
      }),
    );
    requestId.succeeded();
    setMoved({ auditWindow: answer.auditWindow, managementReviewDate: answer.reviewDate });
    setAuditFrom('');
    setAuditTo('');
    setReviewDate('');
    setReason('');
    onMoved();
  });

  const at = (...paths: string[]) => paths.flatMap((path) => problem?.at(path) ?? []);
  const exact = (path: string) => problem?.problems.filter((p) => p.path === path) ?? [];
  // The window as a whole (out of the year) is said at its first day; a review after the close at the review.
  const fromProblems = [...exact('auditWindow'), ...at('auditWindow.from')];
  const toProblems = at('auditWindow.to');
  const reviewProblems = at('reviewDate', 'closeDate');
  const reasonProblems = at('reason');
  const shown = new Set([...fromProblems, ...toProblems, ...reviewProblems, ...reasonProblems]);
  const general = problem?.problems.filter((p) => !shown.has(p)) ?? [];
  const refusal =
    problem && problem.problems.length === 0
      ? problem.status === 409
        ? t('moveDates.conflict')
        : problem.status === 403
          ? t('moveDates.forbidden')
          : problem.message || t('errors.network')
      : null;
  const dateInput =
    (value: string, set: (value: string) => void) =>
    ({ id, describedBy, invalid }: { id: string; describedBy?: string; invalid: boolean }) => (
      <DateInput
        id={id}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        value={value}
        disabled={busy}
        onChange={set}
      />
    );

  return (
    <section ref={section} className="card move-dates" aria-labelledby="move-dates-heading">
      <h2 id="move-dates-heading">{t('moveDates.title')}</h2>
      <p className="muted">{t('moveDates.lead')}</p>
      {lastMove && (
        <p>
          {t('moveDates.current', {
            from: format.date(lastMove.auditWindow.from),
            to: format.date(lastMove.auditWindow.to),
            review: format.date(lastMove.managementReviewDate),
          })}
        </p>
      )}
      <form onSubmit={send} noValidate>
        <fieldset className="move-dates-group">
          <legend>{t('moveDates.audit')}</legend>
          <p className="field-hint">{t('moveDates.auditHint')}</p>
          <div className="move-dates-pair">
            <Field label={t('moveDates.auditFrom')} problems={fromProblems}>
              {dateInput(auditFrom, setAuditFrom)}
            </Field>
            <Field label={t('moveDates.auditTo')} problems={toProblems}>
              {dateInput(auditTo, setAuditTo)}
            </Field>
          </div>
        </fieldset>
        <Field label={t('moveDates.reviewDate')} hint={t('moveDates.reviewHint')} problems={reviewProblems}>
          {dateInput(reviewDate, setReviewDate)}
        </Field>
        <ReasonField
          label={t('moveDates.reason')}
          hint={t('moveDates.reasonHint')}
          problems={reasonProblems}
          value={reason}
          disabled={busy}
          onChange={setReason}
        />
        {(general.length > 0 || refusal) && (
          <div className="notice notice-error" role="alert">
            {refusal ?? general.map((p) => p.reason).join(' ')}
          </div>
        )}
        {moved && (
          <div className="notice notice-ok" role="status">
            {t('moveDates.done', {
              from: format.date(moved.auditWindow.from),
              to: format.date(moved.auditWindow.to),
              review: format.date(moved.managementReviewDate),
            })}
          </div>
        )}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('moveDates.moving') : t('moveDates.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
