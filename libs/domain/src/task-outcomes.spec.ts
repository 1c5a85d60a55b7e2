import { KONTUM_2024_TEMPLATE } from './templates/kontum-2024.template';
import {
  answeredOnPaper,
  claimsOnPaper,
  measurementsFromReport,
  validateApprovalOutcome,
  validateAssignmentOutcome,
  validateAuditPlan,
  validateAuditStepOutcome,
  validateCorrectiveActionPlan,
  validateManagementReviewOutcome,
  validateReviewActionOutcome,
  validateMeasurementReport,
  validateUnitAcceptanceOutcome,
  validateVerificationOutcome,
} from './task-outcomes';

const objective4 = KONTUM_2024_TEMPLATE.objectives.find((o) => o.id === 'obj-4')!;
const paths = (problems: { path: string }[]) => problems.map((p) => p.path);

describe('objectives approval outcome', () => {
  const approval = (outcome: unknown) => validateApprovalOutcome(outcome, { year: 2024 });

  it('accepts an approval with a decision number and a return with comments', () => {
    expect(approval({ decision: 'approve', documentNumber: '123/QĐ-UBND' })).toEqual([]);
    expect(
      approval({ decision: 'approve', documentNumber: '45/QĐ-UBND', signingDate: '2024-01-05' }),
    ).toEqual([]);
    expect(approval({ decision: 'return', comments: 'Bổ sung kế hoạch.' })).toEqual([]);
  });

  it("refuses a real year's signing day after today, and keeps a rehearsal's free of it", () => {
    const approve = { decision: 'approve', documentNumber: '45/QĐ-UBND' };
    const real = (signingDate: string) =>
      validateApprovalOutcome({ ...approve, signingDate }, { year: 2025, today: '2024-12-20' });
    expect(real('2024-12-20')).toEqual([]);
    expect(real('2024-12-21')).toEqual([
      {
        path: 'signingDate',
        code: 'out-of-range',
        reason: 'Ngày ký không được sau hôm nay (20/12/2024).',
        reasonEn: 'The signing date must not be after today (2024-12-20).',
      },
    ]);
    // A rehearsal has no "today" to hold it to: its calendar only starts near now.
    expect(validateApprovalOutcome({ ...approve, signingDate: '2025-01-05' }, { year: 2025 })).toEqual([]);
  });

  it('asks an approval given on paper for the day on the paper, and takes comments given on paper as they are', () => {
    const signed = { decision: 'approve', documentNumber: '12/QĐ-UBND', onPaper: true };
    expect(approval(signed)).toEqual([
      expect.objectContaining({
        path: 'signingDate',
        code: 'required',
        reason: expect.stringContaining('trên giấy'),
      }),
    ]);
    expect(approval({ ...signed, signingDate: '2024-01-05' })).toEqual([]);
    // The day on the paper is held to the year like any other.
    expect(approval({ ...signed, signingDate: '2022-01-05' }).map((p) => p.code)).toEqual(['out-of-range']);
    expect(approval({ decision: 'return', comments: 'Bổ sung kế hoạch.', onPaper: true })).toEqual([]);
    expect(approval({ decision: 'return', comments: 'Bổ sung kế hoạch.', onPaper: 'yes' })).toEqual([
      expect.objectContaining({ path: 'onPaper', code: 'invalid-value' }),
    ]);
  });

  it('takes a malformed "given on paper" as a claim, for its schema to name, and only true as given on paper', () => {
    const answers = [{ onPaper: true }, { onPaper: 'yes' }, { onPaper: null }, { onPaper: false }, {}, null];
    expect(answers.map(claimsOnPaper)).toEqual([true, true, true, false, false, false]);
    expect(answers.map(answeredOnPaper)).toEqual([true, false, false, false, false, false]);
  });

  it('refuses a malformed number, a bare return and an unknown decision', () => {
    expect(paths(approval({ decision: 'approve', documentNumber: 'QĐ 123' }))).toEqual(['documentNumber']);
    expect(
      paths(approval({ decision: 'approve', documentNumber: '1/QĐ-UBND', signingDate: '2024-02-30' })),
    ).toEqual(['signingDate']);
    expect(paths(approval({ decision: 'return', comments: ' ' }))).toEqual(['comments']);
    expect(paths(approval({ decision: 'maybe' }))).toEqual(['decision']);
    expect(paths(approval(null))).toEqual(['']);
  });

  it('refuses a signing date outside the year and the one before: the decision is dated by it', () => {
    const signedOn = (signingDate: string) =>
      approval({ decision: 'approve', documentNumber: '1/QĐ-UBND', signingDate });
    // Next year's objectives are often signed in December.
    expect(signedOn('2023-12-20')).toEqual([]);
    expect(signedOn('2024-12-31')).toEqual([]);
    for (const slip of ['2022-12-31', '2025-01-02', '2204-01-15'])
      expect(signedOn(slip)).toEqual([
        {
          path: 'signingDate',
          code: 'out-of-range',
          reason: 'Ngày ký phải thuộc năm 2023 hoặc năm 2024 (năm của mục tiêu).',
          reasonEn: "The signing date must be in 2023 or 2024 (the objectives' year).",
        },
      ]);
  });
});

