import type { DataSource } from 'typeorm';
import { ManagementReviewEntity } from '@qcycle/persistence';
import { logEntry } from './cycle-record.activities';
import type { ManagementReviewFacts } from './quality-record-facts';
import { isLegacyRecord, recordLegacyRows, upsertRow, write, type RecordWithEvent } from './record-writes';

/** The management review (ISO 9.3): its inputs compiled, then held (9.3.3 outputs) or not held by the close. */
export async function recordManagementReview(
  dataSource: DataSource,
  facts: ManagementReviewFacts | RecordWithEvent<ManagementReviewEntity>,
): Promise<void> {
  if (isLegacyRecord(facts)) return recordLegacyRows(dataSource, ManagementReviewEntity, facts, 'upsert');
  const { cycleId, reviewId: id } = facts;
  switch (facts.step) {
    case 'inputs-compiled':
      return write(
        dataSource,
        [
          upsertRow(ManagementReviewEntity, {
            id,
            cycleId,
            inputs: { ...facts.inputs },
            status: 'waiting',
          }),
        ],
        logEntry(cycleId, `${id}/inputs`, 'review.inputs-compiled', 'system', facts.at, {}),
      );
    case 'not-held':
      return write(
        dataSource,
        [upsertRow(ManagementReviewEntity, { id, status: 'not-held' })],
        logEntry(cycleId, `${id}/not-held`, 'review.not-held', 'system', facts.at, {}),
      );
    case 'held': {
      const { minutesRef, outputs, actions, qmsJudgement, conclusion, attendees, secretary, heldOn } =
        facts.outcome;
      // The meeting's day, the 9.3.1 conclusion, the attendees, the secretary and the leader's
      // judgement of objective 1 are kept with the outputs (9.3.3) in the review's record, for the minutes.
      const recordedOutputs = {
        ...outputs,
        ...(heldOn ? { heldOn } : {}),
        ...(conclusion ? { conclusion } : {}),
        ...(attendees ? { attendees } : {}),
        ...(secretary?.trim() ? { secretary: secretary.trim() } : {}),
        ...(qmsJudgement ? { qmsJudgement: { ...qmsJudgement, judgedBy: facts.chairedBy } } : {}),
      };
      return write(
        dataSource,
        [
          upsertRow(ManagementReviewEntity, {
            id,
            outputs: recordedOutputs,
            actions,
            minutesRef,
            chairedBy: facts.chairedBy,
            heldAt: facts.heldAt,
            status: 'held',
          }),
        ],
        // Entered from paper: the log's actor is who entered the minutes, its payload who chaired.
        logEntry(cycleId, `${id}/held`, 'review.held', facts.enteredBy ?? facts.chairedBy, facts.heldAt, {
          minutesRef,
          actions: actions.length,
          ...(qmsJudgement ? { qmsJudgement } : {}),
          ...(facts.enteredBy ? { chairedBy: facts.chairedBy } : {}),
        }),
      );
    }
    case 'action-reported': {
      const { action } = facts;
      return write(
        dataSource,
        [],
        logEntry(
          cycleId,
          `${action.actionId}/reported`,
          'review.action-reported',
          facts.reportedBy,
          facts.reportedAt,
          {
            actionId: action.actionId,
            status: action.status,
            ...(action.note !== undefined ? { note: action.note } : {}),
            ...(action.evidence ? { evidence: action.evidence } : {}),
          },
        ),
      );
    }
    case 'actions-carried-forward':
      return write(
        dataSource,
        [],
        logEntry(
          cycleId,
          `${id}/actions-carried-forward`,
          'review.actions-carried-forward',
          'system',
          facts.at,
          {
            actions: facts.actions.map((a) => ({ actionId: a.actionId, status: a.status })),
          },
        ),
      );
  }
}
