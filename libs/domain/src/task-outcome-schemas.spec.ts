import {
  DOCUMENT_NUMBER_PATTERN,
  TASK_OUTCOME_SCHEMAS,
  checkOutcomeShape,
  outcomeSchemaName,
  type OutcomeSchema,
} from './task-outcome-schemas';
import { REVIEW_COMPILED_INPUTS, REVIEW_ENTERED_INPUTS } from './review-preparation';
import { TASK_KINDS, type TaskKind, type TaskOutcomes } from './task-outcomes';

const paths = (problems: { path: string }[]) => problems.map((p) => p.path);

/** One answer each kind's workflow accepts, typed by the outcome interfaces. */
const VALID: { [K in TaskKind]: TaskOutcomes[K] } = {
  'objectives-approval': { decision: 'approve', documentNumber: '123/QĐ-UBND', signingDate: '2024-01-05' },
  'objectives-revision': { note: 'Bổ sung chỉ số cho mục tiêu 3.' },
  'assignment-acceptance': {
    accepted: true,
    delegations: [{ objectiveId: 'obj-2', unitCode: 'vp-tonghop' }],
  },
  'unit-acceptance': { accepted: true, staffDelegations: [{ objectiveId: 'obj-4', userId: 'u1' }] },
  'measurement-report': {
    figures: [{ indicatorId: 'obj-4-on-time', numerator: 81, denominator: 100 }],
    evidence: ['Báo cáo 12/BC-VP'],
  },
  'at-risk-follow-up': { note: 'Họp với bộ phận một cửa.' },
  'audit-plan': {
    scope: 'HTQLCL',
    criteria: ['TCVN ISO 9001:2015'],
    methods: 'Phỏng vấn',
    from: '2024-10-07',
    to: '2024-10-18',
    steps: [{ id: 's1', unitCode: 'vp-ttpvhcc', process: 'Một cửa', clause: '8.5.1', auditorUserId: 'a1' }],
  },
  'audit-step': {
    result: 'minor-nc',
    evidence: ['Sổ theo dõi'],
    finding: 'Hồ sơ trễ hạn không có phiếu xin lỗi.',
  },
  'audit-close': { report: 'Báo cáo đánh giá nội bộ 2024.' },
  'audit-report-approval': { decision: 'approve' },
  'corrective-action-plan': {
    correction: 'Gửi phiếu xin lỗi',
    rootCause: 'Chưa theo dõi hạn',
    action: 'Nhắc hạn tự động',
    ownerUserId: 'u1',
    dueDate: '2024-11-15',
  },
  'corrective-action-verification': { effective: true, notes: 'Đã hiệu lực.' },
  'review-preparation': {
    changesInIssues: 'Luật Đất đai 2024 có hiệu lực từ 01/8/2024.',
    customerSatisfaction: 'Khảo sát 120 phiếu: 96% hài lòng.',
    externalProviders: 'Bưu điện tỉnh trả kết quả đúng hẹn 98%.',
    resources: 'Thiếu một máy quét tại bộ phận một cửa.',
    risksAndOpportunities: 'Rủi ro trễ hạn hồ sơ đất đai đã giảm.',
    notes: { auditResults: 'Đã khắc phục điểm không phù hợp trong tháng 11.' },
  },
  'management-review': {
    minutesRef: 'BB-01',
    outputs: { improvementOpportunities: ['Số hoá hồ sơ'], qmsChanges: [], resourceNeeds: [] },
    actions: [{ title: 'Số hoá', ownerUnitCode: 'vp-tonghop', dueDate: '2025-06-30' }],
  },
  'review-action': { done: true, note: 'Đã số hoá phiếu kiểm soát.', evidence: ['QĐ 45/QĐ-VP'] },
  'nonconformity-proposal': {
    decision: 'open',
    description: 'Tỷ lệ hồ sơ đúng quy trình tháng 1 chỉ đạt 90%.',
    unitCode: 'vp-ttpvhcc',
    severity: 'minor-nc',
  },
};

