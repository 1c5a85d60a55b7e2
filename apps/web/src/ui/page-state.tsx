import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';

/** Loads data for a page; `reload` fetches again (after an action changed it). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const run = useCallback(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
    // The caller names what the load depends on, as with useEffect.
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}

/** What went wrong, said plainly: not found, not allowed, or the API's own message. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const problem = error instanceof ApiProblem ? error : undefined;
  const text =
    problem?.status === 404
      ? t('errors.notFound')
      : problem?.status === 403
        ? t('errors.forbidden')
        : problem
          ? problem.message
          : t('errors.network');
  return (
    <div className="notice notice-error" role="alert">
      {text}
    </div>
  );
}
