import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource } from 'typeorm';
import { parseQualityCycleId, QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { NextYearDraftEntity, EventLogEntryEntity } from '@qcycle/persistence';
import type { Principal } from '../auth/principal';
import { CyclesService } from './cycles.service';
import { DirectoryRosterService } from './directory-roster.service';
import type { CycleView } from './dto/cycle.view';
import type { NextYearDraftView, StartNextYearDto } from './dto/next-year.dto';

/**
 * Next year (issue #9): the draft the worker prepared at a cycle's close, and starting next year's
 * cycle from it in one action — the draft as it is, the directory's roster, the organisation's
 * calendar for the year, and this year's review actions fed to next year's review (ISO 9.3.2 a).
 */
@Injectable()
export class NextYearService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cycles: CyclesService,
    private readonly rosters: DirectoryRosterService,
  ) {}

  async draft(caller: Principal, cycleId: string): Promise<NextYearDraftView> {
    const row = await this.row(caller, cycleId);
    return {
      cycleId: row.cycleId,
      nextCycleId: row.nextCycleId,
      year: row.year,
      draft: row.draft as unknown as Record<string, unknown>,
      previousActions: row.previousActions,
      preparedAt: row.preparedAt,
      ...(row.startedAt ? { startedAt: row.startedAt } : {}),
      ...(row.startedBy ? { startedBy: row.startedBy } : {}),
    };
  }

  /** 404 before the close (no draft yet), 409 once next year's cycle exists. */
  async start(caller: Principal, cycleId: string, request: StartNextYearDto): Promise<CycleView> {
    const row = await this.row(caller, cycleId);
    if (row.startedAt || (await this.cycles.recorded(row.nextCycleId)))
      throw new QcycleError(
        QcycleErrorCode.CycleAlreadyStarted,
        'default',
        { year: row.year, organisationCode: row.organisationCode },
        { cycleId: row.nextCycleId },
      );
    const roster = await this.rosters.rosterFor(
      caller.organisationCode,
      { signerUserId: request.signerUserId, draftSignerName: row.draft.signer.name },
      caller.userId,
    );
    // One cycle per organisation and year: the workflow id refuses a second start (409) however
    // many requests race here.
    const started = await this.cycles.start(
      {
        organisationCode: row.organisationCode,
        year: row.year,
        rehearsal: request.rehearsal,
        signingMode: request.signingMode,
      },
      caller.userId,
      roster,
      row.draft,
      { previousActions: row.previousActions },
    );
    const at = new Date().toISOString();
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        NextYearDraftEntity,
        { cycleId: row.cycleId, startedAt: IsNull() },
        { startedAt: at, startedBy: caller.userId },
      );
      await manager
        .createQueryBuilder()
        .insert()
        .into(EventLogEntryEntity)
        .values({
          id: `${row.cycleId}/next-year-started`,
          cycleId: row.cycleId,
          type: 'cycle.next-year-started',
          actor: caller.userId,
          occurredAt: at,
          requestId: null,
          payload: { nextCycleId: row.nextCycleId },
        })
        .orIgnore()
        .execute();
    });
    return started;
  }

  private async row(caller: Principal, cycleId: string): Promise<NextYearDraftEntity> {
    // Another organisation's cycle is "not found", exactly like one that does not exist.
    if (parseQualityCycleId(cycleId)?.organisationCode !== caller.organisationCode)
      throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    const row = await this.dataSource.getRepository(NextYearDraftEntity).findOneBy({ cycleId });
    if (!row) throw new QcycleError(QcycleErrorCode.NotFound, 'nextYearDraft', { cycleId });
    return row;
  }
}
