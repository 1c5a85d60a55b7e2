import { patched } from '@temporalio/workflow';
import { evidenceIdOf } from '@qcycle/contracts';
import type { LocalizedText } from '@qcycle/domain';
import { notifications } from './activities';
import type { CycleContext } from './cycle-context';
import type { TaskBoard } from './tasks/human-task';

/**
 * Patch id (docs/versioning.md): a paper the leader signs, recorded by an answer that named no file
 * (the decision approved, the review held), has the văn thư asked for its scan (`askClerksForScan`).
 * Years that recorded it on older code asked nobody.
 */
export const CLERKS_ASKED_FOR_SCAN = 'clerks-asked-for-scan';

/**
 * Asks the organisation's văn thư for the scan of a paper the leader signed, once it is recorded
 * (docs/notifications.md "The văn thư, of a signed paper to scan"), unless its answer named an
 * uploaded file: the scan, as the documents page and the dossier count it (a paper record named in
 * words is no scan). `noticeId` is the recording workflow's own, so asked once a year. Not awaited:
 * the workflow goes on, and ends once it has gone out or failed, as after its tasks' notices. Best
 * effort, as every notice: the documents page and My tasks say it whatever the mail does.
 */
export function askClerksForScan(
  board: TaskBoard,
  context: CycleContext,
  noticeId: string,
  paper: LocalizedText,
  evidence: readonly string[] | undefined,
): void {
  const scanned = (evidence ?? []).some((text) => evidenceIdOf(text) !== undefined);
  if (scanned || !patched(CLERKS_ASKED_FOR_SCAN)) return;
  board.sendsAlongside(
    notifications.askClerksForScan({
      noticeId,
      cycleId: context.cycleId,
      organisationCode: context.organisationCode,
      paper,
    }),
  );
}
