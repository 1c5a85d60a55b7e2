import type { ValidationProblem } from './validation-problem';

/** Stable codes for domain errors; the API maps them to HTTP statuses in one place. */
export enum DomainErrorCode {
  InvalidDate = 'INVALID_DATE',
  InvalidMeasurement = 'INVALID_MEASUREMENT',
  InvalidEvaluationInput = 'INVALID_EVALUATION_INPUT',
  UnknownTemplate = 'UNKNOWN_TEMPLATE',
}

/**
 * Base of every error the domain raises on purpose. `name` is set explicitly on each subclass so
 * Temporal's `nonRetryableErrorTypes` and the API filter can match it even in a minified bundle.
 */
export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
}

export class InvalidDateError extends DomainError {
  override readonly name = 'InvalidDateError';
  readonly code = DomainErrorCode.InvalidDate;

  constructor(
    readonly value: string,
    expected: string,
  ) {
    super(`"${value}" is not a valid ${expected}`);
  }
}

/** A measurement that cannot be evaluated; `problems` says which fields and why (Vietnamese reasons). */
export class InvalidMeasurementError extends DomainError {
  override readonly name = 'InvalidMeasurementError';
  readonly code = DomainErrorCode.InvalidMeasurement;

  constructor(readonly problems: readonly ValidationProblem[]) {
    super(`Invalid measurement: ${problems.map((p) => `${p.path}: ${p.code}`).join('; ')}`);
  }
}

/** Arguments to an evaluation that contradict each other (e.g. a period index beyond the year). */
export class InvalidEvaluationInputError extends DomainError {
  override readonly name = 'InvalidEvaluationInputError';
  readonly code = DomainErrorCode.InvalidEvaluationInput;
}

export class UnknownTemplateError extends DomainError {
  override readonly name = 'UnknownTemplateError';
  readonly code = DomainErrorCode.UnknownTemplate;

  constructor(readonly templateId: string) {
    super(`Unknown cycle template "${templateId}"`);
  }
}