describe('assignment outcomes', () => {
  const context = { objectiveIds: ['obj-2', 'obj-4'], unitCodes: ['vp-tonghop', 'vp-ttpvhcc'] };

  it('needs every objective given once to a known unit', () => {
    const ok = {
      accepted: true,
      delegations: [
        { objectiveId: 'obj-2', unitCode: 'vp-tonghop' },
        { objectiveId: 'obj-4', unitCode: 'vp-ttpvhcc' },
      ],
    };
    expect(validateAssignmentOutcome(ok, context)).toEqual([]);
    const bad = {
      accepted: true,
      delegations: [
        { objectiveId: 'obj-2', unitCode: 'nowhere' },
        { objectiveId: 'obj-2', unitCode: 'vp-tonghop' },
      ],
    };
    expect(paths(validateAssignmentOutcome(bad, context))).toEqual([
      'delegations[0].unitCode',
      'delegations[1].objectiveId',
      'delegations',
    ]);
  });

  it('lets a unit head pass an objective only to the unit staff', () => {
    const unit = { objectiveIds: ['obj-4'], staffUserIds: ['a'] };
    expect(validateUnitAcceptanceOutcome({ accepted: true }, unit)).toEqual([]);
    expect(
      validateUnitAcceptanceOutcome(
        { accepted: true, staffDelegations: [{ objectiveId: 'obj-4', userId: 'a' }] },
        unit,
      ),
    ).toEqual([]);
    expect(
      paths(
        validateUnitAcceptanceOutcome(
          { accepted: true, staffDelegations: [{ objectiveId: 'obj-4', userId: 'b' }] },
          unit,
        ),
      ),
    ).toEqual(['staffDelegations[0].userId']);
  });
});