/** For each kind, answers with one thing wrong and the path the problem must name. */
const INVALID: { [K in TaskKind]: [unknown, string[]][] } = {
  'objectives-approval': [
    [{ decision: 'approve' }, ['documentNumber']],
    [{ decision: 'approve', documentNumber: 123 }, ['documentNumber']],
    [{ decision: 'approve', documentNumber: '1/QĐ-UBND', signingDate: '2024-02-30' }, ['signingDate']],
    [{ decision: 'return' }, ['comments']],
    [{ decision: 'return', comments: '   ' }, ['comments']],
    [{ documentNumber: '1/QĐ-UBND' }, ['decision']],
    [{ decision: 'maybe' }, ['decision']],
    [[], ['']],
  ],
  'objectives-revision': [
    [{}, ['note']],
    [{ note: 'x', objectives: [] }, ['objectives']],
    [{ note: 'x', objectives: ['obj-1'] }, ['objectives']],
    [{ note: 'x', legalBases: 'Căn cứ Luật Tổ chức chính quyền địa phương;' }, ['legalBases']],
    [{ note: 'x', recipients: ['Sở Nội vụ', 7] }, ['recipients']],
    [{ note: 'x', scope: { vi: 'Văn phòng' } }, ['scope.en']],
    [{ note: 'x', qualityRepresentativeTitle: ['Chánh Văn phòng'] }, ['qualityRepresentativeTitle']],
  ],
  'assignment-acceptance': [
    [{ accepted: false, delegations: [] }, ['accepted']],
    [{ accepted: true }, ['delegations']],
    [{ accepted: true, delegations: ['obj-2'] }, ['delegations[0]']],
    [{ accepted: true, delegations: [{ objectiveId: 'obj-2' }] }, ['delegations[0].unitCode']],
  ],
  'unit-acceptance': [
    [{ accepted: 'yes' }, ['accepted']],
    [{ accepted: true, staffDelegations: {} }, ['staffDelegations']],
    [
      { accepted: true, staffDelegations: [{ objectiveId: 'obj-4', userId: 7 }] },
      ['staffDelegations[0].userId'],
    ],
  ],
  'measurement-report': [
    [{ evidence: ['x'] }, ['figures']],
    [{ figures: [{ numerator: 1 }], evidence: ['x'] }, ['figures[0].indicatorId']],
    [
      {
        figures: [
          { indicatorId: 'a', numerator: 1 },
          { indicatorId: 'b', denominator: '100' },
        ],
        evidence: ['x'],
      },
      ['figures[1].denominator'],
    ],
    [{ figures: [{ indicatorId: 'a', value: -1 }], evidence: ['x'] }, ['figures[0].value']],
    [{ figures: [{ indicatorId: 'a', achieved: 'yes' }], evidence: ['x'] }, ['figures[0].achieved']],
    [{ figures: [], evidence: ['x', ' '] }, ['evidence']],
    [{ figures: [], evidence: 'BC-03' }, ['evidence']],
  ],
  'at-risk-follow-up': [
    [{ note: '' }, ['note']],
    [{}, ['note']],
  ],
  'audit-plan': [
    [{ ...VALID_PLAN(), criteria: [] }, ['criteria']],
    [{ ...VALID_PLAN(), from: '07/10/2024' }, ['from']],
    [{ ...VALID_PLAN(), steps: [] }, ['steps']],
    [{ ...VALID_PLAN(), steps: [{ ...VALID_PLAN().steps[0], id: 'S 1' }] }, ['steps[0].id']],
    [
      { ...VALID_PLAN(), steps: [VALID_PLAN().steps[0], { ...VALID_PLAN().steps[0], unitCode: undefined }] },
      ['steps[1].unitCode'],
    ],
    [{ ...VALID_PLAN(), steps: [{ ...VALID_PLAN().steps[0], clause: ' ' }] }, ['steps[0].clause']],
  ],
  'audit-step': [
    [{ result: 'fine', evidence: ['x'] }, ['result']],
    [{ result: 'conformity', evidence: [] }, ['evidence']],
    [{ result: 'conformity', evidence: ['x'], notes: 5 }, ['notes']],
  ],
  'audit-close': [[{ report: ' ' }, ['report']]],
  'audit-report-approval': [
    [{ decision: 'return' }, ['comments']],
    [{ decision: 'return', comments: ' ' }, ['comments']],
    [{ decision: 'accept' }, ['decision']],
  ],
  'corrective-action-plan': [
    [{ ...VALID_CAP(), rootCause: '' }, ['rootCause']],
    [{ ...VALID_CAP(), ownerUserId: undefined }, ['ownerUserId']],
    [{ ...VALID_CAP(), dueDate: '2024-13-01' }, ['dueDate']],
  ],
  'corrective-action-verification': [
    [{ effective: 'yes', notes: 'x' }, ['effective']],
    [{ effective: false }, ['notes']],
  ],
  'management-review': [
    [
      { ...VALID_REVIEW(), outputs: { improvementOpportunities: [], resourceNeeds: [] } },
      ['outputs.qmsChanges'],
    ],
    [{ ...VALID_REVIEW(), outputs: undefined }, ['outputs']],
    [
      {
        ...VALID_REVIEW(),
        actions: [VALID_REVIEW().actions[0], { title: 't', ownerUnitCode: 'x', dueDate: '' }],
      },
      ['actions[1].dueDate'],
    ],
    [{ ...VALID_REVIEW(), actions: [null] }, ['actions[0]']],
    [
      { ...VALID_REVIEW(), actions: [{ ...VALID_REVIEW().actions[0], ownerUserId: '' }] },
      ['actions[0].ownerUserId'],
    ],
  ],
  'review-preparation': [
    [{ ...VALID['review-preparation'], changesInIssues: '  ' }, ['changesInIssues']],
    [
      { ...VALID['review-preparation'], resources: undefined, risksAndOpportunities: 3 },
      ['resources', 'risksAndOpportunities'],
    ],
    [{ ...VALID['review-preparation'], notes: { auditResults: 5 } }, ['notes.auditResults']],
  ],
  'review-action': [
    [{ note: 'x' }, ['done']],
    [{ done: 'yes', note: 'x' }, ['done']],
    [{ done: false, note: '  ' }, ['note']],
    [{ done: true, note: 'x', evidence: [''] }, ['evidence']],
  ],
  'nonconformity-proposal': [
    [{ decision: 'close' }, ['decision']],
    [{ decision: 'decline', reason: ' ' }, ['reason']],
    [{ decision: 'open', unitCode: 'u', severity: 'minor-nc' }, ['description']],
    [{ decision: 'open', description: 'x', unitCode: 'u', severity: 'observation' }, ['severity']],
  ],
};

