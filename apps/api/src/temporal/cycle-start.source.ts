import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { defaultPayloadConverter } from '@temporalio/common';
import { DataSource, In } from 'typeorm';
import { parseQualityCycleId, qualityCycleWorkflowId, type StartQualityCycleInput } from '@qcycle/contracts';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import { QualityCycleEntity } from '@qcycle/persistence';
import { TemporalClientProvider } from './temporal-client.module';

/** A cycle's start input and the time its workflow started (`workflowInfo().startTime`). */
export interface CycleStart {
  input: StartQualityCycleInput;
  startedAtMs: number;
}

/**
 * What a cycle was started with. The start input is the first event of the cycle workflow's
 * history, which Temporal keeps for the namespace's retention after the year closes; whether the
 * cycle is a rehearsal is on its record too, for good.
 */
@Injectable()
export class CycleStartSource {
  /** Rehearsal or not, read from Temporal for cycles recorded before their record kept it: it never changes. */
  private readonly rehearsalFromStart = new Map<string, boolean>();

  constructor(
    private readonly temporal: TemporalClientProvider,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig,
  ) {}

  /** The cycle's start input; undefined once Temporal no longer keeps its history (or never had it). */
  async startOf(organisationCode: string, year: number): Promise<CycleStart | undefined> {
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

  /**
   * Which of these cycles are rehearsals. By their records (one primary-key read); a cycle recorded
   * before the record kept it is asked of Temporal once. One whose start Temporal no longer keeps,
   * or that cannot be asked now, counts as real: a mark is a help, not something to fail a list on.
   */
  async rehearsals(cycleIds: Iterable<string>): Promise<Set<string>> {
    const ids = [...new Set(cycleIds)];
    if (ids.length === 0) return new Set();
    const records = await this.dataSource.getRepository(QualityCycleEntity).find({
      select: { id: true, rehearsal: true },
      where: { id: In(ids) },
    });
    const rehearsals = new Set(records.filter((record) => record.rehearsal === true).map((r) => r.id));
    const unknown = records.filter((record) => record.rehearsal === null).map((record) => record.id);
    await Promise.all(
      unknown.map(async (cycleId) => {
        if (await this.rehearsalFromStartInput(cycleId)) rehearsals.add(cycleId);
      }),
    );
    return rehearsals;
  }

  private async rehearsalFromStartInput(cycleId: string): Promise<boolean> {
    const known = this.rehearsalFromStart.get(cycleId);
    if (known !== undefined) return known;
    const key = parseQualityCycleId(cycleId);
    if (!key) return false;
    try {
      const start = await this.startOf(key.organisationCode, key.year);
      if (!start) return false;
      const rehearsal = start.input.rehearsal === true;
      this.rehearsalFromStart.set(cycleId, rehearsal);
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
