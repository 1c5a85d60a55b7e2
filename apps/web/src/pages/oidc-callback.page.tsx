import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, ok } from '../api/client';
import { useSession } from '../auth/session';
import { ssoRedirectUri, takePendingSso } from '../auth/pkce';

/** Back from the SSO with a code: the API exchanges it (with this tab's PKCE verifier) for a session. */
export default function OidcCallbackPage() {
  const { t } = useTranslation();
  const { begin } = useSession();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const params = new URLSearchParams(window.location.search);
    const pending = takePendingSso(params.get('state'));
    const code = params.get('code');
    if (!pending || !code) {
      setFailed(true);
      return;
    }
    ok(
      api.POST('/api/v1/auth/oidc/exchange', {
        body: { code, codeVerifier: pending.verifier, redirectUri: ssoRedirectUri() },
      }),
    ).then(
      (session) => {
        begin(session);
        navigate(pending.returnTo, { replace: true });
      },
      () => setFailed(true),
    );
  }, [begin, navigate]);

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        {failed ? (
          <>
            <div className="notice notice-error" role="alert">
              {t('signIn.ssoFailed')}
            </div>
            <Link className="button button-primary" to="/sign-in">
              {t('signIn.backToSignIn')}
            </Link>
          </>
        ) : (
          <p role="status">{t('signIn.ssoInProgress')}</p>
        )}
      </div>
    </main>
  );
}
