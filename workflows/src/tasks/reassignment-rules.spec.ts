import type { CycleRoster, PersonRef, ReassignmentTarget } from '@qcycle/contracts';
import {
  mayHandOver,
  reassignmentCandidate,
  reassignmentRefusal,
  rosterCandidate,
} from './reassignment-rules';

const ref = (userId: string, unitCode?: string): PersonRef => ({
  userId,
  name: `Người ${userId}`,
  ...(unitCode ? { unitCode } : {}),
});
const roster: CycleRoster = {
  leader: ref('leader'),
  qualityRepresentative: ref('qmr', 'vp-tonghop'),
  units: [
    {
      code: 'vp-tthc',
      name: { vi: 'TTHC', en: 'TTHC' },
      head: ref('head', 'vp-tthc'),
      staff: [ref('staff', 'vp-tthc')],
    },
  ],
  auditors: [{ ...ref('auditor-tthc', 'vp-tthc') }, { ...ref('lead', 'vp-ttpvhcc'), lead: true }],
};
const facts = (
  userId: string,
  roles: ReassignmentTarget['roles'],
  unitCode?: string,
): ReassignmentTarget => ({
  person: ref(userId, unitCode),
  roles,
});
const refusal = (
  kind: Parameters<typeof reassignmentRefusal>[0]['kind'],
  toUserId: string,
  to?: ReassignmentTarget,
  unitCode = 'vp-tthc',
) =>
  reassignmentRefusal(
    { kind, unitCode, assigneeUserId: 'assignee' },
    toUserId,
    reassignmentCandidate({ toUserId, to }, roster),
    { factsSent: to !== undefined },
  )?.vi;

describe('who may take over a task', () => {
  it('reads the roles the roster gives: the year’s leader, its auditors and the lead', () => {
    expect(rosterCandidate(roster, 'leader')?.roles).toEqual(['leader']);
    expect(rosterCandidate(roster, 'lead')?.roles).toEqual(['auditor', 'lead-auditor']);
    expect(rosterCandidate(roster, 'staff')).toEqual({ person: ref('staff', 'vp-tthc'), roles: [] });
    expect(rosterCandidate(roster, 'newcomer')).toBeUndefined();
  });

  it('gives a task to someone the directory knows now, on the roster or not', () => {
    expect(refusal('measurement-report', 'newcomer', facts('newcomer', [], 'vp-tthc'))).toBeUndefined();
    expect(refusal('measurement-report', 'staff', facts('staff', [], 'vp-tthc'))).toBeUndefined();
  });

  it('keeps an Update without facts on the roster, as before', () => {
    expect(refusal('measurement-report', 'staff')).toBeUndefined();
    expect(refusal('measurement-report', 'newcomer')).toContain('không có trong danh sách');
    expect(refusal('objectives-approval', 'leader')).toBeUndefined();
    expect(refusal('objectives-approval', 'new-leader')).toContain('Chỉ lãnh đạo');
  });

  it('gives the leader’s tasks to whoever holds the leader role now, and to nobody else', () => {
    for (const kind of ['objectives-approval', 'management-review'] as const) {
      expect(refusal(kind, 'new-leader', facts('new-leader', ['leader']))).toBeUndefined();
      expect(refusal(kind, 'qmr', facts('qmr', [], 'vp-tonghop'))).toContain('Chỉ lãnh đạo');
      // The year's signer who no longer holds the role.
      expect(refusal(kind, 'leader', facts('leader', []))).toContain('Chỉ lãnh đạo');
    }
  });

  it('gives an audit step only to an auditor from another unit than the audited one', () => {
    expect(refusal('audit-step', 'lead', facts('lead', ['lead-auditor'], 'vp-ttpvhcc'))).toBeUndefined();
    expect(
      refusal('audit-step', 'new-auditor', facts('new-auditor', ['auditor'], 'vp-kinhte')),
    ).toBeUndefined();
    expect(refusal('audit-step', 'auditor-tthc', facts('auditor-tthc', ['auditor'], 'vp-tthc'))).toContain(
      'không thuộc đơn vị được đánh giá',
    );
    expect(refusal('audit-step', 'staff', facts('staff', [], 'vp-kinhte'))).toContain('chuyên gia đánh giá');
    // Without facts: the roster's auditors.
    expect(refusal('audit-step', 'lead')).toBeUndefined();
    expect(refusal('audit-step', 'auditor-tthc')).toContain('không thuộc đơn vị được đánh giá');
  });

  it('refuses the assignee, and facts that name someone else', () => {
    expect(refusal('measurement-report', 'assignee', facts('assignee', []))).toContain('đang được giao');
    expect(refusal('measurement-report', 'newcomer', facts('someone-else', []))).toContain('không khớp');
  });
});

describe('who may hand a task over', () => {
  const report = (unitCode: string) => ({ kind: 'measurement-report' as const, unitCode });

  it('asks the directory now when the API says: a Quality Representative or unit head who took over during the year', () => {
    const successor = (by: { qualityRepresentative: boolean; headOfUnits: string[] }) =>
      mayHandOver({ actorUserId: 'successor', by }, report('vp-tthc'), roster);
    expect(successor({ qualityRepresentative: true, headOfUnits: [] })).toBe(true);
    expect(successor({ qualityRepresentative: false, headOfUnits: ['vp-tthc'] })).toBe(true);
    expect(successor({ qualityRepresentative: false, headOfUnits: ['vp-tonghop'] })).toBe(false);
    // The roster's head who no longer holds the role has no say once the directory is asked.
    expect(
      mayHandOver(
        { actorUserId: 'head', by: { qualityRepresentative: false, headOfUnits: [] } },
        report('vp-tthc'),
        roster,
      ),
    ).toBe(false);
  });

  it('asks the year’s roster for an Update sent without the directory’s answer', () => {
    expect(mayHandOver({ actorUserId: 'qmr' }, report('vp-tthc'), roster)).toBe(true);
    expect(mayHandOver({ actorUserId: 'head' }, report('vp-tthc'), roster)).toBe(true);
    expect(mayHandOver({ actorUserId: 'head' }, report('vp-tonghop'), roster)).toBe(false);
    expect(mayHandOver({ actorUserId: 'staff' }, report('vp-tthc'), roster)).toBe(false);
  });

  it('leaves the tasks judging a unit (audit step, verification, nonconformity proposal) to the Quality Representative, not to that unit’s head', () => {
    const head = { qualityRepresentative: false, headOfUnits: ['vp-tthc'] };
    const qmr = { qualityRepresentative: true, headOfUnits: [] };
    for (const kind of ['audit-step', 'corrective-action-verification', 'nonconformity-proposal'] as const) {
      const audited = { kind, unitCode: 'vp-tthc' };
      expect(mayHandOver({ actorUserId: 'head', by: head }, audited, roster)).toBe(false);
      expect(mayHandOver({ actorUserId: 'head' }, audited, roster)).toBe(false);
      expect(mayHandOver({ actorUserId: 'qmr', by: qmr }, audited, roster)).toBe(true);
    }
    // The unit's own plan to correct it stays its head's.
    expect(
      mayHandOver(
        { actorUserId: 'head', by: head },
        { kind: 'corrective-action-plan', unitCode: 'vp-tthc' },
        roster,
      ),
    ).toBe(true);
  });
});
