/** Authorization Code + PKCE (RFC 7636) in the browser: the verifier stays in this tab until the callback. */
const PENDING_KEY = 'qcycle.sso.pending';

function randomText(bytes: number): string {
  const buffer = crypto.getRandomValues(new Uint8Array(bytes));
  return base64Url(buffer);
}

function base64Url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const ssoRedirectUri = () => `${window.location.origin}/auth/callback`;

/** Sends the browser to the organisation's SSO; it comes back to /auth/callback with a code. */
export async function startSso(
  sso: { authorizationEndpoint: string; clientId: string; scope: string },
  returnTo: string,
) {
  const verifier = randomText(32);
  const state = randomText(16);
  const challenge = base64Url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(sso.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: sso.clientId,
    redirect_uri: ssoRedirectUri(),
    scope: sso.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** The verifier and where to go back to, if `state` is the one this tab sent (then forgotten). */
export function takePendingSso(state: string | null): { verifier: string; returnTo: string } | null {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!raw || !state) return null;
  const pending = JSON.parse(raw) as { verifier: string; state: string; returnTo: string };
  return pending.state === state ? pending : null;
}
