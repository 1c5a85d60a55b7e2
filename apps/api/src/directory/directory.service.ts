import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { containsPattern, nameSortKey, searchText } from '@qcycle/domain';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  AssignmentEntity,
  CalendarFeedEntity,
  DirectoryEventEntity,
  OrganisationEntity,
  OrganisationUnitEntity,
  QualityCycleEntity,
  RoleAssignmentEntity,
  TaskEntity,
  UserEntity,
  WHOLE_ORGANISATION_SCOPE,
  type UserRole,
} from '@qcycle/persistence';
import type { Attribution } from '../auth/auth.decorators';
import { PasswordChangeNotices } from '../auth/password-change-notices';
import { PasswordHasher } from '../auth/password-hasher';
import { hasRole, type Principal } from '../auth/principal';
import { nextSessionsValidFrom } from '../auth/sessions';
import { sortByName } from '../common/by-name';
import { headTakingWork } from '../common/head-taking-work';
import { pageWindow, type Page } from '../common/pagination';
import { certificateColumns, certificateView } from './auditor-certificate';
import { conflict, forbidden, refusedField, isUniqueViolation, notFound } from './directory-errors';
import type {
  CreateOrganisationDto,
  CreateUnitDto,
  CreateUserDto,
  DirectoryEventQuery,
  DirectoryEventView,
  OrganisationView,
  RoleAssignmentView,
  RoleGrantDto,
  UnitListQuery,
  UnitView,
  UpdateOrganisationDto,
  UpdateUnitDto,
  UpdateUserDto,
  UserListQuery,
  UserView,
} from './dto/directory.dto';

const now = () => new Date().toISOString();

/**
 * Who reads every user of their organisation: the list (`GET /users`) and each user
 * (`GET /users/{id}`) alike, so the two cannot drift apart. Everyone else reads only themselves.
 */
export const USER_DIRECTORY_READERS: readonly UserRole[] = [
  'admin',
  'quality-representative',
  'external-auditor',
];

