import { In, type DataSource } from 'typeorm';
import { parseQualityCycleId, type PersonRef, type TaskNotificationRequest } from '@qcycle/contracts';
import { unitOfWork } from '@qcycle/domain';
import {
  EventLogEntryEntity,
  RoleAssignmentEntity,
  TaskEntity,
  UserEntity,
  WHOLE_ORGANISATION_SCOPE,
  type UserRole,
} from '@qcycle/persistence';

/** The role in which someone takes a notice meant for a person who left. */
export type StandInRole = 'unit-head' | 'quality-representative';

/**
 * A notice whose recipient has left the directory, and who gets it instead. `held`: the task itself
 * is still assigned to the person who left (its "assigned" notice, its reminder, or an escalation
 * telling them their own task is overdue), so nobody is doing it and it needs handing over;
 * otherwise an escalation meant for them as a level above the assignee.
 */
export interface DepartedRecipient {
  departed: PersonRef;
  held: boolean;
  /** Active people of the directory now, in a stable order; empty when nobody could be found. */
  standIns: PersonRef[];
  standInRole?: StandInRole;
}

/**
 * The notices a person who left must not be the only one to get: the task's own, while it is open;
 * and a correction of a report's figures, which the unit's head now is to know of.
 */
const REDIRECTED_REASONS: ReadonlySet<TaskNotificationRequest['reason']> = new Set([
  'assigned',
  'reminder',
  'escalated',
  'corrected',
]);

/**
 * Whether the request's recipient has left (the directory has them, deactivated), and if so who
 * takes the notice now: the current head of the task's unit, else the organisation's current
 * Quality Representative(s). An escalation at the Quality Representative's or the leader's level
 * goes to the Quality Representative(s) only: the unit head was the level before. Someone the
 * directory does not know at all is left as they are (rosters of tests, people of another system).
 *
 * The workflow's roster is frozen at the cycle's start (a replay must decide the same), so this is
 * decided here, from the directory when the notice is written; the workflow is unchanged.
 */
export async function departedRecipientOf(
  dataSource: DataSource,
  request: TaskNotificationRequest,
): Promise<DepartedRecipient | undefined> {
  if (!REDIRECTED_REASONS.has(request.reason)) return undefined;
  const recipient = await leaver(dataSource, request.recipient.userId);
  if (!recipient) return undefined;

  const organisationCode =
    parseQualityCycleId(request.cycleId)?.organisationCode ?? recipient.organisationCode;
  const task = await dataSource.getRepository(TaskEntity).findOne({
    select: { id: true, kind: true, unitCode: true, assigneeUserId: true },
    where: { id: request.taskId },
  });
  // The workflow leaves `assignee` out when the recipient is the one holding the task.
  // A correction's notice is about a completed report: nothing is held, nothing to hand over.
  const held =
    request.reason !== 'corrected' && (request.reason !== 'escalated' || request.assignee === undefined);
  const assigneeUserId = request.assignee?.userId ?? task?.assigneeUserId ?? request.recipient.userId;
  const level =
    request.reason === 'escalated' && !held ? await escalationLevelOf(dataSource, request) : undefined;
  // The head of the unit whose work the task is: none for an auditor's step in the unit audited,
  // which only the Quality Representative hands over (libs/domain `unitOfWork`).
  const unitCode = task ? unitOfWork(task) : (request.assignee?.unitCode ?? request.recipient.unitCode);

  // Nobody is told instead of someone else of what they did themselves (a correction they made).
  const excluded = new Set(
    [request.recipient.userId, assigneeUserId, request.correction?.byUserId].filter(
      (id): id is string => id !== undefined,
    ),
  );
  const chain: StandInRole[] =
    request.reason === 'corrected'
      ? ['unit-head']
      : level === 'quality-representative' || level === 'leader'
        ? ['quality-representative']
        : ['unit-head', 'quality-representative'];
  for (const role of chain) {
    if (role === 'unit-head' && !unitCode) continue;
    const scope = role === 'unit-head' ? (unitCode as string) : WHOLE_ORGANISATION_SCOPE;
    const standIns = (await activeHolders(dataSource, organisationCode, role, scope)).filter(
      (person) => !excluded.has(person.userId),
    );
    if (standIns.length > 0) return { departed: request.recipient, held, standIns, standInRole: role };
  }
  return { departed: request.recipient, held, standIns: [] };
}

/** Whether the directory has this person, deactivated (left or transferred). */
export async function hasLeft(dataSource: DataSource, userId: string): Promise<boolean> {
  return (await leaver(dataSource, userId)) !== undefined;
}

/** The person, when the directory has them deactivated; undefined when active or unknown. */
async function leaver(
  dataSource: DataSource,
  userId: string,
): Promise<Pick<UserEntity, 'id' | 'organisationCode'> | undefined> {
  const user = await dataSource.getRepository(UserEntity).findOne({
    select: { id: true, organisationCode: true, active: true },
    where: { id: userId },
  });
  return user && !user.active ? user : undefined;
}

/** The level this person was told of the task's escalation at (the workflow records it before it notifies). */
async function escalationLevelOf(
  dataSource: DataSource,
  request: TaskNotificationRequest,
): Promise<string | undefined> {
  // Escalations are few in a cycle; each event names its task, recipient and level.
  const events = await dataSource.getRepository(EventLogEntryEntity).find({
    where: { cycleId: request.cycleId, type: 'task.escalated' },
    order: { occurredAt: 'ASC', id: 'ASC' },
  });
  const event = events.find(
    (e) => e.payload?.taskId === request.taskId && e.payload?.recipientUserId === request.recipient.userId,
  );
  return typeof event?.payload.level === 'string' ? event.payload.level : undefined;
}

/** Who holds a role (for a unit head: of that unit) in the directory now, active, as people to mail. */
export async function activeHolders(
  dataSource: DataSource,
  organisationCode: string,
  role: UserRole,
  scope: string,
): Promise<PersonRef[]> {
  const assignments = await dataSource
    .getRepository(RoleAssignmentEntity)
    .find({ select: { userId: true }, where: { organisationCode, role, scope } });
  if (assignments.length === 0) return [];
  const people = await dataSource.getRepository(UserEntity).find({
    where: { id: In(assignments.map((a) => a.userId)), organisationCode, active: true },
    order: { id: 'ASC' },
  });
  return people.map((user) => ({
    userId: user.id,
    name: user.fullName,
    ...(user.title ? { title: user.title } : {}),
    email: user.email,
    ...(user.unitCode ? { unitCode: user.unitCode } : {}),
    locale: user.locale === 'en' ? 'en' : 'vi',
  }));
}
