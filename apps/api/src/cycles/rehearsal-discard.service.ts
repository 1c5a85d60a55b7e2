import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import {
  QcycleError,
  QcycleErrorCode,
  parseQualityCycleId,
  qualityCycleId,
  qualityCycleWorkflowId,
} from '@qcycle/contracts';
import {
  EvidenceFileEntity,
  QualityCycleEntity,
  RehearsalDiscardEntity,
  discardCycleRecords,
} from '@qcycle/persistence';
import type { Principal } from '../auth/principal';
import { EVIDENCE_STORE, type EvidenceStore } from '../evidence/evidence-store';
import { removeContentsNoFileHolds } from '../evidence/unheld-contents';
import { CycleStartSource } from '../temporal/cycle-start.source';
import { TemporalClientProvider } from '../temporal/temporal-client.module';
import type { DiscardRehearsalView } from './dto/cycle-list.dto';

/**
 * Longer than any upload takes between storing its content and writing the row that names it: a
 * content stored (again) this long before a discard is not removed by it.
 */
const UPLOAD_IN_FLIGHT_MS = 5 * 60 * 1000;

/**
 * A rehearsal takes its organisation's slot for its year like a real cycle. Once it has ended
 * (closed, or cancelled first), the Quality Representative may discard it: its records are deleted
 * and the year can be started again — the next class of a training, or the real year after
 * rehearsing it. A real year's records are the QMS's and are never discarded. What is kept: who
 * discarded which rehearsal, when and why (RehearsalDiscardEntity); Temporal keeps the ended
 * workflows' histories for its namespace's retention. The files uploaded to its records go with
 * them (a training's participants may have uploaded real documents), unless a record of another
 * cycle names the same content.
 */
@Injectable()
export class RehearsalDiscardService {
  private readonly logger = new Logger(RehearsalDiscardService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalClientProvider,
    private readonly starts: CycleStartSource,
    @Inject(EVIDENCE_STORE) private readonly evidence: EvidenceStore,
  ) {}

  async discard(
    caller: Principal,
    cycleId: string,
    reason: string,
    requestId: string,
  ): Promise<DiscardRehearsalView> {
    const key = parseQualityCycleId(cycleId);
    if (!key || key.organisationCode !== caller.organisationCode)
      throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    const cycle = await this.dataSource.getRepository(QualityCycleEntity).findOneBy({ id: cycleId });
    if (!cycle) throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    // By the record, or for a cycle recorded before it kept the mark, by its start input.
    if (!(await this.starts.rehearsals([cycleId])).has(cycleId))
      throw new QcycleError(
        QcycleErrorCode.Conflict,
        'discardRealYear',
        { cycleId },
        { reason: 'NOT_A_REHEARSAL' },
      );
    await this.assertEnded(cycleId, qualityCycleWorkflowId(key.organisationCode, key.year));
    const nextCycleId = qualityCycleId(key.organisationCode, key.year + 1);
    if (await this.dataSource.getRepository(QualityCycleEntity).existsBy({ id: nextCycleId }))
      throw new QcycleError(
        QcycleErrorCode.Conflict,
        'discardNextYearStarted',
        { cycleId, nextCycleId },
        { reason: 'NEXT_YEAR_STARTED', nextCycleId },
      );
    const discardedAt = new Date().toISOString();
    const files = await this.dataSource
      .getRepository(EvidenceFileEntity)
      .find({ select: { sha256: true }, where: { cycleId } });
    // All of it or none: the trace and the deletion in one transaction.
    await this.dataSource.transaction(async (manager) => {
      await discardCycleRecords(manager, cycleId);
      await manager.insert(RehearsalDiscardEntity, {
        id: randomUUID(),
        discardedCycleId: cycleId,
        organisationCode: key.organisationCode,
        year: key.year,
        cycleStatus: cycle.status,
        cycleStartedAt: cycle.startedAt,
        discardedBy: caller.userId,
        discardedAt,
        reason,
        requestId,
      });
    });
    // Unless a record of another cycle names the same bytes, or they were stored again lately.
    await removeContentsNoFileHolds(
      this.dataSource,
      this.evidence,
      files.map((file) => file.sha256),
      new Date(Date.parse(discardedAt) - UPLOAD_IN_FLIGHT_MS),
      this.logger,
    );
    return { cycleId, year: key.year, discardedAt };
  }

  /** Its workflow has ended (or Temporal no longer holds it): nothing will write its records again. */
  private async assertEnded(cycleId: string, workflowId: string): Promise<void> {
    try {
      const description = await this.temporal.client.workflow.getHandle(workflowId).describe();
      if (description.status.name === 'RUNNING')
        throw new QcycleError(
          QcycleErrorCode.Conflict,
          'discardRunning',
          { cycleId },
          { reason: 'CYCLE_RUNNING', executionStatus: description.status.name },
        );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return;
      throw error;
    }
  }
}
