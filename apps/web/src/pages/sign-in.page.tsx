import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { api } from '../api/client';
import type { components } from '../api/schema';
import { signInWithPassword, useSession } from '../auth/session';
import { startSso } from '../auth/pkce';
import { EmailField, SignInCard } from '../layout/sign-in-card';
import { Field } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { useSubmission } from '../ui/submission';

type Providers = components['schemas']['AuthProvidersView'];

export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('signIn.submit'));
  const { user, begin } = useSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [incomplete, setIncomplete] = useState(false);
  const [providers, setProviders] = useState<Providers>({ password: true, passwordReset: false, sso: null });
  const card = useRef<HTMLDivElement>(null);
  // Focus goes to what the form now says (its button was disabled while sending).
  const { busy, problem, submit } = useSubmission(card, t('errors.network'));
  const error = incomplete
    ? t('signIn.incomplete')
    : problem &&
      (problem.status === 401
        ? t('signIn.wrongPassword')
        : problem.status === 429
          ? t('signIn.tooMany')
          : problem.status === 400
            ? t('signIn.malformed')
            : t('errors.network'));

  useEffect(() => {
    void api.GET('/api/v1/auth/providers').then(({ data }) => data && setProviders(data));
  }, []);

  if (user && user.authenticatedBy !== 'task-link') return <Navigate to={from} replace />;

  const send = submit(async () => {
    // Nothing to ask the server yet: say what is missing (the API would answer 400).
    setIncomplete(email.trim() === '' || password === '');
    if (email.trim() === '' || password === '') return;
    begin(await signInWithPassword(email, password));
  });

  return (
    <SignInCard title={t('signIn.title')} ref={card}>
      <p className="muted">{t('signIn.lead')}</p>
      {error && (
        <div className="notice notice-error" role="alert">
          {error}
        </div>
      )}
      {providers.password && (
        <form onSubmit={send} noValidate>
          <EmailField value={email} onChange={setEmail} />
          <Field label={t('signIn.password')}>
            {({ id }) => (
              <input
                id={id}
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('signIn.submit')}
          </button>
        </form>
      )}
      {providers.password &&
        (providers.passwordReset ? (
          <Link className="button button-quiet" to="/forgot-password" state={{ email }}>
            {t('signIn.forgot')}
          </Link>
        ) : (
          <p className="muted">{t('signIn.forgotAskAdmin')}</p>
        ))}
      {providers.sso && (
        <button type="button" className="button" onClick={() => void startSso(providers.sso!, from)}>
          {t('signIn.sso')}
        </button>
      )}
    </SignInCard>
  );
}
