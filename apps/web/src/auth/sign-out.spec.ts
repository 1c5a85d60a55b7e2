import { endSessionsOnServer, ssoSignOutUrl } from './sign-out';

describe('signing out ends the session on the server too', () => {
  it("posts to the API's sign-out-everywhere with the session's token, surviving the tab's close", async () => {
    const sent: { url: string; init?: RequestInit }[] = [];
    const send = (async (url: string, init?: RequestInit) => {
      sent.push({ url, init });
      return new Response(null, { status: 204 });
    }) as typeof fetch;
    expect(await endSessionsOnServer('the-token', send)).toBe(true);
    expect(sent).toEqual([
      {
        url: '/api/v1/auth/logout',
        init: { method: 'POST', headers: { authorization: 'Bearer the-token' }, keepalive: true },
      },
    ]);
  });

  it('never throws: an unreachable API or a refusal leaves signing out here to the caller', async () => {
    const unreachable = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const refused = (async () => new Response('{}', { status: 401 })) as typeof fetch;
    expect(await endSessionsOnServer('the-token', unreachable)).toBe(false);
    expect(await endSessionsOnServer('the-token', refused)).toBe(false);
  });

  it("sends the browser to the SSO's end-session endpoint, as its client, back to this app's sign-in page", () => {
    const url = new URL(
      ssoSignOutUrl(
        {
          endSessionEndpoint: 'https://sso.kontum.gov.vn/realms/qlcl/protocol/openid-connect/logout?ui=vi',
          clientId: 'qcycle-web',
        },
        'https://qms.kontum.gov.vn',
      ) as string,
    );
    expect(url.origin + url.pathname).toBe(
      'https://sso.kontum.gov.vn/realms/qlcl/protocol/openid-connect/logout',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      ui: 'vi',
      client_id: 'qcycle-web',
      post_logout_redirect_uri: 'https://qms.kontum.gov.vn/sign-in',
    });
    // A provider without the endpoint, or no SSO: nothing more to do than signing out here.
    expect(
      ssoSignOutUrl({ endSessionEndpoint: null, clientId: 'qcycle-web' }, 'https://qms.kontum.gov.vn'),
    ).toBeNull();
    expect(ssoSignOutUrl(null, 'https://qms.kontum.gov.vn')).toBeNull();
  });
});
