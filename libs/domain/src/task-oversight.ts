import type { TaskKind } from './task-outcomes';

/**
 * The tasks that judge a unit's work: an auditor's step in it, the verification of its corrective
 * action, the Quality Representative's proposal to open a nonconformity on its objective. They carry
 * the unit's code, to name and find them by it, but they are the auditors' or the Quality
 * Representative's work: the head of the unit judged neither hands them over nor urges them (ISO
 * 9001 9.2.2 c, the audit's objectivity and impartiality; 10.2, who decides on a nonconformity), and
 * their lateness is not the unit's.
 */
export const TASKS_JUDGING_A_UNIT: readonly TaskKind[] = [
  'audit-step',
  'corrective-action-verification',
  'nonconformity-proposal',
];

/**
 * The unit whose work a task is, and whose head oversees it (hands it over, urges it): the unit it
 * was given in, or none for the leaders', the Quality Representative's and the auditors' tasks.
 */
export function unitOfWork(task: { kind: string; unitCode?: string | null }): string | null {
  if (!task.unitCode || (TASKS_JUDGING_A_UNIT as readonly string[]).includes(task.kind)) return null;
  return task.unitCode;
}
