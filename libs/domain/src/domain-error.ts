import { QcycleErrorCode } from './error-code';
import type { ValidationProblem } from './validation-problem';

/**
 * Base of every error the domain raises on purpose. Its `code` is one of qcycle's error codes, so the
 * API answers it like any other refusal (status and message by code, `params` filling the message);
 * `name` is set explicitly on each subclass so Temporal's `nonRetryableErrorTypes` can match it even
 * in a minified bundle.
 */
export abstract class DomainError extends Error {
  abstract readonly code: QcycleErrorCode;
  /** The values the code's message names (see libs/contracts/src/qcycle-error-messages.ts). */
  abstract readonly params: Record<string, string | number>;
  /** Structured details for the caller, e.g. `problems`. */
  readonly details?: Record<string, unknown>;
}

export class InvalidDateError extends DomainError {
  override readonly name = 'InvalidDateError';
  readonly code = QcycleErrorCode.InvalidDate;
  readonly params: Record<string, string>;

  constructor(
    readonly value: string,
    expected: string,
  ) {
    super(`"${value}" is not a valid ${expected}`);
    this.params = { value, expected };
  }
}

/** A measurement that cannot be evaluated; `problems` says which fields and why. */
export class InvalidMeasurementError extends DomainError {
  override readonly name = 'InvalidMeasurementError';
  readonly code = QcycleErrorCode.InvalidMeasurement;
  readonly params: Record<string, string>;
  override readonly details: { problems: readonly ValidationProblem[] };

  constructor(readonly problems: readonly ValidationProblem[]) {
    super(`Invalid measurement: ${problems.map((p) => `${p.path}: ${p.code}`).join('; ')}`);
    this.params = { fields: problems.map((p) => p.path || '(measurement)').join(', ') };
    this.details = { problems };
  }
}

/** Arguments to an evaluation that contradict each other (e.g. a period index beyond the year). */
export class InvalidEvaluationInputError extends DomainError {
  override readonly name = 'InvalidEvaluationInputError';
  readonly code = QcycleErrorCode.InvalidEvaluationInput;
  readonly params: Record<string, string>;

  constructor(reason: string) {
    super(reason);
    this.params = { reason };
  }
}

export class UnknownTemplateError extends DomainError {
  override readonly name = 'UnknownTemplateError';
  readonly code = QcycleErrorCode.UnknownTemplate;
  readonly params: Record<string, string>;

  constructor(readonly templateId: string) {
    super(`Unknown cycle template "${templateId}"`);
    this.params = { templateId };
  }
}
