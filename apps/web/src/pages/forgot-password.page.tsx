import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { api, ok } from '../api/client';
import { EmailField, SignInCard } from '../layout/sign-in-card';
import { usePageTitle } from '../ui/page-title';
import { useSubmission } from '../ui/submission';

/**
 * "Quên mật khẩu?": the address to mail a link to. The answer is the same whether or not the address
 * has an account (the API does not say which), so the page says "if".
 */
export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('password.forgotTitle'));
  const location = useLocation();
  const [email, setEmail] = useState((location.state as { email?: string } | null)?.email ?? '');
  const [missing, setMissing] = useState(false);
  const [sent, setSent] = useState<{ email: string; minutes: number } | null>(null);
  const card = useRef<HTMLDivElement>(null);
  const { busy, problem, submit } = useSubmission(card, t('errors.network'));
  // 400: not an address; 429: asked too often; 403: not here (the API says why, in this language).
  const error = missing
    ? t('password.emailMissing')
    : problem &&
      (problem.status === 400
        ? t('signIn.malformed')
        : problem.status === 429
          ? t('password.tooMany')
          : problem.message);

  const send = submit(async () => {
    setMissing(email.trim() === '');
    if (email.trim() === '') return;
    const answer = await ok(api.POST('/api/v1/auth/password-reset', { body: { email: email.trim() } }));
    setSent({ email: email.trim(), minutes: answer.linkValidMinutes });
  });

  return (
    <SignInCard title={t('password.forgotTitle')} ref={card}>
      {sent ? (
        <div className="notice notice-ok" role="status">
          <p>{t('password.sent', { email: sent.email, minutes: sent.minutes })}</p>
          <p>{t('password.sentHint')}</p>
        </div>
      ) : (
        <>
          <p className="muted">{t('password.forgotLead')}</p>
          {error && (
            <div className="notice notice-error" role="alert">
              {error}
            </div>
          )}
          <form onSubmit={send} noValidate>
            <EmailField value={email} onChange={setEmail} />
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('password.send')}
            </button>
          </form>
        </>
      )}
      <Link className="button button-quiet" to="/sign-in">
        {t('signIn.backToSignIn')}
      </Link>
    </SignInCard>
  );
}
