/**
 * One thing wrong with an input, in the shape the API returns in `details.problems`: where
 * (`objectives[3].indicators[1].target.value`), a stable machine code, and a Vietnamese reason
 * the quality representative can act on. The refusal that carries problems has its own code
 * (QcycleErrorCode, e.g. VALIDATION_FAILED from a workflow validator); the API words its message
 * in the caller's language and passes the problems on as they are.
 */
export interface ValidationProblem {
  path: string;
  code: ValidationProblemCode;
  reason: string;
}

export type ValidationProblemCode =
  | 'required'
  | 'invalid-format'
  | 'out-of-range'
  | 'duplicate'
  | 'unknown-reference'
  | 'invalid-value'
  | 'inconsistent';

/** Collects problems while walking an input, so validators read as a list of rules. */
export class ProblemList {
  readonly problems: ValidationProblem[] = [];

  add(path: string, code: ValidationProblemCode, reason: string): void {
    this.problems.push({ path, code, reason });
  }

  requireText(path: string, value: unknown, reason: string): void {
    if (typeof value !== 'string' || value.trim() === '') this.add(path, 'required', reason);
  }
}
