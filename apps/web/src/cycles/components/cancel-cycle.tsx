import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, ok, problemOf } from '../../api/client';
import { ReasonField } from '../../ui/field';
import { focusOutcome } from '../../ui/focus';

/**
 * The Quality Representative cancels a running cycle: a reason (for the record), then an explicit
 * second step that says what cancelling does. Refusals (400 reason, 409 not running) are shown.
 */
export function CancelCycle({ cycleId, onCancelled }: { cycleId: string; onCancelled: () => void }) {
  const { t } = useTranslation('cycles');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  const section = useRef<HTMLElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const ask = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (reason.trim().length < 3) {
      setProblem(
        new ApiProblem(
          400,
          'VALIDATION',
          '',
          [{ path: 'reason', reason: t('cancel.reasonTooShort') }],
          undefined,
        ),
      );
      focusOutcome(section.current);
      return;
    }
    setConfirming(true);
  };

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await ok(
        api.POST('/api/v1/cycles/{cycleId}/cancel', {
          params: { path: { cycleId } },
          body: { reason: reason.trim() },
        }),
      );
      setDone(true);
      setConfirming(false);
      onCancelled();
    } catch (error) {
      setProblem(problemOf(error, t('errors.network')));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <div className="notice notice-ok" role="status">
        {t('cancel.done')}
      </div>
    );

  const general = problem && problem.at('reason').length === 0 ? problem : null;
  return (
    <section ref={section} className="card cancel-cycle" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">{t('cancel.title')}</h2>
      <p className="muted">{t('cancel.lead')}</p>
      <form onSubmit={ask} noValidate>
        <ReasonField
          label={t('cancel.reason')}
          hint={t('cancel.reasonHint')}
          problems={problem?.at('reason') ?? []}
          value={reason}
          disabled={confirming || busy}
          onChange={setReason}
        />
        {general && (
          <div className="notice notice-error" role="alert">
            {general.status === 409
              ? t('cancel.notRunning')
              : general.status === 403
                ? t('cancel.forbidden')
                : general.message || t('errors.network')}
          </div>
        )}
        {!confirming && (
          <div className="actions">
            <button type="submit" className="button button-danger">
              {t('cancel.ask')}
            </button>
          </div>
        )}
      </form>
      {confirming && (
        <div
          className="notice notice-warn confirm-step"
          role="alertdialog"
          aria-labelledby="cancel-confirm-text"
          tabIndex={-1}
          ref={confirmRef}
        >
          <p id="cancel-confirm-text">{t('cancel.confirmText')}</p>
          <div className="actions">
            <button
              type="button"
              className="button button-danger"
              onClick={() => void confirm().finally(() => focusOutcome(section.current))}
              disabled={busy}
            >
              {busy ? t('cancel.cancelling') : t('cancel.confirm')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)} disabled={busy}>
              {t('cancel.back')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
