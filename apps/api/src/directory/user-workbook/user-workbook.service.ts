import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource, In, type EntityManager } from 'typeorm';
import { QcycleError, QcycleErrorCode, type ErrorLanguage } from '@qcycle/contracts';
import { nameSortKey, numericDate, problemInLanguage, searchText, validationProblem } from '@qcycle/domain';
import {
  OrganisationUnitEntity,
  RoleAssignmentEntity,
  USER_ROLES,
  UserEntity,
  WHOLE_ORGANISATION_SCOPE,
} from '@qcycle/persistence';
import type { Attribution } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/principal';
import { sortByName } from '../../common/by-name';
import { certificateView } from '../auditor-certificate';
import { conflict, isUniqueViolation } from '../directory-errors';
import { newAssignment, newUserRow, record, stampAfter } from '../directory.service';
import type { UserImportView } from '../dto/user-workbook.dto';
import { directoryExport, userImportTemplate } from './directory-workbook';
import { IMPORT_MAX_BYTES, ImportFileUnreadable, readImportFile } from './import-file';
import {
  planUserImport,
  readDirectoryFile,
  type DirectoryFile,
  type DirectorySnapshot,
  type KnownUser,
  type PlannedRow,
} from './import-plan';
import type { KnownUnit } from './import-sheet';
import {
  headEmailsIn,
  planUnitHeads,
  planUnitImport,
  unitsAfterImport,
  type PlannedHead,
  type PlannedUnitRow,
} from './unit-import-plan';

