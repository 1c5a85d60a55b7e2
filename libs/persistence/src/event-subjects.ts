import { In, type DataSource, type EntityManager } from 'typeorm';
import { payloadOf } from '@qcycle/contracts';
import { CorrectiveActionEntity, TaskEntity } from './entities/cycle-records.entities';

/** The record an event of the log is about: a task, or a corrective action (its nonconformity). */
export interface EventSubjectRef {
  kind: 'task' | 'corrective-action';
  id: string;
}

/** That record, named as its pages name it. */
export interface EventSubject extends EventSubjectRef {
  /** A task's title, as its assignee's inbox gives it, and the period it names (to say it in words). */
  title: { vi: string; en: string } | null;
  periodKey: string | null;
  /**
   * The record's unit: a task's (null for a task of the whole organisation, as the approval), a
   * corrective action's.
   */
  unitCode: string | null;
  /** A corrective action's nonconformity as found. */
  finding: string | null;
}

/** A corrective action's events are `<its id>/<what happened>[/<round>]`. */
const CORRECTIVE_ACTION_EVENT = /^(.+)\/(?:opened|carried-in|carried-forward|planned\/\d+|verified\/\d+)$/;
/** A report's figures, and each correction of them, are `<its task's id>/measured`, `…/corrected/<n>`. */
const MEASUREMENT_EVENT = /^(.+)\/(?:measured|corrected\/\d+)$/;

/**
 * What an event is about, where its type says it only by an id: a task's events name the task, an
 * upload its record, a step's sign-off is the step's (whose id is its task's), a review action's
 * report is its task's, a report's figures and their corrections are its task's, a corrective
 * action's events carry its id in theirs. Null for an event about the cycle as a whole.
 */
export function eventSubjectOf(event: {
  id: string;
  type: string;
  payload: unknown;
}): EventSubjectRef | null {
  const file =
    payloadOf(event, 'evidence.uploaded') ??
    payloadOf(event, 'evidence.withdrawn') ??
    payloadOf(event, 'evidence.erased');
  if (file) return typeof file.recordKey !== 'string' ? null : evidenceRecordSubject(file);
  const taskId = (event.payload as { taskId?: unknown } | null)?.taskId;
  if (typeof taskId === 'string') return { kind: 'task', id: taskId };
  if (event.type === 'audit.step-signed-off' && event.id.endsWith('/signed-off'))
    return { kind: 'task', id: event.id.slice(0, -'/signed-off'.length) };
  const reported = payloadOf(event, 'review.action-reported');
  if (reported) return { kind: 'task', id: reported.actionId };
  if (event.type === 'measurement.reported' || event.type === 'measurement.corrected') {
    const id = MEASUREMENT_EVENT.exec(event.id)?.[1];
    if (id) return { kind: 'task', id };
  }
  if (event.type.startsWith('corrective-action.') || event.type === 'nonconformity.opened') {
    const id = CORRECTIVE_ACTION_EVENT.exec(event.id)?.[1];
    if (id) return { kind: 'corrective-action', id };
  }
  return null;
}

/** The record evidence files are uploaded to: a task's (its id), or a corrective action's. */
export function evidenceRecordSubject(file: { recordType: string; recordKey: string }): EventSubjectRef {
  return { kind: file.recordType === 'corrective-action' ? 'corrective-action' : 'task', id: file.recordKey };
}

/** The records these events are about, each once, named (as {@link recordsNamed}). */
export async function eventSubjectsNamed(
  db: DataSource | EntityManager,
  cycleId: string,
  events: readonly { id: string; type: string; payload: unknown }[],
): Promise<EventSubject[]> {
  return recordsNamed(
    db,
    cycleId,
    events.map(eventSubjectOf).filter((ref): ref is EventSubjectRef => ref !== null),
  );
}

/**
 * These records, each once, named: two reads by primary key (the tasks, the corrective actions),
 * the cycle's own only. A record no longer there is left out.
 */
export async function recordsNamed(
  db: DataSource | EntityManager,
  cycleId: string,
  refs: readonly EventSubjectRef[],
): Promise<EventSubject[]> {
  const idsOf = (kind: EventSubjectRef['kind']) => [
    ...new Set(refs.filter((ref) => ref.kind === kind).map((ref) => ref.id)),
  ];
  const [taskIds, actionIds] = [idsOf('task'), idsOf('corrective-action')];
  const [tasks, actions] = await Promise.all([
    taskIds.length
      ? db.getRepository(TaskEntity).find({
          select: { id: true, title: true, periodKey: true, unitCode: true },
          where: { id: In(taskIds), cycleId },
        })
      : [],
    actionIds.length
      ? db.getRepository(CorrectiveActionEntity).find({
          select: { id: true, unitCode: true, finding: true },
          where: { id: In(actionIds), cycleId },
        })
      : [],
  ]);
  return [
    ...tasks.map((task) => ({
      kind: 'task' as const,
      id: task.id,
      title: task.title,
      periodKey: task.periodKey,
      unitCode: task.unitCode,
      finding: null,
    })),
    ...actions.map((action) => ({
      kind: 'corrective-action' as const,
      id: action.id,
      title: null,
      periodKey: null,
      unitCode: action.unitCode,
      finding: action.finding,
    })),
  ];
}
