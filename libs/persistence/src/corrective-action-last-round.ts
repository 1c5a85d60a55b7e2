import { In, type DataSource, type EntityManager } from 'typeorm';
import { evidenceListOf, payloadOf } from '@qcycle/contracts';
import { EventLogEntryEntity } from './entities/event-log-entry.entity';
import { TaskEntity, type CorrectiveActionEntity } from './entities/cycle-records.entities';

/** What a corrective action's last round rests on, beyond the plan its row keeps. */
export interface CorrectiveActionLastRound {
  /** The plan's evidence (`evidence:<id>` for an uploaded file, else a paper record), as the unit head gave it. */
  evidence: string[];
  /** The verifier's notes on the plan's effect (ISO 10.2 d), once verified. */
  verificationNotes: string | null;
  /** What the verifier checked, as they gave it with the verification (ISO 10.2.2 b: the results). */
  verificationEvidence: string[];
}

/**
 * The last round of each of these corrective actions as its people answered it: the evidence the
 * unit head's plan names and the verifier's (their tasks' answers keep them; the action's row keeps
 * the plan's words only), and the verifier's notes (the event its verification wrote). Two reads by
 * primary key, whatever the number of actions. A plan carried in from last year has no plan task of
 * this year: what it rests on is read from the form its verification was given.
 */
export async function correctiveActionLastRounds(
  db: DataSource | EntityManager,
  cycleId: string,
  actions: readonly Pick<CorrectiveActionEntity, 'id' | 'rounds' | 'effective'>[],
): Promise<Map<string, CorrectiveActionLastRound>> {
  const rounds = actions.filter((a) => a.rounds > 0);
  const planIds = rounds.map((a) => `${a.id}/plan/${a.rounds}`);
  const verifyTaskIds = rounds.map((a) => `${a.id}/verify/${a.rounds}`);
  const verificationIds = rounds
    .filter((a) => a.effective !== null)
    .map((a) => `${a.id}/verified/${a.rounds}`);
  const [tasks, verifications] = await Promise.all([
    planIds.length
      ? db.getRepository(TaskEntity).find({
          select: { id: true, workflowId: true, kind: true, status: true, form: true, outcome: true },
          where: { id: In([...planIds, ...verifyTaskIds]), cycleId },
        })
      : [],
    verificationIds.length
      ? db.getRepository(EventLogEntryEntity).findBy({ id: In(verificationIds), cycleId })
      : [],
  ]);
  const taskOf = (kind: string) =>
    new Map(tasks.filter((task) => task.kind === kind).map((task) => [task.workflowId, task]));
  const plans = taskOf('corrective-action-plan');
  const verifyTasks = taskOf('corrective-action-verification');
  const answered = (task: TaskEntity | undefined) =>
    task?.status === 'completed' ? evidenceListOf(task.outcome?.evidence) : [];
  const notesOf = new Map(
    verifications.map((event) => {
      const notes = (
        payloadOf(event, 'corrective-action.closed') ?? payloadOf(event, 'corrective-action.reopened')
      )?.notes;
      return [
        event.id.slice(0, event.id.lastIndexOf('/verified/')),
        typeof notes === 'string' && notes.trim() ? notes : null,
      ];
    }),
  );
  return new Map(
    actions.map((a) => {
      const plan = plans.get(a.id);
      const verify = verifyTasks.get(a.id);
      return [
        a.id,
        {
          evidence: plan ? answered(plan) : evidenceListOf(verify?.form?.evidence),
          verificationNotes: notesOf.get(a.id) ?? null,
          verificationEvidence: a.effective !== null ? answered(verify) : [],
        },
      ];
    }),
  );
}

/**
 * A last round's two evidence lists as `evidence` lists, the shape `evidenceFilesNamedIn` reads: to
 * name the files of both in one query.
 */
export const lastRoundEvidence = (
  round: Pick<CorrectiveActionLastRound, 'evidence' | 'verificationEvidence'>,
): { evidence: string[] }[] => [{ evidence: round.evidence }, { evidence: round.verificationEvidence }];
