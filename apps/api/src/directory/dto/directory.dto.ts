import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { NestedList } from '../../common/nested-list';
import { ORGANISATION_CODE_PATTERN } from '@qcycle/contracts';
import { USER_ROLES, type UserRole } from '@qcycle/persistence';
import { MIN_PASSWORD_LENGTH, NewPassword } from '../../auth/dto/new-password';
import { PageInfoView, PageQueryDto } from '../../common/pagination';
import { IsInstant } from '../../common/instant';

/**
 * A directory row's `updatedAt` as its views give it, and `ifUnchangedSince` of an edit, that stamp
 * sent back: an edit made on a copy someone changed since is refused (DirectoryService `claimRow`).
 */
const UpdatedAt = () =>
  ApiProperty({
    example: '2024-03-05T02:15:30.123Z',
    description:
      'When it last changed; sent back as ifUnchangedSince, an edit made on this copy is refused if it has changed since',
  });
const IfUnchangedSince = () =>
  applyDecorators(
    ApiPropertyOptional({
      example: '2024-03-05T02:15:30.123Z',
      description:
        'The updatedAt of the copy this edit was made on: if the row has changed since, the edit is refused with 409 (details.current: the row as it is now) instead of putting back what someone else changed',
    }),
    IsOptional(),
    IsInstant('2024-03-05T02:15:30.123Z'),
  );

