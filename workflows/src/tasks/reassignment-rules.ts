import type { CycleRoster, PersonRef, ReassignmentRole, ReassignTaskRequest } from '@qcycle/contracts';
import { unitOfWork, type ProblemReason, type TaskKind } from '@qcycle/domain';

/**
 * Who may take over an open task (`reassignTask`), as pure rules: the workflow's validator applies
 * them, its handler takes the person they found. Pure, so the workflow bundle may import it.
 */

/**
 * The leader's own tasks: approving the objectives signs the year's decision, and the review is
 * chaired by top management (ISO 5.1, 9.3). They go only to someone who holds the leader role.
 */
export const LEADER_TASKS: readonly TaskKind[] = ['objectives-approval', 'management-review'];

/** Someone a task may be given to, with the roles the rules ask about. */
export interface ReassignmentCandidate {
  person: PersonRef;
  roles: readonly ReassignmentRole[];
}

/** The task as the rules see it. */
export interface ReassignedTask {
  kind: TaskKind;
  /** The unit the task belongs to; for an audit step, the audited unit. */
  unitCode?: string;
  assigneeUserId: string;
}

/**
 * The person as the year's roster knows them, with the roles it gives them (the year's leader; its
 * auditors, one of them the lead). Undefined for someone not on the roster.
 */
export function rosterCandidate(
  roster: CycleRoster | undefined,
  userId: string,
): ReassignmentCandidate | undefined {
  if (!roster) return undefined;
  const entries: PersonRef[] = [
    roster.leader,
    roster.qualityRepresentative,
    ...roster.units.flatMap((unit) => [unit.head, ...unit.staff]),
    ...roster.auditors,
  ].filter((person) => person.userId === userId);
  if (entries.length === 0) return undefined;
  const auditor = roster.auditors.find((person) => person.userId === userId);
  const roles: ReassignmentRole[] = [
    ...(roster.leader.userId === userId ? (['leader'] as const) : []),
    ...(auditor ? (['auditor'] as const) : []),
    ...(auditor?.lead ? (['lead-auditor'] as const) : []),
  ];
  return { person: entries[0], roles };
}

/**
 * Who `toUserId` is. The API sends the directory's facts read at the request (`to`): they decide,
 * roster or not, because the rules are about the roles a person holds now (a staff member who joined
 * after the start, a leader who replaced the year's signer, a roster member whose roles changed).
 * An Update sent before `to` existed carries none: the roster's entry then, as it always was.
 * Facts that name someone else than `toUserId` are not believed (undefined).
 */
export function reassignmentCandidate(
  request: Pick<ReassignTaskRequest, 'toUserId' | 'to'>,
  roster: CycleRoster | undefined,
): ReassignmentCandidate | undefined {
  const { to } = request;
  if (to === undefined || to === null) return rosterCandidate(roster, request.toUserId);
  const wellFormed =
    typeof to === 'object' &&
    typeof to.person === 'object' &&
    to.person !== null &&
    to.person.userId === request.toUserId &&
    typeof to.person.name === 'string' &&
    to.person.name.trim() !== '' &&
    Array.isArray(to.roles);
  return wellFormed ? { person: to.person, roles: to.roles } : undefined;
}

/** Why `task` may not go to `candidate` (`toUserId`), in both languages; undefined when it may. */
export function reassignmentRefusal(
  task: ReassignedTask,
  toUserId: string,
  candidate: ReassignmentCandidate | undefined,
  { factsSent }: { factsSent: boolean },
): ProblemReason | undefined {
  if (toUserId === task.assigneeUserId)
    return { vi: 'Người này đang được giao việc này.', en: 'This person already holds this task.' };
  if (LEADER_TASKS.includes(task.kind) && !candidate?.roles.includes('leader'))
    return {
      vi: 'Chỉ lãnh đạo (Chủ tịch, Phó Chủ tịch) mới phê duyệt mục tiêu, chủ trì họp xem xét của lãnh đạo.',
      en: 'Only a leader (Chairperson, Vice-Chairperson) approves the objectives and chairs the management review.',
    };
  if (!candidate)
    return factsSent
      ? {
          vi: 'Thông tin về người nhận không khớp với người được chọn.',
          en: 'The details of the new assignee do not match the person chosen.',
        }
      : {
          vi: 'Người này không có trong danh sách nhân sự của chu trình (lấy từ danh bạ khi bắt đầu năm).',
          en: "This person is not on the cycle's roster (taken from the directory when the year started).",
        };
  if (
    task.kind === 'audit-step' &&
    !(
      (candidate.roles.includes('auditor') || candidate.roles.includes('lead-auditor')) &&
      candidate.person.unitCode !== task.unitCode
    )
  )
    return {
      vi: 'Bước đánh giá chỉ giao cho chuyên gia đánh giá nội bộ không thuộc đơn vị được đánh giá.',
      en: 'An audit step goes only to an internal auditor who does not work in the audited unit.',
    };
  return undefined;
}

/**
 * Who may hand a task over (or urge its assignee): the Quality Representative, or the head of the
 * unit whose work it is (`unitOfWork`: not the head of a unit audited, for the auditors' tasks in it).
 * As the directory has them now when the API says (`request.by`): a Chief of Office or a unit head
 * who took over during the year hands over the tasks their predecessor's roster entry still holds.
 * Older Updates, without it: as the year's roster has them.
 */
export function mayHandOver(
  request: Pick<ReassignTaskRequest, 'actorUserId' | 'by'>,
  task: Pick<ReassignedTask, 'kind' | 'unitCode'>,
  roster: CycleRoster | undefined,
): boolean {
  const unitCode = unitOfWork(task) ?? undefined;
  if (request.by)
    return (
      request.by.qualityRepresentative ||
      (unitCode !== undefined && request.by.headOfUnits.includes(unitCode))
    );
  const unitHead = roster?.units.find((unit) => unit.code === unitCode)?.head.userId;
  return [roster?.qualityRepresentative.userId, unitHead].includes(request.actorUserId);
}
