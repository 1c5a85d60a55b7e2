import { ApiProperty } from '@nestjs/swagger';
import { MeView } from './me.view';

export class TokenView {
  @ApiProperty({
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…',
    description: 'Send as Authorization: Bearer <accessToken>',
  })
  accessToken!: string;

  @ApiProperty({ example: 'Bearer', enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ example: 28800, description: 'Seconds until the token expires (JWT_TTL_MINUTES)' })
  expiresIn!: number;

  @ApiProperty({ type: MeView })
  user!: MeView;
}
