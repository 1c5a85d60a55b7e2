import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource, In, type EntityManager } from 'typeorm';
import { QcycleError, QcycleErrorCode, type ErrorLanguage } from '@qcycle/contracts';
import { numericDate, problemInLanguage, searchText, validationProblem } from '@qcycle/domain';
import {
  OrganisationUnitEntity,
  RoleAssignmentEntity,
  USER_ROLES,
  UserEntity,
  WHOLE_ORGANISATION_SCOPE,
} from '@qcycle/persistence';
import type { Attribution } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/principal';
import { certificateView } from '../auditor-certificate';
import { conflict, isUniqueViolation } from '../directory-errors';
import { newAssignment, newUserRow, record } from '../directory.service';
import type { UserImportView } from '../dto/user-workbook.dto';
import { directoryExport, userImportTemplate } from './directory-workbook';
import { IMPORT_MAX_BYTES, ImportFileUnreadable, readImportFile } from './import-file';
import {
  planUserImport,
  readImportRows,
  type DirectorySnapshot,
  type ImportRows,
  type KnownUnit,
  type KnownUser,
  type PlannedRow,
} from './import-plan';

/** What a file may be declared as; which it is, is read from its bytes. */
const IMPORT_CONTENT_TYPES = [
  'text/csv',
  'application/csv',
  'text/plain',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

/**
 * The organisation's people as a workbook (docs/api.md "Importing people from a spreadsheet"): the
 * template to fill in, the directory exported in its form, and the import — a check says row by row
 * what would happen; the import does it in one transaction, all rows or none, each change in the
 * directory's log as if made one by one (with the file's row).
 */
@Injectable()
export class UserWorkbookService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async import(
    caller: Principal,
    request: Request,
    dryRun: boolean,
    by: Attribution,
    language: ErrorLanguage,
  ): Promise<UserImportView> {
    const file = await readBody(request);
    let table: Awaited<ReturnType<typeof readImportFile>>;
    let rows: ImportRows;
    try {
      table = await readImportFile(file);
      rows = readImportRows(table);
    } catch (error) {
      if (!(error instanceof ImportFileUnreadable)) throw error;
      throw new QcycleError(
        QcycleErrorCode.RuleViolated,
        'importUnreadable',
        {},
        {
          problems: [validationProblem('file', 'invalid-format', error.reason)],
        },
      );
    }
    const plan = dryRun
      ? planUserImport(rows.rows, await snapshot(this.dataSource.manager, caller.organisationCode, rows))
      : await this.apply(caller, rows, by);
    return {
      dryRun,
      sheet: table.sheet,
      ignoredColumns: rows.ignoredColumns,
      counts: {
        create: plan.filter((r) => r.action === 'create').length,
        update: plan.filter((r) => r.action === 'update').length,
        unchanged: plan.filter((r) => r.action === 'unchanged').length,
        refused: plan.filter((r) => r.action === 'refused').length,
      },
      rows: plan.map((row) => ({
        row: row.row,
        email: row.email,
        action: row.action,
        ...row.fields,
        changed: row.changed,
        rolesAdded: row.rolesAdded,
        userId: row.userId,
        problems: row.problems.map((problem) => problemInLanguage(problem, language)),
      })),
    };
  }

  /** The workbook to fill in, with the organisation's units listed in its guide. */
  async template(caller: Principal, language: 'vi' | 'en'): Promise<Buffer> {
    const units = await this.dataSource.manager.findBy(OrganisationUnitEntity, {
      organisationCode: caller.organisationCode,
    });
    return userImportTemplate(units.map(knownUnit), language);
  }

  /**
   * The organisation's directory as a workbook in the template's form (`directoryExport`): for the
   * QMS's records (who holds which role, each auditor's certificate, ISO 9001 7.2), and for a change
   * of many people at once — edited and imported again.
   */
  async export(caller: Principal, language: 'vi' | 'en'): Promise<Buffer> {
    const manager = this.dataSource.manager;
    const organisationCode = caller.organisationCode;
    const units = await manager.findBy(OrganisationUnitEntity, { organisationCode });
    // By name as Vietnamese sorts it, the same on both databases (their collations differ).
    const users = (await manager.findBy(UserEntity, { organisationCode })).sort(
      (a, b) => a.fullName.localeCompare(b.fullName, 'vi') || a.email.localeCompare(b.email),
    );
    const roles = await manager.findBy(RoleAssignmentEntity, { organisationCode });
    return directoryExport(
      units.map(knownUnit),
      language,
      users.map((user) => {
        const certificate = certificateView(user);
        return {
          fullName: user.fullName,
          email: user.email,
          unitCode: user.unitCode,
          title: user.title,
          locale: user.locale === 'en' ? 'en' : 'vi',
          active: Boolean(user.active),
          roles: roles
            .filter((r) => r.userId === user.id)
            .sort((a, b) => USER_ROLES.indexOf(a.role) - USER_ROLES.indexOf(b.role))
            .map((r) => ({ role: r.role, unitCode: r.scope === WHOLE_ORGANISATION_SCOPE ? null : r.scope })),
          auditorCertificate: certificate
            ? [certificate.certificate, certificate.issuedBy, numericDate(certificate.issuedOn)]
                .filter(Boolean)
                .join(', ')
            : null,
        };
      }),
    );
  }

  /** Plans again on the directory as the transaction reads it, and writes every row, or none. */
  private async apply(caller: Principal, rows: ImportRows, by: Attribution): Promise<PlannedRow[]> {
    const org = caller.organisationCode;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const plan = planUserImport(rows.rows, await snapshot(manager, org, rows));
        const refused = plan.filter((row) => row.action === 'refused');
        if (refused.length > 0)
          throw new QcycleError(
            QcycleErrorCode.RuleViolated,
            'importRefused',
            { count: refused.length },
            { problems: refused.flatMap((row) => row.problems) },
          );
        const users = await manager.findBy(UserEntity, {
          id: In(plan.flatMap((row) => (row.action === 'update' && row.userId ? [row.userId] : []))),
        });
        for (const row of plan) {
          if (row.action === 'create') row.userId = await createUser(manager, org, row, by);
          else if (row.action === 'update') {
            const user = users.find((u) => u.id === row.userId);
            if (user) await updateUser(manager, org, user, row, by);
          }
        }
        return plan;
      });
    } catch (error) {
      // Someone added one of these e-mails between the transaction's read and its insert.
      if (isUniqueViolation(error)) throw conflict('alreadyExists', {}, { what: 'User' });
      throw error;
    }
  }
}

