import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TaskEntity } from '@qcycle/persistence';
import {
  childWorkflowIds,
  correctMeasurementUpdate,
  parseQualityCycleId,
  QcycleError,
  QcycleErrorCode,
  qualityCycleWorkflowId,
  type FiguresChangedMeanwhile,
} from '@qcycle/contracts';
import type { Principal } from '../auth/principal';
import { TemporalClientProvider } from '../temporal/temporal-client.module';
import { updateRunningWorkflow, workflowRefusalFacts } from '../common/workflow-update-refusal';
import { checkEvidenceReferences } from '../evidence/evidence-references';
import { evidenceRecordOfTask } from '../evidence/evidence-record';
import type { CorrectMeasurementDto, MeasurementCorrectedView } from './dto/correct-measurement.dto';

/**
 * Correcting a period's reported figures: the objective's monitoring workflow's
 * `correctMeasurement` Update, whose validator owns the rules (libs/domain
 * `checkMeasurementCorrection`: who, which period, before the close, the reason, the figures).
 * The update id carries the request id, so a client retrying with the same x-request-id corrects once.
 */
@Injectable()
export class MeasurementCorrectionsService {
  constructor(
    private readonly temporal: TemporalClientProvider,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async correct(
    caller: Principal,
    cycleId: string,
    objectiveId: string,
    periodKey: string,
    body: CorrectMeasurementDto,
    requestId: string,
  ): Promise<MeasurementCorrectedView> {
    const key = parseQualityCycleId(cycleId);
    if (!key || key.organisationCode !== caller.organisationCode)
      throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    const workflowId = childWorkflowIds.monitoring(
      qualityCycleWorkflowId(key.organisationCode, key.year),
      objectiveId,
    );
    // The files the correction names are on the report's record, where the two who may correct upload.
    // A period not reported (no such objective or period, or its report still open) is the
    // workflow's to refuse first (404, 409).
    if (body.evidence?.length) {
      const report = await this.dataSource.getRepository(TaskEntity).findOne({
        select: { id: true, kind: true, workflowId: true },
        where: { cycleId, objectiveId, periodKey, kind: 'measurement-report', status: 'completed' },
      });
      if (report)
        await checkEvidenceReferences(
          this.dataSource,
          cycleId,
          evidenceRecordOfTask(report),
          body.evidence,
          QcycleErrorCode.RuleViolated,
        );
    }
    const handle = this.temporal.client.workflow.getHandle(workflowId);
    return updateRunningWorkflow(
      this.temporal.client,
      handle,
      correctMeasurementUpdate,
      {
        updateId: `measurement-corrected/${requestId}`,
        args: [
          {
            actorUserId: caller.userId,
            periodKey,
            figures: body.figures.map((f) => ({ ...f })),
            reason: body.reason,
            ...(body.evidence?.length ? { evidence: [...body.evidence] } : {}),
            requestId,
            ...(body.ifFiguresWere ? { ifFiguresWere: body.ifFiguresWere.map((f) => ({ ...f })) } : {}),
            // The unit head as the directory has them now, not only as the year started.
            by: { name: caller.fullName, headOfUnits: [...caller.headOfUnits] },
          },
        ],
      },
      {
        // Corrected meanwhile: said with the figures as they are now, to decide again on them.
        conflict: (error) => {
          const current = workflowRefusalFacts<FiguresChangedMeanwhile>(error)?.currentFigures;
          return current
            ? new QcycleError(QcycleErrorCode.Conflict, 'figuresChangedMeanwhile', {}, { current })
            : undefined;
        },
        // The monitoring ends at the year's close: its figures are final then.
        notRunning: (status) =>
          new QcycleError(
            QcycleErrorCode.Conflict,
            'yearClosed',
            { cycleId, objectiveId },
            { executionStatus: status },
          ),
        notFound: () =>
          new QcycleError(QcycleErrorCode.NotFound, 'monitoredObjective', { objectiveId, cycleId }),
      },
    );
  }
}
