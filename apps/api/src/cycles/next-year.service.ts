import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource } from 'typeorm';
import { parseQualityCycleId, qualityCycleId, QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import {
  draftFromDecision,
  DRAFT_WORDING_FIELDS,
  type CycleDraft,
  type DraftWording,
  type Objective,
  type ReviewActionFollowUp,
} from '@qcycle/domain';
import { DecisionEntity, NextYearDraftEntity, EventLogEntryEntity } from '@qcycle/persistence';
import type { Principal } from '../auth/principal';
import { CycleStartSource } from '../temporal/cycle-start.source';
import { CyclesService } from './cycles.service';
import {
  draftForStart,
  forOrganisation,
  unitsNotListed,
  type ListedOrganisation,
} from './cycle-draft-source';
import { DirectoryRosterService } from './directory-roster.service';
import { StartDraftsService } from './start-drafts.service';
import type { CycleView } from './dto/cycle.view';
import type { NextYearDraftView, StartNextYearDto } from './dto/next-year.dto';

/**
 * What next year starts from. At the close: the draft the worker prepared (`next_year_drafts`),
 * with the review's actions and their status then. Before the close, once this year's objectives
 * are approved: the same draft made from the approved decision, because a People's Committee
 * approves next year's objectives in December, while this year still runs to its close in January.
 */
interface NextYearBasis {
  cycleId: string;
  nextCycleId: string;
  organisationCode: string;
  year: number;
  /** As the organisation's directory lists it now (`forOrganisation`): its name, its units. */
  draft: CycleDraft;
  organisation: ListedOrganisation;
  /** The review's actions at the close; undefined before it (next year's review reads them from the close's draft). */
  previousActions: ReviewActionFollowUp[] | undefined;
  preparedAt: string;
  /** The close's stored draft, to mark as started. */
  prepared?: NextYearDraftEntity;
  started?: { at: string; by: string };
}

/** What the Quality Representative may edit in next year's draft before it starts. */
const EDITABLE_DRAFT_FIELDS = [
  'objectives',
  ...DRAFT_WORDING_FIELDS,
] as const satisfies readonly (keyof StartNextYearDto & keyof CycleDraft)[];

/**
 * Next year (issue #9): its draft, and starting next year's cycle from it in one action — the draft
 * (its objectives and the decision's words as the Quality Representative edited them, if they did),
 * the directory's roster, the organisation's calendar for the year, and this year's review actions
 * fed to next year's review (ISO 9.3.2 a).
 */
@Injectable()
export class NextYearService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cycles: CyclesService,
    private readonly rosters: DirectoryRosterService,
    private readonly starts: CycleStartSource,
    private readonly drafts: StartDraftsService,
  ) {}

  async draft(caller: Principal, cycleId: string): Promise<NextYearDraftView> {
    const basis = await this.basis(caller, cycleId);
    return {
      cycleId: basis.cycleId,
      nextCycleId: basis.nextCycleId,
      year: basis.year,
      draft: basis.draft as unknown as Record<string, unknown>,
      unitsNotInDirectory: unitsNotListed(basis.draft, basis.organisation),
      final: basis.previousActions !== undefined,
      previousActions: basis.previousActions ?? [],
      preparedAt: basis.preparedAt,
      ...(basis.started ? { startedAt: basis.started.at, startedBy: basis.started.by } : {}),
    };
  }

  /** 404 before the approval (no draft yet), 409 once next year's cycle exists. */
  async start(caller: Principal, cycleId: string, request: StartNextYearDto): Promise<CycleView> {
    const basis = await this.basis(caller, cycleId);
    if (basis.started)
      throw new QcycleError(
        QcycleErrorCode.CycleAlreadyStarted,
        'default',
        { year: basis.year, organisationCode: basis.organisationCode },
        { cycleId: basis.nextCycleId },
      );
    // What was edited (the objectives, the decision's other words) in place of the draft's, checked
    // as the leader would receive it (422 DRAFT_INVALID); else the draft as prepared.
    const edited = Object.fromEntries(
      EDITABLE_DRAFT_FIELDS.filter((field) => request[field] !== undefined).map((field) => [
        field,
        request[field],
      ]),
    );
    const draft =
      Object.keys(edited).length === 0
        ? basis.draft
        : draftForStart(
            {
              organisationCode: basis.organisationCode,
              year: basis.year,
              draft: { ...basis.draft, ...edited },
            },
            basis.organisation,
          );
    const roster = await this.rosters.rosterFor(
      caller.organisationCode,
      { signerUserId: request.signerUserId, draftSignerName: draft.signer.name },
      caller.userId,
    );
    // One cycle per organisation and year: the workflow id refuses a second start (409) however
    // many requests race here. Started before the close, next year gets this year's review actions
    // at its own review, from the draft this year's close stores.
    const started = await this.cycles.start(
      {
        organisationCode: basis.organisationCode,
        year: basis.year,
        rehearsal: request.rehearsal,
        signingMode: request.signingMode,
      },
      caller.userId,
      roster,
      draft,
      basis.previousActions ? { previousActions: basis.previousActions } : {},
    );
    const at = new Date().toISOString();
    await this.dataSource.transaction(async (manager) => {
      if (basis.prepared)
        await manager.update(
          NextYearDraftEntity,
          { cycleId: basis.cycleId, startedAt: IsNull() },
          { startedAt: at, startedBy: caller.userId },
        );
      await manager
        .createQueryBuilder()
        .insert()
        .into(EventLogEntryEntity)
        .values({
          id: `${basis.cycleId}/next-year-started`,
          cycleId: basis.cycleId,
          type: 'cycle.next-year-started',
          actor: caller.userId,
          occurredAt: at,
          requestId: null,
          payload: { nextCycleId: basis.nextCycleId, from: basis.prepared ? 'close' : 'decision' },
        })
        .orIgnore()
        .execute();
    });
    return started;
  }

  private async basis(caller: Principal, cycleId: string): Promise<NextYearBasis> {
    // Another organisation's cycle is "not found", exactly like one that does not exist.
    const key = parseQualityCycleId(cycleId);
    if (key?.organisationCode !== caller.organisationCode)
      throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    const nextCycleId = qualityCycleId(key.organisationCode, key.year + 1);
    const [prepared, startedEvent, next, discard, organisation] = await Promise.all([
      this.dataSource.getRepository(NextYearDraftEntity).findOneBy({ cycleId }),
      this.dataSource.getRepository(EventLogEntryEntity).findOneBy({ id: `${cycleId}/next-year-started` }),
      this.cycles.recorded(nextCycleId),
      this.cycles.discardOf(nextCycleId),
      this.drafts.organisation(key.organisationCode),
    ]);
    // Started here (before or after the close; the event is written with the start), or from a
    // template with POST /cycles (the next cycle's record). A next year started here as a rehearsal
    // and discarded since is not started: the event tells of the rehearsal, kept in this year's log.
    const fromEvent =
      startedEvent && !(discard && discard.discardedAt >= startedEvent.occurredAt)
        ? { at: startedEvent.occurredAt, by: startedEvent.actor }
        : undefined;
    const started = fromEvent ?? (next ? { at: next.startedAt, by: next.startedBy } : undefined);
    if (prepared)
      return {
        cycleId,
        nextCycleId: prepared.nextCycleId,
        organisationCode: prepared.organisationCode,
        year: prepared.year,
        draft: forOrganisation(prepared.draft, organisation),
        organisation,
        previousActions: prepared.previousActions,
        preparedAt: prepared.preparedAt,
        prepared,
        started,
      };
    const fromDecision = await this.draftFromApprovedDecision(cycleId, key.organisationCode, key.year);
    if (!fromDecision) throw new QcycleError(QcycleErrorCode.NotFound, 'nextYearDraft', { cycleId });
    return {
      cycleId,
      nextCycleId,
      organisationCode: key.organisationCode,
      year: key.year + 1,
      draft: forOrganisation(fromDecision.draft, organisation),
      organisation,
      preparedAt: fromDecision.preparedAt,
      previousActions: undefined,
      started,
    };
  }

  /**
   * While the year runs, from its approved decision: what the close will prepare (libs/domain
   * `draftFromDecision` of the draft the cycle started with and the objectives approved), but
   * without the review's actions, whose status is known only at the close.
   */
  private async draftFromApprovedDecision(
    cycleId: string,
    organisationCode: string,
    year: number,
  ): Promise<{ draft: CycleDraft; preparedAt: string } | undefined> {
    const cycle = await this.cycles.recorded(cycleId);
    if (cycle?.status !== 'running') return undefined;
    const decision = await this.dataSource.getRepository(DecisionEntity).findOneBy({ cycleId });
    if (!decision) return undefined;
    const start = await this.starts.startOf(organisationCode, year);
    if (!start) return undefined;
    return {
      draft: draftFromDecision(
        start.input.draft,
        {
          objectives: decision.objectives as Objective[],
          wording: decision.wording as DraftWording | null,
        },
        year + 1,
      ),
      preparedAt: decision.recordedAt,
    };
  }
}
