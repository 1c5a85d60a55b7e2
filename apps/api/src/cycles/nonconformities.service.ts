import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  openNonconformityUpdate,
  parseQualityCycleId,
  QcycleError,
  QcycleErrorCode,
  qualityCycleWorkflowId,
} from '@qcycle/contracts';
import { recordedNonconformitySource } from '@qcycle/domain';
import {
  AuditStepEntity,
  CorrectiveActionEntity,
  correctiveActionLastRounds,
  evidenceFilesNamedIn,
  lastRoundEvidence,
  QualityCycleEntity,
} from '@qcycle/persistence';
import type { Principal } from '../auth/principal';
import { TemporalClientProvider } from '../temporal/temporal-client.module';
import { cycleNotRunning, updateRunningWorkflow } from '../common/workflow-update-refusal';
import type {
  CycleNonconformityList,
  NonconformityOpenedView,
  OpenNonconformityDto,
} from './nonconformities.dto';

/**
 * Nonconformities of a cycle from any source (issue #9). Opening one is the cycle's
 * `openNonconformity` Update, whose validator owns the rules (who, the cycle's state, libs/domain
 * `validateNonconformityRequest`); the update id carries the request id, so a client retrying with
 * the same x-request-id opens one. The list reads the record: every corrective action of the cycle,
 * the audit's included.
 */
@Injectable()
export class NonconformitiesService {
  constructor(
    private readonly temporal: TemporalClientProvider,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async open(
    caller: Principal,
    cycleId: string,
    body: OpenNonconformityDto,
    requestId: string,
  ): Promise<NonconformityOpenedView> {
    const key = ownCycle(caller, cycleId);
    const handle = this.temporal.client.workflow.getHandle(
      qualityCycleWorkflowId(key.organisationCode, key.year),
    );
    const opened = await updateRunningWorkflow(
      this.temporal.client,
      handle,
      openNonconformityUpdate,
      {
        updateId: `nonconformity-opened/${requestId}`,
        args: [
          {
            actorUserId: caller.userId,
            source: body.source,
            description: body.description,
            unitCode: body.unitCode,
            severity: body.severity,
            ...(body.verifierUserId ? { verifierUserId: body.verifierUserId } : {}),
            ...(body.objectiveId ? { objectiveId: body.objectiveId } : {}),
            ...(body.periodKey ? { periodKey: body.periodKey } : {}),
            requestId,
          },
        ],
      },
      {
        notRunning: cycleNotRunning(cycleId),
        notFound: () => new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId }),
      },
    );
    const { nonconformityId, ...rest } = opened;
    return { id: nonconformityId, ...rest };
  }

  async list(caller: Principal, cycleId: string): Promise<CycleNonconformityList> {
    ownCycle(caller, cycleId);
    if (!(await this.dataSource.getRepository(QualityCycleEntity).existsBy({ id: cycleId })))
      throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    const actions = await this.dataSource
      .getRepository(CorrectiveActionEntity)
      .find({ where: { cycleId }, order: { openedAt: 'ASC', id: 'ASC' } });
    const stepIds = actions.map((a) => a.stepId).filter((id) => id !== '');
    const steps = stepIds.length
      ? await this.dataSource.getRepository(AuditStepEntity).findBy({ id: In(stepIds) })
      : [];
    const auditorOf = new Map(steps.map((step) => [step.id, step.auditorUserId]));
    const continuations = actions.length
      ? await this.dataSource
          .getRepository(CorrectiveActionEntity)
          .findBy({ carriedFromId: In(actions.map((a) => a.id)) })
      : [];
    const continuedAs = new Map(continuations.map((next) => [next.carriedFromId, next.id]));
    const lastRounds = await correctiveActionLastRounds(this.dataSource, cycleId, actions);
    const items = actions.map((a) => ({
      id: a.id,
      source: recordedNonconformitySource(a.source),
      severity: a.severity,
      unitCode: a.unitCode,
      description: a.finding,
      status: a.status,
      rounds: a.rounds,
      effective: a.effective === null ? null : Boolean(a.effective),
      raisedBy: a.raisedBy ?? auditorOf.get(a.stepId) ?? null,
      // An audit finding is verified by the auditor of its step.
      verifierUserId: a.verifierUserId ?? auditorOf.get(a.stepId) ?? null,
      auditId: a.auditId || null,
      stepId: a.stepId || null,
      objectiveId: a.objectiveId,
      periodKey: a.periodKey,
      correction: a.correction,
      rootCause: a.rootCause,
      action: a.action,
      ownerUserId: a.ownerUserId,
      dueDate: a.dueDate,
      ...lastRounds.get(a.id)!,
      openedAt: a.openedAt,
      carriedFrom: a.carriedFromId,
      continuedAs: continuedAs.get(a.id) ?? null,
    }));
    return {
      items,
      // A plan carried in from last year rests on files of last year's record.
      files: await evidenceFilesNamedIn(this.dataSource, cycleId, items.map(lastRoundEvidence), {
        yearBefore: true,
      }),
    };
  }
}

/** Another organisation's cycle is not found, as every cycle route answers. */
function ownCycle(caller: Principal, cycleId: string): { organisationCode: string; year: number } {
  const key = parseQualityCycleId(cycleId);
  if (!key || key.organisationCode !== caller.organisationCode)
    throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
  return key;
}
