import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QcycleError, QcycleErrorCode, type CycleRoster, type PersonRef } from '@qcycle/contracts';
import { chooseCycleSigner } from '@qcycle/domain';
import { OrganisationUnitEntity, RoleAssignmentEntity, UserEntity, type UserRole } from '@qcycle/persistence';
import { sortByName } from '../common/by-name';
import { headTakingWork } from '../common/head-taking-work';

/**
 * The cycle's roster (who plays which role, docs/security.md "Roles") taken from the organisation's directory
 * when the cycle starts. Active users only; several holders of a role are ordered by name (as
 * Vietnamese sorts them, `sortByName`, the same on both databases) and the
 * first one plays it — except a unit's head, who is the one chosen for the unit when there is one
 * (`headTakingWork`); the leader, who is the signer chosen for the year (libs/domain
 * `chooseCycleSigner`: the one requested, else the one the draft names, else the only one), and the
 * Quality Representative, who is the one starting the year (while a role is handed over both hold
 * it, and the first by name was the outgoing one, who then got the year's tasks). A
 * unit without a unit head has the Quality Representative stand in for its head (Article 2: the
 * Chief of Office organises implementation), so every unit can be given work.
 */
@Injectable()
export class DirectoryRosterService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rosterFor(
    organisationCode: string,
    signer: { signerUserId?: string; draftSignerName?: string } = {},
    /** Who starts the year: its Quality Representative when they hold the role. */
    startedBy?: string,
  ): Promise<CycleRoster> {
    const taken = await this.rosterAsItStands(organisationCode, startedBy);
    const { representatives, qualityRepresentative, missing } = taken;
    if (representatives.length > 1 && !qualityRepresentative)
      throw new QcycleError(
        QcycleErrorCode.RuleViolated,
        'default',
        { fields: 'qualityRepresentative' },
        {
          fields: {
            qualityRepresentative: [
              `${representatives.length} people hold the quality-representative role (${representatives.map((u) => u.fullName).join(', ')}): the year's Quality Representative is the one who starts it, so one of them starts it`,
            ],
          },
        },
      );
    if (missing.length > 0 || !qualityRepresentative) {
      throw new QcycleError(
        QcycleErrorCode.RosterIncomplete,
        'default',
        { organisationCode, missing },
        { missingRoles: missing },
      );
    }
    const choice = chooseCycleSigner(taken.leaders.map(personRef), signer);
    if ('refused' in choice)
      throw new QcycleError(
        QcycleErrorCode.RuleViolated,
        'default',
        { fields: choice.refused.field },
        {
          fields: { [choice.refused.field]: [choice.refused.reason] },
        },
      );
    return {
      leader: choice.signer,
      qualityRepresentative: personRef(qualityRepresentative),
      units: taken.units.map(({ unit, head, staff }) => ({
        code: unit.code,
        name: { vi: unit.nameVi, en: unit.nameEn },
        head: personRef(head ?? qualityRepresentative),
        staff: staff.map(personRef),
      })),
      auditors: taken.auditors.map((u) => ({
        ...personRef(u),
        ...(u.id === taken.leadAuditor?.id ? { lead: true } : {}),
      })),
    };
  }

  /**
   * Who would play each role in a year `startedBy` started now, as the directory stands, refusing
   * nothing: what `rosterFor` takes (and refuses when a role is missing), and what the start form
   * shows before the year is started (`GET /roster`). A unit's `head` is undefined where the Quality
   * Representative stands in.
   */
  async rosterAsItStands(organisationCode: string, startedBy?: string): Promise<RosterAsItStands> {
    const users = sortByName(
      await this.dataSource.getRepository(UserEntity).findBy({ organisationCode, active: true }),
    );
    const assignments = await this.dataSource
      .getRepository(RoleAssignmentEntity)
      .find({ where: { organisationCode } });
    const units = await this.dataSource
      .getRepository(OrganisationUnitEntity)
      .find({ where: { organisationCode }, order: { code: 'ASC' } });
    const holders = (role: UserRole, scope?: string) =>
      users.filter((u) =>
        assignments.some(
          (a) => a.userId === u.id && a.role === role && (scope === undefined || a.scope === scope),
        ),
      );

    const missing: string[] = [];
    const leaders = holders('leader');
    const representatives = holders('quality-representative');
    const qualityRepresentative =
      representatives.find((u) => u.id === startedBy) ??
      (representatives.length === 1 ? representatives[0] : undefined);
    const leadAuditor = holders('lead-auditor')[0];
    const auditors = [
      ...new Map([...holders('lead-auditor'), ...holders('auditor')].map((u) => [u.id, u])).values(),
    ];
    if (leaders.length === 0) missing.push('leader');
    if (representatives.length === 0) missing.push('quality-representative');
    if (!leadAuditor) missing.push('lead-auditor');
    if (auditors.length < 2)
      missing.push('auditor (at least two, in different units, so nobody audits their own unit)');
    return {
      leaders,
      representatives,
      qualityRepresentative,
      units: units.map((unit) => {
        const heads = holders('unit-head', unit.code);
        return {
          unit,
          head: headTakingWork(heads, unit.workHeadUserId),
          heads,
          staff: holders('staff').filter((u) => u.unitCode === unit.code),
        };
      }),
      leadAuditor,
      auditors,
      missing,
    };
  }
}

/** The directory's people in each role of a year started now (`rosterAsItStands`). */
export interface RosterAsItStands {
  /** Every active leader, by name: the one who signs is chosen when the year starts. */
  leaders: UserEntity[];
  representatives: UserEntity[];
  /** The one starting the year when they hold the role, else the only holder; none when ambiguous. */
  qualityRepresentative?: UserEntity;
  /** Each unit's `head` taking its work among its active `heads` (by name), and its staff. */
  units: { unit: OrganisationUnitEntity; head?: UserEntity; heads: UserEntity[]; staff: UserEntity[] }[];
  leadAuditor?: UserEntity;
  auditors: UserEntity[];
  /** The roles `rosterFor` refuses the year for lacking (422 ROSTER_INCOMPLETE). */
  missing: string[];
}

/** A directory user as the cycle's records and notices name them (the roster, a reassignment). */
export function personRef(user: UserEntity): PersonRef {
  return {
    userId: user.id,
    name: user.fullName,
    ...(user.title?.trim() ? { title: user.title.trim() } : {}),
    email: user.email,
    ...(user.unitCode ? { unitCode: user.unitCode } : {}),
    locale: user.locale,
  };
}
