import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_RESET_RULES } from '@qcycle/contracts';
import { NewPassword } from './new-password';
import { TokenView } from './token.view';

/** "Forgot your password?": the address to mail a link to. */
export class PasswordResetRequestDto {
  @ApiProperty({ example: 'staff.tthc@kontum.qcycle.test' })
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class PasswordResetRequestedView {
  @ApiProperty({
    example: PASSWORD_RESET_RULES.linkMinutes,
    description: 'How long the mailed link works, in minutes, from when the mail is written',
  })
  linkValidMinutes!: number;
}

/** The mailed link's token and the new password. */
export class PasswordResetDto {
  @ApiProperty({ description: 'The `token` of the mailed link (/reset-password?token=…)', maxLength: 2048 })
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  token!: string;

  @NewPassword({ example: 'a-new-long-password' })
  password!: string;
}

/** A signed-in person's new password. */
export class ChangePasswordDto {
  @ApiPropertyOptional({
    example: 'the-current-password',
    format: 'password',
    description: 'Required when they have a password (MeView.hasPassword); left out to set a first one',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  currentPassword?: string;

  @NewPassword({ example: 'a-new-long-password' })
  newPassword!: string;
}

/** The new password is set: a session signed after it (every earlier one has ended). */
export class PasswordSetView extends TokenView {
  @ApiProperty({
    example: false,
    description:
      'Their calendar feed address was stopped with their sessions (a new one is made on the notifications page)',
  })
  calendarFeedStopped!: boolean;
}
