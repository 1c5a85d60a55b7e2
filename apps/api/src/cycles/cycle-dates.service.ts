import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import {
  moveCycleDatesUpdate,
  parseQualityCycleId,
  QcycleError,
  QcycleErrorCode,
  qualityCycleWorkflowId,
} from '@qcycle/contracts';
import type { ValidationProblem } from '@qcycle/domain';
import type { Principal } from '../auth/principal';
import { TemporalClientProvider } from '../temporal/temporal-client.module';
import { isDeadline, isTemporalUnreachable } from '../tasks/tasks.service';
import type { CycleDatesMovedView, MoveCycleDatesDto } from './dto/move-cycle-dates.dto';

/** How long the move may wait for the workflow's answer before the API gives up (503). */
const UPDATE_DEADLINE_MS = 30_000;

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
      throw new QcycleError(QcycleErrorCode.CycleNotFound, `No cycle ${cycleId}`);
    const handle = this.temporal.client.workflow.getHandle(
      qualityCycleWorkflowId(key.organisationCode, key.year),
    );
    try {
      const description = await handle.describe();
      if (description.status.name !== 'RUNNING')
        throw new QcycleError(
          QcycleErrorCode.Conflict,
          `The cycle ${cycleId} is not running (${description.status.name.toLowerCase()})`,
          { executionStatus: description.status.name },
        );
      const moved = await this.temporal.client.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
        handle.executeUpdate(moveCycleDatesUpdate, {
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
        }),
      );
      return {
        auditWindow: moved.auditWindow,
        reviewDate: moved.managementReviewDate,
        movedBy: moved.movedBy,
        movedAt: moved.movedAt,
      };
    } catch (error) {
      throw refusal(error, cycleId);
    }
  }
}

/** The workflow's refusal with its meaning: 403 not the Quality Representative, 409 too late, 422 the dates. */
function refusal(error: unknown, cycleId: string): unknown {
  if (error instanceof QcycleError) return error;
  if (error instanceof WorkflowNotFoundError)
    return new QcycleError(QcycleErrorCode.CycleNotFound, `No cycle ${cycleId}`);
  const failure =
    error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure
      ? error.cause
      : undefined;
  switch (failure?.type) {
    case QcycleErrorCode.Forbidden:
      return new QcycleError(QcycleErrorCode.Forbidden, failure.message);
    case QcycleErrorCode.Conflict:
      return new QcycleError(QcycleErrorCode.Conflict, failure.message);
    case QcycleErrorCode.ValidationFailed: {
      // The workflow names the calendar's field; the request calls the review date `reviewDate`.
      const problems = ((failure.details?.[0] ?? []) as ValidationProblem[]).map((problem) => ({
        ...problem,
        path: problem.path.replace(/^managementReviewDate/, 'reviewDate'),
      }));
      return new QcycleError(QcycleErrorCode.RuleViolated, failure.message, { problems });
    }
  }
  if (
    error instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    isDeadline(error) ||
    isTemporalUnreachable(error)
  )
    return new HttpException(
      {
        code: 'WORKFLOW_UNAVAILABLE',
        message: 'The workflow did not answer in time; repeat the request with the same x-request-id',
      },
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  return error;
}
