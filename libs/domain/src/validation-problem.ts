/**
 * One thing wrong with an input, in the shape the API returns for a bad request: where
 * (`objectives[3].indicators[1].target.value`), a stable machine code, and a Vietnamese reason
 * the quality representative can act on.
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
