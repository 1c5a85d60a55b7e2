import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { CyclePhase, CycleStatus } from '@qcycle/domain';
import { EventLogEntryEntity, QualityCycleEntity } from '@qcycle/persistence';

export interface CycleStartedRecord {
  cycleId: string;
  workflowId: string;
  organisationCode: string;
  year: number;
  startedBy: string;
  startedAt: string;
}

export interface CycleProgressRecord {
  cycleId: string;
  workflowId: string;
  status: CycleStatus;
  phase: CyclePhase;
  at: string;
  actor: string;
  /** Distinguishes two changes of the same kind, so each is logged exactly once. */
  eventKey: string;
  /** The event's type, when it is not the phase or status change itself (`cycle.dates-moved`). */
  type?: string;
  payload?: Record<string, unknown>;
}

/**
 * Writes the cycle's own record and its event log. Every write is keyed by workflow id (and an
 * event key), so a retried activity leaves the database exactly as one run would.
 */
@Injectable()
export class CycleRecordActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recordCycleStarted(record: CycleStartedRecord): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(QualityCycleEntity)
        .values({
          id: record.cycleId,
          workflowId: record.workflowId,
          organisationCode: record.organisationCode,
          year: record.year,
          status: 'running',
          phase: 'objectives-approval',
          startedBy: record.startedBy,
          startedAt: record.startedAt,
          updatedAt: record.startedAt,
        })
        .orIgnore()
        .execute();
      await appendEvent(manager, {
        id: `${record.workflowId}/started`,
        cycleId: record.cycleId,
        type: 'cycle.started',
        actor: record.startedBy,
        occurredAt: record.startedAt,
        requestId: null,
        payload: { organisationCode: record.organisationCode, year: record.year },
      });
    });
  }

  async recordCycleProgress(record: CycleProgressRecord): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        QualityCycleEntity,
        { id: record.cycleId },
        { status: record.status, phase: record.phase, updatedAt: record.at },
      );
      await appendEvent(manager, {
        id: `${record.workflowId}/${record.eventKey}`,
        cycleId: record.cycleId,
        type: record.type ?? `cycle.${record.status === 'running' ? 'phase-entered' : record.status}`,
        actor: record.actor,
        occurredAt: record.at,
        requestId: null,
        payload: { phase: record.phase, ...record.payload },
      });
    });
  }
}

/** Inserts an event-log entry once: a second insert with the same id is ignored. */
export async function appendEvent(manager: DataSource['manager'], entry: EventLogEntryEntity): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(EventLogEntryEntity)
    // The JSON payload is serialised by the driver; TypeORM's deep-partial type does not model that.
    .values(entry as QueryDeepPartialEntity<EventLogEntryEntity>)
    .orIgnore()
    .execute();
}
