import { TASKS_JUDGING_A_UNIT as DOMAIN_TASKS_JUDGING_A_UNIT } from '../../../../libs/domain/src/task-oversight';
import { PAPER_ANSWERED_KINDS as DOMAIN_PAPER_ANSWERED_KINDS } from '../../../../libs/domain/src/task-outcomes';
import { PAPER_ANSWERED_KINDS, TASKS_JUDGING_A_UNIT, unitOfWork } from './task-types';

describe('whose head oversees a task, as the web app judges it', () => {
  it('takes the tasks judging a unit the domain names, which the API refuses that unit’s head', () => {
    expect(TASKS_JUDGING_A_UNIT).toEqual(DOMAIN_TASKS_JUDGING_A_UNIT);
  });

  it('offers the Quality Representative to enter on paper the answers the domain lets them enter', () => {
    expect(PAPER_ANSWERED_KINDS).toEqual(DOMAIN_PAPER_ANSWERED_KINDS);
  });

  it('names the unit of a unit’s work, and none for an auditor’s task in it or a task of no unit', () => {
    expect(unitOfWork({ kind: 'measurement-report', unitCode: 'vp-tthc' })).toBe('vp-tthc');
    expect(unitOfWork({ kind: 'corrective-action-plan', unitCode: 'vp-tthc' })).toBe('vp-tthc');
    expect(unitOfWork({ kind: 'audit-step', unitCode: 'vp-tthc' })).toBeNull();
    expect(unitOfWork({ kind: 'corrective-action-verification', unitCode: 'vp-tthc' })).toBeNull();
    expect(unitOfWork({ kind: 'nonconformity-proposal', unitCode: 'vp-tthc' })).toBeNull();
    expect(unitOfWork({ kind: 'objectives-approval', unitCode: null })).toBeNull();
  });
});
