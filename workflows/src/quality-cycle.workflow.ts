import { condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  cancelCycleSignal,
  cycleStateQuery,
  type QualityCycleState,
  type StartQualityCycleInput,
} from '@qcycle/contracts';
import type { CycleRecordActivities } from '@qcycle/activities';

const records = proxyActivities<CycleRecordActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Time the cycle stays open for the year's work: until the end of 31 December, Asia/Ho_Chi_Minh. */
function endOfYearInVietnam(year: number): number {
  return Date.UTC(year, 11, 31, 23, 59, 59) - 7 * 3600_000;
}

/**
 * One organisation's annual quality cycle (id `quality-cycle/{org}/{year}`). Records its start,
 * answers its live state, and stays open until the year ends or it is cancelled.
 */
export async function qualityCycle(input: StartQualityCycleInput): Promise<QualityCycleState> {
  const { workflowId } = workflowInfo();
  const state: QualityCycleState = {
    cycleId: input.cycleId,
    organisationCode: input.organisationCode,
    year: input.year,
    status: 'running',
    phase: 'objectives-approval',
  };
  let cancellation: { reason: string; by: string } | undefined;
  setHandler(cycleStateQuery, () => state);
  setHandler(cancelCycleSignal, (request) => {
    cancellation ??= request;
  });

  await records.recordCycleStarted({
    cycleId: input.cycleId,
    workflowId,
    organisationCode: input.organisationCode,
    year: input.year,
    startedBy: input.startedBy,
    startedAt: new Date(workflowInfo().startTime).toISOString(),
  });

  const untilYearEnd = Math.max(0, endOfYearInVietnam(input.year) - Date.now());
  // A cycle for a year that is already over closes at once.
  if (untilYearEnd > 0) await condition(() => cancellation !== undefined, untilYearEnd);

  state.status = cancellation ? 'cancelled' : 'closed';
  state.phase = 'closing';
  await records.recordCycleProgress({
    cycleId: input.cycleId,
    workflowId,
    status: state.status,
    phase: state.phase,
    at: new Date(Date.now()).toISOString(),
    actor: cancellation?.by ?? 'system',
    eventKey: state.status,
    payload: cancellation ? { reason: cancellation.reason } : undefined,
  });
  return state;
}
