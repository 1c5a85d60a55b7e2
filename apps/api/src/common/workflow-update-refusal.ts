import { ApplicationFailure } from '@temporalio/common';
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import type { ValidationProblem } from '@qcycle/domain';

/** How long a route waits for a workflow's answer to an Update before it answers 503 (retry). */
export const UPDATE_DEADLINE_MS = 30_000;

type RefusalOptions = Parameters<typeof workflowUpdateRefusal>[1];

/**
 * Sends an Update to a workflow that must still be running — a cycle, an objective's monitoring —
 * and answers its result, or its refusal over HTTP: a workflow no longer running is `notRunning`'s
 * 409 (its execution status in the details); the workflow's refusals as `workflowUpdateRefusal`.
 * The update id carries the request id, so a client repeating the request is answered once.
 */
export async function updateRunningWorkflow<Ret, Args extends [unknown, ...unknown[]]>(
  client: Client,
  handle: WorkflowHandle,
  definition: UpdateDefinition<Ret, Args>,
  request: { updateId: string; args: Args },
  refusal: RefusalOptions & { notRunning: (status: string) => QcycleError },
): Promise<Ret> {
  try {
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING') throw refusal.notRunning(description.status.name);
    return await client.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
      handle.executeUpdate(definition, request),
    );
  } catch (error) {
    throw workflowUpdateRefusal(error, refusal);
  }
}

/** A cycle that is no longer running (closed, cancelled): what it is now, in the details. */
export const cycleNotRunning =
  (cycleId: string) =>
  (status: string): QcycleError =>
    new QcycleError(
      QcycleErrorCode.Conflict,
      'cycleNotRunning',
      { cycleId, status: status.toLowerCase() },
      { executionStatus: status },
    );

/**
 * The code a workflow's Update validator refused with (its ApplicationFailure type), or undefined
 * when the error is not such a refusal.
 */
export function workflowRefusalCode(error: unknown): QcycleErrorCode | undefined {
  const failure = refusalFailure(error);
  const type = failure?.type;
  return type && (Object.values(QcycleErrorCode) as string[]).includes(type)
    ? (type as QcycleErrorCode)
    : undefined;
}

/**
 * What a workflow's refusal tells beyond its code and problems (its second detail), e.g. who holds
 * a task now (`TaskHeldByOther`); undefined when it tells nothing more.
 */
export function workflowRefusalFacts<T extends object>(error: unknown): Partial<T> | undefined {
  const facts = refusalFailure(error)?.details?.[1];
  return typeof facts === 'object' && facts !== null ? (facts as Partial<T>) : undefined;
}

function refusalFailure(error: unknown): ApplicationFailure | undefined {
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure
    ? error.cause
    : undefined;
}

/**
 * What a refused or unanswered workflow Update means over HTTP, for every route that sends one
 * (a task's completion and reassignment, the dates' move, a figure's correction). The workflow's
 * code is kept (NOT_FOUND, FORBIDDEN, CONFLICT); its VALIDATION_FAILED problems become the route's
 * 422 (`invalid`, RULE_VIOLATED unless said) with details.problems; no workflow is the route's own
 * `notFound`; no answer in time is WORKFLOW_UNAVAILABLE (retry with the same x-request-id).
 *
 * The message is the code's, in the caller's language (the filter): the workflow's own text is never
 * shown, since it is written once, in one language. The problems carry their reasons in both
 * languages (reason, reasonEn); the filter answers each in the caller's. `problemPath` renames a
 * workflow field to the body's name.
 */
export function workflowUpdateRefusal(
  error: unknown,
  options: {
    notFound: () => QcycleError;
    invalid?: QcycleErrorCode.RuleViolated | QcycleErrorCode.OutcomeRefused;
    problemPath?: (path: string) => string;
    /** A route's own words for a CONFLICT whose facts it reads (`workflowRefusalFacts`); else the code's. */
    conflict?: (error: unknown) => QcycleError | undefined;
  },
): unknown {
  if (error instanceof QcycleError) return error;
  if (error instanceof WorkflowNotFoundError) return options.notFound();
  const code = workflowRefusalCode(error);
  switch (code) {
    case QcycleErrorCode.Conflict:
      return options.conflict?.(error) ?? new QcycleError(code);
    case QcycleErrorCode.NotFound:
    case QcycleErrorCode.Forbidden:
      return new QcycleError(code);
    case QcycleErrorCode.ValidationFailed: {
      const rename = options.problemPath ?? ((path: string) => path);
      const listed = refusalFailure(error)?.details?.[0];
      const problems = (Array.isArray(listed) ? (listed as ValidationProblem[]) : []).map((problem) => ({
        ...problem,
        path: rename(problem.path),
      }));
      return new QcycleError(
        options.invalid ?? QcycleErrorCode.RuleViolated,
        'default',
        { fields: problems.map((problem) => problem.path || '(body)') },
        { problems },
      );
    }
  }
  if (
    error instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    isDeadline(error) ||
    isTemporalUnreachable(error)
  )
    return new QcycleError(QcycleErrorCode.WorkflowUnavailable);
  return error;
}

/**
 * Temporal itself could not be reached (down, restarting): the client wraps the gRPC status
 * (14 UNAVAILABLE, 4 DEADLINE_EXCEEDED) in a ServiceError "Workflow Update failed", its cause. The
 * request was maybe not delivered, maybe applied: either way a repeat is answered once (503).
 */
function isTemporalUnreachable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

function isDeadline(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    /deadline/i.test(String((error as { message?: unknown }).message ?? ''))
  );
}
