import { nonconformityWorkflowId, qualityCycleWorkflowId } from '@qcycle/contracts';
import { eventSubjectOf } from './event-subjects';

const cycle = qualityCycleWorkflowId('kontum', 2024);
const action = nonconformityWorkflowId(cycle, 2);
const step = `${cycle}/audit/step/step-3`;

describe('eventSubjectOf', () => {
  it("names a task's events by the task", () => {
    for (const type of ['task.opened', 'task.completed', 'task.reassigned', 'task.escalated'])
      expect(eventSubjectOf({ id: `${step}/${type}`, type, payload: { taskId: step, late: false } })).toEqual(
        { kind: 'task', id: step },
      );
  });

  it("names an upload by its record: a task's, or a corrective action's", () => {
    expect(
      eventSubjectOf({
        id: 'evidence/1',
        type: 'evidence.uploaded',
        payload: { recordType: 'audit-step', recordKey: step, fileName: 'Sổ.pdf' },
      }),
    ).toEqual({ kind: 'task', id: step });
    expect(
      eventSubjectOf({
        id: 'evidence/2',
        type: 'evidence.uploaded',
        payload: { recordType: 'corrective-action', recordKey: action, fileName: 'Danh mục.pdf' },
      }),
    ).toEqual({ kind: 'corrective-action', id: action });
  });

  it("names a step's sign-off by the step, and a review action's report by its task", () => {
    expect(
      eventSubjectOf({
        id: `${step}/signed-off`,
        type: 'audit.step-signed-off',
        payload: { result: 'conform' },
      }),
    ).toEqual({ kind: 'task', id: step });
    const reviewAction = `${cycle}/review/action/1`;
    expect(
      eventSubjectOf({
        id: `${reviewAction}/reported`,
        type: 'review.action-reported',
        payload: { actionId: reviewAction, status: 'done' },
      }),
    ).toEqual({ kind: 'task', id: reviewAction });
  });

  it("names each of a corrective action's events by the action, whatever the round", () => {
    for (const [suffix, type] of [
      ['opened', 'nonconformity.opened'],
      ['opened', 'corrective-action.opened'],
      ['planned/1', 'corrective-action.planned'],
      ['verified/1', 'corrective-action.reopened'],
      ['planned/12', 'corrective-action.planned'],
      ['verified/12', 'corrective-action.closed'],
      ['carried-in', 'corrective-action.carried-in'],
      ['carried-forward', 'corrective-action.carried-forward'],
    ])
      expect(eventSubjectOf({ id: `${action}/${suffix}`, type, payload: {} })).toEqual({
        kind: 'corrective-action',
        id: action,
      });
  });

  it("names a report's figures and each correction of them by the report's task", () => {
    const report = `${cycle}/monitoring/obj-4/measure/2024-01`;
    const payload = { objectiveId: 'obj-4', periodKey: '2024-01' };
    expect(eventSubjectOf({ id: `${report}/measured`, type: 'measurement.reported', payload })).toEqual({
      kind: 'task',
      id: report,
    });
    expect(eventSubjectOf({ id: `${report}/corrected/2`, type: 'measurement.corrected', payload })).toEqual({
      kind: 'task',
      id: report,
    });
  });

  it('names nothing for an event about the cycle as a whole', () => {
    expect(
      eventSubjectOf({ id: `${cycle}/started`, type: 'cycle.started', payload: { year: 2024 } }),
    ).toBeNull();
    expect(
      eventSubjectOf({
        id: `${cycle}/phase/monitoring`,
        type: 'cycle.phase-entered',
        payload: { phase: 'monitoring' },
      }),
    ).toBeNull();
    // An id of another form is not guessed at.
    expect(
      eventSubjectOf({ id: `${action}/something-else`, type: 'corrective-action.planned', payload: {} }),
    ).toBeNull();
  });
});
