/**
 * Every refusal qcycle can give, as a stable string code. The API maps each code to one HTTP status
 * in one place (apps/api/src/common/qcycle-exception.filter.ts); activities and workflow validators
 * use the same codes as ApplicationFailure types, so a refusal keeps its meaning end to end.
 */
export enum QcycleErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  CycleAlreadyStarted = 'CYCLE_ALREADY_STARTED',
  CycleNotFound = 'CYCLE_NOT_FOUND',
  NotFound = 'NOT_FOUND',
  Forbidden = 'FORBIDDEN',
  Conflict = 'CONFLICT',
  /** Well-formed, but the process's rules refuse it (a unit that does not exist, a role without its unit). */
  RuleViolated = 'RULE_VIOLATED',
}

export class QcycleError extends Error {
  constructor(
    readonly code: QcycleErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'QcycleError';
  }
}