describe('measurement report', () => {
  const figures = [
    { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
    { indicatorId: 'obj-4-on-time', numerator: 81, denominator: 100 },
  ];

  it('accepts one figure per indicator with evidence and turns it into measurements', () => {
    const outcome = { figures, evidence: ['BC-03'] };
    expect(validateMeasurementReport(outcome, objective4.indicators, '2024-03')).toEqual([]);
    const measurements = measurementsFromReport(objective4.indicators, outcome, {
      periodKey: '2024-03',
      reportedAt: '2024-04-05T03:00:00.000Z',
      late: false,
    });
    expect(measurements).toEqual([
      expect.objectContaining({
        kind: 'ratio',
        indicatorId: 'obj-4-per-process',
        numerator: 100,
        denominator: 100,
        periodKey: '2024-03',
      }),
      expect.objectContaining({
        kind: 'ratio',
        indicatorId: 'obj-4-on-time',
        numerator: 81,
        denominator: 100,
        evidence: ['BC-03'],
      }),
    ]);
  });

  it('refuses a missing figure, an impossible ratio, an unknown indicator and no evidence', () => {
    expect(
      paths(
        validateMeasurementReport(
          { figures: [figures[0]], evidence: ['x'] },
          objective4.indicators,
          '2024-03',
        ),
      ),
    ).toEqual(['figures[obj-4-on-time].numerator', 'figures[obj-4-on-time].denominator']);
    expect(
      paths(
        validateMeasurementReport(
          { figures: [figures[0], { ...figures[1], numerator: 120 }], evidence: ['x'] },
          objective4.indicators,
          '2024-03',
        ),
      ),
    ).toEqual(['figures[obj-4-on-time].numerator']);
    expect(
      paths(
        validateMeasurementReport(
          { figures: [{ indicatorId: 'obj-9' }], evidence: [] },
          objective4.indicators,
          '2024-03',
        ),
      ),
    ).toEqual(['evidence', 'figures[0].indicatorId']);
  });

  it('names a report without evidence, or with a blank line, once, and still checks its figures', () => {
    expect(paths(validateMeasurementReport({ figures }, objective4.indicators, '2024-03'))).toEqual([
      'evidence',
    ]);
    expect(
      paths(
        validateMeasurementReport(
          { figures: [figures[0], { ...figures[1], numerator: 120 }], evidence: ['BC-03', ' '] },
          objective4.indicators,
          '2024-03',
        ),
      ),
    ).toEqual(['evidence', 'figures[obj-4-on-time].numerator']);
  });

  it('names an impossible ratio together with the missing evidence, so the reporter fixes both at once', () => {
    expect(
      paths(
        validateMeasurementReport(
          { figures: [figures[0], { ...figures[1], numerator: 120 }], evidence: [] },
          objective4.indicators,
          '2024-03',
        ),
      ),
    ).toEqual(['evidence', 'figures[obj-4-on-time].numerator']);
  });
});

describe('internal audit plan', () => {
  const context = {
    auditors: [
      { userId: 'a1', unitCode: 'vp-tonghop' },
      { userId: 'a2', unitCode: 'vp-ttpvhcc' },
    ],
    unitCodes: ['vp-tonghop', 'vp-ttpvhcc'],
    window: { from: '2024-10-01', to: '2024-10-31' },
  };
  const plan = {
    scope: 'HTQLCL',
    criteria: ['TCVN ISO 9001:2015'],
    methods: 'Phỏng vấn',
    from: '2024-10-07',
    to: '2024-10-18',
    steps: [{ id: 's1', unitCode: 'vp-ttpvhcc', process: 'Một cửa', clause: '8.5.1', auditorUserId: 'a1' }],
  };

  it('accepts auditors on other units, inside the audit window', () => {
    expect(validateAuditPlan(plan, context)).toEqual([]);
  });

  it('never lets an auditor audit their own unit', () => {
    const own = { ...plan, steps: [{ ...plan.steps[0], auditorUserId: 'a2' }] };
    expect(validateAuditPlan(own, context)).toEqual([
      expect.objectContaining({ path: 'steps[0].auditorUserId', code: 'inconsistent' }),
    ]);
  });

  it('refuses unknown auditors and units, duplicate steps and dates outside the window', () => {
    const bad = {
      ...plan,
      to: '2024-11-05',
      steps: [plan.steps[0], { ...plan.steps[0], unitCode: 'x', auditorUserId: 'nobody' }],
    };
    expect(paths(validateAuditPlan(bad, context))).toEqual([
      'from',
      'steps[1].id',
      'steps[1].unitCode',
      'steps[1].auditorUserId',
    ]);
  });

  it('needs a finding for a nonconformity and evidence for every sign-off', () => {
    expect(validateAuditStepOutcome({ result: 'conformity', evidence: ['hồ sơ'] })).toEqual([]);
    expect(paths(validateAuditStepOutcome({ result: 'minor-nc', evidence: ['hồ sơ'] }))).toEqual(['finding']);
    expect(paths(validateAuditStepOutcome({ result: 'fine', evidence: [] }))).toEqual(['result', 'evidence']);
    expect(paths(validateAuditStepOutcome({ result: 'major-nc', evidence: [] }))).toEqual([
      'evidence',
      'finding',
    ]);
    expect(paths(validateAuditStepOutcome({ result: 'conformity', evidence: ['x'], finding: '' }))).toEqual(
      [],
    );
  });
});

describe('corrective action and review outcomes', () => {
  it('checks the ISO 10.2 fields and the verification', () => {
    const plan = { correction: 'c', rootCause: 'r', action: 'a', ownerUserId: 'u1', dueDate: '2024-11-15' };
    expect(validateCorrectiveActionPlan(plan, { userIds: ['u1'] })).toEqual([]);
    expect(
      paths(validateCorrectiveActionPlan({ ...plan, rootCause: '', ownerUserId: 'u9' }, { userIds: ['u1'] })),
    ).toEqual(['rootCause', 'ownerUserId']);
    // What the plan rests on is optional, but never a blank item or something other than a list.
    expect(
      validateCorrectiveActionPlan(
        { ...plan, evidence: ['Phiếu hẹn mẫu mới', 'evidence:f1'] },
        { userIds: ['u1'] },
      ),
    ).toEqual([]);
    expect(paths(validateCorrectiveActionPlan({ ...plan, evidence: ['  '] }, { userIds: ['u1'] }))).toEqual([
      'evidence',
    ]);
    expect(paths(validateCorrectiveActionPlan({ ...plan, evidence: 'BB-01' }, { userIds: ['u1'] }))).toEqual([
      'evidence',
    ]);
    expect(validateVerificationOutcome({ effective: false, notes: 'Chưa hiệu lực' })).toEqual([]);
    expect(
      validateVerificationOutcome({ effective: true, notes: 'Đã kiểm tra', evidence: ['evidence:f2'] }),
    ).toEqual([]);
    expect(
      paths(validateVerificationOutcome({ effective: true, notes: 'Đã kiểm tra', evidence: [''] })),
    ).toEqual(['evidence']);
    expect(paths(validateVerificationOutcome({ effective: 'yes', notes: '' }))).toEqual([
      'effective',
      'notes',
    ]);
  });

  it('checks the 9.3.3 outputs and the actions', () => {
    const review = {
      minutesRef: 'BB-01',
      outputs: { improvementOpportunities: [], qmsChanges: [], resourceNeeds: [] },
      actions: [{ title: 't', ownerUnitCode: 'vp-tonghop', dueDate: '2025-06-30' }],
    };
    expect(validateManagementReviewOutcome(review, { unitCodes: ['vp-tonghop'] })).toEqual([]);
    expect(
      paths(
        validateManagementReviewOutcome(
          { ...review, outputs: {}, actions: [{ title: 't', ownerUnitCode: 'x', dueDate: '' }] },
          { unitCodes: ['vp-tonghop'] },
        ),
      ),
    ).toEqual([
      'outputs.improvementOpportunities',
      'outputs.qmsChanges',
      'outputs.resourceNeeds',
      'actions[0].ownerUnitCode',
      'actions[0].dueDate',
    ]);
  });

  it('gives each action an owner on the roster and a due date not before the review', () => {
    const context = { unitCodes: ['vp-tonghop'], userIds: ['u-head', 'u-staff'], reviewDate: '2024-12-16' };
    const action = { title: 't', ownerUnitCode: 'vp-tonghop', dueDate: '2025-06-30' };
    const review = (actions: unknown[]) => ({
      minutesRef: 'BB-01',
      outputs: { improvementOpportunities: [], qmsChanges: [], resourceNeeds: [] },
      actions,
    });
    expect(
      validateManagementReviewOutcome(review([action, { ...action, ownerUserId: 'u-staff' }]), context),
    ).toEqual([]);
    const problems = validateManagementReviewOutcome(
      review([
        { ...action, ownerUserId: 'someone-else' },
        { ...action, dueDate: '2024-12-15' },
      ]),
      context,
    );
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['actions[0].ownerUserId', 'unknown-reference'],
      ['actions[1].dueDate', 'invalid-value'],
    ]);
    expect(paths(validateManagementReviewOutcome(review(Array(21).fill(action)), context))).toEqual([
      'actions',
    ]);
  });

  it("holds the meeting's day to the year and today, and asks minutes entered from paper for it", () => {
    const minutes = {
      minutesRef: 'BB-01',
      outputs: { improvementOpportunities: [], qmsChanges: [], resourceNeeds: [] },
      actions: [],
    };
    const real = { unitCodes: [], year: 2024, today: '2024-12-20' };
    const heldOn = (day: string, context: Parameters<typeof validateManagementReviewOutcome>[1] = real) =>
      validateManagementReviewOutcome({ ...minutes, heldOn: day }, context).map((p) => [p.path, p.code]);
    expect(heldOn('2024-12-16')).toEqual([]);
    expect(heldOn('2024-12-21')).toEqual([['heldOn', 'out-of-range']]);
    expect(heldOn('2023-12-16')).toEqual([['heldOn', 'out-of-range']]);
    expect(heldOn('2024-12-32')).toEqual([['heldOn', 'invalid-format']]);
    // A review may meet in January, before the close; a rehearsal has no today to hold it to.
    expect(heldOn('2025-01-08', { unitCodes: [], year: 2024 })).toEqual([]);
    // Without it the day they are entered dates them; entered from paper, it must be given.
    expect(validateManagementReviewOutcome(minutes, real)).toEqual([]);
    expect(validateManagementReviewOutcome({ ...minutes, onPaper: true }, real)).toEqual([
      expect.objectContaining({
        path: 'heldOn',
        code: 'required',
        reason: expect.stringContaining('trên giấy'),
      }),
    ]);
    expect(
      validateManagementReviewOutcome({ ...minutes, onPaper: true, heldOn: '2024-12-16' }, real),
    ).toEqual([]);
  });

  it('takes the owner’s report on a review action: done or not, with a note', () => {
    expect(validateReviewActionOutcome({ done: false, note: 'Chưa có kinh phí.' })).toEqual([]);
    expect(paths(validateReviewActionOutcome({ done: 'yes', note: '' }))).toEqual(['done', 'note']);
  });
});
