import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';

/** The end of the browser's SSO round trip: the code the provider sent back, and the PKCE verifier. */
export class OidcExchangeDto {
  @ApiProperty({
    example: 'SplxlOBeZQQYbYS6WxSbIA',
    description: 'The `code` the provider redirected back with',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  code!: string;

  @ApiProperty({
    example: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    description: 'The PKCE code_verifier whose S256 challenge went with the authorization request (RFC 7636)',
  })
  @Matches(/^[A-Za-z0-9\-._~]{43,128}$/, {
    message: 'codeVerifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636)',
  })
  codeVerifier!: string;

  @ApiProperty({
    example: 'https://qms.kontum.gov.vn/auth/callback',
    description: 'The redirect_uri of the authorization request, exactly',
  })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  redirectUri!: string;

  @ApiPropertyOptional({
    example: 'n-0S6_WzA2Mj',
    description: 'The nonce the authorization request carried, if any: the id_token must carry it too',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  nonce?: string;
}
