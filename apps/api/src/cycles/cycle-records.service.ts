import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { WorkflowNotFoundError } from '@temporalio/client';
import { Brackets, DataSource, type Repository } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  cancelCycleSignal,
  evidenceReference,
  parseQualityCycleId,
  QcycleError,
  QcycleErrorCode,
  qualityCycleWorkflowId,
} from '@qcycle/contracts';
import {
  EventLogEntryEntity,
  eventSubjectOf,
  eventSubjectsNamed,
  evidenceFilesNamedIn,
  QualityCycleEntity,
  type EventSubject,
  type NamedEvidenceFile,
} from '@qcycle/persistence';
import type { Principal } from '../auth/principal';
import {
  decodeCursor,
  encodeCursor,
  invalidCursor,
  pageWindow,
  type CursorPage,
  type Page,
} from '../common/pagination';
import { escapeLike } from '../common/like-pattern';
import { CycleStartSource } from '../temporal/cycle-start.source';
import { TemporalClientProvider } from '../temporal/temporal-client.module';
import type {
  CancelCycleView,
  CycleListQuery,
  CycleRecordView,
  EventLogEntryView,
  EventLogQuery,
} from './dto/cycle-list.dto';

/** Lists of cycles (from the records) and cancelling a running one (a signal to its workflow). */
@Injectable()
export class CycleRecordsService {
  constructor(
    @InjectRepository(QualityCycleEntity) private readonly cycles: Repository<QualityCycleEntity>,
    private readonly temporal: TemporalClientProvider,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly starts: CycleStartSource,
  ) {}

