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
}

/**
 * The last round of each of these corrective actions as its people answered it: the evidence the
 * unit head's plan names (the plan task's answer keeps it; the action's row keeps the plan's words
 * only) and the verifier's notes (the event its verification wrote). Two reads by primary key,
 * whatever the number of actions. A plan carried from last year has no task of this year: no
 * evidence.
 */
export async function correctiveActionLastRounds(
  db: DataSource | EntityManager,
  cycleId: string,
  actions: readonly Pick<CorrectiveActionEntity, 'id' | 'rounds' | 'effective'>[],
): Promise<Map<string, CorrectiveActionLastRound>> {
  const planIds = actions.filter((a) => a.rounds > 0).map((a) => `${a.id}/plan/${a.rounds}`);
  const verificationIds = actions
    .filter((a) => a.effective !== null && a.rounds > 0)
    .map((a) => `${a.id}/verified/${a.rounds}`);
  const [plans, verifications] = await Promise.all([
    planIds.length
      ? db.getRepository(TaskEntity).find({
          select: { id: true, workflowId: true, outcome: true },
          where: { id: In(planIds), cycleId, status: 'completed' },
        })
      : [],
    verificationIds.length
      ? db.getRepository(EventLogEntryEntity).findBy({ id: In(verificationIds), cycleId })
      : [],
  ]);
  const evidenceOf = new Map(plans.map((task) => [task.workflowId, evidenceListOf(task.outcome?.evidence)]));
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
      { evidence: evidenceOf.get(a.id) ?? [], verificationNotes: notesOf.get(a.id) ?? null },
    ]),
  );
}