/** What an import does, or would do: its units' rows (when the file has them), then its people's. */
interface ImportPlan {
  units: PlannedUnitRow[] | null;
  people: PlannedRow[];
}

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
    let read: DirectoryFile;
    try {
      read = readDirectoryFile(await readImportFile(file));
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
      ? planImport(read, await snapshot(this.dataSource.manager, caller.organisationCode, read))
      : await this.apply(caller, read, by);
    const inLanguage = (problems: PlannedRow['problems']) =>
      problems.map((problem) => problemInLanguage(problem, language));
    return {
      dryRun,
      sheet: read.people.sheet,
      ignoredColumns: read.people.ignoredColumns,
      counts: countsOf(plan.people),
      rows: plan.people.map((row) => ({
        row: row.row,
        email: row.email,
        action: row.action,
        ...row.fields,
        changed: row.changed,
        rolesAdded: row.rolesAdded,
        userId: row.userId,
        problems: inLanguage(row.problems),
      })),
      units:
        read.units && plan.units
          ? {
              sheet: read.units.sheet,
              ignoredColumns: read.units.ignoredColumns,
              counts: countsOf(plan.units),
              rows: plan.units.map((row) => ({
                row: row.row,
                code: row.code,
                action: row.action,
                name: { vi: row.fields.nameVi, en: row.fields.nameEn },
                parentCode: row.fields.parentCode,
                changed: [
                  ...new Set(row.changed.map((field) => (field === 'parentCode' ? field : 'name'))),
                  ...(row.action === 'update' && row.headsAdded.length > 0 ? ['heads'] : []),
                  ...(row.action === 'update' && row.workHead ? ['workHead'] : []),
                ],
                headsAdded: row.headsAdded.map(({ email, fullName }) => ({ email, fullName })),
                workHead: row.workHead && { email: row.workHead.email, fullName: row.workHead.fullName },
                problems: inLanguage(row.problems),
              })),
            }
          : null,
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
    const users = sortByName(await manager.findBy(UserEntity, { organisationCode }));
    const roles = await manager.findBy(RoleAssignmentEntity, { organisationCode });
    return directoryExport(
      units.map(knownUnit),
      language,
      users.map((user) => {
        const certificate = certificateView(user);
        return {
          id: user.id,
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

  /**
   * Plans again on the directory as the transaction reads it, and writes every row, or none: the
   * units first, so that the people's rows may name the units the same file adds.
   */
  private async apply(caller: Principal, read: DirectoryFile, by: Attribution): Promise<ImportPlan> {
    const org = caller.organisationCode;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const plan = planImport(read, await snapshot(manager, org, read));
        const refused = [...(plan.units ?? []), ...plan.people].filter((row) => row.action === 'refused');
        if (refused.length > 0)
          throw new QcycleError(
            QcycleErrorCode.RuleViolated,
            'importRefused',
            { count: refused.length },
            { problems: refused.flatMap((row) => row.problems) },
          );
        await writeUnits(manager, org, plan.units ?? [], by);
        const users = await manager.findBy(UserEntity, {
          id: In(plan.people.flatMap((row) => (row.action === 'update' && row.userId ? [row.userId] : []))),
        });
        for (const row of plan.people) {
          if (row.action === 'create') row.userId = await createUser(manager, org, row, by);
          else if (row.action === 'update') {
            const user = users.find((u) => u.id === row.userId);
            if (user) await updateUser(manager, org, user, row, by);
          }
        }
        // The units' heads last: a head may be someone the people's sheet has just added.
        await grantUnitHeads(manager, org, plan, by);
        await chooseWorkHeads(manager, org, plan, by);
        return plan;
      });
    } catch (error) {
      // Someone added one of these e-mails, or units, between the transaction's read and its insert.
      if (isUniqueViolation(error)) throw conflict('alreadyExists', {}, { what: 'User or unit' });
      throw error;
    }
  }
}

/** The people's plan on the directory as the units' rows leave it; then the heads the units' rows name. */
function planImport(read: DirectoryFile, directory: DirectorySnapshot): ImportPlan {
  const units = read.units ? planUnitImport(read.units.rows, directory.units) : null;
  const unitsAfter = units ? unitsAfterImport(units, directory.units) : directory.units;
  const people = planUserImport(read.people.rows, { ...directory, units: unitsAfter });
  return {
    units: units && read.units ? planUnitHeads(units, read.units.rows, people, directory) : null,
    people,
  };
}

function countsOf(rows: readonly { action: PlannedRow['action'] }[]) {
  return {
    create: rows.filter((r) => r.action === 'create').length,
    update: rows.filter((r) => r.action === 'update').length,
    unchanged: rows.filter((r) => r.action === 'unchanged').length,
    refused: rows.filter((r) => r.action === 'refused').length,
  };
}

/**
 * Adds, renames and moves the units as the plan says, each in the directory's log as if made on
 * the Units page, with the sheet's row. Parents before their sub-units: a new unit may belong to
 * another the same file adds further down.
 */
async function writeUnits(
  manager: EntityManager,
  organisationCode: string,
  plan: PlannedUnitRow[],
  by: Attribution,
): Promise<void> {
  // A row that only adds heads, or chooses who takes the unit's work, leaves the unit's own fields be.
  const toWrite = plan.filter(
    (row) => row.action === 'create' || (row.action === 'update' && row.changed.length > 0),
  );
  const existing = await manager.findBy(OrganisationUnitEntity, {
    organisationCode,
    code: In(toWrite.map((row) => row.code)),
  });
  const written = new Set<string>();
  const ready = (row: PlannedUnitRow) =>
    row.fields.parentCode === null ||
    written.has(row.fields.parentCode) ||
    !toWrite.some((other) => other.code === row.fields.parentCode && other.action === 'create');
  while (written.size < toWrite.length) {
    const row = toWrite.find((r) => !written.has(r.code) && ready(r));
    // The plan refuses loops, so some row is always ready; a guard against writing none forever.
    if (!row) throw new Error('units to import form a loop');
    written.add(row.code);
    const stamp = new Date().toISOString();
    const name = { vi: row.fields.nameVi, en: row.fields.nameEn };
    const searchable = searchText(row.code, name.vi, name.en);
    if (row.action === 'create') {
      await manager.insert(OrganisationUnitEntity, {
        organisationCode,
        code: row.code,
        nameVi: name.vi,
        nameEn: name.en,
        parentCode: row.fields.parentCode,
        createdAt: stamp,
        updatedAt: stamp,
        searchText: searchable,
      });
      await record(manager, organisationCode, 'unit.created', by, {
        code: row.code,
        name,
        parentCode: row.fields.parentCode,
        importedFromRow: row.row,
      });
      continue;
    }
    const unit = existing.find((u) => u.code === row.code);
    if (!unit) continue;
    Object.assign(unit, { nameVi: name.vi, nameEn: name.en, parentCode: row.fields.parentCode });
    unit.searchText = searchable;
    unit.updatedAt = stampAfter(unit.updatedAt);
    await manager.save(OrganisationUnitEntity, unit);
    await record(manager, organisationCode, 'unit.changed', by, {
      code: row.code,
      ...(row.changed.includes('nameVi') || row.changed.includes('nameEn') ? { name } : {}),
      ...(row.changed.includes('parentCode') ? { parentCode: row.fields.parentCode } : {}),
      importedFromRow: row.row,
    });
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
    user.nameSortKey = nameSortKey(user.fullName);
    user.updatedAt = stampAfter(user.updatedAt);
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

/**
 * The id of someone a unit's row names: in the directory already, or added by the people's rows
 * just written (`row.userId` is then theirs).
 */
function headIds(plan: ImportPlan): (head: PlannedHead) => string | undefined {
  const idByEmail = new Map(plan.people.flatMap((row) => (row.userId ? [[row.email, row.userId]] : [])));
  return (head) => head.userId ?? idByEmail.get(head.email);
}

/**
 * Makes each head the units' rows add the head of that unit, in the directory's log as if granted on
 * their page, with the unit's row.
 */
async function grantUnitHeads(
  manager: EntityManager,
  organisationCode: string,
  plan: ImportPlan,
  by: Attribution,
): Promise<void> {
  const idOf = headIds(plan);
  const grants = (plan.units ?? []).flatMap((row) =>
    row.headsAdded.map((head) => ({ row, userId: idOf(head) })),
  );
  if (grants.length === 0) return;
  const users = await manager.findBy(UserEntity, {
    id: In(grants.flatMap(({ userId }) => (userId ? [userId] : []))),
    organisationCode,
  });
  for (const { row, userId } of grants) {
    const user = users.find((u) => u.id === userId);
    // Every head was found by the plan, on this transaction's read: none is missing here.
    if (!user) continue;
    const assignment = newAssignment(user, 'unit-head', row.code);
    await manager.insert(RoleAssignmentEntity, assignment);
    await record(manager, organisationCode, 'role.granted', by, {
      userId: user.id,
      assignmentId: assignment.id,
      role: 'unit-head',
      unitCode: row.code,
      importedFromRow: row.row,
      // The row is the units' sheet's, not the people's (as every `unit.*` event's is).
      importedFromSheet: 'units',
    });
  }
}

/**
 * Gives each unit whose row chooses who takes its work to that head, in the directory's log as if
 * chosen on the Units page, with the unit's row. After the heads are granted: the one chosen may be
 * made its head by the same file.
 */
async function chooseWorkHeads(
  manager: EntityManager,
  organisationCode: string,
  plan: ImportPlan,
  by: Attribution,
): Promise<void> {
  const idOf = headIds(plan);
  const choices = (plan.units ?? []).flatMap((row) =>
    row.workHead ? [{ row, userId: idOf(row.workHead) }] : [],
  );
  if (choices.length === 0) return;
  const units = await manager.findBy(OrganisationUnitEntity, {
    organisationCode,
    code: In(choices.map(({ row }) => row.code)),
  });
  for (const { row, userId } of choices) {
    const unit = units.find((u) => u.code === row.code);
    // The plan found each unit and head on this transaction's read, or the units' rows added it.
    if (!unit || !userId) continue;
    unit.workHeadUserId = userId;
    unit.updatedAt = stampAfter(unit.updatedAt);
    await manager.save(OrganisationUnitEntity, unit);
    await record(manager, organisationCode, 'unit.changed', by, {
      code: row.code,
      workHeadUserId: userId,
      importedFromRow: row.row,
    });
  }
}

/**
 * The organisation's units, and everyone whose e-mail the file names (on the people's sheet, or as
 * a unit's head), with their roles.
 */
async function snapshot(
  manager: EntityManager,
  organisationCode: string,
  read: DirectoryFile,
): Promise<DirectorySnapshot> {
  const units = await manager.findBy(OrganisationUnitEntity, { organisationCode });
  const emails = [
    ...new Set([
      ...read.people.rows.map((row) => row.cells.email.toLowerCase()).filter(Boolean),
      ...(read.units?.rows ?? []).flatMap((row) => headEmailsIn(`${row.cells.heads},${row.cells.workHead}`)),
    ]),
  ];
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
  return {
    code: unit.code,
    nameVi: unit.nameVi,
    nameEn: unit.nameEn,
    parentCode: unit.parentCode,
    workHeadUserId: unit.workHeadUserId,
  };
}
