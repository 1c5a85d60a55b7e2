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
 * primary key, whatever the number of actions. A plan carried from last year has no task of this
 * year: no evidence.
 */
export async function correctiveActionLastRounds(
  db: DataSource | EntityManager,
  cycleId: string,
  actions: readonly Pick<CorrectiveActionEntity, 'id' | 'rounds' | 'effective'>[],
): Promise<Map<string, CorrectiveActionLastRound>> {
  const planIds = actions.filter((a) => a.rounds > 0).map((a) => `${a.id}/plan/${a.rounds}`);
  const verified = actions.filter((a) => a.effective !== null && a.rounds > 0);
  const verifyTaskIds = verified.map((a) => `${a.id}/verify/${a.rounds}`);
  const verificationIds = verified.map((a) => `${a.id}/verified/${a.rounds}`);
  const [answers, verifications] = await Promise.all([
    planIds.length
      ? db.getRepository(TaskEntity).find({
          select: { id: true, workflowId: true, kind: true, outcome: true },
          where: { id: In([...planIds, ...verifyTaskIds]), cycleId, status: 'completed' },
        })
      : [],
    verificationIds.length
      ? db.getRepository(EventLogEntryEntity).findBy({ id: In(verificationIds), cycleId })
      : [],
  ]);
  const evidenceOf = (kind: string) =>
    new Map(
      answers
        .filter((task) => task.kind === kind)
        .map((task) => [task.workflowId, evidenceListOf(task.outcome?.evidence)]),
    );
  const planEvidence = evidenceOf('corrective-action-plan');
  const verificationEvidence = evidenceOf('corrective-action-verification');
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
    actions.map((a) => [
      a.id,
      {
        evidence: planEvidence.get(a.id) ?? [],
        verificationNotes: notesOf.get(a.id) ?? null,
        verificationEvidence: verificationEvidence.get(a.id) ?? [],
      },
    ]),
  );
}

/**
 * A last round's two evidence lists as `evidence` lists, the shape `evidenceFilesNamedIn` reads: to
 * name the files of both in one query.
 */
export const lastRoundEvidence = (
  round: Pick<CorrectiveActionLastRound, 'evidence' | 'verificationEvidence'>,
): { evidence: string[] }[] => [{ evidence: round.evidence }, { evidence: round.verificationEvidence }];
