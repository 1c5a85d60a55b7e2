import { Body, Controller, ForbiddenException, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Repository } from 'typeorm';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import { UserEntity } from '@qcycle/persistence';
import { ApiErrors } from '../common/error-responses';
import { CurrentUser, LoginRoute, Public } from './auth.decorators';
import { LoginDto } from './dto/login.dto';
import { MeView } from './dto/me.view';
import { TokenView } from './dto/token.view';
import { PasswordHasher } from './password-hasher';
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
  ) {}

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
      throw new ForbiddenException({
        code: 'LOCAL_LOGIN_DISABLED',
        message: 'Local login is off on this installation (no JWT_SECRET): sign in through the SSO',
      });
    }
    const user = await this.users.findOneBy({ email: body.email.trim().toLowerCase() });
    const ok = await this.hasher.verify(body.password, user?.passwordHash ?? null);
    // One answer for unknown e-mail, wrong password and deactivated account: nothing to enumerate.
    if (!user || !ok || !user.active) throw unauthenticated('Wrong e-mail or password');
    const { accessToken, expiresIn } = await this.tokens.issueLocal(user);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn,
      user: MeView.of(await this.principals.forUser(user, 'password')),
    };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the bearer token belongs to: organisation, unit, roles' })
  @ApiOkResponse({ type: MeView })
  @ApiErrors(401, 403)
  me(@CurrentUser() principal: Principal): MeView {
    return MeView.of(principal);
  }
}
