import type { TaskKind } from './task-outcomes';

/**
 * The auditors' tasks given in a unit: a step in the unit it audits, the verification of the unit's
 * corrective action. They carry that unit's code, to name and find them by it, but they are the
 * auditors' work: the head of the unit audited neither hands them over nor urges them (ISO 9001
 * 9.2.2 c, the objectivity and impartiality of the audit), and their lateness is not the unit's.
 */
export const AUDITORS_TASK_KINDS: readonly TaskKind[] = ['audit-step', 'corrective-action-verification'];

/**
 * The unit whose work a task is, and whose head oversees it (hands it over, urges it): the unit it
 * was given in, or none for the leaders', the Quality Representative's and the auditors' tasks.
 */
export function unitOfWork(task: { kind: string; unitCode?: string | null }): string | null {
  if (!task.unitCode || (AUDITORS_TASK_KINDS as readonly string[]).includes(task.kind)) return null;
  return task.unitCode;
}
