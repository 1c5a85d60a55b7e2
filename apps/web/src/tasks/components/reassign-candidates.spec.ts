import type { PersonView } from '../../ui/people';
import { reassignCandidates } from './reassign-candidates';

const person = (userId: string, roles: PersonView['roles'], unitCode: string | null, active = true) =>
  ({ userId, fullName: userId, title: null, unitCode, roles, active }) satisfies PersonView;

/** The directory now: a leader who left, the one who replaced them, auditors of two units. */
const people: PersonView[] = [
  person('old-leader', ['leader'], null, false),
  person('new-leader', ['leader'], null),
  person('qmr', ['quality-representative'], 'vp-tonghop'),
  person('newcomer', ['staff'], 'vp-kiemsoat-tthc'),
  person('left', ['staff'], 'vp-kiemsoat-tthc', false),
  person('auditor-tthc', ['auditor'], 'vp-kiemsoat-tthc'),
  person('lead-auditor', ['lead-auditor'], 'vp-ttpvhcc'),
  person('admin', ['admin'], 'vp-tonghop'),
];
const ids = (list: PersonView[]) => list.map((p) => p.userId);

describe('whom the reassign picker offers', () => {
  it("offers the organisation's active leaders for the leader's tasks, not the assignee", () => {
    for (const kind of ['objectives-approval', 'management-review'] as const)
      expect(ids(reassignCandidates(people, { kind, unitCode: null, assigneeUserId: 'old-leader' }))).toEqual(
        ['new-leader'],
      );
  });

  it('offers for an audit step the active auditors of another unit than the audited one', () => {
    expect(
      ids(
        reassignCandidates(people, {
          kind: 'audit-step',
          unitCode: 'vp-kiemsoat-tthc',
          assigneeUserId: 'someone',
        }),
      ),
    ).toEqual(['lead-auditor']);
  });

  it('offers for other tasks the active people who work the year, someone who joined since included', () => {
    expect(
      ids(
        reassignCandidates(people, {
          kind: 'unit-acceptance',
          unitCode: 'vp-kiemsoat-tthc',
          assigneeUserId: 'qmr',
        }),
      ),
    ).toEqual(['newcomer', 'auditor-tthc', 'lead-auditor']);
  });
});
