import { validateNonconformityRequest } from './nonconformity';
import { validateNonconformityProposal } from './task-outcomes';

const references = { unitCodes: ['vp-ttpvhcc', 'vp-tonghop'], userIds: ['qmr', 'head.tthc'] };
const paths = (problems: { path: string; code: string }[]) => problems.map((p) => `${p.path} ${p.code}`);

describe('a nonconformity opened by the Quality Representative', () => {
  const complaint = {
    source: 'complaint',
    description: 'Công dân phản ánh hồ sơ bị trả lại không rõ lý do.',
    unitCode: 'vp-ttpvhcc',
    severity: 'minor-nc',
  };

  it('accepts a complaint, with or without a named verifier', () => {
    expect(validateNonconformityRequest(complaint, references)).toEqual([]);
    expect(validateNonconformityRequest({ ...complaint, verifierUserId: 'head.tthc' }, references)).toEqual(
      [],
    );
  });

  it('names every wrong field', () => {
    expect(paths(validateNonconformityRequest({}, references))).toEqual([
      'source required',
      'description required',
      'unitCode required',
      'severity required',
    ]);
    expect(
      paths(
        validateNonconformityRequest(
          {
            ...complaint,
            source: 'audit-finding',
            unitCode: 'nowhere',
            severity: 'observation',
            verifierUserId: 'x',
          },
          references,
        ),
      ),
    ).toEqual([
      'source invalid-value',
      'unitCode unknown-reference',
      'severity invalid-value',
      'verifierUserId unknown-reference',
    ]);
  });
});

describe("the Quality Representative's answer to the engine's proposal", () => {
  it('opens with the details, or declines with a reason', () => {
    expect(
      validateNonconformityProposal(
        { decision: 'open', description: 'x', unitCode: 'vp-tonghop', severity: 'major-nc' },
        references,
      ),
    ).toEqual([]);
    expect(
      validateNonconformityProposal({ decision: 'decline', reason: 'Do thiên tai.' }, references),
    ).toEqual([]);
  });

  it('checks the unit and the verifier against the cycle', () => {
    expect(
      paths(
        validateNonconformityProposal(
          {
            decision: 'open',
            description: 'x',
            unitCode: 'nowhere',
            severity: 'minor-nc',
            verifierUserId: 'x',
          },
          references,
        ),
      ),
    ).toEqual(['unitCode unknown-reference', 'verifierUserId unknown-reference']);
    expect(paths(validateNonconformityProposal({ decision: 'decline' }, references))).toEqual([
      'reason required',
    ]);
  });
});
