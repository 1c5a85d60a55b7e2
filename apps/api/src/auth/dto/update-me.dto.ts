import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { USER_LOCALES, type UserLocale } from './me.view';

/** What a user may change about their own account themselves. */
export class UpdateMeDto {
  @ApiProperty({ enum: USER_LOCALES, example: 'en', description: 'Tiếng Việt (vi) or English (en)' })
  @IsIn(USER_LOCALES)
  locale!: UserLocale;
}
