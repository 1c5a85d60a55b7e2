import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { CyclePhase, CycleStatus } from '@qcycle/domain';
import { EventLogEntryEntity, QualityCycleEntity } from '@qcycle/persistence';
import type { CycleDates, CycleRole, QualityEventPayloads, QualityEventType } from '@qcycle/contracts';

export interface CycleStartedRecord {
  cycleId: string;
  workflowId: string;
  organisationCode: string;
  year: number;
  startedBy: string;
  startedAt: string;
  /** Absent in activities scheduled before the cycle record kept it: recorded as unknown (null). */
  rehearsal?: boolean;
}

/**
 * A change of the running cycle: a phase entered, the dates moved (with a reason), a unit's work
 * or one of the year's roles taken over, or the cycle cancelled.
 */
export type CycleProgressFacts =
  | { change: 'phase-entered'; cycleId: string; workflowId: string; phase: CyclePhase; at: string }
  | {
      change: 'dates-moved';
      cycleId: string;
      workflowId: string;
      phase: CyclePhase;
      /** The n-th move of the cycle: its event is `${workflowId}/dates-moved/{n}`. */
      number: number;
      before: CycleDates;
      after: CycleDates;
      reason: string;
      movedBy: string;
      at: string;
      requestId?: string;
    }
  | {
      change: 'unit-work-moved';
      cycleId: string;
      workflowId: string;
      phase: CyclePhase;
      /** The n-th move of the cycle: its event is `${workflowId}/unit-work-moved/{n}`. */
      number: number;
      unitCode: string;
      from: string;
      to: string;
      reason: string;
      movedBy: string;
      at: string;
      requestId?: string;
    }
  | {
      change: 'role-moved';
      cycleId: string;
      workflowId: string;
      phase: CyclePhase;
      /** The n-th move of a role in the cycle: its event is `${workflowId}/role-moved/{n}`. */
      number: number;
      role: CycleRole;
      from: string;
      to: string;
      reason: string;
      movedBy: string;
      at: string;
      requestId?: string;
    }
  | {
      change: 'cancelled';
      cycleId: string;
      workflowId: string;
      phase: CyclePhase;
      reason: string;
      cancelledBy: string;
      at: string;
    };

/**
 * LEGACY input of `recordCycleProgress`, as the cycle built it before the record boundary
 * (docs/versioning.md "Activities take facts"): an activity task scheduled by that code may still
 * run after a deploy, and is written as it was then.
 */
export interface LegacyCycleProgressRecord {
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
          rehearsal: record.rehearsal ?? null,
        })
        .orIgnore()
        .execute();
      await appendEvent(
        manager,
        logEntry(
          record.cycleId,
          `${record.workflowId}/started`,
          'cycle.started',
          record.startedBy,
          record.startedAt,
          {
            organisationCode: record.organisationCode,
            year: record.year,
            ...(record.rehearsal ? { rehearsal: true } : {}),
          },
        ),
      );
    });
  }

  async recordCycleProgress(facts: CycleProgressFacts | LegacyCycleProgressRecord): Promise<void> {
    if ('eventKey' in facts) return this.recordLegacyCycleProgress(facts);
    const { cycleId, phase, at } = facts;
    const status: CycleStatus = facts.change === 'cancelled' ? 'cancelled' : 'running';
    const entry = progressEntry(facts);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(QualityCycleEntity, { id: cycleId }, { status, phase, updatedAt: at });
      await appendEvent(manager, entry);
    });
  }

  /** LEGACY: a progress record as the cycle built it before the record boundary. */
  private async recordLegacyCycleProgress(record: LegacyCycleProgressRecord): Promise<void> {
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

/** The event-log entry of a change of the running cycle, keyed so that a retry writes it once. */
function progressEntry(facts: CycleProgressFacts): EventLogEntryEntity {
  const { cycleId, workflowId, phase, at } = facts;
  switch (facts.change) {
    case 'phase-entered':
      return logEntry(cycleId, `${workflowId}/phase/${phase}`, 'cycle.phase-entered', 'system', at, {
        phase,
      });
    case 'cancelled':
      return logEntry(cycleId, `${workflowId}/cancelled`, 'cycle.cancelled', facts.cancelledBy, at, {
        phase,
        reason: facts.reason,
      });
    case 'unit-work-moved':
      return logEntry(
        cycleId,
        `${workflowId}/unit-work-moved/${facts.number}`,
        'cycle.unit-work-moved',
        facts.movedBy,
        at,
        { phase, unitCode: facts.unitCode, from: facts.from, to: facts.to, reason: facts.reason },
        facts.requestId,
      );
    case 'role-moved':
      return logEntry(
        cycleId,
        `${workflowId}/role-moved/${facts.number}`,
        'cycle.role-moved',
        facts.movedBy,
        at,
        { phase, role: facts.role, from: facts.from, to: facts.to, reason: facts.reason },
        facts.requestId,
      );
    case 'dates-moved':
      return logEntry(
        cycleId,
        `${workflowId}/dates-moved/${facts.number}`,
        'cycle.dates-moved',
        facts.movedBy,
        at,
        {
          phase,
          before: facts.before,
          after: facts.after,
          reason: facts.reason,
          ...(facts.requestId ? { requestId: facts.requestId } : {}),
        },
        facts.requestId,
      );
  }
}

/**
 * An event-log entry whose payload has its type's shape (libs/contracts `QualityEventPayloads`):
 * the one way the activities build an event.
 */
export function logEntry<T extends QualityEventType>(
  cycleId: string,
  id: string,
  type: T,
  actor: string,
  occurredAt: string,
  payload: QualityEventPayloads[T],
  requestId?: string,
): EventLogEntryEntity {
  // The log's column holds any JSON object; the type above is what the API reads it back as.
  return { id, cycleId, type, actor, occurredAt, requestId: requestId ?? null, payload: { ...payload } };
}

/** Inserts an event-log entry once: a second insert with the same id is ignored. */
export async function appendEvent(manager: EntityManager, entry: EventLogEntryEntity): Promise<void> {
  await insertOnce(manager, EventLogEntryEntity, entry);
}

/** Inserts a row once: a second insert with the same id is ignored, so a retry writes nothing twice. */
export async function insertOnce<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: { [K in keyof T]?: T[K] | null },
): Promise<void> {
  // JSON columns are serialised by TypeORM and the driver; its deep-partial type does not model that.
  await manager
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(row as QueryDeepPartialEntity<T>)
    .orIgnore()
    .execute();
}
