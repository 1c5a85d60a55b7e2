import type { components, paths } from '../api/schema';

/** The API's "sign out everywhere"; typed against the OpenAPI document, so a renamed route fails the type check. */
const SIGN_OUT_EVERYWHERE = '/api/v1/auth/logout' satisfies keyof paths;

/**
 * Asks the API to end this person's sessions: every token it signed for them until now is refused
 * from then on, so a token copied from this computer (a shared office PC) is worth nothing.
 * Best effort: it never throws, and the caller signs out here whatever the answer. `keepalive`
 * lets the request finish when the tab is closed right after. Sent outside the app's client: a 401
 * here means the session had ended already, not that the page's session just expired.
 */
export async function endSessionsOnServer(
  accessToken: string,
  send: typeof fetch = (input, init) => fetch(input, init),
): Promise<boolean> {
  try {
    const answer = await send(SIGN_OUT_EVERYWHERE, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      keepalive: true,
    });
    return answer.ok;
  } catch {
    return false;
  }
}

/** The SSO as the API describes it (`GET /auth/providers`): where its sessions end, and who we are to it. */
type SsoProvider = Pick<components['schemas']['SsoProviderView'], 'endSessionEndpoint' | 'clientId'>;

/**
 * Where the browser goes to end its session at the organisation's SSO (OpenID Connect RP-Initiated
 * Logout), coming back to this app's sign-in page; null when the provider has no such endpoint.
 * Without it, the next person at a shared office PC who presses "Đăng nhập bằng SSO" would be
 * signed in as the last one, whose session at the provider was still open.
 */
export function ssoSignOutUrl(sso: SsoProvider | null | undefined, appOrigin: string): string | null {
  if (!sso?.endSessionEndpoint) return null;
  const url = new URL(sso.endSessionEndpoint);
  url.searchParams.set('client_id', sso.clientId);
  url.searchParams.set('post_logout_redirect_uri', `${appOrigin}/sign-in`);
  return url.href;
}
