import { Body, Controller, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Repository } from 'typeorm';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import { UserEntity } from '@qcycle/persistence';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { ApiErrors, ErrorView } from '../common/error-responses';
import { CurrentUser, LoginRoute, OpenToReadOnlyRoles, Public } from './auth.decorators';
import { AuthProvidersView } from './dto/auth-providers.view';
import { LoginDto } from './dto/login.dto';
import { MeView } from './dto/me.view';
import { OidcExchangeDto } from './dto/oidc-exchange.dto';
import { TokenView } from './dto/token.view';
import { UpdateMeDto } from './dto/update-me.dto';
import { OidcWebSignIn } from './oidc-web-sign-in.service';
import { PasswordHasher } from './password-hasher';
import { PasswordsService } from './passwords.service';
import type { Principal } from './principal';
import { PrincipalService } from './principal.service';
import { TokenService, unauthenticated } from './token.service';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    @Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly principals: PrincipalService,
    private readonly sso: OidcWebSignIn,
    private readonly passwords: PasswordsService,
  ) {}

  @Get('providers')
  @Public()
  @ApiOperation({
    summary: 'How one signs in here: password, and the SSO (Authorization Code + PKCE) when configured',
    description:
      "The SSO's authorization endpoint comes from its /.well-known/openid-configuration (fetched by the API and kept an hour).",
  })
  @ApiOkResponse({ type: AuthProvidersView })
  @ApiResponse({ status: 503, description: 'The SSO is configured but cannot be reached', type: ErrorView })
  async providers(): Promise<AuthProvidersView> {
    return { ...(await this.sso.providers()), passwordReset: this.passwords.resetByMail };
  }

  @Post('oidc/exchange')
  @Public()
  @LoginRoute()
  @HttpCode(200)
  @ApiOperation({
    summary: "Finish the web app's SSO sign-in: trade the provider's code for a qcycle session",
    description:
      "The API posts the code and the PKCE verifier to the provider's token endpoint (public client OIDC_CLIENT_ID), " +
      'verifies the id_token (issuer, audience = client id, signature by the provider keys), finds the directory user ' +
      '(by SSO subject, then by verified e-mail) and answers a session token as the password login does. ' +
      'Throttled like the login. 401 SSO_CODE_REJECTED for a code the provider refuses; 403 SSO_DISABLED when web SSO is off.',
  })
  @ApiOkResponse({ type: TokenView })
  @ApiErrors(400, 401, 403, 429)
  @ApiResponse({
    status: 503,
    description: 'The SSO cannot be reached; sign in again in a moment',
    type: ErrorView,
  })
  async exchangeOidcCode(@Body() body: OidcExchangeDto): Promise<TokenView> {
    const user = await this.sso.exchange(body);
    const { accessToken, expiresIn } = await this.tokens.issueLocal(user, 'oidc');
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn,
      user: MeView.of(await this.principals.forUser(user, 'oidc')),
    };
  }

  @Post('login')
  @Public()
  @LoginRoute()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with e-mail and password (local accounts); answers a bearer token',
    description:
      'Throttled per client address and e-mail (RATE_LIMIT_LOGIN_PER_MINUTE). SSO users get their token from the OIDC provider instead.',
  })
  @ApiOkResponse({ type: TokenView })
  @ApiErrors(400, 401, 403, 429)
  async login(@Body() body: LoginDto): Promise<TokenView> {
    if (!this.config.auth.localLogin) {
      throw new QcycleError(QcycleErrorCode.LocalLoginDisabled);
    }
    const user = await this.users.findOneBy({ email: body.email.trim().toLowerCase() });
    const ok = await this.hasher.verify(body.password, user?.passwordHash ?? null);
    // One answer for unknown e-mail, wrong password and deactivated account: nothing to enumerate.
    if (!user || !ok || !user.active) throw unauthenticated('wrongPassword');
    const { accessToken, expiresIn } = await this.tokens.issueLocal(user);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn,
      user: MeView.of(await this.principals.forUser(user, 'password')),
    };
  }

  @Post('logout')
  @OpenToReadOnlyRoles()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Sign out everywhere: end every one of the caller's sessions the API signed until now",
    description:
      'Every token the API issued to the caller so far (password and SSO sign-ins, on every device) is refused from ' +
      'its next request on (401), including the one of this request; signing in again works at once. ' +
      "Tokens of the organisation's SSO provider are the provider's to revoke. A task-link session gets 403, as on every route outside its task.",
  })
  @ApiNoContentResponse({ description: 'Signed out everywhere' })
  @ApiErrors(401, 403, 429)
  async logout(@CurrentUser() principal: Principal): Promise<void> {
    await this.principals.endSessions(principal.userId);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the bearer token belongs to: organisation, unit, roles' })
  @ApiOkResponse({ type: MeView })
  @ApiErrors(401, 403)
  me(@CurrentUser() principal: Principal): MeView {
    return MeView.of(principal);
  }

  @Patch('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Change one's own settings: the language of the web app and the notifications" })
  @ApiOkResponse({ type: MeView })
  @ApiErrors(400, 401, 403, 429)
  async updateMe(@CurrentUser() principal: Principal, @Body() body: UpdateMeDto): Promise<MeView> {
    await this.users.update(
      { id: principal.userId },
      { locale: body.locale, updatedAt: new Date().toISOString() },
    );
    return MeView.of({ ...principal, locale: body.locale });
  }
}
