import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UserEntity } from '@qcycle/persistence';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { DemoOrganisation } from './support/demo-organisation';
import type { HttpRecorder } from './support/http-recorder';
import { undocumentedAnswers } from './support/openapi-coverage';
import { pkcePair, startOpenIdProvider, type TestOpenIdProvider } from './support/openid-provider';

interface MeView {
  userId: string;
  email: string;
  roles: string[];
  authenticatedBy: string;
  locale: string;
}
interface TokenView {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  user: MeView;
}
interface Providers {
  password: boolean;
  passwordReset: boolean;
  sso: {
    authorizationEndpoint: string;
    clientId: string;
    scope: string;
    endSessionEndpoint: string | null;
  } | null;
}

const REDIRECT_URI = 'http://127.0.0.1:5173/auth/callback';

/** A loopback port nothing listens on: an SSO that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The web app's sign-in over HTTP: the providers it offers, the SSO round trip (Authorization Code +
 * PKCE) against a real OpenID provider whose code the API exchanges, and the user's language.
 */
describe('web sign-in: SSO code exchange and language (real API, PostgreSQL, real OpenID provider)', () => {
  let sso: TestOpenIdProvider;
  let suite: ApiSuite;
  let http: HttpRecorder;
  let kontum: DemoOrganisation;
  const staff = {
    sub: `sso-staff-${randomUUID()}`,
    email: 'staff.tthc@kontum.qcycle.test',
    name: 'Trần Thị B',
    login: 'staff.tthc',
    password: 'sso-password-1',
  };
  /** Someone the administrator adds without a password: they sign in through the SSO only. */
  const newcomer = {
    sub: `sso-newcomer-${randomUUID()}`,
    email: 'newcomer@kontum.qcycle.test',
    name: 'Đinh Văn Mới',
    login: 'newcomer',
    password: 'sso-password-3',
  };
  const stranger = {
    sub: `sso-stranger-${randomUUID()}`,
    email: 'stranger@kontum.qcycle.test',
    name: 'Người Lạ',
    login: 'stranger',
    password: 'sso-password-2',
  };

  beforeAll(async () => {
    sso = await startOpenIdProvider({ redirectUris: [REDIRECT_URI], accounts: [staff, newcomer, stranger] });
    suite = await startApiSuite({
      config: {
        seedDemoData: true,
        auth: {
          oidc: { issuer: sso.issuer, audience: 'qcycle', jwksUrl: sso.jwksUrl, clientId: sso.clientId },
        },
      },
    });
    http = suite.http;
    kontum = new DemoOrganisation(http);
  });

  afterAll(async () => {
    await suite?.close();
    await sso?.close();
  });

  /** The browser's part: to the SSO's authorization endpoint and back with a code. */
  async function codeFor(account: { login: string; password: string }, nonce?: string) {
    const providers = await http.call<Providers>('GET', '/api/v1/auth/providers');
    const { authorizationEndpoint, clientId, scope } = providers.body.sso!;
    const pkce = pkcePair();
    const state = randomUUID();
    const url = new URL(authorizationEndpoint);
    url.search = new URLSearchParams({
      client_id: clientId,
      response_type: 'code',
      scope,
      redirect_uri: REDIRECT_URI,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      state,
      ...(nonce ? { nonce } : {}),
    }).toString();
    const back = await sso.signIn(url.href, account);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('state')).toBe(state);
    return { code: back.searchParams.get('code')!, codeVerifier: pkce.verifier };
  }

  const exchange = (body: Record<string, unknown>) =>
    http.call<TokenView & { code: string; message: string }>('POST', '/api/v1/auth/oidc/exchange', { body });

  it('offers password and the SSO, with the authorization and end-session endpoints from its discovery document', async () => {
    const answer = await http.call<Providers>('GET', '/api/v1/auth/providers');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      password: true,
      // No SMTP_URL here: a forgotten password is the administrator's to reset.
      passwordReset: false,
      sso: {
        authorizationEndpoint: `${sso.issuer}/auth`,
        clientId: 'qcycle-web',
        scope: 'openid email profile',
        // Where signing out sends the browser, so that the SSO session ends too (RP-Initiated Logout).
        endSessionEndpoint: `${sso.issuer}/session/end`,
      },
    });
  });

  it('signs a directory user in through the SSO: the code becomes a qcycle session', async () => {
    const nonce = randomUUID();
    const { code, codeVerifier } = await codeFor(staff, nonce);
    const answer = await exchange({ code, codeVerifier, redirectUri: REDIRECT_URI, nonce });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 480 * 60,
      user: { email: staff.email, roles: ['staff'], authenticatedBy: 'oidc', locale: 'vi' },
    });
    const me = await http.call<MeView>('GET', '/api/v1/auth/me', { token: answer.body.accessToken });
    expect(me.body).toMatchObject({ email: staff.email, authenticatedBy: 'oidc' });
    // Linked by subject: the SSO's own bearer path now finds the same person.
    const linked = await suite.api
      .get(DataSource)
      .getRepository(UserEntity)
      .findOneByOrFail({ email: staff.email });
    expect(linked.oidcSubject).toBe(staff.sub);

    // A code is single-use: the provider refuses it the second time.
    const replay = await exchange({ code, codeVerifier, redirectUri: REDIRECT_URI });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('SSO_CODE_REJECTED');
    expect(replay.body.message).toMatch(/invalid_grant/);
  });

  it('refuses a code with the wrong PKCE verifier, redirect URI or nonce, and someone the directory does not know', async () => {
    const first = await codeFor(staff);
    const wrongVerifier = await exchange({
      code: first.code,
      codeVerifier: pkcePair().verifier,
      redirectUri: REDIRECT_URI,
    });
    expect([wrongVerifier.status, wrongVerifier.body.code]).toEqual([401, 'SSO_CODE_REJECTED']);

    const second = await codeFor(staff);
    const wrongRedirect = await exchange({ ...second, redirectUri: 'http://127.0.0.1:5173/elsewhere' });
    expect([wrongRedirect.status, wrongRedirect.body.code]).toEqual([401, 'SSO_CODE_REJECTED']);

    const third = await codeFor(staff, 'the-nonce-sent');
    const wrongNonce = await exchange({ ...third, redirectUri: REDIRECT_URI, nonce: 'another-nonce' });
    expect([wrongNonce.status, wrongNonce.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(wrongNonce.body.message).toMatch(/nonce/);

    const unknown = await exchange({ ...(await codeFor(stranger)), redirectUri: REDIRECT_URI });
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toMatch(/đề nghị người quản trị hệ thống thêm bạn/);
  });

  it('refuses a malformed exchange with 400 naming every wrong field', async () => {
    const answer = await http.call<{ details: { fields: Record<string, string[]> } }>(
      'POST',
      '/api/v1/auth/oidc/exchange',
      { body: { code: '', codeVerifier: 'short', redirectUri: 'not a url', clientSecret: 'x' } },
    );
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.details.fields).sort()).toEqual([
      'clientSecret',
      'code',
      'codeVerifier',
      'redirectUri',
    ]);
  });

  it('keeps an SSO session working where password login is off, and answers 503 when the SSO is down', async () => {
    const { code, codeVerifier } = await codeFor(staff);
    const session = await exchange({ code, codeVerifier, redirectUri: REDIRECT_URI });
    const ssoOnly = await suite.startAnotherApi({ auth: { localLogin: false } });
    const me = await ssoOnly.http.call<MeView>('GET', '/api/v1/auth/me', { token: session.body.accessToken });
    expect(me).toMatchObject({ status: 200, body: { authenticatedBy: 'oidc' } });
    expect((await ssoOnly.http.call<Providers>('GET', '/api/v1/auth/providers')).body.password).toBe(false);
    // No password to forget, nor to change, where password sign-in is off.
    const reset = await ssoOnly.http.call('POST', '/api/v1/auth/password-reset', {
      body: { email: staff.email },
    });
    const change = await ssoOnly.http.call('POST', '/api/v1/auth/me/password', {
      token: session.body.accessToken,
      body: { newPassword: 'a-long-new-password' },
    });
    expect([reset.status, reset.body.code, change.status, change.body.code]).toEqual([
      403,
      'LOCAL_LOGIN_DISABLED',
      403,
      'LOCAL_LOGIN_DISABLED',
    ]);

    const down = `http://127.0.0.1:${await closedPort()}`;
    const unreachable = await suite.startAnotherApi({
      auth: { oidc: { issuer: down, audience: 'qcycle', jwksUrl: `${down}/jwks`, clientId: 'qcycle-web' } },
    });
    const providers = await unreachable.http.call('GET', '/api/v1/auth/providers');
    expect([providers.status, providers.body.code, providers.headers.get('retry-after')]).toEqual([
      503,
      'SSO_UNAVAILABLE',
      '5',
    ]);
    const exchanged = await unreachable.http.call('POST', '/api/v1/auth/oidc/exchange', {
      body: { code: 'abc', codeVerifier: pkcePair().verifier, redirectUri: REDIRECT_URI },
    });
    expect([exchanged.status, exchanged.body.code]).toEqual([503, 'SSO_UNAVAILABLE']);

    const noWebSso = await suite.startAnotherApi({
      auth: { oidc: { issuer: sso.issuer, audience: 'qcycle', jwksUrl: sso.jwksUrl } },
    });
    expect((await noWebSso.http.call('GET', '/api/v1/auth/providers')).body).toEqual({
      password: true,
      passwordReset: false,
      sso: null,
    });
    const off = await noWebSso.http.call('POST', '/api/v1/auth/oidc/exchange', {
      body: { code: 'abc', codeVerifier: pkcePair().verifier, redirectUri: REDIRECT_URI },
    });
    expect([off.status, off.body.code]).toEqual([403, 'SSO_DISABLED']);
  });

  it('lets someone added without a password, signed in through the SSO, set a first one without a current one', async () => {
    const added = await http.call('POST', '/api/v1/users', {
      token: await kontum.tokenOf('admin'),
      body: { fullName: newcomer.name, email: newcomer.email },
    });
    expect(added.status).toBe(201);
    const { code, codeVerifier } = await codeFor(newcomer);
    const session = await exchange({ code, codeVerifier, redirectUri: REDIRECT_URI });
    expect(session.body.user).toMatchObject({
      email: newcomer.email,
      hasPassword: false,
      authenticatedBy: 'oidc',
    });

    const set = await http.call<TokenView>('POST', '/api/v1/auth/me/password', {
      token: session.body.accessToken,
      body: { newPassword: 'my-first-qcycle-password' },
    });
    expect(set.status).toBe(200);
    expect(set.body.user).toMatchObject({ hasPassword: true, authenticatedBy: 'oidc' });
    const signedIn = await http.call<TokenView>('POST', '/api/v1/auth/login', {
      body: { email: newcomer.email, password: 'my-first-qcycle-password' },
    });
    expect(signedIn.status).toBe(200);
    // Once there is one, changing it asks for it.
    const again = await http.call('POST', '/api/v1/auth/me/password', {
      token: set.body.accessToken,
      body: { newPassword: 'another-long-password' },
    });
    expect(again.status).toBe(422);
  });

  it("saves the user's language: PATCH /auth/me, then in every MeView", async () => {
    const changed = await kontum.as<MeView>('leader', 'PATCH', '/api/v1/auth/me', { locale: 'en' });
    expect(changed).toMatchObject({ status: 200, body: { locale: 'en', authenticatedBy: 'password' } });
    expect((await kontum.as<MeView>('leader', 'GET', '/api/v1/auth/me')).body.locale).toBe('en');
    const login = await http.call<TokenView>('POST', '/api/v1/auth/login', {
      body: { email: kontum.email('leader'), password: 'qcycle-demo-2024' },
    });
    expect(login.body.user.locale).toBe('en');

    const bad = await kontum.as<{ details: { fields: Record<string, string[]> } }>(
      'leader',
      'PATCH',
      '/api/v1/auth/me',
      { locale: 'fr', theme: 'dark' },
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.details.fields).sort()).toEqual(['locale', 'theme']);
    expect((await http.call('PATCH', '/api/v1/auth/me', { body: { locale: 'vi' } })).status).toBe(401);

    const leader = await suite.api
      .get(DataSource)
      .getRepository(UserEntity)
      .findOneByOrFail({ email: kontum.email('leader') });
    const link = await suite.api
      .get(TokenService)
      .issueTaskScoped(leader, 'quality-cycle/kontum/2024/approval/round-1');
    const scoped = await http.call('PATCH', '/api/v1/auth/me', {
      token: link.accessToken,
      body: { locale: 'vi' },
    });
    expect([scoped.status, scoped.body.code]).toEqual([403, 'TASK_LINK_SCOPE']);
    expect((await kontum.as<MeView>('leader', 'GET', '/api/v1/auth/me')).body.locale).toBe('en');
  });

  it('documents every status it answered', async () => {
    expect(await undocumentedAnswers(http)).toEqual([]);
  });
});
