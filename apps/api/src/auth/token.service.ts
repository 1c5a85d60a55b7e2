import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
  type JWTPayload,
} from 'jose';
import type { Repository } from 'typeorm';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import { UserEntity } from '@qcycle/persistence';
import {
  QcycleError,
  QcycleErrorCode,
  type ErrorMessageParams,
  type ErrorMessageVariant,
} from '@qcycle/contracts';
import type { Principal } from './principal';
import { PrincipalService } from './principal.service';
import { sessionsClaim, signedUnderCurrentSessions } from './sessions';

/** How long a session opened from a task link lasts: enough to fill in the form. */
export const TASK_LINK_SESSION_MINUTES = 30;

/** The `aud` of the API's own tokens. */
export const LOCAL_TOKEN_AUDIENCE = 'qcycle-api';

/** Algorithms accepted from the SSO: asymmetric only, so a JWKS public key can never verify an HMAC. */
const OIDC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/** A 401 saying why (the variant of UNAUTHENTICATED's message). */
export function unauthenticated(
  why: ErrorMessageVariant<QcycleErrorCode.Unauthenticated>,
  params: ErrorMessageParams = {},
): QcycleError {
  return new QcycleError(QcycleErrorCode.Unauthenticated, why, params);
}

/**
 * Issues the API's own tokens (HS256, issuer PUBLIC_URL, audience `qcycle-api`) and verifies bearer
 * tokens of two issuers: the API itself (local login) and the organisation's OIDC provider, whose
 * keys come from its JWKS (fetched on demand and cached by jose, refetched for an unknown key id, so
 * the SSO can rotate keys). A token is routed by its `iss` claim, read before verification and then
 * verified with that issuer's key, issuer, audience and expiry — never trusted unverified.
 */
@Injectable()
export class TokenService {
  private readonly logger = new Logger('auth');
  private readonly localKey: Uint8Array;
  private readonly localIssuer: string;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    @Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig,
    private readonly principals: PrincipalService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {
    this.localKey = new TextEncoder().encode(config.auth.jwtSecret);
    this.localIssuer = config.publicUrl;
    if (config.auth.oidc)
      this.jwks = createRemoteJWKSet(new URL(config.auth.oidc.jwksUrl), {
        timeoutDuration: 5000,
        cooldownDuration: 30_000,
      });
  }

