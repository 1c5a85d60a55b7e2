import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type FieldProblem } from '../../api/client';
import { useRequestId } from '../../api/request-id';
import type { components } from '../../api/schema';
import { vietnamToday } from '../../ui/dates';
import { Field, ReasonField } from '../../ui/field';
import { useFormat } from './format';
import { DateInput } from '../../ui/date-input';
import { useSubmission } from '../../ui/submission';

type RegisteredDocument = components['schemas']['DocumentVersionView'];

/**
 * One register row's number on sending (docs/documents.md "Numbering on sending"): the number and
 * day the clerical office gave the signed paper, once recorded; for the Quality Representative
 * (`canRecord`), on a version printed with a blank `Số:` line (`dispatchSymbol`), a small form that
 * records them (PUT /documents/{id}/dispatch) — the number prefilled with its symbol, the clerk's
 * digits typed before it — and corrects them with a reason. Refusals are shown by their field.
 */
export function DispatchNumber({
  entry,
  canRecord,
  onRecorded,
}: {
  entry: RegisteredDocument;
  canRecord: boolean;
  onRecorded: () => void;
}) {
  const { t } = useTranslation('cycles');
  const format = useFormat();
  const symbol = entry.dispatchSymbol;
  const correcting = entry.dispatchNumber !== null;
  const [open, setOpen] = useState(false);
  const [number, setNumber] = useState(entry.dispatchNumber ?? symbol ?? '');
  const [dispatchedOn, setDispatchedOn] = useState(entry.dispatchedOn ?? vietnamToday());
  const [reason, setReason] = useState('');
  const requestId = useRequestId();
  const form = useRef<HTMLFormElement>(null);
  const { busy, problem, submit } = useSubmission(form, t('errors.network'));

  const recorded = entry.dispatchNumber !== null && entry.dispatchedOn !== null && (
    <span className="dispatch-number">
      {t('dispatchNumber.recorded', {
        number: entry.dispatchNumber,
        date: format.date(entry.dispatchedOn),
      })}
    </span>
  );
  if (symbol === null || !canRecord) return recorded || null;

  const send = submit(async () => {
    const body = {
      number: number.trim(),
      dispatchedOn,
      ...(correcting && reason.trim() ? { reason: reason.trim() } : {}),
    };
    await ok(
      api.PUT('/api/v1/documents/{documentId}/dispatch', {
        params: { path: { documentId: entry.id } },
        body,
        headers: { 'x-request-id': requestId.idFor({ id: entry.id, ...body }) },
      }),
    );
    requestId.succeeded();
    setOpen(false);
    setReason('');
    onRecorded();
  });

  // The API's reasons name the rule in English; each field says it in the page's words.
  const said = (path: string, words: string): FieldProblem[] =>
    problem?.at(path).length ? [{ path, reason: words }] : [];
  const numberProblems = said('number', t('dispatchNumber.numberInvalid', { symbol }));
  const dateProblems = said(
    'dispatchedOn',
    t('dispatchNumber.dateInvalid', { issued: format.date(entry.issuedOn) }),
  );
  const reasonProblems = said('reason', t('dispatchNumber.reasonRequired'));
  const named = new Set(['number', 'dispatchedOn', 'reason']);
  const general = problem?.problems.filter((p) => !named.has(p.path)) ?? [];
  const refusal =
    problem && problem.problems.length === 0
      ? problem.status === 403
        ? t('dispatchNumber.forbidden')
        : problem.message || t('errors.network')
      : general.length > 0
        ? general.map((p) => p.reason).join(' ')
        : null;

  if (!open)
    return (
      <div className="dispatch-number">
        {recorded}
        <button type="button" className="button button-quiet" onClick={() => setOpen(true)}>
          {correcting ? t('dispatchNumber.correct') : t('dispatchNumber.record')}
        </button>
      </div>
    );

  return (
    <form ref={form} className="dispatch-number" onSubmit={send} noValidate>
      <Field
        label={t('dispatchNumber.number')}
        hint={t('dispatchNumber.numberHint', { symbol })}
        problems={numberProblems}
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="text"
            inputMode="text"
            autoComplete="off"
            maxLength={60}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            value={number}
            disabled={busy}
            // The digits go before the symbol: the caret starts there.
            onFocus={(event) => {
              if (event.target.value === symbol) event.target.setSelectionRange(0, 0);
            }}
            onChange={(event) => setNumber(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('dispatchNumber.date')} problems={dateProblems}>
        {({ id, describedBy, invalid }) => (
          <DateInput
            id={id}
            min={entry.issuedOn}
            max={vietnamToday()}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            value={dispatchedOn}
            disabled={busy}
            onChange={setDispatchedOn}
          />
        )}
      </Field>
      {correcting && (
        <ReasonField
          label={t('dispatchNumber.reason')}
          hint={t('dispatchNumber.reasonHint')}
          problems={reasonProblems}
          value={reason}
          disabled={busy}
          onChange={setReason}
        />
      )}
      {refusal && (
        <div className="notice notice-error" role="alert">
          {refusal}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('dispatchNumber.saving') : t('dispatchNumber.save')}
        </button>
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => setOpen(false)}>
          {t('dispatchNumber.cancel')}
        </button>
      </div>
    </form>
  );
}
