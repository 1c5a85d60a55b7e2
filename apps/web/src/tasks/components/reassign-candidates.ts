import type { PersonView } from '../../ui/people';
import type { TaskDetail, TaskKind } from '../task-types';

/**
 * The leader's own tasks: approving the objectives signs the year's decision, and the review is
 * chaired by top management. The workflow gives them only to someone who holds the leader role.
 */
export const LEADER_TASKS: readonly TaskKind[] = ['objectives-approval', 'management-review'];

/** Who works the year's ordinary tasks: not an administrator, nor a leader. */
const WORKING_ROLES: readonly PersonView['roles'][number][] = [
  'quality-representative',
  'unit-head',
  'staff',
  'auditor',
  'lead-auditor',
];

/**
 * Whom the picker offers for a task, as the workflow takes them: active people of the organisation's
 * directory now (`GET /api/v1/people`: whoever joined after the year started too) but the assignee —
 * for the leader's tasks its leaders, for an audit step the auditors from another unit than the
 * audited one, otherwise the people who work the year's tasks.
 */
export function reassignCandidates(
  people: readonly PersonView[],
  task: Pick<TaskDetail, 'kind' | 'unitCode' | 'assigneeUserId'>,
): PersonView[] {
  const fits = (person: PersonView): boolean => {
    if (LEADER_TASKS.includes(task.kind)) return person.roles.includes('leader');
    if (task.kind === 'audit-step')
      return (
        (person.roles.includes('auditor') || person.roles.includes('lead-auditor')) &&
        person.unitCode !== task.unitCode
      );
    return person.roles.some((role) => WORKING_ROLES.includes(role));
  };
  return people.filter((person) => person.active && person.userId !== task.assigneeUserId && fits(person));
}