  /**
   * A session token of the API's own. `signedInBy: 'oidc'` (the web app's SSO sign-in, whose code
   * the API exchanged) marks it with `via: 'oidc'`: it stays valid when local login is off, and the
   * caller is shown as signed in through the SSO.
   */
  async issueLocal(
    user: UserEntity,
    signedInBy: 'password' | 'oidc' = 'password',
  ): Promise<{ accessToken: string; expiresIn: number }> {
    const expiresIn = this.config.auth.jwtTtlMinutes * 60;
    const claims = {
      org: user.organisationCode,
      ...(signedInBy === 'oidc' ? { via: 'oidc' } : {}),
      ...sessionsClaim(user.sessionsValidFrom),
    };
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(this.localIssuer)
      .setAudience(LOCAL_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .setJti(randomUUID())
      .sign(this.localKey);
    return { accessToken, expiresIn };
  }

  /**
   * A short session (TASK_LINK_SESSION_MINUTES) for one task, issued when a task link from a
   * notification is exchanged: the `tid` claim confines it to that task (JwtAuthGuard enforces it).
   */
  async issueTaskScoped(
    user: UserEntity,
    taskId: string,
  ): Promise<{ accessToken: string; expiresIn: number }> {
    const expiresIn = TASK_LINK_SESSION_MINUTES * 60;
    const accessToken = await new SignJWT({
      org: user.organisationCode,
      tid: taskId,
      ...sessionsClaim(user.sessionsValidFrom),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(this.localIssuer)
      .setAudience(LOCAL_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .setJti(randomUUID())
      .sign(this.localKey);
    return { accessToken, expiresIn };
  }

  /** The caller behind a bearer token, or a 401 saying why. */
  async verify(token: string): Promise<Principal> {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw unauthenticated('notJwt');
    }
    // Task-link sessions are local tokens too, also when password login is off (SSO-only production).
    if (issuer === this.localIssuer) return this.verifyLocal(token);
    const oidc = this.config.auth.oidc;
    if (oidc && this.jwks && issuer === oidc.issuer) return this.verifyOidc(token, oidc, this.jwks);
    throw unauthenticated('foreignIssuer');
  }

  private async verifyLocal(token: string): Promise<Principal> {
    const { payload } = await this.checked(() =>
      jwtVerify(token, this.localKey, {
        issuer: this.localIssuer,
        audience: LOCAL_TOKEN_AUDIENCE,
        algorithms: ['HS256'],
      }),
    );
    const taskId = typeof payload.tid === 'string' ? payload.tid : undefined;
    const authenticatedBy = taskId ? 'task-link' : payload.via === 'oidc' ? 'oidc' : 'password';
    const active = payload.sub
      ? await this.principals.activePrincipal(payload.sub, authenticatedBy)
      : undefined;
    if (!active) throw unauthenticated('unknownAccount');
    // Signed before the user's sessions were ended (password, deactivation, sign-out everywhere).
    if (!signedUnderCurrentSessions(payload, active.sessionsValidFrom)) throw unauthenticated('sessionEnded');
    const principal = { ...active.principal, sessionsValidFrom: active.sessionsValidFrom };
    if (taskId) return { ...principal, onlyTaskId: taskId };
    if (authenticatedBy === 'password' && !this.config.auth.localLogin)
      throw unauthenticated('localLoginOff');
    return principal;
  }

  private async verifyOidc(
    token: string,
    oidc: NonNullable<QcycleConfig['auth']['oidc']>,
    jwks: ReturnType<typeof createRemoteJWKSet>,
  ): Promise<Principal> {
    const { payload } = await this.checked(() =>
      jwtVerify(token, jwks, { issuer: oidc.issuer, audience: oidc.audience, algorithms: OIDC_ALGORITHMS }),
    );
    return this.principals.forUser(await this.ssoUser(payload), 'oidc');
  }

  /**
   * The directory user behind an id_token the provider issued to the web app (OIDC_CLIENT_ID) in
   * exchange for an authorization code: verified like an SSO bearer token (provider's keys, issuer,
   * expiry), with the web app's client id as audience and, when the app sent one, its nonce.
   */
  async userOfIdToken(idToken: string, nonce?: string): Promise<UserEntity> {
    const oidc = this.config.auth.oidc;
    if (!oidc?.clientId || !this.jwks) throw unauthenticated('ssoOff');
    const jwks = this.jwks;
    const { payload } = await this.checked(
      () =>
        jwtVerify(idToken, jwks, {
          issuer: oidc.issuer,
          audience: oidc.clientId,
          algorithms: OIDC_ALGORITHMS,
        }),
      'SSO id_token',
    );
    if (nonce !== undefined && payload.nonce !== nonce) throw unauthenticated('ssoNonce');
    return this.ssoUser(payload);
  }

  /**
   * An SSO token maps to a directory user by its subject once linked; the first time, by its e-mail
   * (unless the provider says the e-mail is unverified), and the subject is then linked to that user.
   * SSO users exist in the directory first: the SSO authenticates, qcycle's directory authorises.
   */
  private async ssoUser(payload: JWTPayload): Promise<UserEntity> {
    if (!payload.sub) throw unauthenticated('ssoNoSubject');
    let user = await this.users.findOneBy({ oidcSubject: payload.sub });
    if (!user) {
      const email = emailClaim(payload);
      const byEmail = email ? await this.users.findOneBy({ email }) : null;
      if (byEmail && byEmail.oidcSubject === null) {
        await this.users.update(
          { id: byEmail.id },
          { oidcSubject: payload.sub, updatedAt: new Date().toISOString() },
        );
        this.logger.log(`linked SSO subject to user ${byEmail.id}`);
        user = { ...byEmail, oidcSubject: payload.sub };
      }
    }
    if (!user || !user.active) throw unauthenticated('ssoUnknownUser');
    return user;
  }

  private async checked<T>(verify: () => Promise<T>, what = 'bearer token'): Promise<T> {
    try {
      return await verify();
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('tokenExpired', { what });
      if (error instanceof joseErrors.JWTClaimValidationFailed)
        throw unauthenticated('tokenClaim', { what, claim: error.claim });
      if (error instanceof joseErrors.JOSEError) throw unauthenticated('tokenUnverified', { what });
      throw error;
    }
  }
}

function emailClaim(payload: JWTPayload): string | undefined {
  const email = payload.email;
  if (typeof email !== 'string' || payload.email_verified === false) return undefined;
  return email.trim().toLowerCase();
}
