import type { ValidationProblem } from './validation-problem';
import { ProblemList } from './validation-problem';

/**
 * Where a nonconformity (ISO 10.2.1) comes from. `audit-finding` is a step of the internal audit
 * signed off as a nonconformity (opened by the audit); the Quality Representative opens the others:
 * an objective missed (proposed by the engine when a period's evaluation finds it), a complaint, a
 * finding of an external audit, an observation of their own.
 */
export const NONCONFORMITY_SOURCES = [
  'audit-finding',
  'missed-objective',
  'complaint',
  'external-audit',
  'observation',
] as const;
export type NonconformitySource = (typeof NONCONFORMITY_SOURCES)[number];

/** A recorded source column read back: rows written before sources were recorded are audit findings. */
export function recordedNonconformitySource(source: string): NonconformitySource {
  return (NONCONFORMITY_SOURCES as readonly string[]).includes(source)
    ? (source as NonconformitySource)
    : 'audit-finding';
}

/** The sources the Quality Representative opens a nonconformity from (the audit opens its own). */
export const OPENABLE_NONCONFORMITY_SOURCES = NONCONFORMITY_SOURCES.filter(
  (source): source is Exclude<NonconformitySource, 'audit-finding'> => source !== 'audit-finding',
);
export type OpenableNonconformitySource = (typeof OPENABLE_NONCONFORMITY_SOURCES)[number];

/** How serious a nonconformity is: the audit's two nonconformity results, whatever the source. */
export const NONCONFORMITY_SEVERITIES = ['minor-nc', 'major-nc'] as const;
export type NonconformitySeverity = (typeof NONCONFORMITY_SEVERITIES)[number];

/** What the Quality Representative says when opening one: what, where, how serious, who verifies. */
export interface NonconformityDetails {
  description: string;
  unitCode: string;
  severity: NonconformitySeverity;
  /** Who verifies the corrective action's effectiveness; the Quality Representative when absent. */
  verifierUserId?: string;
}

/** The people and units of the cycle a nonconformity may name. */
export interface NonconformityReferences {
  unitCodes: readonly string[];
  /** Everyone in the cycle's roster: the verifier is one of them. */
  userIds: readonly string[];
}

/**
 * The rules of a nonconformity opened by the Quality Representative, one owner for the cycle's
 * `openNonconformity` Update and the API's early check: a source they may open, a description, a
 * unit of the cycle, a nonconformity severity, a verifier from the roster. Problems name the fields.
 */
export function validateNonconformityRequest(
  request: unknown,
  references: NonconformityReferences,
): ValidationProblem[] {
  const problems = new ProblemList();
  const value = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
  if (!(OPENABLE_NONCONFORMITY_SOURCES as readonly unknown[]).includes(value.source)) {
    problems.add('source', value.source === undefined ? 'required' : 'invalid-value', {
      vi: `Nguồn phải là một trong: ${OPENABLE_NONCONFORMITY_SOURCES.join(', ')}.`,
      en: `The source must be one of: ${OPENABLE_NONCONFORMITY_SOURCES.join(', ')}.`,
    });
  }
  problems.problems.push(...nonconformityDetailsProblems(value, references));
  return problems.problems;
}

/** Description, unit, severity and verifier: the part shared with the engine's proposal. */
export function nonconformityDetailsProblems(
  value: Record<string, unknown>,
  references: NonconformityReferences,
): ValidationProblem[] {
  const problems = new ProblemList();
  problems.requireText('description', value.description, {
    vi: 'Phải mô tả điểm không phù hợp.',
    en: 'Describe the nonconformity.',
  });
  if (typeof value.unitCode !== 'string' || value.unitCode.trim() === '') {
    problems.add('unitCode', 'required', {
      vi: 'Phải chọn đơn vị liên quan.',
      en: 'Choose the unit concerned.',
    });
  } else if (!references.unitCodes.includes(value.unitCode)) {
    problems.add('unitCode', 'unknown-reference', {
      vi: `Không có đơn vị ${value.unitCode} trong chu trình.`,
      en: `There is no unit ${value.unitCode} in the cycle.`,
    });
  }
  if (!(NONCONFORMITY_SEVERITIES as readonly unknown[]).includes(value.severity)) {
    problems.add('severity', value.severity === undefined ? 'required' : 'invalid-value', {
      vi: 'Phải chọn mức độ: không phù hợp nhẹ hoặc không phù hợp nặng.',
      en: 'Choose the severity: minor or major nonconformity.',
    });
  }
  if (value.verifierUserId !== undefined && !references.userIds.includes(value.verifierUserId as string)) {
    problems.add('verifierUserId', 'unknown-reference', {
      vi: 'Người kiểm tra hiệu lực không có trong danh sách của chu trình.',
      en: "The effectiveness verifier is not on the cycle's roster.",
    });
  }
  return problems.problems;
}
