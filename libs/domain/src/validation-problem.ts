/**
 * One thing wrong with an input, in the shape the API returns in `details.problems`: where
 * (`objectives[3].indicators[1].target.value`), a stable machine code, and a reason the quality
 * representative can act on, in Vietnamese (`reason`, the default and the wording recorded so far)
 * and in English (`reasonEn`). The refusal that carries problems has its own code (QcycleErrorCode,
 * e.g. VALIDATION_FAILED from a workflow validator); the API words its message in the caller's
 * language and answers each problem's reason in that language too, as `reason` (see
 * {@link problemInLanguage}).
 */
export interface ValidationProblem {
  path: string;
  code: ValidationProblemCode;
  reason: string;
  reasonEn: string;
}

/** A problem's reason, written in both of qcycle's languages. */
export interface ProblemReason {
  vi: string;
  en: string;
}

export type ValidationProblemCode =
  | 'required'
  | 'invalid-format'
  | 'out-of-range'
  | 'duplicate'
  | 'unknown-reference'
  | 'invalid-value'
  | 'inconsistent';

/** A problem with its reason in both languages. */
export const validationProblem = (
  path: string,
  code: ValidationProblemCode,
  reason: ProblemReason,
): ValidationProblem => ({ path, code, reason: reason.vi, reasonEn: reason.en });

/**
 * A problem as a caller reads it, `{ path, code, reason }` with the reason in `language`
 * (Vietnamese unless English is asked). A problem recorded before reasons had an English wording
 * (no `reasonEn`) keeps its Vietnamese one.
 */
export function problemInLanguage(
  problem: Pick<ValidationProblem, 'path' | 'code' | 'reason'> & { reasonEn?: string },
  language: 'vi' | 'en',
): { path: string; code: ValidationProblemCode; reason: string } {
  const { path, code, reason, reasonEn } = problem;
  return { path, code, reason: language === 'en' && reasonEn ? reasonEn : reason };
}

/** Collects problems while walking an input, so validators read as a list of rules. */
export class ProblemList {
  readonly problems: ValidationProblem[] = [];

  add(path: string, code: ValidationProblemCode, reason: ProblemReason): void {
    this.problems.push(validationProblem(path, code, reason));
  }

  requireText(path: string, value: unknown, reason: ProblemReason): void {
    if (typeof value !== 'string' || value.trim() === '') this.add(path, 'required', reason);
  }
}
