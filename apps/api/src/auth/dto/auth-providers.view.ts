import { ApiProperty } from '@nestjs/swagger';

/** What the web app needs to send the browser to the organisation's SSO (Authorization Code + PKCE). */
export class SsoProviderView {
  @ApiProperty({
    example: 'https://sso.kontum.gov.vn/realms/qlcl/protocol/openid-connect/auth',
    description: "The provider's authorization endpoint, from its /.well-known/openid-configuration",
  })
  authorizationEndpoint!: string;

  @ApiProperty({ example: 'qcycle-web', description: 'The web app as a public OIDC client (OIDC_CLIENT_ID)' })
  clientId!: string;

  @ApiProperty({ example: 'openid email profile' })
  scope!: string;

  @ApiProperty({
    example: 'https://sso.kontum.gov.vn/realms/qlcl/protocol/openid-connect/logout',
    nullable: true,
    type: String,
    description:
      "The provider's end_session_endpoint (OpenID Connect RP-Initiated Logout), from its discovery document: signing out of qcycle sends the browser there (client_id, post_logout_redirect_uri = the app's /sign-in) so that the SSO session ends too. Null when the provider has none.",
  })
  endSessionEndpoint!: string | null;
}

/** How one can sign in on this installation. */
export class AuthProvidersView {
  @ApiProperty({ example: true, description: 'E-mail and password (POST /auth/login) is on' })
  password!: boolean;

  @ApiProperty({
    example: true,
    description:
      'A forgotten password can be reset with a mailed link (POST /auth/password-reset): password sign-in is on and SMTP_URL is set. False: an administrator sets it.',
  })
  passwordReset!: boolean;

  @ApiProperty({
    type: SsoProviderView,
    nullable: true,
    description: 'Sign-in through the SSO; null when OIDC or OIDC_CLIENT_ID is not configured',
  })
  sso!: SsoProviderView | null;
}
