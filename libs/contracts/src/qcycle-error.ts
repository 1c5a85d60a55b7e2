import { QcycleErrorCode } from '@qcycle/domain';
import { errorMessage, type ErrorMessageParams, type ErrorMessageVariant } from './qcycle-error-messages';

export { QcycleErrorCode };

/**
 * A refusal of qcycle: a stable code (one HTTP status, apps/api/src/common/error-status.ts), the
 * variant of the code's message and its parameters (the words are in qcycle-error-messages.ts, in
 * Vietnamese and English; the API answers in the caller's language), and structured details
 * (`fields`, `problems`, ids) that clients read.
 *
 * `Error.message` is the English text, for logs and stack traces only.
 */
export class QcycleError<C extends QcycleErrorCode = QcycleErrorCode> extends Error {
  // Not typed by C, so every QcycleError is one type (C only checks the variant at construction).
  readonly code: QcycleErrorCode;
  readonly variant: string;

  constructor(
    code: C,
    variant: ErrorMessageVariant<C> | 'default' = 'default',
    readonly params: ErrorMessageParams = {},
    readonly details?: Record<string, unknown>,
  ) {
    super(errorMessage(code, variant, params, 'en'));
    this.code = code;
    this.variant = variant;
    this.name = 'QcycleError';
  }

  /** The message in one of qcycle's languages. */
  messageIn(language: 'vi' | 'en'): string {
    return errorMessage(this.code, this.variant, this.params, language);
  }
}
