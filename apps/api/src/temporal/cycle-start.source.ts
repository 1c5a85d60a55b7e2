import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { defaultPayloadConverter } from '@temporalio/common';
import { DataSource, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  parseQualityCycleId,
  qualityCycleId,
  qualityCycleWorkflowId,
  type StartQualityCycleInput,
} from '@qcycle/contracts';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import { CycleStartEntity, QualityCycleEntity } from '@qcycle/persistence';
import { TemporalClientProvider } from './temporal-client.module';

/** A cycle's start input and the time its workflow started (`workflowInfo().startTime`). */
export interface CycleStart {
  input: StartQualityCycleInput;
  startedAtMs: number;
}

/**
 * What a cycle was started with. The start input is the first event of the cycle workflow's
 * history, which Temporal keeps only for the namespace's retention after the year closes; qcycle
 * keeps it for good in `cycle_starts` — when the API starts a cycle, and, for a cycle started before
 * that table existed, on its first read and at the API's start (docs/operations.md "Temporal's
 * retention of closed workflows").
 */
@Injectable()
export class CycleStartSource implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CycleStarts');
  /** Rehearsal or not, read from Temporal for cycles recorded before their record kept it: it never changes. */
  private readonly rehearsalFromStart = new Map<string, boolean>();
  private keepingOlder: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly temporal: TemporalClientProvider,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig,
  ) {}

  /** The cycle's start input; undefined when neither qcycle nor Temporal keeps it (or never had it). */
  async startOf(organisationCode: string, year: number): Promise<CycleStart | undefined> {
    const kept = await this.dataSource
      .getRepository(CycleStartEntity)
      .findOneBy({ cycleId: qualityCycleId(organisationCode, year) });
    if (kept)
      return {
        input: kept.input as unknown as StartQualityCycleInput,
        startedAtMs: Date.parse(kept.startedAt),
      };
    const start = await this.fromHistory(organisationCode, year);
    if (start) await this.keep(organisationCode, year, start);
    return start;
  }

  /** Right after the API started a cycle, before anyone needs it. Failing only logs: the next read keeps it. */
  async keepStarted(organisationCode: string, year: number): Promise<void> {
    try {
      await this.startOf(organisationCode, year);
    } catch (error) {
      this.logger.warn(
        `the start of ${qualityCycleId(organisationCode, year)} is kept later: ${(error as Error).message}`,
      );
    }
  }

  /**
   * Cycles recorded before qcycle kept their starts: read from Temporal while it still has them, in
   * the background, so a year nobody opens before its history's retention ends is not lost.
   */
  onApplicationBootstrap(): void {
    this.keepingOlder = this.keepOlderStarts().catch((error: unknown) =>
      this.logger.warn(`keeping older cycles' starts stopped: ${(error as Error).message}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    // A read of an unreachable Temporal can take its client's retries (some 20 s): not worth a slow
    // shutdown, the next start keeps what this one did not.
    await Promise.race([this.keepingOlder, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  }

  private async keepOlderStarts(): Promise<void> {
    const missing: { id: string; organisationCode: string; year: number }[] = await this.dataSource
      .getRepository(QualityCycleEntity)
      .createQueryBuilder('cycle')
      .select('cycle.id', 'id')
      .addSelect('cycle.organisationCode', 'organisationCode')
      .addSelect('cycle.year', 'year')
      .leftJoin(CycleStartEntity, 'kept', 'kept.cycleId = cycle.id')
      .where('kept.cycleId IS NULL')
      .getRawMany();
    let kept = 0;
    for (const cycle of missing) {
      if (this.stopping) return;
      if (await this.startOf(cycle.organisationCode, Number(cycle.year))) kept += 1;
    }
    if (kept > 0) this.logger.log(`kept the start of ${kept} cycle(s) recorded before qcycle kept them`);
  }

  private async fromHistory(organisationCode: string, year: number): Promise<CycleStart | undefined> {
    try {
      const history = await this.temporal.client.workflowService.getWorkflowExecutionHistory({
        namespace: this.config.temporal.namespace,
        execution: { workflowId: qualityCycleWorkflowId(organisationCode, year) },
        maximumPageSize: 1,
      });
      const started = history.history?.events?.[0];
      const payload = started?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      if (!payload || !started?.eventTime) return undefined;
      return {
        input: defaultPayloadConverter.fromPayload<StartQualityCycleInput>(payload),
        startedAtMs:
          Number(started.eventTime.seconds ?? 0) * 1000 + Math.floor((started.eventTime.nanos ?? 0) / 1e6),
      };
    } catch (error) {
      // gRPC NOT_FOUND (5): the workflow's history is gone (retention) or never was.
      if ((error as { code?: number }).code !== 5) throw error;
      return undefined;
    }
  }

  /** Once per cycle: a second writer (another request, another replica) finds the row there. */
  private async keep(organisationCode: string, year: number, start: CycleStart): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CycleStartEntity)
      // simple-json columns are serialised by TypeORM; its deep-partial type does not model that.
      .values({
        cycleId: qualityCycleId(organisationCode, year),
        organisationCode,
        year,
        input: start.input,
        startedAt: new Date(start.startedAtMs).toISOString(),
        keptAt: new Date().toISOString(),
      } as unknown as QueryDeepPartialEntity<CycleStartEntity>)
      .orIgnore()
      .execute();
  }

  /**
   * Which of these cycles are rehearsals. By their records (one primary-key read); a cycle recorded
   * before the record kept it is asked of Temporal once, and one not recorded yet (its start
   * answered moments before the worker records it) is read from its start input. One whose start
   * Temporal no longer keeps, or that cannot be asked now, counts as real: a mark is a help, not
   * something to fail a list on.
   */
  async rehearsals(cycleIds: Iterable<string>): Promise<Set<string>> {
    const ids = [...new Set(cycleIds)];
    if (ids.length === 0) return new Set();
    const records = await this.dataSource.getRepository(QualityCycleEntity).find({
      select: { id: true, rehearsal: true },
      where: { id: In(ids) },
    });
    const marked = new Map(records.map((record) => [record.id, record.rehearsal]));
    const rehearsals = new Set(ids.filter((cycleId) => marked.get(cycleId) === true));
    await Promise.all(
      ids.map(async (cycleId) => {
        const mark = marked.get(cycleId);
        if (mark === true || mark === false) return;
        // A cycle not recorded yet is not remembered: a discarded rehearsal's year may start again
        // as a real one.
        if (await this.rehearsalFromStartInput(cycleId, { remember: mark === null })) rehearsals.add(cycleId);
      }),
    );
    return rehearsals;
  }

  private async rehearsalFromStartInput(cycleId: string, { remember = true } = {}): Promise<boolean> {
    const known = remember ? this.rehearsalFromStart.get(cycleId) : undefined;
    if (known !== undefined) return known;
    const key = parseQualityCycleId(cycleId);
    if (!key) return false;
    try {
      const start = await this.startOf(key.organisationCode, key.year);
      if (!start) return false;
      const rehearsal = start.input.rehearsal === true;
      if (remember) this.rehearsalFromStart.set(cycleId, rehearsal);
      return rehearsal;
    } catch {
      // Temporal unreachable: unmarked this time, asked again next time.
      return false;
    }
  }
}

/** Every module reads a cycle's start through the one source, as each reads Temporal through one client. */
@Global()
@Module({ providers: [CycleStartSource], exports: [CycleStartSource] })
export class CycleStartModule {}
