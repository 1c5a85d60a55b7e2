import { Injectable } from '@nestjs/common';
import {
  childWorkflowIds,
  correctMeasurementUpdate,
  parseQualityCycleId,
  QcycleError,
  QcycleErrorCode,
  qualityCycleWorkflowId,
} from '@qcycle/contracts';
import type { Principal } from '../auth/principal';
import { TemporalClientProvider } from '../temporal/temporal-client.module';
import { workflowUpdateRefusal } from '../common/workflow-update-refusal';
import type { CorrectMeasurementDto, MeasurementCorrectedView } from './dto/correct-measurement.dto';

/** How long the correction may wait for the workflow's answer before the API gives up (503). */
const UPDATE_DEADLINE_MS = 30_000;

/**
 * Correcting a period's reported figures: the objective's monitoring workflow's
 * `correctMeasurement` Update, whose validator owns the rules (libs/domain
 * `checkMeasurementCorrection`: who, which period, before the close, the reason, the figures).
 * The update id carries the request id, so a client retrying with the same x-request-id corrects once.
 */
@Injectable()
export class MeasurementCorrectionsService {
  constructor(private readonly temporal: TemporalClientProvider) {}

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
    const handle = this.temporal.client.workflow.getHandle(workflowId);
    try {
      const description = await handle.describe();
      // The monitoring ends at the year's close: its figures are final then.
      if (description.status.name !== 'RUNNING')
        throw new QcycleError(
          QcycleErrorCode.Conflict,
          'yearClosed',
          { cycleId, objectiveId },
          { executionStatus: description.status.name },
        );
      return await this.temporal.client.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
        handle.executeUpdate(correctMeasurementUpdate, {
          updateId: `measurement-corrected/${requestId}`,
          args: [
            {
              actorUserId: caller.userId,
              periodKey,
              figures: body.figures.map((f) => ({ ...f })),
              reason: body.reason,
              requestId,
            },
          ],
        }),
      );
    } catch (error) {
      throw workflowUpdateRefusal(error, {
        notFound: () =>
          new QcycleError(QcycleErrorCode.NotFound, 'monitoredObjective', { objectiveId, cycleId }),
      });
    }
  }
}
