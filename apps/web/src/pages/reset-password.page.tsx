import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { api, ok } from '../api/client';
import { useSession } from '../auth/session';
import { newPasswordProblem, NewPasswordFields, type NewPasswordDraft } from '../account/new-password';
import { SignInCard } from '../layout/sign-in-card';
import { usePageTitle } from '../ui/page-title';
import { useSubmission } from '../ui/submission';

/**
 * The mailed link, `/reset-password?token=…`: a new password, twice, then signed in. The token is
 * moved out of the address bar at once (into this history entry's state), so that it is not left in
 * the browser's history list or shown over someone's shoulder.
 */
export default function ResetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('password.resetTitle'));
  const { begin } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(
    () =>
      new URLSearchParams(location.search).get('token') ??
      (location.state as { token?: string } | null)?.token ??
      '',
  );
  const [draft, setDraft] = useState<NewPasswordDraft>({ password: '', repeat: '' });
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState(false);
  const card = useRef<HTMLDivElement>(null);
  const { busy, problem: refusal, submit } = useSubmission(card, t('errors.network'));

  useEffect(() => {
    if (location.search) navigate(location.pathname, { replace: true, state: { token } });
  }, [location.pathname, location.search, navigate, token]);

  const problem = tried ? newPasswordProblem(draft) : undefined;
  const send = submit(async () => {
    setTried(true);
    if (newPasswordProblem(draft)) return;
    begin(
      await ok(
        api.POST('/api/v1/auth/password-reset/complete', { body: { token, password: draft.password } }),
      ),
    );
    setDone(true);
  });
  // Used, expired or not genuine: this link will not do, a new one will.
  const linkRefused = refusal !== null && (refusal.status === 409 || refusal.status === 422);

  return (
    <SignInCard title={t('password.resetTitle')} ref={card}>
      {done ? (
        <>
          <div className="notice notice-ok" role="status">
            {t('password.resetDone')}
          </div>
          <Link className="button button-primary" to="/">
            {t('password.continue')}
          </Link>
        </>
      ) : token === '' ? (
        <div className="notice notice-error" role="alert">
          {t('password.noLink')}
        </div>
      ) : (
        <>
          <p className="muted">{t('password.resetLead')}</p>
          {refusal && (
            <div className="notice notice-error" role="alert">
              {refusal.status === 429 ? t('password.tooMany') : refusal.message}
            </div>
          )}
          {!linkRefused && (
            <form onSubmit={send} noValidate>
              <NewPasswordFields draft={draft} onChange={setDraft} problem={problem} />
              <button type="submit" className="button button-primary" disabled={busy}>
                {t('password.set')}
              </button>
            </form>
          )}
        </>
      )}
      {!done && (linkRefused || token === '') && (
        <Link className="button button-primary" to="/forgot-password">
          {t('password.askAgain')}
        </Link>
      )}
      {!done && (
        <Link className="button button-quiet" to="/sign-in">
          {t('signIn.backToSignIn')}
        </Link>
      )}
    </SignInCard>
  );
}
