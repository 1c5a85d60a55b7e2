import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { USER_ROLES, type UserRole } from '@qcycle/persistence';
import type { Principal } from '../principal';

export const USER_LOCALES = ['vi', 'en'] as const;
export type UserLocale = (typeof USER_LOCALES)[number];

export class MeView {
  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' })
  userId!: string;

  @ApiProperty({ example: 'kontum' })
  organisationCode!: string;

  @ApiProperty({ example: 'vp-kiemsoat-tthc', nullable: true, type: String })
  unitCode!: string | null;

  @ApiProperty({ example: 'Nguyễn Hữu Tháp' })
  fullName!: string;

  @ApiProperty({ example: 'leader@kontum.qcycle.test' })
  email!: string;

  @ApiProperty({ enum: USER_ROLES, isArray: true, example: ['leader'] })
  roles!: UserRole[];

  @ApiProperty({ type: [String], example: [], description: 'Units this user heads' })
  headOfUnits!: string[];

  @ApiProperty({ enum: ['password', 'oidc', 'task-link'], example: 'password' })
  authenticatedBy!: 'password' | 'oidc' | 'task-link';

  @ApiProperty({
    enum: USER_LOCALES,
    example: 'vi',
    description: 'The language the user chose for the web app and the notifications (PATCH /auth/me)',
  })
  locale!: UserLocale;

  @ApiProperty({
    example: true,
    description:
      'They have a password: changing it (POST /auth/me/password) asks for the current one. False for someone added without one (SSO, an import) until they set one.',
  })
  hasPassword!: boolean;

  @ApiPropertyOptional({
    example: 'quality-cycle/kontum/2024/approval/approve/1',
    description: 'Only for a session opened from a task link: the one task it opens',
  })
  onlyTaskId?: string;

  static of(principal: Principal): MeView {
    // Not the session's mark (`sessionsValidFrom`): the API's own bookkeeping, not the caller's.
    const { sessionsValidFrom, ...me } = principal;
    return me;
  }
}
