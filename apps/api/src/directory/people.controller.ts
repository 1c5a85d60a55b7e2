import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RoleAssignmentEntity, USER_ROLES, UserEntity, type UserRole } from '@qcycle/persistence';
import { CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { sortByName } from '../common/by-name';
import { ApiErrors } from '../common/error-responses';
import { certificateView } from './auditor-certificate';
import { AuditorCertificateView } from './dto/directory.dto';

export class PersonView {
  @ApiProperty({ example: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' })
  userId!: string;

  @ApiProperty({ example: 'Phạm Thị Lan' })
  fullName!: string;

  @ApiProperty({ example: 'Chuyên viên', nullable: true, type: String })
  title!: string | null;

  @ApiProperty({ example: 'vp-kiemsoat-tthc', nullable: true, type: String })
  unitCode!: string | null;

  @ApiProperty({ enum: USER_ROLES, isArray: true, example: ['staff'] })
  roles!: UserRole[];

  @ApiProperty({ example: true })
  active!: boolean;

  @ApiProperty({
    type: AuditorCertificateView,
    nullable: true,
    description:
      'Their internal-auditor certificate, if any is on record: what the audit plan names beside them',
  })
  auditorCertificate!: AuditorCertificateView | null;
}

/**
 * Who is who in the caller's organisation, for everyone in it: the names behind the user ids in
 * tasks, forms and records (an auditor planning the audit, a unit head choosing an owner, a leader
 * reading the history). No e-mail, no sign-in facts: those stay with the directory's own routes.
 */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/people')
export class PeopleController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({
    summary: 'The people of your organisation: name, title, unit, roles and auditor certificate (no e-mail)',
  })
  @ApiOkResponse({ type: [PersonView] })
  @ApiErrors(401, 403)
  async list(@CurrentUser() caller: Principal): Promise<PersonView[]> {
    const users = sortByName(
      await this.dataSource.getRepository(UserEntity).findBy({ organisationCode: caller.organisationCode }),
    );
    const assignments = await this.dataSource
      .getRepository(RoleAssignmentEntity)
      .find({ where: { organisationCode: caller.organisationCode } });
    return users.map((user) => ({
      userId: user.id,
      fullName: user.fullName,
      title: user.title,
      unitCode: user.unitCode,
      roles: [...new Set(assignments.filter((a) => a.userId === user.id).map((a) => a.role))].sort(),
      active: Boolean(user.active),
      auditorCertificate: certificateView(user),
    }));
  }
}