async function createUser(
  manager: EntityManager,
  organisationCode: string,
  row: PlannedRow,
  by: Attribution,
): Promise<string> {
  const user = newUserRow({ organisationCode, email: row.email, passwordHash: null, ...row.fields });
  await manager.insert(UserEntity, user);
  for (const grant of row.rolesAdded)
    await manager.insert(
      RoleAssignmentEntity,
      newAssignment(user, grant.role, grant.unitCode ?? WHOLE_ORGANISATION_SCOPE),
    );
  await record(manager, organisationCode, 'user.created', by, {
    userId: user.id,
    email: row.email,
    unitCode: user.unitCode,
    roles: row.rolesAdded,
    withPassword: false,
    importedFromRow: row.row,
  });
  return user.id;
}

async function updateUser(
  manager: EntityManager,
  organisationCode: string,
  user: UserEntity,
  row: PlannedRow,
  by: Attribution,
): Promise<void> {
  if (row.changed.length > 0) {
    const changes = Object.fromEntries(row.changed.map((field) => [field, row.fields[field]]));
    Object.assign(user, changes);
    user.searchText = searchText(user.fullName, user.email);
    // Later than the stamp an editor may hold, so that their edit made on the old copy is refused.
    user.updatedAt = new Date(Math.max(Date.now(), Date.parse(user.updatedAt) + 1)).toISOString();
    await manager.save(UserEntity, user);
    await record(manager, organisationCode, 'user.changed', by, {
      userId: user.id,
      ...changes,
      importedFromRow: row.row,
    });
  }
  for (const grant of row.rolesAdded) {
    const assignment = newAssignment(user, grant.role, grant.unitCode ?? WHOLE_ORGANISATION_SCOPE);
    await manager.insert(RoleAssignmentEntity, assignment);
    await record(manager, organisationCode, 'role.granted', by, {
      userId: user.id,
      assignmentId: assignment.id,
      role: grant.role,
      unitCode: grant.unitCode,
      importedFromRow: row.row,
    });
  }
}

/** The organisation's units, and everyone whose e-mail the file names, with their roles. */
async function snapshot(
  manager: EntityManager,
  organisationCode: string,
  rows: ImportRows,
): Promise<DirectorySnapshot> {
  const units = await manager.findBy(OrganisationUnitEntity, { organisationCode });
  const emails = [...new Set(rows.rows.map((row) => row.cells.email.toLowerCase()).filter(Boolean))];
  const users = emails.length > 0 ? await manager.findBy(UserEntity, { email: In(emails) }) : [];
  const roles =
    users.length > 0
      ? await manager.findBy(RoleAssignmentEntity, { userId: In(users.map((u) => u.id)) })
      : [];
  const usersByEmail = new Map<string, KnownUser>(
    users.map((user) => [
      user.email,
      {
        id: user.id,
        organisationCode: user.organisationCode,
        fullName: user.fullName,
        title: user.title,
        unitCode: user.unitCode,
        locale: user.locale === 'en' ? 'en' : 'vi',
        active: Boolean(user.active),
        roles: roles
          .filter((r) => r.userId === user.id)
          .map((r) => ({ role: r.role, unitCode: r.scope === WHOLE_ORGANISATION_SCOPE ? null : r.scope })),
      },
    ]),
  );
  return {
    organisationCode,
    units: units.map(knownUnit),
    usersByEmail,
  };
}

/** The request's body, the file, refused whole when larger than the import takes. */
async function readBody(request: Request): Promise<Buffer> {
  const declared = (request.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (declared !== '' && !IMPORT_CONTENT_TYPES.includes(declared))
    throw new QcycleError(QcycleErrorCode.UnsupportedMediaType);
  if (Number(request.header('content-length') ?? 0) > IMPORT_MAX_BYTES)
    throw new QcycleError(QcycleErrorCode.PayloadTooLarge);
  // Read by events, not `for await`: leaving that loop early destroys the request, and with it the
  // connection the 413 is to go back on. A body past the limit is drained and dropped.
  if (request.readableEnded) return Buffer.alloc(0);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= IMPORT_MAX_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      size > IMPORT_MAX_BYTES
        ? reject(new QcycleError(QcycleErrorCode.PayloadTooLarge))
        : resolve(Buffer.concat(chunks)),
    );
    request.on('error', reject);
  });
}

/** A unit as the workbook and the plan name it. */
function knownUnit(unit: OrganisationUnitEntity): KnownUnit {
  return { code: unit.code, nameVi: unit.nameVi, nameEn: unit.nameEn };
}
