import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { api, ApiProblem } from '../api/client';
import type { components } from '../api/schema';
import { signInWithPassword, useSession } from '../auth/session';
import { startSso } from '../auth/pkce';
import { EmailField, SignInCard } from '../layout/sign-in-card';
import { Field } from '../ui/field';
import { focusOutcome } from '../ui/focus';
import { usePageTitle } from '../ui/page-title';

type Providers = components['schemas']['AuthProvidersView'];

export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('signIn.submit'));
  const { user, begin } = useSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [providers, setProviders] = useState<Providers>({ password: true, passwordReset: false, sso: null });
  const card = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void api.GET('/api/v1/auth/providers').then(({ data }) => data && setProviders(data));
  }, []);

  if (user && user.authenticatedBy !== 'task-link') return <Navigate to={from} replace />;

  const send = async () => {
    setError(null);
    // Nothing to ask the server yet: say what is missing (the API would answer 400).
    if (email.trim() === '' || password === '') {
      setError(t('signIn.incomplete'));
      return;
    }
    setBusy(true);
    try {
      begin(await signInWithPassword(email, password));
    } catch (caught) {
      const status = caught instanceof ApiProblem ? caught.status : 0;
      setError(
        status === 401
          ? t('signIn.wrongPassword')
          : status === 429
            ? t('signIn.tooMany')
            : status === 400
              ? t('signIn.malformed')
              : t('errors.network'),
      );
    } finally {
      setBusy(false);
    }
  };
  // Focus goes to what the form now says (its button was disabled while sending).
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send().finally(() => focusOutcome(card.current));
  };

  return (
    <SignInCard title={t('signIn.title')} ref={card}>
      <p className="muted">{t('signIn.lead')}</p>
      {error && (
        <div className="notice notice-error" role="alert">
          {error}
        </div>
      )}
      {providers.password && (
        <form onSubmit={submit} noValidate>
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