/**
 * The directory of organisations, units, users and roles. Every read and write is scoped to the
 * caller's organisation: another organisation's objects are answered as not found (404), so their
 * existence does not leak.
 */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    @Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig,
    private readonly passwordNotices: PasswordChangeNotices,
  ) {}

  // ── organisations ─────────────────────────────────────────────────────────────────────────

  async listOrganisations(
    caller: Principal,
    query: { limit?: number; offset?: number },
  ): Promise<Page<OrganisationView>> {
    const { limit, offset } = pageWindow(query);
    const own = await this.dataSource
      .getRepository(OrganisationEntity)
      .findOneBy({ code: caller.organisationCode });
    const all = own ? [organisationView(own)] : [];
    return { items: all.slice(offset, offset + limit), total: all.length, limit, offset };
  }

  async getOrganisation(caller: Principal, code: string): Promise<OrganisationView> {
    return organisationView(await this.ownOrganisation(caller, code));
  }

  /**
   * Creates an organisation with its own first administrator, in one transaction. The caller (an
   * administrator elsewhere) does not gain access to it: organisations administer themselves. Over
   * HTTP (`creator`) only an administrator of an organisation that operates the install may: an
   * administrator of any other could otherwise fill the install with organisations and take people's
   * e-mail addresses (one address, one account, across the install). The `create-organisation`
   * command is the operator's own and has no creator.
   */
  async createOrganisation(
    dto: CreateOrganisationDto,
    by: Attribution,
    creator?: Principal,
  ): Promise<OrganisationView> {
    if (creator && !this.config.organisationCreators.includes(creator.organisationCode))
      throw new QcycleError(
        QcycleErrorCode.Forbidden,
        'organisationCreator',
        {},
        { reason: 'ORGANISATION_CREATOR_ONLY' },
      );
    const email = dto.firstAdmin.email.trim().toLowerCase();
    const passwordHash = dto.firstAdmin.password ? await this.hasher.hash(dto.firstAdmin.password) : null;
    return this.uniquely(`Organisation ${dto.code} or user ${email}`, async () =>
      this.dataSource.transaction(async (manager) => {
        if (await manager.existsBy(OrganisationEntity, { code: dto.code }))
          throw conflict('organisationExists', { code: dto.code }, { code: dto.code });
        await this.assertEmailFree(manager, email);
        const stamp = now();
        const organisation = manager.create(OrganisationEntity, {
          code: dto.code,
          nameVi: dto.name.vi,
          nameEn: dto.name.en,
          createdAt: stamp,
          updatedAt: stamp,
        });
        await manager.insert(OrganisationEntity, organisation);
        const admin = newUserRow({
          organisationCode: dto.code,
          fullName: dto.firstAdmin.fullName,
          email,
          passwordHash,
        });
        await manager.insert(UserEntity, admin);
        await manager.insert(RoleAssignmentEntity, newAssignment(admin, 'admin', WHOLE_ORGANISATION_SCOPE));
        const created = { code: dto.code, firstAdminUserId: admin.id, firstAdminEmail: email };
        await record(manager, dto.code, 'organisation.created', by, created);
        // The creator's organisation keeps what its administrator did elsewhere.
        if (creator) await record(manager, creator.organisationCode, 'organisation.created', by, created);
        return organisationView(organisation);
      }),
    );
  }

  async updateOrganisation(
    caller: Principal,
    code: string,
    dto: UpdateOrganisationDto,
    by: Attribution,
  ): Promise<OrganisationView> {
    const organisation = await this.ownOrganisation(caller, code);
    await this.dataSource.transaction(async (manager) => {
      organisation.updatedAt = await claimRow(
        manager,
        OrganisationEntity,
        { code },
        organisation.updatedAt,
        dto.ifUnchangedSince,
        async () =>
          conflict(
            'organisationEditedMeanwhile',
            { code },
            { current: organisationView(await manager.findOneByOrFail(OrganisationEntity, { code })) },
          ),
      );
      Object.assign(organisation, { nameVi: dto.name.vi, nameEn: dto.name.en });
      await manager.save(OrganisationEntity, organisation);
      await record(manager, code, 'organisation.renamed', by, { name: dto.name });
    });
    return organisationView(organisation);
  }

  // ── units ─────────────────────────────────────────────────────────────────────────────────

  async listUnits(caller: Principal, query: UnitListQuery): Promise<Page<UnitView>> {
    const { limit, offset } = pageWindow(query);
    const qb = this.dataSource
      .getRepository(OrganisationUnitEntity)
      .createQueryBuilder('u')
      .where('u.organisation_code = :org', { org: caller.organisationCode });
    if (query.parentCode) qb.andWhere('u.parent_code = :parent', { parent: query.parentCode });
    if (query.q) qb.andWhere("u.search_text LIKE :like ESCAPE '\\'", { like: containsPattern(query.q) });
    const [rows, total] = await qb.orderBy('u.code', 'ASC').skip(offset).take(limit).getManyAndCount();
    return { items: await unitViews(this.dataSource.manager, rows), total, limit, offset };
  }

  async getUnit(caller: Principal, code: string): Promise<UnitView> {
    const manager = this.dataSource.manager;
    return unitViewOf(manager, await this.ownUnit(manager, caller.organisationCode, code));
  }

  async createUnit(caller: Principal, dto: CreateUnitDto, by: Attribution): Promise<UnitView> {
    const org = caller.organisationCode;
    return this.uniquely(`Unit ${dto.code}`, () =>
      this.dataSource.transaction(async (manager) => {
        if (await manager.existsBy(OrganisationUnitEntity, { organisationCode: org, code: dto.code }))
          throw conflict('unitExists', { code: dto.code }, { code: dto.code });
        if (dto.parentCode) await this.assertUnitExists(manager, org, dto.parentCode, 'parentCode');
        const stamp = now();
        const unit = manager.create(OrganisationUnitEntity, {
          organisationCode: org,
          code: dto.code,
          nameVi: dto.name.vi,
          nameEn: dto.name.en,
          parentCode: dto.parentCode ?? null,
          createdAt: stamp,
          updatedAt: stamp,
          searchText: searchText(dto.code, dto.name.vi, dto.name.en),
        });
        await manager.insert(OrganisationUnitEntity, unit);
        await record(manager, org, 'unit.created', by, {
          code: dto.code,
          name: dto.name,
          parentCode: dto.parentCode ?? null,
        });
        return unitViewOf(manager, unit);
      }),
    );
  }

  async updateUnit(
    caller: Principal,
    code: string,
    { ifUnchangedSince, ...dto }: UpdateUnitDto,
    by: Attribution,
  ): Promise<UnitView> {
    const org = caller.organisationCode;
    return this.dataSource.transaction(async (manager) => {
      const unit = await this.ownUnit(manager, org, code);
      const where = { organisationCode: org, code };
      unit.updatedAt = await claimRow(
        manager,
        OrganisationUnitEntity,
        where,
        unit.updatedAt,
        ifUnchangedSince,
        async () =>
          conflict(
            'unitEditedMeanwhile',
            { code },
            { current: await unitViewOf(manager, await this.ownUnit(manager, org, code)) },
          ),
      );
      if (dto.parentCode !== undefined && dto.parentCode !== null) {
        await this.assertUnitExists(manager, org, dto.parentCode, 'parentCode');
        if (await this.isUnder(manager, org, dto.parentCode, code))
          throw refusedField(
            'parentCode',
            `${dto.parentCode} is ${code} or lies under it: units cannot form a loop`,
          );
      }
      if (dto.name)
        Object.assign(unit, {
          nameVi: dto.name.vi,
          nameEn: dto.name.en,
          searchText: searchText(code, dto.name.vi, dto.name.en),
        });
      if (dto.parentCode !== undefined) unit.parentCode = dto.parentCode;
      if (dto.workHeadUserId !== undefined) {
        if (dto.workHeadUserId !== null) await this.assertLeadsUnit(manager, org, code, dto.workHeadUserId);
        unit.workHeadUserId = dto.workHeadUserId;
      }
      await manager.save(OrganisationUnitEntity, unit);
      await record(manager, org, 'unit.changed', by, { code, ...dto });
      return unitViewOf(manager, unit);
    });
  }

  /**
   * Only an empty unit goes: no members, no sub-units, no unit head — and no running cycle still
   * depending on it (docs/api.md "A unit merged or closed during the year").
   */
  async deleteUnit(caller: Principal, code: string, by: Attribution): Promise<void> {
    const org = caller.organisationCode;
    await this.dataSource.transaction(async (manager) => {
      await this.ownUnit(manager, org, code);
      const members = await manager.countBy(UserEntity, { organisationCode: org, unitCode: code });
      const children = await manager.countBy(OrganisationUnitEntity, {
        organisationCode: org,
        parentCode: code,
      });
      const heads = await manager.countBy(RoleAssignmentEntity, {
        organisationCode: org,
        role: 'unit-head',
        scope: code,
      });
      if (members + children + heads > 0)
        throw conflict('unitInUse', { code }, { members, subUnits: children, unitHeads: heads });
      // A merged unit's people and head may all have moved while the year still runs on it: its
      // objectives, their reports and the audit's steps name it, and only a unit of the directory has
      // a head who may hand its tasks over, a name on the pages and a place in next year's draft.
      const { cycles, openTasks } = await this.runningCyclesOfUnit(manager, org, code);
      if (cycles.length > 0)
        throw conflict(
          'unitInRunningCycle',
          { code, cycles: cycles.join(', ') },
          { members, subUnits: children, unitHeads: heads, cycles, openTasks },
        );
      await manager.delete(OrganisationUnitEntity, { organisationCode: org, code });
      await record(manager, org, 'unit.deleted', by, { code });
    });
  }

  /**
   * The organisation's running cycles that still depend on a unit — an objective delegated to it,
   * or a task of it open (a unit acceptance, a report, an audit step, a corrective action) — and how
   * many of those tasks are open.
   */
  private async runningCyclesOfUnit(
    manager: EntityManager,
    org: string,
    code: string,
  ): Promise<{ cycles: string[]; openTasks: number }> {
    const running = await manager.find(QualityCycleEntity, {
      select: { id: true },
      where: { organisationCode: org, status: 'running' },
      order: { id: 'ASC' },
    });
    const ids = running.map((cycle) => cycle.id);
    if (ids.length === 0) return { cycles: [], openTasks: 0 };
    const [delegated, tasks] = await Promise.all([
      manager.find(AssignmentEntity, {
        select: { cycleId: true },
        where: { cycleId: In(ids), unitCode: code },
      }),
      manager.find(TaskEntity, {
        select: { cycleId: true },
        where: { cycleId: In(ids), unitCode: code, status: 'open' },
      }),
    ]);
    const cycles = ids.filter((id) => [...delegated, ...tasks].some((row) => row.cycleId === id));
    return { cycles, openTasks: tasks.length };
  }

  // ── users ─────────────────────────────────────────────────────────────────────────────────

  async listUsers(caller: Principal, query: UserListQuery): Promise<Page<UserView>> {
    const { limit, offset } = pageWindow(query);
    const qb = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.organisation_code = :org', { org: caller.organisationCode });
    if (query.unitCode) qb.andWhere('u.unit_code = :unit', { unit: query.unitCode });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    if (query.role)
      qb.andWhere('EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = u.id AND r.role = :role)', {
        role: query.role,
      });
    if (query.q) qb.andWhere("u.search_text LIKE :like ESCAPE '\\'", { like: containsPattern(query.q) });
    const [rows, total] = await qb
      // Vietnamese order, by the key's index (`nameSortKey`), on either database.
      .orderBy('u.name_sort_key', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
    return { items: await this.userViews(rows), total, limit, offset };
  }

  /** Those who read the list of users (USER_DIRECTORY_READERS) see each of them; others only themselves. */
  async getUser(caller: Principal, id: string): Promise<UserView> {
    const user = await this.ownUser(this.dataSource.manager, caller, id);
    if (user.id !== caller.userId && !hasRole(caller, ...USER_DIRECTORY_READERS)) {
      throw forbidden('ownAccountOnly');
    }
    return (await this.userViews([user]))[0];
  }

  async createUser(caller: Principal, dto: CreateUserDto, by: Attribution): Promise<UserView> {
    const org = caller.organisationCode;
    const email = dto.email.trim().toLowerCase();
    const grants = dto.roles ?? [];
    grants.forEach((grant, index) => assertGrantShape(grant, `roles.${index}.unitCode`));
    const passwordHash = dto.password ? await this.hasher.hash(dto.password) : null;
    const certificate = certificateColumns(dto.auditorCertificate ?? null);
    const user = await this.uniquely(`User ${email}`, () =>
      this.dataSource.transaction(async (manager) => {
        await this.assertEmailFree(manager, email);
        if (dto.unitCode) await this.assertUnitExists(manager, org, dto.unitCode, 'unitCode');
        for (const [index, grant] of grants.entries()) {
          if (grant.unitCode)
            await this.assertUnitExists(manager, org, grant.unitCode, `roles.${index}.unitCode`);
        }
        const created = newUserRow({
          organisationCode: org,
          fullName: dto.fullName,
          email,
          passwordHash,
          unitCode: dto.unitCode,
          title: dto.title,
          locale: dto.locale,
        });
        Object.assign(created, certificate);
        await manager.insert(UserEntity, created);
        const distinct = new Map(
          grants.map((g) => [`${g.role}/${g.unitCode ?? WHOLE_ORGANISATION_SCOPE}`, g]),
        );
        for (const grant of distinct.values())
          await manager.insert(
            RoleAssignmentEntity,
            newAssignment(created, grant.role, grant.unitCode ?? WHOLE_ORGANISATION_SCOPE),
          );
        await record(manager, org, 'user.created', by, {
          userId: created.id,
          email,
          unitCode: created.unitCode,
          roles: [...distinct.values()].map((g) => ({ role: g.role, unitCode: g.unitCode ?? null })),
          withPassword: passwordHash !== null,
          ...(dto.auditorCertificate ? { auditorCertificate: certificateView(certificate) } : {}),
        });
        return created;
      }),
    );
    return (await this.userViews([user]))[0];
  }

  async updateUser(
    caller: Principal,
    id: string,
    { ifUnchangedSince, ...dto }: UpdateUserDto,
    by: Attribution,
  ): Promise<UserView> {
    const passwordHash = dto.password ? await this.hasher.hash(dto.password) : undefined;
    const certificate =
      dto.auditorCertificate === undefined ? undefined : certificateColumns(dto.auditorCertificate);
    const user = await this.dataSource.transaction(async (manager) => {
      const user = await this.ownUser(manager, caller, id);
      user.updatedAt = await claimRow(
        manager,
        UserEntity,
        { id },
        user.updatedAt,
        ifUnchangedSince,
        async () => {
          const current = await this.ownUser(manager, caller, id);
          return conflict(
            'userEditedMeanwhile',
            { name: current.fullName },
            {
              current: (await this.userViews([current]))[0],
            },
          );
        },
      );
      if (dto.active === false && user.id === caller.userId) throw conflict('ownAccount');
      if (dto.unitCode)
        await this.assertUnitExists(manager, caller.organisationCode, dto.unitCode, 'unitCode');
      if (dto.fullName !== undefined) {
        user.fullName = dto.fullName;
        user.searchText = searchText(user.fullName, user.email);
        user.nameSortKey = nameSortKey(user.fullName);
      }
      if (dto.title !== undefined) user.title = dto.title;
      if (dto.unitCode !== undefined) user.unitCode = dto.unitCode;
      if (dto.locale !== undefined) user.locale = dto.locale;
      if (certificate) Object.assign(user, certificate);
      // A new password, and deactivation, end the person's sessions; so does reactivation, so that a
      // token from before the deactivation does not come back with the account.
      const activeChanges = dto.active !== undefined && dto.active !== Boolean(user.active);
      const sessionsEnd = passwordHash !== undefined || activeChanges;
      if (sessionsEnd) user.sessionsValidFrom = nextSessionsValidFrom(user.sessionsValidFrom);
      if (dto.active !== undefined) user.active = dto.active;
      if (passwordHash !== undefined) user.passwordHash = passwordHash;
      await manager.save(UserEntity, user);
      // Their calendar feed's address too: one made by whoever had the account (the reason for a new
      // password, often) must not outlive it. Not on signing out everywhere, which is the web app's
      // everyday "Sign out": the person keeps their calendar.
      const feedStopped =
        sessionsEnd && ((await manager.delete(CalendarFeedEntity, { userId: id })).affected ?? 0) > 0;
      // The fields that changed, never the password itself.
      const { password: newPassword, auditorCertificate: _sent, ...changes } = dto;
      await record(manager, caller.organisationCode, 'user.changed', by, {
        userId: id,
        ...changes,
        ...(certificate ? { auditorCertificate: certificateView(certificate) } : {}),
        ...(newPassword ? { passwordChanged: true } : {}),
        ...(feedStopped ? { calendarFeedStopped: true } : {}),
      });
      return user;
    });
    // The person is told, so that a new password they did not ask for does not go unnoticed.
    if (passwordHash !== undefined) await this.passwordNotices.tell(id, 'administrator', by.requestId);
    return (await this.userViews([user]))[0];
  }

  // ── roles ─────────────────────────────────────────────────────────────────────────────────

  async listRoles(caller: Principal, userId: string): Promise<RoleAssignmentView[]> {
    const user = await this.ownUser(this.dataSource.manager, caller, userId);
    return (await this.userViews([user]))[0].roles;
  }

  async grantRole(
    caller: Principal,
    userId: string,
    grant: RoleGrantDto,
    by: Attribution,
  ): Promise<RoleAssignmentView> {
    assertGrantShape(grant, 'unitCode');
    const scope = grant.unitCode ?? WHOLE_ORGANISATION_SCOPE;
    return this.uniquely(`Role ${grant.role}`, () =>
      this.dataSource.transaction(async (manager) => {
        const user = await this.ownUser(manager, caller, userId);
        if (grant.unitCode)
          await this.assertUnitExists(manager, caller.organisationCode, grant.unitCode, 'unitCode');
        if (await manager.existsBy(RoleAssignmentEntity, { userId, role: grant.role, scope })) {
          throw conflict(
            grant.unitCode ? 'roleHeldInUnit' : 'roleHeld',
            { fullName: user.fullName, role: grant.role, unitCode: grant.unitCode },
            { role: grant.role, unitCode: grant.unitCode ?? null },
          );
        }
        const assignment = newAssignment(user, grant.role, scope);
        await manager.insert(RoleAssignmentEntity, assignment);
        await record(manager, caller.organisationCode, 'role.granted', by, {
          userId,
          assignmentId: assignment.id,
          role: grant.role,
          unitCode: grant.unitCode ?? null,
        });
        return assignmentView(assignment);
      }),
    );
  }

  async revokeRole(caller: Principal, userId: string, assignmentId: string, by: Attribution): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.ownUser(manager, caller, userId);
      const assignment = await manager.findOneBy(RoleAssignmentEntity, { id: assignmentId, userId });
      if (!assignment) throw notFound('roleAssignment', { id: assignmentId });
      if (assignment.role === 'admin' && userId === caller.userId) throw conflict('ownAdminRole');
      await manager.delete(RoleAssignmentEntity, { id: assignmentId });
      await record(manager, caller.organisationCode, 'role.revoked', by, {
        userId,
        assignmentId,
        role: assignment.role,
        unitCode: assignment.scope === WHOLE_ORGANISATION_SCOPE ? null : assignment.scope,
      });
    });
  }

  // ── event log ─────────────────────────────────────────────────────────────────────────────

  /** Who changed what in the organisation's directory, newest first. */
  async events(caller: Principal, query: DirectoryEventQuery): Promise<Page<DirectoryEventView>> {
    const { limit, offset } = pageWindow(query);
    const qb = this.dataSource
      .getRepository(DirectoryEventEntity)
      .createQueryBuilder('e')
      .where('e.organisation_code = :org', { org: caller.organisationCode });
    if (query.type?.endsWith('.')) qb.andWhere('e.type LIKE :prefix', { prefix: `${query.type}%` });
    else if (query.type) qb.andWhere('e.type = :type', { type: query.type });
    if (query.actor) qb.andWhere('e.actor = :actor', { actor: query.actor });
    const [rows, total] = await qb
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
    return {
      items: rows.map((e) => ({
        type: e.type,
        actor: e.actor,
        occurredAt: e.occurredAt,
        requestId: e.requestId,
        clientAddress: e.clientAddress,
        payload: e.payload,
      })),
      total,
      limit,
      offset,
    };
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────────

  private async userViews(users: UserEntity[]): Promise<UserView[]> {
    if (users.length === 0) return [];
    const assignments = await this.dataSource
      .getRepository(RoleAssignmentEntity)
      .createQueryBuilder('r')
      .where('r.user_id IN (:...ids)', { ids: users.map((u) => u.id) })
      .orderBy('r.role', 'ASC')
      .addOrderBy('r.scope', 'ASC')
      .getMany();
    return users.map((user) => ({
      id: user.id,
      organisationCode: user.organisationCode,
      unitCode: user.unitCode,
      fullName: user.fullName,
      title: user.title,
      email: user.email,
      locale: user.locale,
      active: Boolean(user.active),
      hasPassword: user.passwordHash !== null,
      ssoLinked: user.oidcSubject !== null,
      roles: assignments.filter((a) => a.userId === user.id).map(assignmentView),
      auditorCertificate: certificateView(user),
      updatedAt: user.updatedAt,
    }));
  }

  private async ownOrganisation(caller: Principal, code: string): Promise<OrganisationEntity> {
    const organisation =
      code === caller.organisationCode
        ? await this.dataSource.getRepository(OrganisationEntity).findOneBy({ code })
        : null;
    if (!organisation) throw notFound('organisation', { code });
    return organisation;
  }

  private async ownUnit(manager: EntityManager, org: string, code: string): Promise<OrganisationUnitEntity> {
    const unit = await manager.findOneBy(OrganisationUnitEntity, { organisationCode: org, code });
    if (!unit) throw notFound('unit', { code });
    return unit;
  }

  private async ownUser(manager: EntityManager, caller: Principal, id: string): Promise<UserEntity> {
    const user = await manager.findOneBy(UserEntity, { id });
    if (!user || user.organisationCode !== caller.organisationCode) throw notFound('user', { id });
    return user;
  }

  private async assertUnitExists(
    manager: EntityManager,
    org: string,
    code: string,
    field: string,
  ): Promise<void> {
    if (!(await manager.existsBy(OrganisationUnitEntity, { organisationCode: org, code })))
      throw refusedField(field, `no unit ${code} in your organisation`);
  }

  /** The head chosen to take a unit's work is one of its heads now, and active (422 otherwise). */
  private async assertLeadsUnit(manager: EntityManager, org: string, code: string, userId: string) {
    const [person, grant] = await Promise.all([
      manager.findOneBy(UserEntity, { id: userId, organisationCode: org }),
      manager.existsBy(RoleAssignmentEntity, {
        organisationCode: org,
        userId,
        role: 'unit-head',
        scope: code,
      }),
    ]);
    if (!person) throw refusedField('workHeadUserId', `no user ${userId} in your organisation`);
    if (!person.active) throw refusedField('workHeadUserId', `${person.fullName} is deactivated`);
    if (!grant) throw refusedField('workHeadUserId', `${person.fullName} is not a head of ${code}`);
  }

  private async assertEmailFree(manager: EntityManager, email: string): Promise<void> {
    if (await manager.existsBy(UserEntity, { email })) throw conflict('emailExists', { email }, { email });
  }

  /** True when `candidate` is `unit` or one of its descendants. */
  private async isUnder(
    manager: EntityManager,
    org: string,
    candidate: string,
    unit: string,
  ): Promise<boolean> {
    let current: string | null = candidate;
    for (let depth = 0; current !== null && depth < 50; depth++) {
      if (current === unit) return true;
      const row: OrganisationUnitEntity | null = await manager.findOneBy(OrganisationUnitEntity, {
        organisationCode: org,
        code: current,
      });
      current = row?.parentCode ?? null;
    }
    return false;
  }

  /** A concurrent duplicate that slips past the checks is refused by a unique index: still a 409. */
  private async uniquely<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('alreadyExists', {}, { what });
      throw error;
    }
  }
}

