import { Injectable } from '@nestjs/common';
import {
  moveCycleDatesUpdate,
  parseQualityCycleId,
  QcycleError,
  QcycleErrorCode,
  qualityCycleWorkflowId,
} from '@qcycle/contracts';
import type { Principal } from '../auth/principal';
import { TemporalClientProvider } from '../temporal/temporal-client.module';
import { cycleNotRunning, updateRunningWorkflow } from '../common/workflow-update-refusal';
import type { CycleDatesMovedView, MoveCycleDatesDto } from './dto/move-cycle-dates.dto';

/**
 * Moving the audit window or the review date of a running cycle: the cycle's `moveCycleDates`
 * Update, whose validator owns the rules (who, which dates, which phase has started). The update id
 * carries the request id, so a client retrying with the same x-request-id moves once.
 */
@Injectable()
export class CycleDatesService {
  constructor(private readonly temporal: TemporalClientProvider) {}

  async move(
    caller: Principal,
    cycleId: string,
    body: MoveCycleDatesDto,
    requestId: string,
  ): Promise<CycleDatesMovedView> {
    const key = parseQualityCycleId(cycleId);
    if (!key || key.organisationCode !== caller.organisationCode)
      throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    const handle = this.temporal.client.workflow.getHandle(
      qualityCycleWorkflowId(key.organisationCode, key.year),
    );
    const moved = await updateRunningWorkflow(
      this.temporal.client,
      handle,
      moveCycleDatesUpdate,
      {
        updateId: `dates-moved/${requestId}`,
        args: [
          {
            actorUserId: caller.userId,
            reason: body.reason,
            auditWindow: body.auditWindow
              ? { from: body.auditWindow.from, to: body.auditWindow.to }
              : undefined,
            managementReviewDate: body.reviewDate,
            requestId,
          },
        ],
      },
      {
        notRunning: cycleNotRunning(cycleId),
        notFound: () => new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId }),
        // The workflow names the calendar's field; the request calls the review date `reviewDate`.
        problemPath: (path) => path.replace(/^managementReviewDate/, 'reviewDate'),
      },
    );
    return {
      auditWindow: moved.auditWindow,
      reviewDate: moved.managementReviewDate,
      movedBy: moved.movedBy,
      movedAt: moved.movedAt,
    };
  }
}
