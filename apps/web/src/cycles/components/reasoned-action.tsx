import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { ReasonField } from '../../ui/field';
import { focusOutcome } from '../../ui/focus';
import { useSubmission } from '../../ui/submission';

/**
 * The words of one {@link ReasonedAction}, in the page's language. The reason's hint and its refusal
 * when too short, and "back", are the same for every such action.
 */
export interface ReasonedActionWords {
  title: string;
  lead: string;
  reason: string;
  ask: string;
  confirmText: string;
  confirm: string;
  busy: string;
  /** Said once done, where the page stays. */
  done: string;
  /** A refusal in words: 409 (the state does not allow it), 403 (not this person's to do). */
  conflict: string;
  forbidden: string;
}

/**
 * An action that cannot be undone, taken on a cycle's records: a reason (for the record, 3 to 500
 * characters), then an explicit second step that says what it does. Refusals (400 reason, 403, 409)
 * are shown where it was asked. Cancelling a running cycle, discarding an ended rehearsal,
 * withdrawing a wrong scan from a signed paper's copies.
 */
export function ReasonedAction({
  words,
  className,
  submit,
  onDone,
  heading: Heading = 'h2',
}: {
  words: ReasonedActionWords;
  className: string;
  submit: (reason: string) => Promise<unknown>;
  onDone: () => void;
  /** Its title's level: a section of the page (`h2`), or a part of one of its sections (`h3`). */
  heading?: 'h2' | 'h3';
}) {
  const { t } = useTranslation('cycles');
  const id = useId();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  const section = useRef<HTMLElement>(null);
  const { busy, problem, setProblem, send } = useSubmission(section, t('errors.network'));

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

  const confirm = () =>
    send(
      async () => {
        await submit(reason.trim());
        setDone(true);
        setConfirming(false);
        onDone();
      },
      async () => setConfirming(false),
    );

  if (done)
    return (
      <div className="notice notice-ok" role="status">
        {words.done}
      </div>
    );

  const general = problem && problem.at('reason').length === 0 ? problem : null;
  return (
    <section ref={section} className={`card reasoned-action ${className}`} aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`}>{words.title}</Heading>
      <p className="muted">{words.lead}</p>
      <form onSubmit={ask} noValidate>
        <ReasonField
          label={words.reason}
          hint={t('cancel.reasonHint')}
          problems={problem?.at('reason') ?? []}
          value={reason}
          disabled={confirming || busy}
          onChange={setReason}
        />
        {general && (
          <div className="notice notice-error" role="alert">
            {general.status === 409
              ? general.message || words.conflict
              : general.status === 403
                ? words.forbidden
                : general.message || t('errors.network')}
          </div>
        )}
        {!confirming && (
          <div className="actions">
            <button type="submit" className="button button-danger">
              {words.ask}
            </button>
          </div>
        )}
      </form>
      {confirming && (
        <div
          className="notice notice-warn confirm-step"
          role="alertdialog"
          aria-labelledby={`${id}-confirm-text`}
          tabIndex={-1}
          ref={confirmRef}
        >
          <p id={`${id}-confirm-text`}>{words.confirmText}</p>
          <div className="actions">
            <button
              type="button"
              className="button button-danger"
              onClick={() => void confirm()}
              disabled={busy}
            >
              {busy ? words.busy : words.confirm}
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
