import type { paths } from '../api/schema';

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
