import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';

/**
 * The organisation's SSO, stood in for by a real JWKS endpoint on loopback with a key pair made for
 * the suite: the one thing outside qcycle the tests replace. Tokens it signs are verified by the API
 * exactly as a real provider's (JWKS fetched over HTTP, kid matched, issuer/audience/expiry checked).
 */
export class LocalOidcProvider {
  private server?: Server;
  private privateKey?: KeyLike;
  private readonly kid = 'test-key-1';
  issuer = '';
  jwksUrl = '';
  jwksRequests = 0;

  async start(): Promise<void> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    this.privateKey = privateKey;
    const jwk = { ...(await exportJWK(publicKey)), kid: this.kid, alg: 'RS256', use: 'sig' };
    this.server = createServer((request, response) => {
      if (request.url === '/realms/qlcl/protocol/openid-connect/certs') {
        this.jwksRequests++;
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    this.issuer = `http://127.0.0.1:${port}/realms/qlcl`;
    this.jwksUrl = `${this.issuer}/protocol/openid-connect/certs`;
  }

  /** An access token as the SSO would issue it; `overrides` bends it for refusal tests. */
  async token(
    claims: JWTPayload,
    overrides: { audience?: string; issuer?: string; expiresIn?: string; key?: KeyLike } = {},
  ): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.kid })
      .setIssuer(overrides.issuer ?? this.issuer)
      .setAudience(overrides.audience ?? 'qcycle')
      .setIssuedAt()
      .setExpirationTime(overrides.expiresIn ?? '5m')
      .sign(overrides.key ?? this.privateKey!);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
