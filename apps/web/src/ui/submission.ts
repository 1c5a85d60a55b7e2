import { useCallback, useRef, useState, type FormEvent } from 'react';
import { problemOf, type ApiProblem } from '../api/client';
import { focusOutcome } from './focus';

/**
 * A form's request in flight: `run` does nothing while one is on its way (a second click never
 * applies twice), keeps the refusal in `error`, and clears it when a new attempt starts. `onError`,
 * when given, takes the refusal instead (awaited: it may read again what changed meanwhile).
 */
export function useBusyAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);
  const run = useCallback(
    async (action: () => Promise<void>, onError?: (caught: unknown) => void | Promise<void>) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setBusy(true);
      setError(null);
      try {
        await action();
      } catch (caught) {
        await (onError ?? setError)(caught);
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [],
  );
  return { busy, error, setError, run };
}

/**
 * `onSubmit` for a form: no page reload, then `action`; then focus goes where the form now speaks
 * (focusOutcome): its submit button was disabled while sending, which drops the focus to the top.
 */
export const submitWith = (action: () => Promise<void>) => (event: FormEvent<HTMLFormElement>) => {
  event.preventDefault();
  const form = event.currentTarget;
  void action().finally(() => focusOutcome(form));
};

/**
 * {@link useBusyAction} for a form whose refusal is shown field by field: `problem` is the API's
 * refusal, a check of the form's own (`setProblem`), or `networkWords` when no answer came; once a
 * request is over, focus goes to what `outcome` now says, so that a keyboard or screen-reader user
 * hears the result where they are. `refused`, when given, hears the refusal once it is shown.
 */
export function useSubmission(outcome: { readonly current: HTMLElement | null }, networkWords: string) {
  const { busy, error, setError, run } = useBusyAction();
  const problem = error === null ? null : problemOf(error, networkWords);
  const send = (work: () => Promise<void>, refused?: (problem: ApiProblem) => Promise<void>) =>
    run(work, async (caught) => {
      setError(caught);
      await refused?.(problemOf(caught, networkWords));
    }).finally(() => focusOutcome(outcome.current));
  /** The form's `onSubmit`: `work` sent as `send` does. */
  const submit =
    (work: () => Promise<void>, refused?: (problem: ApiProblem) => Promise<void>) => (event: FormEvent) => {
      event.preventDefault();
      void send(work, refused);
    };
  return { busy, problem, setProblem: setError, send, submit };
}
