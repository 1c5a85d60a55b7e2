import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../ui/field';
import { signInWithPassword, useSession, type Me } from './session';
import { useSubmission } from '../ui/submission';

/**
 * Sign in again without leaving the page: shown over it when the session's token has expired, so a
 * half-filled form is still there afterwards, to be sent again. The same person only (the e-mail is
 * theirs); someone else signs out first. A person who signs in through SSO has no password here:
 * the dialog says that signing in again leaves the page, and what is not sent is lost.
 */
export function SessionExpiredDialog() {
  const { user, expired, begin, signOut } = useSession();
  return user && expired ? <SignInAgain user={user} begin={begin} signOut={signOut} /> : null;
}

function SignInAgain({
  user,
  begin,
  signOut,
}: Pick<ReturnType<typeof useSession>, 'begin' | 'signOut'> & { user: Me }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  // The refusal is said by the password field, which takes focus with it (focusOutcome).
  const { busy, problem, setProblem, submit } = useSubmission(dialog, t('errors.network'));
  const refusal = missing
    ? t('sessionExpired.passwordRequired')
    : problem
      ? problem.status === 0
        ? t('errors.network')
        : problem.status === 429
          ? t('signIn.tooMany')
          : t('signIn.wrongPassword')
      : undefined;

  // A modal <dialog>: the page behind is inert and keeps its state; focus starts in the dialog.
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const withPassword = user.authenticatedBy !== 'oidc';

  const send = submit(async () => {
    setMissing(!password);
    if (!password) return;
    begin(await signInWithPassword(user.email, password));
  });

  return (
    <dialog
      ref={dialog}
      className="card session-expired"
      aria-labelledby="session-expired-title"
      aria-describedby="session-expired-body"
      // Escape would leave the page behind a session that no longer works.
      onCancel={(event) => event.preventDefault()}
    >
      <h2 id="session-expired-title">{t('sessionExpired.title')}</h2>
      <p id="session-expired-body">{withPassword ? t('sessionExpired.body') : t('sessionExpired.sso')}</p>
      {withPassword ? (
        <form onSubmit={send} noValidate>
          <p>
            {t('signIn.email')}: <strong>{user.email}</strong>
          </p>
          <div className={`field${refusal ? ' field-invalid' : ''}`}>
            <label htmlFor="session-expired-password">{t('signIn.password')}</label>
            <input
              id="session-expired-password"
              type="password"
              autoComplete="current-password"
              autoFocus
              value={password}
              aria-invalid={refusal ? true : undefined}
              aria-describedby={refusal ? 'session-expired-refusal' : undefined}
              onChange={(event) => {
                setPassword(event.target.value);
                setMissing(false);
                setProblem(null);
              }}
            />
            <FieldError id="session-expired-refusal" problems={refusal ? [{ reason: refusal }] : []} />
          </div>
          <p className="actions">
            <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
              {t('sessionExpired.submit')}
            </button>
            <button type="button" className="button" onClick={() => signOut()}>
              {t('sessionExpired.signOut')}
            </button>
          </p>
        </form>
      ) : (
        <p className="actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => signOut({ keepDrafts: true })}
          >
            {t('sessionExpired.toSignIn')}
          </button>
        </p>
      )}
    </dialog>
  );
}
