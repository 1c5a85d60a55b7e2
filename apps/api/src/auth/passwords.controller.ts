import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { PASSWORD_RESET_RULES } from '@qcycle/contracts';
import { ApiErrors, ErrorView } from '../common/error-responses';
import {
  Attributed,
  CurrentUser,
  LoginRoute,
  OpenToReadOnlyRoles,
  Public,
  RequestId,
  type Attribution,
} from './auth.decorators';
import {
  ChangePasswordDto,
  PasswordResetDto,
  PasswordResetRequestDto,
  PasswordResetRequestedView,
  PasswordSetView,
} from './dto/password.dto';
import { MeView } from './dto/me.view';
import { PasswordsService, type PasswordSet } from './passwords.service';
import type { Principal } from './principal';
import { PrincipalService } from './principal.service';
import { TokenService } from './token.service';

/** One's own password: forgotten (a mailed link) or changed (signed in). docs/security.md. */
@ApiTags('auth')
@Controller('api/v1/auth')
export class PasswordsController {
  constructor(
    private readonly passwords: PasswordsService,
    private readonly tokens: TokenService,
    private readonly principals: PrincipalService,
  ) {}

  @Post('password-reset')
  @Public()
  @LoginRoute()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Forgot one’s password: mail a link that sets a new one',
    description:
      `Whoever is active in the directory with this e-mail gets a mail with a link to /reset-password that works once, for ${PASSWORD_RESET_RULES.linkMinutes} minutes; ` +
      'someone without a password yet (added for the SSO, or imported) sets a first one with it. The answer is the same 202 whether or not anyone has the address. ' +
      `At most ${PASSWORD_RESET_RULES.mailsPerHour} links a person per hour are mailed; more requests are answered the same and mail nothing. ` +
      'Throttled like the login. Repeating the request with the same x-request-id mails once. ' +
      '403 LOCAL_LOGIN_DISABLED where password sign-in is off; 403 PASSWORD_RESET_UNAVAILABLE where no SMTP_URL is set (an administrator sets the password then).',
  })
  @ApiAcceptedResponse({ type: PasswordResetRequestedView })
  @ApiErrors(400, 403, 429)
  @ApiResponse({
    status: 503,
    description:
      'Temporal did not answer: nothing was started; repeat the request (the same x-request-id mails once)',
    type: ErrorView,
  })
  async requestReset(
    @Body() body: PasswordResetRequestDto,
    @RequestId() requestId: string,
  ): Promise<PasswordResetRequestedView> {
    await this.passwords.requestReset(body.email, requestId);
    return { linkValidMinutes: PASSWORD_RESET_RULES.linkMinutes };
  }

  @Post('password-reset/complete')
  @Public()
  @LoginRoute()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set a new password with the mailed link, and sign in',
    description:
      'Every earlier session of the person ends (on every device), and their calendar feed address stops; the answer is a new session, as the login’s. ' +
      'The link works once: 409 CONFLICT (details.reason "used") once it has set a password, or when the password was set or the sessions ended another way since it was mailed. ' +
      '422 RULE_VIOLATED naming token: details.reason "expired", or "invalid" (not a link of this installation, cut short, or of a deactivated account). 400 for a password under 12 characters or over 72 bytes.',
  })
  @ApiOkResponse({ type: PasswordSetView })
  @ApiErrors(400, 403, 409, 422, 429)
  async resetWithLink(
    @Body() body: PasswordResetDto,
    @RequestId() requestId: string,
    @Ip() clientAddress: string,
  ): Promise<PasswordSetView> {
    const set = await this.passwords.resetWithLink(body.token, body.password, {
      requestId,
      clientAddress: clientAddress ?? null,
    });
    return this.signedIn(set, 'password');
  }

  @Post('me/password')
  @ApiBearerAuth()
  @OpenToReadOnlyRoles()
  @LoginRoute()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change one’s own password (signed in)',
    description:
      'currentPassword is required when they have one (MeView.hasPassword); someone without one (SSO, imported) sets a first one. ' +
      'Every other session of theirs ends and their calendar feed address stops; the answer is this session’s replacement. ' +
      '422 RULE_VIOLATED naming currentPassword when it is wrong; 403 LOCAL_LOGIN_DISABLED where password sign-in is off; a task-link session gets 403. Throttled like the login.',
  })
  @ApiOkResponse({ type: PasswordSetView })
  @ApiErrors(400, 401, 403, 422, 429)
  async changeOwn(
    @CurrentUser() principal: Principal,
    @Body() body: ChangePasswordDto,
    @Attributed() by: Attribution,
  ): Promise<PasswordSetView> {
    const set = await this.passwords.changeOwn(principal, body.currentPassword, body.newPassword, by);
    return this.signedIn(set, principal.authenticatedBy === 'oidc' ? 'oidc' : 'password');
  }

  private async signedIn(set: PasswordSet, signedInBy: 'password' | 'oidc'): Promise<PasswordSetView> {
    const { accessToken, expiresIn } = await this.tokens.issueLocal(set.user, signedInBy);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn,
      user: MeView.of(await this.principals.forUser(set.user, signedInBy)),
      calendarFeedStopped: set.calendarFeedStopped,
    };
  }
}
