import { HttpException, HttpStatus } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import type { ValidationProblem } from '@qcycle/domain';
import { isDeadline, isTemporalUnreachable } from '../tasks/tasks.service';

/**
 * What a refused or unanswered workflow Update means over HTTP, for the routes that send one (the
 * dates' move, a figure's correction): the validator's NOT_FOUND / FORBIDDEN / CONFLICT as they are,
 * its problems as 422 RULE_VIOLATED, no workflow as the route's own 404, and no answer in time as
 * 503 (retry with the same x-request-id). `problemPath` renames a workflow field to the body's name.
 */
export function workflowUpdateRefusal(
  error: unknown,
  options: { notFound: () => QcycleError; problemPath?: (path: string) => string },
): unknown {
  if (error instanceof QcycleError) return error;
  if (error instanceof WorkflowNotFoundError) return options.notFound();
  const failure =
    error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure
      ? error.cause
      : undefined;
  switch (failure?.type) {
    case QcycleErrorCode.NotFound:
    case QcycleErrorCode.Forbidden:
    case QcycleErrorCode.Conflict:
      return new QcycleError(failure.type, failure.message);
    case QcycleErrorCode.ValidationFailed: {
      const rename = options.problemPath ?? ((path: string) => path);
      const problems = ((failure.details?.[0] ?? []) as ValidationProblem[]).map((problem) => ({
        ...problem,
        path: rename(problem.path),
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