function VALID_PLAN() {
  return VALID['audit-plan'];
}
function VALID_CAP() {
  return VALID['corrective-action-plan'];
}
function VALID_REVIEW() {
  return VALID['management-review'];
}

/** Every schema node with its location, e.g. `steps[].unitCode`. */
function nodes(schema: OutcomeSchema, location = ''): [string, OutcomeSchema][] {
  const children = [
    ...Object.entries(schema.properties ?? {}).map(
      ([name, child]) => [location ? `${location}.${name}` : name, child] as const,
    ),
    ...(schema.oneOf ?? []).map((branch) => [location, branch] as const),
    ...(schema.items ? [[`${location}[]`, schema.items] as const] : []),
  ];
  return [[location, schema], ...children.flatMap(([where, child]) => nodes(child, where))];
}

describe('task outcome schemas', () => {
  it('has a schema for every task kind, and nothing else', () => {
    expect(Object.keys(TASK_OUTCOME_SCHEMAS).sort()).toEqual([...TASK_KINDS].sort());
  });

  it('names each kind as the OpenAPI document does', () => {
    expect(outcomeSchemaName('objectives-approval')).toBe('ObjectivesApprovalOutcome');
    expect(outcomeSchemaName('corrective-action-verification')).toBe('CorrectiveActionVerificationOutcome');
    expect(new Set(TASK_KINDS.map(outcomeSchemaName)).size).toBe(TASK_KINDS.length);
  });

  it.each(TASK_KINDS)('%s: every field has Vietnamese and English titles and names its problem', (kind) => {
    const schema = TASK_OUTCOME_SCHEMAS[kind];
    expect(schema.type).toBe('object');
    for (const [location, node] of nodes(schema)) {
      // oneOf branches and the items of plain lists (a blank evidence line is the list's problem) go
      // without their own.
      const isBranch = schema.oneOf?.includes(node) ?? false;
      const isPlainListItem = location.endsWith('[]') && node.properties === undefined;
      if (isBranch || isPlainListItem) continue;
      expect({
        location,
        problem: node['x-problem'] !== undefined,
        vi: typeof node.title,
        en: typeof node['x-en']?.title,
      }).toEqual({ location, problem: true, vi: 'string', en: 'string' });
    }
  });

  it.each(TASK_KINDS)("%s: a choice's problem speaks the form's words, not the codes it sends", (kind) => {
    for (const [location, node] of nodes(TASK_OUTCOME_SCHEMAS[kind])) {
      const problem = node['x-problem'];
      const codes = (node.enum ?? []).filter((value): value is string => typeof value === 'string');
      // The decision is the button pressed: only an API client sends a wrong one, and the codes are
      // what it must send. A result or a severity is a choice a person can leave unmade.
      if (!problem || codes.length < 2 || location === 'decision') continue;
      const named = (reason = '') => codes.filter((code) => new RegExp(`\\b${code}\\b`, 'u').test(reason));
      expect({ location, vi: named(problem.reason), en: named(problem.reasonEn) }).toEqual({
        location,
        vi: [],
        en: [],
      });
    }
  });

  it('is plain JSON, with patterns that compile as ECMAScript regular expressions', () => {
    const json = JSON.parse(JSON.stringify(TASK_OUTCOME_SCHEMAS));
    expect(json).toEqual(TASK_OUTCOME_SCHEMAS);
    for (const schema of Object.values(TASK_OUTCOME_SCHEMAS))
      for (const [, node] of nodes(schema))
        if (node.pattern !== undefined) expect(() => new RegExp(node.pattern!, 'u')).not.toThrow();
  });

  it('takes the decision number pattern from DOCUMENT_NUMBER_PATTERN', () => {
    const approve = TASK_OUTCOME_SCHEMAS['objectives-approval'].oneOf![0];
    expect(approve.properties!.documentNumber.pattern).toBe(DOCUMENT_NUMBER_PATTERN.source);
  });

  it('asks the review preparation for the ISO 9.3.2 inputs of libs/domain, in their order (the web form reads them here)', () => {
    const preparation = TASK_OUTCOME_SCHEMAS['review-preparation'];
    expect(preparation.required).toEqual([...REVIEW_ENTERED_INPUTS]);
    expect(Object.keys(preparation.properties!).filter((key) => key !== 'notes')).toEqual([
      ...REVIEW_ENTERED_INPUTS,
    ]);
    expect(Object.keys(preparation.properties!.notes.properties!)).toEqual([...REVIEW_COMPILED_INPUTS]);
  });
});

