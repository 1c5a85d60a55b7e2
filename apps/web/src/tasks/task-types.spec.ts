import { AUDITORS_TASK_KINDS as DOMAIN_AUDITORS_TASK_KINDS } from '../../../../libs/domain/src/task-oversight';
import { AUDITORS_TASK_KINDS, unitOfWork } from './task-types';

describe('whose head oversees a task, as the web app judges it', () => {
  it('takes the auditors’ tasks the domain names, which the API refuses a unit’s head', () => {
    expect(AUDITORS_TASK_KINDS).toEqual(DOMAIN_AUDITORS_TASK_KINDS);
  });

  it('names the unit of a unit’s work, and none for an auditor’s task in it or a task of no unit', () => {
    expect(unitOfWork({ kind: 'measurement-report', unitCode: 'vp-tthc' })).toBe('vp-tthc');
    expect(unitOfWork({ kind: 'corrective-action-plan', unitCode: 'vp-tthc' })).toBe('vp-tthc');
    expect(unitOfWork({ kind: 'audit-step', unitCode: 'vp-tthc' })).toBeNull();
    expect(unitOfWork({ kind: 'corrective-action-verification', unitCode: 'vp-tthc' })).toBeNull();
    expect(unitOfWork({ kind: 'objectives-approval', unitCode: null })).toBeNull();
  });
});