/** Appends the change to the directory's event log, in the same transaction as the change. */
export async function record(
  manager: EntityManager,
  organisationCode: string,
  type: string,
  by: Attribution,
  payload: object,
): Promise<void> {
  const entry: DirectoryEventEntity = {
    id: randomUUID(),
    organisationCode,
    type,
    actor: by.actor,
    occurredAt: now(),
    requestId: by.requestId,
    clientAddress: by.clientAddress,
    payload: payload as Record<string, unknown>,
  };
  // simple-json columns are typed loosely by TypeORM's insert; the entity type above is the check.
  await manager.insert(DirectoryEventEntity, entry as QueryDeepPartialEntity<DirectoryEventEntity>);
}

/** A new, active user row (the caller inserts it). */
export function newUserRow(fields: {
  organisationCode: string;
  fullName: string;
  email: string;
  passwordHash: string | null;
  unitCode?: string | null;
  title?: string | null;
  locale?: 'vi' | 'en';
}): UserEntity {
  const stamp = now();
  return Object.assign(new UserEntity(), {
    id: randomUUID(),
    organisationCode: fields.organisationCode,
    unitCode: fields.unitCode ?? null,
    fullName: fields.fullName,
    title: fields.title ?? null,
    auditorCertificate: null,
    auditorCertificateIssuer: null,
    auditorCertifiedOn: null,
    email: fields.email,
    passwordHash: fields.passwordHash,
    oidcSubject: null,
    locale: fields.locale ?? 'vi',
    active: true,
    createdAt: stamp,
    updatedAt: stamp,
    searchText: searchText(fields.fullName, fields.email),
    nameSortKey: nameSortKey(fields.fullName),
  });
}