describe('checkOutcomeShape', () => {
  it.each(TASK_KINDS)('%s: accepts a valid answer', (kind) => {
    expect(checkOutcomeShape(kind, VALID[kind])).toEqual([]);
  });

  it.each(TASK_KINDS)('%s: names the field of a missing or wrongly typed value', (kind) => {
    for (const [outcome, expected] of INVALID[kind]) {
      expect({ outcome, paths: paths(checkOutcomeShape(kind, outcome)) }).toEqual({
        outcome,
        paths: expected,
      });
    }
  });

  it.each(TASK_KINDS)('%s: refuses an answer that is not an object at the root', (kind) => {
    for (const outcome of [null, undefined, 'approve', 42, []]) {
      const problems = checkOutcomeShape(kind, outcome);
      expect(problems).toEqual([expect.objectContaining({ path: '', code: 'required' })]);
      expect(problems[0].reason).toMatch(/^[A-ZĐ]/u);
    }
  });

  it('reports every wrong field at once, in the order of the form, with its reason in Vietnamese and English', () => {
    expect(checkOutcomeShape('corrective-action-verification', { effective: 'yes', notes: '' })).toEqual([
      {
        path: 'effective',
        code: 'required',
        reason: 'Phải kết luận hiệu lực hay không.',
        reasonEn: 'Conclude whether it was effective.',
      },
      {
        path: 'notes',
        code: 'required',
        reason: 'Phải ghi nhận xét kiểm tra.',
        reasonEn: 'Write the verification notes.',
      },
    ]);
  });

  it('keeps unknown fields: answers the workflows have always accepted stay valid', () => {
    expect(checkOutcomeShape('audit-close', { report: 'BC', attachments: ['x'] })).toEqual([]);
    expect(
      checkOutcomeShape('objectives-approval', { decision: 'return', comments: 'Sửa', documentNumber: 'x' }),
    ).toEqual([]);
  });

  it('runs contextual rules where the walk reaches them, only on values of the right shape', () => {
    const seen: string[] = [];
    const problems = checkOutcomeShape('management-review', VALID_REVIEW(), {
      'actions[].ownerUnitCode': (value, { path, parent, problems }) => {
        seen.push(`${path}=${String(value)} of ${String(parent.title)}`);
        problems.add(path, 'unknown-reference', { vi: 'Không có đơn vị này.', en: 'There is no such unit.' });
      },
    });
    expect(seen).toEqual(['actions[0].ownerUnitCode=vp-tonghop of Số hoá']);
    expect(paths(problems)).toEqual(['actions[0].ownerUnitCode']);
    const notCalled = jest.fn();
    checkOutcomeShape(
      'management-review',
      { ...VALID_REVIEW(), actions: [{ title: 't', ownerUnitCode: 3 }] },
      {
        'actions[].ownerUnitCode': notCalled,
      },
    );
    expect(notCalled).not.toHaveBeenCalled();
  });
});
