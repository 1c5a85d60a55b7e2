// A real OpenID Provider (the `oidc-provider` package, ESM-only) for the tests, run as a child
// process of the test (Jest cannot load ESM-only packages): see openid-provider.ts, which starts it.
// Reads its set-up as JSON from argv[2]; prints `READY {"issuer":…}` once it listens.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const setup = JSON.parse(process.argv[2]);
const accounts = new Map(setup.accounts.map((account) => [account.sub, account]));

const escape = (text) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

const readForm = (request) =>
  new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => resolve(new URLSearchParams(body)));
    request.on('error', reject);
  });

let provider;
const server = createServer(async (request, response) => {
  try {
    const url = new URL(request.url, 'http://localhost');
    const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
    if (!match) return provider.callback()(request, response);
    const details = await provider.interactionDetails(request, response);
    if (match[2] && request.method === 'POST') {
      // The login form: a known login with its password signs in; anything else shows the form again.
      const form = await readForm(request);
      const account = [...accounts.values()].find(
        (a) => a.login === form.get('login') && a.password === form.get('password'),
      );
      if (!account) return loginPage(response, details.uid, 'Wrong login or password');
      return provider.interactionFinished(
        request,
        response,
        { login: { accountId: account.sub } },
        { mergeWithLastSubmission: false },
      );
    }
    if (details.prompt.name === 'login') return loginPage(response, details.uid);
    // Consent for our own first-party client: granted at once, for the scopes it asked.
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    if (details.prompt.details.missingOIDCScope)
      grant.addOIDCScope(details.prompt.details.missingOIDCScope.join(' '));
    if (details.prompt.details.missingOIDCClaims)
      grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
    const grantId = await grant.save();
    return provider.interactionFinished(
      request,
      response,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  } catch (error) {
    response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error?.message ?? error));
  }
});

function loginPage(response, uid, error) {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SSO sign-in</title></head><body>
<h1>Test SSO</h1>${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Login <input name="login" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button>
</form></body></html>`,
  );
}

await new Promise((resolve) => server.listen(setup.port ?? 0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
provider = new Provider(issuer, {
  clients: [
    {
      client_id: setup.clientId,
      token_endpoint_auth_method: 'none',
      redirect_uris: setup.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // As Keycloak and most government SSOs do: the scopes' claims are in the id_token too.
  conformIdTokenClaims: false,
  findAccount: (_ctx, sub) => {
    const account = accounts.get(sub);
    if (!account) return undefined;
    return {
      accountId: sub,
      claims: () => ({ sub, email: account.email, email_verified: true, name: account.name }),
    };
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    // RP-Initiated Logout: the app sends the browser here to end the SSO session; its own plain page
    // (the package's default loads a web font from outside).
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SSO sign-out</title></head><body>
<h1>Test SSO</h1><p>Sign out of the SSO too?</p>${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Sign out of the SSO</button>
</body></html>`;
      },
    },
  },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-sso-1', use: 'sig', alg: 'RS256' }] },
  ttl: { AuthorizationCode: 120, AccessToken: 300, IdToken: 300, Interaction: 600, Session: 600, Grant: 600 },
});
if (setup.allowRedirectsUnder) {
  // A browser test's web app listens on a port chosen at start: any redirect under this prefix is allowed.
  const exact = provider.Client.prototype.redirectUriAllowed;
  provider.Client.prototype.redirectUriAllowed = function (uri) {
    return uri.startsWith(setup.allowRedirectsUnder) || exact.call(this, uri);
  };
  const exactAfterSignOut = provider.Client.prototype.postLogoutRedirectUriAllowed;
  provider.Client.prototype.postLogoutRedirectUriAllowed = function (uri) {
    return uri.startsWith(setup.allowRedirectsUnder) || exactAfterSignOut.call(this, uri);
  };
}
process.stdout.write(`READY ${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