function assertGrantShape(grant: RoleGrantDto, field: string): void {
  if (grant.role === 'unit-head' && !grant.unitCode)
    throw refusedField(field, 'a unit-head role needs the unit it leads');
  if (grant.role !== 'unit-head' && grant.unitCode)
    throw refusedField(field, `only a unit-head role has a unit; ${grant.role} is organisation-wide`);
}

export function newAssignment(user: UserEntity, role: UserRole, scope: string): RoleAssignmentEntity {
  return Object.assign(new RoleAssignmentEntity(), {
    id: randomUUID(),
    userId: user.id,
    organisationCode: user.organisationCode,
    role,
    scope,
    createdAt: now(),
  });
}

function organisationView(o: OrganisationEntity): OrganisationView {
  return { code: o.code, name: { vi: o.nameVi, en: o.nameEn }, updatedAt: o.updatedAt };
}

/**
 * Units as the API shows them, each with its heads: the active people holding `unit-head` for it, by
 * name (`sortByName`), the one a year's roster gives the unit's work marked (`headTakingWork`, as
 * `DirectoryRosterService` asks it). One read of the units' head roles and one of those people.
 */
async function unitViews(manager: EntityManager, units: OrganisationUnitEntity[]): Promise<UnitView[]> {
  if (units.length === 0) return [];
  const organisationCode = units[0].organisationCode;
  const grants = await manager.findBy(RoleAssignmentEntity, {
    organisationCode,
    role: 'unit-head',
    scope: In(units.map((unit) => unit.code)),
  });
  const people =
    grants.length === 0
      ? []
      : sortByName(
          await manager.findBy(UserEntity, {
            id: In([...new Set(grants.map((grant) => grant.userId))]),
            organisationCode,
            active: true,
          }),
        );
  return units.map((unit) => {
    const heads = people.filter((person) =>
      grants.some((grant) => grant.userId === person.id && grant.scope === unit.code),
    );
    const takingWork = headTakingWork(heads, unit.workHeadUserId);
    return {
      code: unit.code,
      organisationCode: unit.organisationCode,
      name: { vi: unit.nameVi, en: unit.nameEn },
      parentCode: unit.parentCode,
      heads: heads.map((person) => ({
        userId: person.id,
        fullName: person.fullName,
        takesWork: person === takingWork,
      })),
      workHeadUserId: takingWork?.id === unit.workHeadUserId ? unit.workHeadUserId : null,
      updatedAt: unit.updatedAt,
    };
  });
}

