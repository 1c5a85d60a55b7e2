import { Inject, Injectable, Logger } from '@nestjs/common';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import type { UserEntity } from '@qcycle/persistence';
import type { AuthProvidersView } from './dto/auth-providers.view';
import type { OidcExchangeDto } from './dto/oidc-exchange.dto';
import { TokenService } from './token.service';

/** What the web app asks the SSO for: who you are and your e-mail (to find you in the directory). */
export const SSO_SCOPE = 'openid email profile';

/** How long the provider's discovery document is kept before it is fetched again. */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const PROVIDER_TIMEOUT_MS = 10_000;

interface Discovery {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** RP-Initiated Logout: where the browser ends its SSO session too; absent when the provider has none. */
  endSessionEndpoint?: string;
}

/**
 * The web app's sign-in through the organisation's SSO, backend-for-frontend: the browser goes to the
 * provider's authorization endpoint with a PKCE challenge and comes back with a code; the API trades
 * the code (and the verifier) for tokens at the provider's token endpoint, so the browser never calls
 * the provider cross-origin, verifies the id_token, and answers a session of its own.
 */
@Injectable()
export class OidcWebSignIn {
  private readonly logger = new Logger('auth');
  private discovery?: { value: Promise<Discovery>; expiresAt: number };

  constructor(
    @Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig,
    private readonly tokens: TokenService,
  ) {}

  async providers(): Promise<Omit<AuthProvidersView, 'passwordReset'>> {
    const password = this.config.auth.localLogin;
    const clientId = this.config.auth.oidc?.clientId;
    if (!clientId) return { password, sso: null };
    const { authorizationEndpoint, endSessionEndpoint } = await this.discover();
    return {
      password,
      sso: {
        authorizationEndpoint,
        clientId,
        scope: SSO_SCOPE,
        endSessionEndpoint: endSessionEndpoint ?? null,
      },
    };
  }

  /** The directory user the code signs in; 401 for a code the provider refuses, 503 when it is down. */
  async exchange(body: OidcExchangeDto): Promise<UserEntity> {
    const clientId = this.config.auth.oidc?.clientId;
    if (!clientId) {
      throw new QcycleError(QcycleErrorCode.SsoDisabled);
    }
    const { tokenEndpoint } = await this.discover();
    let response: Response;
    try {
      response = await fetch(tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: body.code,
          redirect_uri: body.redirectUri,
          client_id: clientId,
          code_verifier: body.codeVerifier,
        }),
        signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
      });
    } catch (error) {
      this.logger.warn(`SSO token endpoint unreachable: ${describe(error)}`);
      throw new QcycleError(QcycleErrorCode.SsoUnavailable);
    }
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status >= 500) {
      this.logger.warn(`SSO token endpoint answered ${response.status}`);
      throw new QcycleError(QcycleErrorCode.SsoUnavailable, 'failed', { status: response.status });
    }
    if (!response.ok) {
      // invalid_grant: the code is unknown, used, expired, or not for this verifier or redirect URI.
      const reason = [answer.error, answer.error_description].filter((x) => typeof x === 'string').join(': ');
      throw new QcycleError(QcycleErrorCode.SsoCodeRejected, 'default', {
        reason: reason || response.status,
      });
    }
    if (typeof answer.id_token !== 'string')
      throw new QcycleError(QcycleErrorCode.SsoCodeRejected, 'noIdToken');
    return this.tokens.userOfIdToken(answer.id_token, body.nonce);
  }

  /** The provider's endpoints from its discovery document, kept an hour; a failure is not kept. */
  private discover(): Promise<Discovery> {
    if (this.discovery && this.discovery.expiresAt > Date.now()) return this.discovery.value;
    const value = this.fetchDiscovery();
    this.discovery = { value, expiresAt: Date.now() + DISCOVERY_TTL_MS };
    value.catch(() => (this.discovery = undefined));
    return value;
  }

  private async fetchDiscovery(): Promise<Discovery> {
    const issuer = this.config.auth.oidc!.issuer;
    const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    let document: Record<string, unknown>;
    try {
      const response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      document = (await response.json()) as Record<string, unknown>;
    } catch (error) {
      this.logger.warn(`SSO discovery ${url} failed: ${describe(error)}`);
      throw new QcycleError(QcycleErrorCode.SsoUnavailable, 'unreachable');
    }
    const {
      issuer: named,
      authorization_endpoint: authorizationEndpoint,
      token_endpoint: tokenEndpoint,
      end_session_endpoint: endSession,
    } = document;
    if (named !== issuer || typeof authorizationEndpoint !== 'string' || typeof tokenEndpoint !== 'string') {
      this.logger.warn(
        `SSO discovery ${url}: issuer ${String(named)} or its endpoints do not fit OIDC_ISSUER`,
      );
      throw new QcycleError(QcycleErrorCode.SsoUnavailable, 'misconfigured');
    }
    return {
      authorizationEndpoint,
      tokenEndpoint,
      ...(isHttpUrl(endSession) ? { endSessionEndpoint: endSession } : {}),
    };
  }
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  return ['https:', 'http:'].includes(new URL(value).protocol);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
