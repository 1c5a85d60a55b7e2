import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import type { CycleView } from '../cycles/dto/cycle.view';
import { assertAnswered } from './calendar-feeds.service';

const year = (live: CycleView['live']): CycleView => ({
  id: 'kontum-2024',
  workflowId: 'quality-cycle/kontum/2024',
  organisationCode: 'kontum',
  year: 2024,
  rehearsal: false,
  status: 'running',
  phasesEntered: [],
  live,
});

/** Which years a feed may go without: never a running one whose workflow did not answer. */
describe("a feed's years, as their workflows answered", () => {
  it('refuses the fetch (503) for a running year whose workflow did not answer its query', () => {
    let refused: unknown;
    try {
      assertAnswered(year({ executionStatus: 'RUNNING' }));
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(QcycleError);
    expect((refused as QcycleError).code).toBe(QcycleErrorCode.WorkflowUnavailable);
    expect((refused as QcycleError).message).toBe(
      'The dates of cycle kontum-2024 cannot be read now; try again later',
    );
  });

  it('goes on for a year that answered, one whose workflow has ended or is gone, and one discarded meanwhile', () => {
    const answered = year({ executionStatus: 'RUNNING', status: 'running', phase: 'monitoring' });
    expect(() => assertAnswered(answered)).not.toThrow();
    expect(() => assertAnswered(year({ executionStatus: 'COMPLETED' }))).not.toThrow();
    expect(() => assertAnswered(year({ executionStatus: 'UNKNOWN' }))).not.toThrow();
    expect(() => assertAnswered(undefined)).not.toThrow();
  });
});