  /** The cycle's event log (append-only: written by activities, never updated), oldest or newest first. */
  async events(
    caller: Principal,
    cycleId: string,
    query: EventLogQuery,
  ): Promise<CursorPage<EventLogEntryView> & { files: NamedEvidenceFile[]; subjects: EventSubject[] }> {
    const key = parseQualityCycleId(cycleId);
    if (!key || key.organisationCode !== caller.organisationCode)
      throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    const { limit, offset } = pageWindow(query);
    const qb = this.dataSource
      .getRepository(EventLogEntryEntity)
      .createQueryBuilder('e')
      .where('e.cycle_id = :cycleId', { cycleId });
    if (query.type?.endsWith('.')) qb.andWhere('e.type LIKE :prefix', { prefix: `${query.type}%` });
    else if (query.type) qb.andWhere('e.type = :type', { type: query.type });
    if (query.actor) qb.andWhere('e.actor = :actor', { actor: query.actor });
    if (query.subject)
      // Everything recorded about a record has its id first in the event's (a task's events, a step's
      // sign-off, a corrective action's and its tasks'), except the uploads to it and their
      // withdrawals, which name it.
      qb.andWhere(
        new Brackets((about) =>
          about
            .where("e.id LIKE :under ESCAPE '\\'", { under: `${escapeLike(query.subject!)}/%` })
            .orWhere(
              "e.type IN ('evidence.uploaded', 'evidence.withdrawn', 'evidence.erased') AND e.payload LIKE :named ESCAPE '\\'",
              {
                named: `%${escapeLike(JSON.stringify({ recordKey: query.subject }).slice(1, -1))}%`,
              },
            ),
        ),
      );
    // Instants are stored as ISO-8601 UTC strings, which sort as text.
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: new Date(query.from).toISOString() });
    if (query.to) qb.andWhere('e.occurred_at <= :to', { to: new Date(query.to).toISOString() });
    // The total counts the filters, not the cursor: it stays "how many match" on every page.
    const total = await qb.clone().getCount();
    // Oldest first, or newest first (IDX (cycle_id, occurred_at) read backwards); ties by id.
    const [direction, beyond, bound] =
      query.order === 'desc' ? (['DESC', '<', '<='] as const) : (['ASC', '>', '>='] as const);
    if (query.after) {
      // The bound keeps the read in the index's range; the OR orders ties by id.
      const [occurredAt, id] = decodeCursor(query.after, 2);
      if (occurredAt === null) throw invalidCursor();
      qb.andWhere(
        `e.occurred_at ${bound} :afterAt AND (e.occurred_at ${beyond} :afterAt OR e.id ${beyond} :afterId)`,
        { afterAt: occurredAt, afterId: id },
      );
    }
    const rows = await qb
      .orderBy('e.occurred_at', direction)
      .addOrderBy('e.id', direction)
      .offset(offset)
      .limit(limit + 1)
      .getMany();
    if (total === 0 && !(await this.cycles.existsBy({ id: cycleId })) && !(await this.running(cycleId)))
      throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((e) => ({
        id: e.id,
        type: e.type,
        actor: e.actor,
        occurredAt: e.occurredAt,
        requestId: e.requestId,
        payload: e.payload,
        subject: eventSubjectOf(e)?.id ?? null,
      })),
      total,
      limit,
      offset,
      nextCursor: rows.length > limit ? encodeCursor([last.occurredAt, last.id]) : null,
      ...(await this.named(cycleId, page)),
    };
  }

  /** What a page of events names by id: its files by their names, its records by their titles. */
  private async named(
    cycleId: string,
    page: EventLogEntryEntity[],
  ): Promise<{ files: NamedEvidenceFile[]; subjects: EventSubject[] }> {
    const [files, subjects] = await Promise.all([
      evidenceFilesNamedIn(
        this.dataSource,
        cycleId,
        // A file's own events (uploaded, withdrawn, erased) name it by its id: listed too, so that
        // the page knows whether its content is still there.
        page.map((e) => {
          const fileId = (e.payload as { evidenceId?: unknown } | null)?.evidenceId;
          return e.type.startsWith('evidence.') && typeof fileId === 'string'
            ? [e.payload, { evidence: [evidenceReference(fileId)] }]
            : e.payload;
        }),
      ),
      eventSubjectsNamed(this.dataSource, cycleId, page),
    ]);
    return { files, subjects };
  }

  private async running(cycleId: string): Promise<boolean> {
    const key = parseQualityCycleId(cycleId)!;
    try {
      await this.temporal.client.workflow
        .getHandle(qualityCycleWorkflowId(key.organisationCode, key.year))
        .describe();
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  async list(caller: Principal, query: CycleListQuery): Promise<Page<CycleRecordView>> {
    const { limit, offset } = pageWindow(query);
    const where = {
      organisationCode: caller.organisationCode,
      ...(query.year !== undefined ? { year: query.year } : {}),
      ...(query.phase ? { phase: query.phase } : {}),
      ...(query.status ? { status: query.status } : {}),
    };
    const [rows, total] = await this.cycles.findAndCount({
      where,
      order: { year: 'DESC' },
      skip: offset,
      take: limit,
    });
    const rehearsals = await this.starts.rehearsals(rows.map((r) => r.id));
    return {
      items: rows.map((r) => ({
        id: r.id,
        workflowId: r.workflowId,
        organisationCode: r.organisationCode,
        year: r.year,
        status: r.status,
        phase: r.phase,
        startedBy: r.startedBy,
        startedAt: r.startedAt,
        updatedAt: r.updatedAt,
        rehearsal: rehearsals.has(r.id),
      })),
      total,
      limit,
      offset,
    };
  }

  /** Asks the running cycle to cancel: it cancels its open tasks and records itself cancelled. */
  async cancel(caller: Principal, cycleId: string, reason: string): Promise<CancelCycleView> {
    const key = parseQualityCycleId(cycleId);
    if (!key || key.organisationCode !== caller.organisationCode)
      throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    const handle = this.temporal.client.workflow.getHandle(
      qualityCycleWorkflowId(key.organisationCode, key.year),
    );
    try {
      const description = await handle.describe();
      if (description.status.name !== 'RUNNING') {
        throw new QcycleError(
          QcycleErrorCode.Conflict,
          'cycleNotRunning',
          { cycleId, status: description.status.name.toLowerCase() },
          { executionStatus: description.status.name },
        );
      }
      await handle.signal(cancelCycleSignal, { reason, by: caller.userId });
    } catch (error) {
      if (error instanceof WorkflowNotFoundError)
        throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
      throw error;
    }
    return { cycleId, status: 'cancelling' };
  }
}
