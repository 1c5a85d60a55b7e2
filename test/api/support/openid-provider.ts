import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A person the test SSO knows: `login`/`password` on its sign-in form, `email` in their id_token. */
export interface SsoAccount {
  sub: string;
  email: string;
  name: string;
  login: string;
  password: string;
}

export interface OpenIdProviderOptions {
  /** The public client (PKCE, no secret) the web app is; default `qcycle-web`. */
  clientId?: string;
  /** Redirect URIs registered for the client. Default: `http://127.0.0.1/auth/callback`. */
  redirectUris?: string[];
  /** Also allow any redirect URI starting with this (e.g. `http://127.0.0.1:` for a web app on a port chosen at start). */
  allowRedirectsUnder?: string;
  accounts: SsoAccount[];
}

/**
 * A real OpenID Provider (the `oidc-provider` package) on 127.0.0.1 with a port of its own, with one
 * public client using PKCE and a plain HTML sign-in form. It runs in a child process
 * (`oidc-provider.server.mjs`): the package is ESM-only, which Jest's CommonJS runtime cannot load.
 */
export interface TestOpenIdProvider {
  issuer: string;
  jwksUrl: string;
  clientId: string;
  redirectUris: string[];
  /** How a person signs in there, for a browser test: the form at `path`, its fields and button. */
  login: {
    path: string;
    fields: { login: string; password: string };
    submitLabel: string;
    accounts: SsoAccount[];
  };
  /** The provider's own page asking to end its session (RP-Initiated Logout): its button. */
  signOut: { submitLabel: string };
  /**
   * What a browser does after being sent to `authorizationUrl`, over plain HTTP: follows the
   * redirects, fills in the sign-in form, consents, and stops at the redirect back to the app.
   */
  signIn(authorizationUrl: string, account: Pick<SsoAccount, 'login' | 'password'>): Promise<URL>;
  close(): Promise<void>;
}

export async function startOpenIdProvider(options: OpenIdProviderOptions): Promise<TestOpenIdProvider> {
  const clientId = options.clientId ?? 'qcycle-web';
  const redirectUris = options.redirectUris ?? ['http://127.0.0.1/auth/callback'];
  const child = spawn(
    process.execPath,
    [
      join(__dirname, 'oidc-provider.server.mjs'),
      JSON.stringify({
        clientId,
        redirectUris,
        allowRedirectsUnder: options.allowRedirectsUnder,
        accounts: options.accounts,
      }),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const issuer = await ready(child);
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    clientId,
    redirectUris,
    login: {
      path: '/interaction/{uid}',
      fields: { login: 'login', password: 'password' },
      submitLabel: 'Sign in',
      accounts: options.accounts,
    },
    signOut: { submitLabel: 'Sign out of the SSO' },
    signIn: (authorizationUrl, account) => signInOverHttp(issuer, authorizationUrl, account),
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The PKCE pair of one sign-in (RFC 7636, S256). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function ready(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the test OpenID provider did not start in 20 s:\n${stderr}`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the test OpenID provider exited (${code}):\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('READY ')) return;
      clearTimeout(timer);
      resolve((JSON.parse(line.slice('READY '.length)) as { issuer: string }).issuer);
    });
  });
}

async function signInOverHttp(
  issuer: string,
  authorizationUrl: string,
  account: Pick<SsoAccount, 'login' | 'password'>,
): Promise<URL> {
  const cookies = new Map<string, string>();
  const request = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string> | undefined),
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  let url = authorizationUrl;
  for (let step = 0; step < 10; step++) {
    const response = await request(url);
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== new URL(issuer).origin) return next; // back to the app, with ?code or ?error
      url = next.href;
      continue;
    }
    const page = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    if (response.status !== 200 || !action)
      throw new Error(`the SSO answered ${response.status} at ${url}: ${page.slice(0, 300)}`);
    const posted = await request(new URL(action, url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: account.login, password: account.password }).toString(),
    });
    const after = posted.headers.get('location');
    if (!after) throw new Error(`the SSO refused the sign-in of ${account.login} (${posted.status})`);
    url = new URL(after, url).href;
  }
  throw new Error('the SSO sign-in did not come back to the app after 10 steps');
}
