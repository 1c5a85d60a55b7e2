import type { components } from '../../api/schema';
import { awaitsNumber, registerKinds, registerView } from './register-view';

type RegisteredDocument = components['schemas']['DocumentVersionView'];

/** A register entry with what the register's view reads; the rest as an entry always has it. */
function entry(
  id: string,
  type: RegisteredDocument['type'],
  registeredAt: string,
  dispatch: { symbol?: string; number?: string } = {},
  version = 1,
): RegisteredDocument {
  return {
    id,
    type,
    version,
    registeredAt,
    cycleId: 'kontum-2024',
    dispatchSymbol: dispatch.symbol ?? null,
    dispatchNumber: dispatch.number ?? null,
    dispatchedOn: dispatch.number ? '2024-12-20' : null,
    dispatchedBy: null,
    dispatchRecordedAt: null,
    approvedBy: null,
    approvedByName: null,
    contentSha256: '',
    pdfSha256: '',
    docxSha256: '',
    fileBaseName: id,
    issuedOn: registeredAt.slice(0, 10),
    number: '',
    title: id,
    registeredBy: 'qmr',
    sourceRecord: `records/${id}`,
    year: 2024,
  };
}

// Registered when the register was first read, late in the year (the API registers an approved
// decision then), and dated the day it was signed.
const decision = {
  ...entry('decision', 'objectives-decision', '2024-12-30T01:00:00.000Z'),
  issuedOn: '2024-01-15',
};
const plan = { ...entry('plan', 'objectives-plan', '2024-12-30T01:00:00.000Z'), issuedOn: '2024-01-15' };
const nc1 = entry('nc1', 'nonconformity-report', '2024-10-20T02:00:00.000Z');
const nc1v2 = entry('nc1v2', 'nonconformity-report', '2024-10-21T02:00:00.000Z', {}, 2);
const report = entry('report', 'objectives-report', '2024-12-18T08:00:00.000Z', { symbol: '/BC-UBND' });
const numbered = entry('numbered', 'annual-qms-report', '2024-12-19T08:00:00.000Z', {
  symbol: '/BC-UBND',
  number: '15/BC-UBND',
});
const register = [decision, plan, nc1, nc1v2, report, numbered];

describe('the document register as the documents page lists it', () => {
  it('lists the latest first by the day each is dated, then by when registered; the decision and its plan, dated alike, by kind', () => {
    expect(registerView(register, { type: '', unnumbered: false }).map((e) => e.id)).toEqual([
      'numbered',
      'report',
      'nc1v2',
      'nc1',
      'decision',
      'plan',
    ]);
  });

  it('shows one kind of document', () => {
    expect(
      registerView(register, { type: 'nonconformity-report', unnumbered: false }).map((e) => e.id),
    ).toEqual(['nc1v2', 'nc1']);
  });

  it('shows what is printed with a blank number line and not numbered yet, and keeps one just numbered', () => {
    expect(register.filter(awaitsNumber).map((e) => e.id)).toEqual(['report']);
    expect(registerView(register, { type: '', unnumbered: true }).map((e) => e.id)).toEqual(['report']);
    expect(
      registerView(register, { type: '', unnumbered: true }, new Set(['numbered'])).map((e) => e.id),
    ).toEqual(['numbered', 'report']);
    expect(registerView(register, { type: 'objectives-decision', unnumbered: true })).toEqual([]);
  });

  it('names the kinds present, in the order given, with how many versions each has', () => {
    expect(
      registerKinds(register, [
        'objectives-decision',
        'objectives-plan',
        'audit-plan',
        'nonconformity-report',
        'objectives-report',
        'annual-qms-report',
      ]),
    ).toEqual([
      { type: 'objectives-decision', count: 1 },
      { type: 'objectives-plan', count: 1 },
      { type: 'nonconformity-report', count: 2 },
      { type: 'objectives-report', count: 1 },
      { type: 'annual-qms-report', count: 1 },
    ]);
  });
});
