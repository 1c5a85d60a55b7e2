import { signedPaperEvidence, type SignedPaperFile, type SigningAnswer } from './signed-papers';

/** A file of the approving round's record: uploaded with the answer, or once it was given. */
const file = (id: string, sha256: string, changes: Partial<SignedPaperFile> = {}): SignedPaperFile => ({
  id,
  sha256,
  afterAnswer: true,
  withdrawnAt: null,
  erasedAt: null,
  ...changes,
});

const approved = (evidence: string[]): SigningAnswer => ({
  id: 'quality-cycle/kt/2024/objectives-approval/1',
  kind: 'objectives-approval',
  status: 'completed',
  outcome: { decision: 'approve', evidence },
});

describe('what a signed paper rests on (signedPaperEvidence)', () => {
  it('lists what the answer named, then the scans added since, the same content once, none withdrawn', () => {
    const onRecord = [
      file('named', 'a', { afterAnswer: false }),
      file('scan', 'b'),
      file('scan-again', 'b'),
      file('wrong', 'c', { withdrawnAt: '2024-01-08T02:00:00.000Z' }),
      file('named-again', 'a'),
    ];
    expect(signedPaperEvidence(approved(['evidence:named', 'Danh sách đại biểu']), onRecord)).toEqual({
      named: ['evidence:named', 'Danh sách đại biểu'],
      added: ['evidence:scan'],
    });
  });

  it('lists no file whose content was erased, named or added: the paper is then without that scan', () => {
    const erasedAt = '2024-05-03T02:15:00.000Z';
    const onRecord = [
      file('named', 'a', { afterAnswer: false, erasedAt }),
      file('scan', 'b', { erasedAt }),
      // The same paper scanned again after the erasure: the scan it now has.
      file('scan-again', 'b'),
    ];
    expect(signedPaperEvidence(approved(['evidence:named', 'Danh sách đại biểu']), onRecord)).toEqual({
      named: ['Danh sách đại biểu'],
      added: ['evidence:scan-again'],
    });
  });
});
