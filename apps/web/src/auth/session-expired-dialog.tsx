import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { FieldError } from '../ui/field';
import { focusOutcome } from '../ui/focus';
import { signInWithPassword, useSession, type Me } from './session';

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
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string>();

  // A modal <dialog>: the page behind is inert and keeps its state; focus starts in the dialog.
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const withPassword = user.authenticatedBy !== 'oidc';

  // The refusal is said by the password field, which takes focus with it (focusOutcome).
  const refuse = (reason: string) => {
    setRefusal(reason);
    focusOutcome(dialog.current);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!password) return refuse(t('sessionExpired.passwordRequired'));
    setBusy(true);
    setRefusal(undefined);
    try {
      begin(await signInWithPassword(user.email, password));
    } catch (error) {
      refuse(
        error instanceof ApiProblem
          ? error.status === 429
            ? t('signIn.tooMany')
            : t('signIn.wrongPassword')
          : t('errors.network'),
      );
      setBusy(false);
    }
  };

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
        <form onSubmit={submit} noValidate>
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
                setRefusal(undefined);
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
