import type { components } from '../api/schema';

export type TaskDetail = components['schemas']['TaskDetailView'];
export type TaskSummary = components['schemas']['TaskSummaryView'];
export type TaskKind = TaskDetail['kind'];
export type TaskStatus = TaskDetail['status'];

/**
 * The sixteen kinds, in the order of the year (for filters and labels). The API's own enum is the
 * source: a kind it adds and this list lacks fails the web build (the check below).
 */
export const TASK_KINDS = [
  'objectives-approval',
  'objectives-revision',
  'assignment-acceptance',
  'unit-acceptance',
  'measurement-report',
  'at-risk-follow-up',
  'audit-plan',
  'audit-step',
  'audit-close',
  'audit-report-approval',
  'corrective-action-plan',
  'corrective-action-verification',
  'review-preparation',
  'management-review',
  'review-action',
  'nonconformity-proposal',
] as const satisfies readonly TaskKind[];
const everyKindListed: Exclude<TaskKind, (typeof TASK_KINDS)[number]> extends never ? true : never = true;
void everyKindListed;

/**
 * The tasks that judge a unit's work, an audit step in it, the verification of its corrective action,
 * the proposal to open a nonconformity on its objective (libs/domain `TASKS_JUDGING_A_UNIT`, checked
 * equal by task-types.spec.ts): the head of the unit judged neither hands them over nor urges them,
 * as the API refuses.
 */
export const TASKS_JUDGING_A_UNIT: readonly TaskKind[] = [
  'audit-step',
  'corrective-action-verification',
  'nonconformity-proposal',
];

/**
 * The tasks whose assignee may answer on paper, the Quality Representative entering the answer for
 * them with `onPaper` (libs/domain `PAPER_ANSWERED_KINDS`, checked equal by task-types.spec.ts):
 * the leader's approval of the objectives and the management review the leader chairs.
 */
export const PAPER_ANSWERED_KINDS: readonly TaskKind[] = ['objectives-approval', 'management-review'];

/**
 * The unit whose head may hand a task over or urge it, as the API judges (libs/domain `unitOfWork`):
 * the task's unit, none for the leaders', the Quality Representative's and the auditors' tasks.
 */
export function unitOfWork(task: { kind: string; unitCode?: string | null }): string | null {
  if (!task.unitCode || (TASKS_JUDGING_A_UNIT as readonly string[]).includes(task.kind)) return null;
  return task.unitCode;
}

/** Text in both languages, as the workflows write titles and labels. */
export interface Localized {
  vi: string;
  en: string;
}

export const localized = (text: unknown, language: string): string => {
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object') {
    const record = text as Partial<Localized>;
    return (language === 'en' ? record.en : record.vi) ?? record.vi ?? record.en ?? '';
  }
  return '';
};

/** What the workflows put in an objective (libs/domain objective.ts / indicator.ts). */
export interface FormTarget {
  comparator: '>=' | '>' | '<=' | '=';
  value: number;
}
export interface FormIndicator {
  id: string;
  kind: 'ratio' | 'count' | 'judged';
  label?: Localized;
  numeratorLabel?: Localized;
  denominatorLabel?: Localized;
  /** The share counts cases still open past their deadline (objective 4's on-time rate): the form asks for them. */
  pendingOverdueLabel?: Localized;
  target?: FormTarget;
  criteria?: Localized[];
}
export interface FormObjective {
  id: string;
  number?: number;
  title?: Localized;
  indicators?: FormIndicator[];
  frequency?: string;
  ownerUnitCode?: string;
  proposedUnitCode?: string;
  plan?: Partial<Record<'what' | 'resources' | 'who' | 'when' | 'howEvaluated', string>>;
}