async function unitViewOf(manager: EntityManager, unit: OrganisationUnitEntity): Promise<UnitView> {
  return (await unitViews(manager, [unit]))[0];
}

/**
 * Moves a directory row's `updatedAt` on before an edit writes it, and returns the new stamp; an edit
 * made on a copy read before the row last changed (`ifUnchangedSince`, the `updatedAt` the editor
 * read, differs from the row's) is refused with `refusal()`, a 409 carrying the row as it is now,
 * instead of silently putting back what someone else changed meanwhile. The stamp moves by a
 * conditional UPDATE, first: of two edits of one row at once, PostgreSQL makes the second wait on the
 * row and then finds the stamp moved (SQLite runs them one after the other).
 */
async function claimRow<E extends { updatedAt: string }>(
  manager: EntityManager,
  entity: new () => E,
  where: Partial<E>,
  read: string,
  ifUnchangedSince: string | undefined,
  refusal: () => Promise<QcycleError>,
): Promise<string> {
  const stamp = stampAfter(read);
  // The same instant however it is written ("…:30Z", "…:30.000Z").
  const unchanged = ifUnchangedSince === undefined || Date.parse(ifUnchangedSince) === Date.parse(read);
  const { affected } = unchanged
    ? await manager.update(entity, { ...where, updatedAt: read } as never, { updatedAt: stamp } as never)
    : { affected: 0 };
  if (affected !== 1) throw await refusal();
  return stamp;
}

/**
 * A row's new `updatedAt`: now, and later than the stamp it had even within its millisecond, so that
 * no two states share a stamp and an edit made on the old copy (`ifUnchangedSince`) is refused.
 */
export function stampAfter(read: string): string {
  return new Date(Math.max(Date.now(), Date.parse(read) + 1)).toISOString();
}

function assignmentView(a: RoleAssignmentEntity): RoleAssignmentView {
  return { id: a.id, role: a.role, unitCode: a.scope === WHOLE_ORGANISATION_SCOPE ? null : a.scope };
}
