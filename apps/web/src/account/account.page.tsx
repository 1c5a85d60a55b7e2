import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ok } from '../api/client';
import { useSession } from '../auth/session';
import { Field } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { newPasswordProblem, NewPasswordFields, type NewPasswordDraft } from './new-password';
import './account.css';
import { useSubmission } from '../ui/submission';

const EMPTY: NewPasswordDraft = { password: '', repeat: '' };

/**
 * "Tài khoản của tôi": who I am signed in as, and my password — changed after typing the current
 * one, or set a first time by someone who has none (signed in through the SSO). My other sessions end;
 * this one goes on with the session the API answers.
 */
export default function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('password.accountTitle'));
  const { user, begin } = useSession();
  const [passwordSignIn, setPasswordSignIn] = useState<boolean | null>(null);
  const [current, setCurrent] = useState('');
  const [draft, setDraft] = useState<NewPasswordDraft>(EMPTY);
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState<{ feedStopped: boolean } | null>(null);
  const form = useRef<HTMLElement>(null);
  const { busy, problem: refusal, submit } = useSubmission(form, t('errors.network'));

  // Read now, not from the session kept since sign-in: a password may have been set since, elsewhere.
  const [hasPassword, setHasPassword] = useState<boolean | undefined>(user?.hasPassword);
  useEffect(() => {
    void api.GET('/api/v1/auth/providers').then(({ data }) => setPasswordSignIn(data?.password ?? true));
    void api.GET('/api/v1/auth/me').then(({ data }) => data && setHasPassword(data.hasPassword));
  }, []);

  if (!user) return null;
  // Unknown (a session kept from before qcycle said): the current password is asked, as for most.
  const first = hasPassword === false;
  const problem = tried ? newPasswordProblem(draft) : undefined;
  const currentMissing = tried && !first && current === '';
  const currentRefused = refusal?.at('currentPassword') ?? [];

  const send = submit(async () => {
    setTried(true);
    setDone(null);
    if (newPasswordProblem(draft) || (!first && current === '')) return;
    const answer = await ok(
      api.POST('/api/v1/auth/me/password', {
        body: { ...(first ? {} : { currentPassword: current }), newPassword: draft.password },
      }),
    );
    begin(answer);
    setHasPassword(true);
    setCurrent('');
    setDraft(EMPTY);
    setTried(false);
    setDone({ feedStopped: answer.calendarFeedStopped });
  });

  return (
    <div className="account">
      <h1>{t('password.accountTitle')}</h1>
      <dl className="account-facts">
        <dt>{t('password.name')}</dt>
        <dd>{user.fullName}</dd>
        <dt>{t('signIn.email')}</dt>
        <dd>{user.email}</dd>
      </dl>
      <section aria-labelledby="password-heading" className="card" ref={form}>
        <h2 id="password-heading">{first ? t('password.firstTitle') : t('password.changeTitle')}</h2>
        {passwordSignIn === false ? (
          <p>{t('password.ssoOnly')}</p>
        ) : (
          <>
            <p className="muted">{first ? t('password.firstLead') : t('password.changeLead')}</p>
            {done && (
              <div className="notice notice-ok" role="status">
                <p>{t('password.changed')}</p>
                {done.feedStopped && (
                  <p>
                    {t('password.feedStopped')}{' '}
                    <Link to="/notifications">{t('password.toNotifications')}</Link>
                  </p>
                )}
              </div>
            )}
            {refusal && currentRefused.length === 0 && (
              <div className="notice notice-error" role="alert">
                {refusal.status === 429 ? t('password.tooMany') : refusal.message}
              </div>
            )}
            <form onSubmit={send} noValidate>
              {!first && (
                <Field
                  label={t('password.current')}
                  problems={
                    currentMissing
                      ? [{ path: 'currentPassword', reason: t('password.currentMissing') }]
                      : currentRefused.length > 0
                        ? [{ path: 'currentPassword', reason: t('password.currentWrong') }]
                        : []
                  }
                >
                  {({ id, describedBy, invalid }) => (
                    <input
                      id={id}
                      type="password"
                      autoComplete="current-password"
                      required
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                      value={current}
                      onChange={(e) => setCurrent(e.target.value)}
                    />
                  )}
                </Field>
              )}
              <NewPasswordFields draft={draft} onChange={setDraft} problem={problem} />
              <button type="submit" className="button button-primary" disabled={busy}>
                {first ? t('password.set') : t('password.change')}
              </button>
            </form>
          </>
        )}
      </section>
    </div>
  );
}