/** A unit code: lower-case letters, digits and dashes, e.g. `vp-tonghop`. */
export const UNIT_CODE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;
export class LocalizedNameDto {
  @ApiProperty({ example: 'Văn phòng UBND tỉnh Kon Tum' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  vi!: string;

  @ApiProperty({ example: "Office of the Kon Tum Provincial People's Committee" })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  en!: string;
}

// ── organisations ─────────────────────────────────────────────────────────────────────────────

export class FirstAdminDto {
  @ApiProperty({ example: 'Lê Thị Quản Trị' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  fullName!: string;

  @ApiProperty({ example: 'admin@gialai.qcycle.test' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @NewPassword({
    optional: true,
    example: 'a-long-initial-password',
    description: `At least ${MIN_PASSWORD_LENGTH} characters; omit for an SSO-only administrator`,
  })
  password?: string;
}

// @ValidateNested alone lets a missing or array value through (the service then read `name.vi` of
// undefined: a 500); @IsObject makes each nested field a JSON object, as the schema says.
export class CreateOrganisationDto {
  @ApiProperty({
    example: 'gialai',
    description: 'Lower-case letters, digits and dashes; used in cycle ids, never changed',
  })
  @Matches(ORGANISATION_CODE_PATTERN, {
    message: 'code must be lower-case letters, digits and dashes (2–40)',
  })
  code!: string;

  @ApiProperty({ type: LocalizedNameDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name!: LocalizedNameDto;

  @ApiProperty({
    type: FirstAdminDto,
    description: "The new organisation's own administrator (organisations administer themselves)",
  })
  @IsObject()
  @ValidateNested()
  @Type(() => FirstAdminDto)
  firstAdmin!: FirstAdminDto;
}

export class UpdateOrganisationDto {
  @ApiProperty({ type: LocalizedNameDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name!: LocalizedNameDto;
  @IfUnchangedSince()
  ifUnchangedSince?: string;
}

export class LocalizedNameView {
  @ApiProperty({ example: 'Phòng Tổng hợp' })
  vi!: string;

  @ApiProperty({ example: 'General Affairs Division' })
  en!: string;
}

export class OrganisationView {
  @ApiProperty({ example: 'kontum' })
  code!: string;

  @ApiProperty({ type: LocalizedNameView })
  name!: LocalizedNameView;

  @UpdatedAt()
  updatedAt!: string;
}

export class OrganisationPage extends PageInfoView {
  @ApiProperty({ type: [OrganisationView] })
  items!: OrganisationView[];
}

// ── units ─────────────────────────────────────────────────────────────────────────────────────

export class UnitListQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'vp-tonghop', description: 'Only the units directly under this one' })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN, { message: 'parentCode must be a unit code' })
  parentCode?: string;

  @ApiPropertyOptional({
    example: 'tổng hợp',
    description:
      'Part of the code or the Vietnamese or English name, in any case; typed without its marks ("uy ban") it finds the names with any',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CreateUnitDto {
  @ApiProperty({
    example: 'vp-tonghop',
    description: 'Lower-case letters, digits and dashes; unique in the organisation',
  })
  @Matches(UNIT_CODE_PATTERN, { message: 'code must be lower-case letters, digits and dashes (2–60)' })
  code!: string;

  @ApiProperty({ type: LocalizedNameDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name!: LocalizedNameDto;

  @ApiPropertyOptional({ example: 'vp-hanhchinh-tochuc', description: 'The unit this one belongs to' })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN, { message: 'parentCode must be a unit code' })
  parentCode?: string;
}

export class UpdateUnitDto {
  @ApiPropertyOptional({ type: LocalizedNameDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedNameDto)
  name?: LocalizedNameDto;

  @ApiPropertyOptional({
    example: null,
    nullable: true,
    type: String,
    description: 'null makes it a top-level unit',
  })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @Matches(UNIT_CODE_PATTERN, { message: 'parentCode must be a unit code or null' })
  parentCode?: string | null;

  @ApiPropertyOptional({
    example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    nullable: true,
    type: String,
    description:
      "Which of the unit's heads takes its work in a year started from now on: one of its active heads (heads[].userId). null leaves it to the first by name. A year already running keeps its roster; hand its tasks over to move them",
  })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  workHeadUserId?: string | null;

  @IfUnchangedSince()
  ifUnchangedSince?: string;
}

export class UnitHeadView {
  @ApiProperty({ example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b' })
  userId!: string;

  @ApiProperty({ example: 'Võ Đình Nam' })
  fullName!: string;

  @ApiProperty({
    example: true,
    description: "Whether a year started now gives this head the unit's work: exactly one of the heads",
  })
  takesWork!: boolean;
}

export class UnitView {
  @ApiProperty({ example: 'vp-tonghop' })
  code!: string;

  @ApiProperty({ example: 'kontum' })
  organisationCode!: string;

  @ApiProperty({ type: LocalizedNameView })
  name!: LocalizedNameView;

  @ApiProperty({ example: null, nullable: true, type: String })
  parentCode!: string | null;

  @ApiProperty({
    type: () => [UnitHeadView],
    description:
      "Who leads the unit: the active people holding unit-head for it, by name. A year started now gives the unit's work to the one chosen (workHeadUserId), else to the first (takesWork marks which); a unit without any has the Quality Representative stand in for its head.",
  })
  heads!: UnitHeadView[];

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description:
      "The head chosen to take the unit's work (PATCH /units/{code}), while they still lead it and are active; null when it is left to the first by name",
  })
  workHeadUserId!: string | null;

  @UpdatedAt()
  updatedAt!: string;
}

export class UnitPage extends PageInfoView {
  @ApiProperty({ type: [UnitView] })
  items!: UnitView[];
}

// ── users and roles ───────────────────────────────────────────────────────────────────────────

export class RoleGrantDto {
  @ApiProperty({ enum: USER_ROLES, example: 'unit-head' })
  @IsIn(USER_ROLES as unknown as string[], { message: `role must be one of ${USER_ROLES.join(', ')}` })
  role!: UserRole;

  @ApiPropertyOptional({
    example: 'vp-kiemsoat-tthc',
    description: 'Required for unit-head (the unit they lead); not allowed for other roles',
  })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be a unit code' })
  unitCode?: string;
}

export class UserListQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'vp-kiemsoat-tthc' })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be a unit code' })
  unitCode?: string;

  @ApiPropertyOptional({ enum: USER_ROLES, example: 'auditor' })
  @IsOptional()
  @IsIn(USER_ROLES as unknown as string[], { message: `role must be one of ${USER_ROLES.join(', ')}` })
  role?: UserRole;

  @ApiPropertyOptional({ example: true, type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({
    example: 'nguyễn',
    description:
      'Part of the full name or e-mail, in any case; typed without its marks ("nguyen") it finds the names with any',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

/**
 * A person's certificate of internal-auditor training (ISO 9001 7.2: competence on record; 9.2.2 c:
 * auditors chosen for it). The audit plan (KH-DGNB) names it beside the auditor.
 */
export class AuditorCertificateDto {
  @ApiProperty({
    example: 'Giấy chứng nhận chuyên gia đánh giá nội bộ HTQLCL theo TCVN ISO 9001:2015 số 125/2023',
    description: 'As written on the certificate: what it certifies, and its number',
  })
  @IsString()
  @Matches(/\S/, { message: 'certificate must not be blank' })
  @MaxLength(300)
  certificate!: string;

  @ApiPropertyOptional({ example: 'Trung tâm Năng suất Việt Nam', nullable: true, type: String })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @IsString()
  @MaxLength(200)
  issuedBy?: string | null;

  @ApiProperty({
    example: '2023-06-16',
    description: 'The day it was issued, YYYY-MM-DD (Vietnam time); a day to come is refused (422)',
  })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'issuedOn must be a date YYYY-MM-DD' })
  issuedOn!: string;
}

export class AuditorCertificateView {
  @ApiProperty({
    example: 'Giấy chứng nhận chuyên gia đánh giá nội bộ HTQLCL theo TCVN ISO 9001:2015 số 125/2023',
  })
  certificate!: string;

  @ApiProperty({ example: 'Trung tâm Năng suất Việt Nam', nullable: true, type: String })
  issuedBy!: string | null;

  @ApiProperty({ example: '2023-06-16' })
  issuedOn!: string;
}

/** @ValidateNested alone lets an array or a string through; @IsObject makes it a JSON object. */
const AuditorCertificateField = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: AuditorCertificateDto,
      nullable: true,
      description: "The person's internal-auditor certificate, their competence on record; null removes it",
    }),
    ValidateIf((_o, value) => value !== undefined && value !== null),
    IsObject(),
    ValidateNested(),
    Type(() => AuditorCertificateDto),
  );

export class CreateUserDto {
  @ApiProperty({ example: 'Phạm Thị Lan' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  fullName!: string;

  @ApiProperty({ example: 'lan.pt@kontum.qcycle.test' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ example: 'Chuyên viên' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ example: 'vp-kiemsoat-tthc' })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be a unit code' })
  unitCode?: string;

  @ApiPropertyOptional({ enum: ['vi', 'en'], default: 'vi', example: 'vi' })
  @IsOptional()
  @IsIn(['vi', 'en'])
  locale?: 'vi' | 'en';

  @NewPassword({
    optional: true,
    example: 'a-long-initial-password',
    description: `At least ${MIN_PASSWORD_LENGTH} characters; omit for an SSO-only user`,
  })
  password?: string;

  @ApiPropertyOptional({ type: [RoleGrantDto] })
  @IsOptional()
  @ArrayMaxSize(USER_ROLES.length * 4)
  @NestedList(() => RoleGrantDto)
  roles?: RoleGrantDto[];

  @AuditorCertificateField()
  auditorCertificate?: AuditorCertificateDto | null;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Phạm Thị Lan' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  fullName?: string;

  @ApiPropertyOptional({ example: 'Phó Trưởng phòng', nullable: true, type: String })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @IsString()
  @MaxLength(200)
  title?: string | null;

  @ApiPropertyOptional({ example: 'vp-tonghop', nullable: true, type: String })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be a unit code or null' })
  unitCode?: string | null;

  @ApiPropertyOptional({ enum: ['vi', 'en'], example: 'en' })
  @IsOptional()
  @IsIn(['vi', 'en'])
  locale?: 'vi' | 'en';

  @ApiPropertyOptional({
    example: false,
    description: 'false deactivates: the user can no longer sign in; their records stay',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @NewPassword({ optional: true, example: 'a-new-long-password' })
  password?: string;

  @AuditorCertificateField()
  auditorCertificate?: AuditorCertificateDto | null;

  @IfUnchangedSince()
  ifUnchangedSince?: string;
}

export class RoleAssignmentView {
  @ApiProperty({ example: '0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b' })
  id!: string;

  @ApiProperty({ enum: USER_ROLES, example: 'unit-head' })
  role!: UserRole;

  @ApiProperty({
    example: 'vp-kiemsoat-tthc',
    nullable: true,
    type: String,
    description: 'The unit of a unit-head role; null otherwise',
  })
  unitCode!: string | null;
}

export class UserView {
  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' })
  id!: string;

  @ApiProperty({ example: 'kontum' })
  organisationCode!: string;

  @ApiProperty({ example: 'vp-kiemsoat-tthc', nullable: true, type: String })
  unitCode!: string | null;

  @ApiProperty({ example: 'Phạm Thị Lan' })
  fullName!: string;

  @ApiProperty({ example: 'Chuyên viên', nullable: true, type: String })
  title!: string | null;

  @ApiProperty({ example: 'lan.pt@kontum.qcycle.test' })
  email!: string;

  @ApiProperty({ enum: ['vi', 'en'], example: 'vi' })
  locale!: 'vi' | 'en';

  @ApiProperty({ example: true })
  active!: boolean;

  @ApiProperty({ example: true, description: 'Can sign in with a password (local login)' })
  hasPassword!: boolean;

  @ApiProperty({ example: false, description: 'Linked to an SSO account' })
  ssoLinked!: boolean;

  @ApiProperty({ type: [RoleAssignmentView] })
  roles!: RoleAssignmentView[];

  @ApiProperty({ type: AuditorCertificateView, nullable: true })
  auditorCertificate!: AuditorCertificateView | null;

  @UpdatedAt()
  updatedAt!: string;
}

export class UserPage extends PageInfoView {
  @ApiProperty({ type: [UserView] })
  items!: UserView[];
}

// ── directory event log ───────────────────────────────────────────────────────────────────────

export class DirectoryEventQuery extends PageQueryDto {
  @ApiPropertyOptional({
    example: 'role.',
    description: 'Exact type (role.granted) or a prefix ending in a dot (role.)',
  })
  @IsOptional()
  @Matches(/^[a-z0-9.-]{1,64}$/, {
    message: 'type must be an event type such as role.granted, or a prefix such as role.',
  })
  type?: string;

  @ApiPropertyOptional({
    example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b',
    description: 'Who made the change',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;
}

export class DirectoryEventView {
  @ApiProperty({ example: 'role.granted' })
  type!: string;

  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' })
  actor!: string;

  @ApiProperty({ example: '2024-01-05T02:00:00.000Z' })
  occurredAt!: string;

  @ApiProperty({ example: '3f0c1b9e-7a51-4d2a-9a0e-2f4f5b8c9d10', nullable: true, type: String })
  requestId!: string | null;

  @ApiProperty({ example: '10.0.0.12', nullable: true, type: String })
  clientAddress!: string | null;

  @ApiProperty({
    example: { userId: '0b8f6a1e-…', role: 'auditor', unitCode: null },
    type: 'object',
    additionalProperties: true,
  })
  payload!: Record<string, unknown>;
}

export class DirectoryEventPage extends PageInfoView {
  @ApiProperty({ type: [DirectoryEventView] })
  items!: DirectoryEventView[];
}
