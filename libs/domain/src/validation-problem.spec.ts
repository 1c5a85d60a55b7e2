import type { CycleCalendar } from './cycle-calendar';
import {
  defaultCycleCalendar,
  realStartProblems,
  validateCycleCalendar,
  validateCycleDatesMove,
} from './cycle-calendar';
import type { CycleDraft } from './cycle-draft';
import { validateCycleDraft } from './cycle-draft-validation';
import type { Measurement } from './measurement';
import { validateMeasurement } from './measurement';
import { checkMeasurementCorrection } from './measurement-correction';
import { validateNonconformityRequest } from './nonconformity';
import { defaultCalendarSettings, validateCalendarSettings } from './organisation-calendar';
import { checkPaperReport } from './paper-report';
import { TASK_OUTCOME_SCHEMAS } from './task-outcome-schemas';
import type { OutcomeSchema } from './task-outcome-schemas/schema-kit';
import {
  TASK_KINDS,
  validateApprovalOutcome,
  validateAssignmentOutcome,
  validateAuditPlan,
  validateAuditStepOutcome,
  validateManagementReviewOutcome,
  validateMeasurementReport,
  validateUnitAcceptanceOutcome,
} from './task-outcomes';
import { checkOutcomeShape } from './task-outcome-schemas/shape-check';
import { loadTemplate } from './templates/template-registry';
import type { ValidationProblem } from './validation-problem';
import { ProblemList, problemInLanguage } from './validation-problem';

/** Letters of Vietnamese that English never writes (the document symbol QĐ aside, a proper name). */
const VIETNAMESE_LETTERS = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;
const withoutSymbols = (text: string) => text.replace(/QĐ-/gu, '');

/** Every problem has a Vietnamese reason and a plain English one (no Vietnamese letters). */
function expectBothLanguages(problems: readonly ValidationProblem[]): void {
  for (const problem of problems) {
    expect({ path: problem.path, vi: problem.reason.trim().length > 0 }).toEqual({
      path: problem.path,
      vi: true,
    });
    expect({ path: problem.path, en: problem.reasonEn }).toEqual({
      path: problem.path,
      en: expect.stringMatching(/^[A-Z]/u),
    });
    expect({ path: problem.path, en: VIETNAMESE_LETTERS.test(withoutSymbols(problem.reasonEn)) }).toEqual({
      path: problem.path,
      en: false,
    });
  }
}

const kontum = (): CycleDraft => loadTemplate('kontum-2024');
const objective4 = () => kontum().objectives.find((o) => o.id === 'obj-4')!;

/** Inputs that break as many rules as each validator has, so each of its reasons is said. */
const REFUSED: [string, () => ValidationProblem[]][] = [
  [
    'a cycle draft wrong everywhere',
    () => {
      const d = kontum();
      d.organisation.code = 'Bad Code';
      d.organisation.name = { vi: '', en: '' };
      d.organisation.units[1].code = d.organisation.units[0].code;
      d.organisation.units[2].code = 'Bad';
      d.organisation.units[2].name = { vi: ' ', en: '' };
      d.year = 1999;
      d.scope = { vi: '', en: '' };
      d.standard = '';
      d.legalBases = [''];
      d.qualityRepresentativeTitle = '';
      d.recipients = [''];
      d.signer = { ...d.signer, name: '', title: '', signingMode: 'KT.', onBehalfOfTitle: '' };
      const [first, second, third, fourth] = d.objectives;
      first.number = 9;
      first.id = 'Bad Id';
      first.title = { vi: '', en: '' };
      (first as { frequency: string }).frequency = 'daily';
      first.ownerUnitCode = '';
      first.plan = { what: '', resources: '', who: '', when: '', howEvaluated: '' };
      second.ownerUnitCode = 'nowhere';
      second.id = third.id;
      third.indicators = [];
      const [ratio, other] = fourth.indicators as unknown as Record<string, unknown>[];
      Object.assign(ratio, {
        id: other.id,
        label: { vi: '', en: '' },
        numeratorLabel: { vi: '', en: '' },
        denominatorLabel: { vi: '', en: '' },
        pendingOverdueLabel: { vi: '', en: '' },
        unit: 'x',
        target: { comparator: '~', value: 150 },
        sameCasesAs: 'nothing',
      });
      Object.assign(other, { target: { comparator: '>', value: 100 } });
      const drafts = [d, { ...kontum(), legalBases: [], recipients: [], objectives: [] }];
      const more = kontum();
      const ratios = more.objectives[3].indicators as unknown as Record<string, unknown>[];
      Object.assign(ratios[0], { target: { comparator: '>=', value: 99.123 } });
      Object.assign(ratios[1], { kind: 'nonsense' });
      Object.assign(more.objectives[0].indicators[0], {
        kind: 'count',
        unit: '%',
        target: { comparator: '>=', value: -1 },
      });
      more.signer = { ...more.signer, signingMode: 'XX' as never };
      drafts.push(more);
      const assessed = kontum();
      const assessment = assessed.objectives
        .flatMap((o) => o.indicators)
        .find((indicator) => indicator.kind === 'judged') as unknown as Record<string, unknown> | undefined;
      if (assessment) Object.assign(assessment, { criteria: [] });
      drafts.push(assessed);
      const nonNumeric = kontum();
      Object.assign(nonNumeric.objectives[0].indicators[0], { target: { comparator: '>=', value: 'x' } });
      drafts.push(nonNumeric);
      return drafts.flatMap(validateCycleDraft);
    },
  ],
  [
    'a calendar wrong everywhere',
    () => {
      const base = defaultCycleCalendar(2024);
      const broken: CycleCalendar[] = [
        {
          ...base,
          year: 1999,
          timezone: 'UTC' as never,
          monitoring: { dueWorkingDaysAfterPeriodEnd: 99, dueTime: '25', periodCutOffDay: 40 },
          reminderBeforeDueDays: -1,
          escalationAfterDueDays: { unitHead: 0, qualityRepresentative: 0 },
          notificationTime: 'x',
          publicHolidays: ['bad'],
          startOfYear: {
            approvalWorkingDays: 0,
            assignmentAcceptanceWorkingDays: 5,
            unitAcceptanceWorkingDays: 5,
            reminderBeforeDueDays: -1,
            escalationAfterDueDays: 0,
          },
          auditWindow: { from: 'x', to: '2024-10-01' },
        },
        {
          ...base,
          auditWindow: { from: '2025-10-20', to: '2025-10-01' },
          managementReviewDate: '2024-09-01',
          closeDate: '2024-08-01',
          startOfYear: {
            approvalWorkingDays: 5,
            assignmentAcceptanceWorkingDays: 5,
            unitAcceptanceWorkingDays: 5,
            reminderBeforeDueDays: 9,
            escalationAfterDueDays: 3,
          },
        },
        { ...base, closeDate: '2024-12-31', startOfYear: 'x' as never },
      ];
      return [
        ...broken.flatMap(validateCycleCalendar),
        ...realStartProblems(base, '2025-12-01'),
        ...realStartProblems(base, '2024-12-30'),
        ...validateCycleDatesMove(base, { reason: '' }),
        ...validateCycleDatesMove(
          base,
          {
            reason: 'r',
            auditWindow: { from: '2024-06-01', to: '2024-06-10' },
            managementReviewDate: '2024-06-20',
          },
          '2024-07-01',
        ),
      ];
    },
  ],
  [
    "an organisation's calendar wrong everywhere",
    () => {
      const settings = defaultCalendarSettings(2024);
      return validateCalendarSettings(2024, {
        ...settings,
        managementReviewDate: '2024-12-14',
        closeDate: '2025-04-05',
        auditWindow: { from: '2023-10-01', to: '2024-10-10' },
        addedHolidays: [
          { date: '2024-07-01', name: '' },
          { date: '2024-07-01', name: 'again' },
          { date: '2024-09-02', name: 'official' },
          { date: '2030-01-01', name: 'far' },
          { date: '2024-08-01', name: 'both' },
        ],
        removedHolidays: [
          { date: '2024-07-02', name: 'not official' },
          { date: '2024-08-01', name: 'both' },
        ],
      });
    },
  ],
  [
    'figures wrong everywhere',
    () => {
      const [perProcess, onTime] = objective4().indicators;
      const count = kontum()
        .objectives.flatMap((o) => o.indicators)
        .find((indicator) => indicator.kind === 'count');
      const assessment = kontum()
        .objectives.flatMap((o) => o.indicators)
        .find((indicator) => indicator.kind === 'judged');
      const wrong = {
        indicatorId: 'other',
        kind: 'count',
        periodKey: '2024-13',
        reportedAt: 'yesterday',
        evidence: [''],
      } as unknown as Measurement;
      // A whole ratio report of `indicator` (objective 4's on-time share unless said), changed by `m`.
      const ratio = (m: Record<string, unknown>, indicator = onTime) =>
        validateMeasurement(indicator, {
          indicatorId: indicator.id,
          kind: 'ratio',
          periodKey: '2024-03',
          reportedAt: '2024-04-05T09:00:00+07:00',
          late: false,
          evidence: ['x'],
          numerator: 1,
          denominator: 2,
          ...m,
        } as unknown as Measurement);
      return [
        ...validateMeasurement(onTime, wrong),
        ...validateMeasurement(perProcess, { ...wrong, indicatorId: perProcess.id, kind: 'ratio' } as never),
        ...ratio({ numerator: -1, denominator: 1.5, late: undefined, evidence: undefined }),
        ...ratio({ numerator: 3, denominator: 2 }),
        ...ratio({ numerator: 3, denominator: 0 }),
        ...ratio({ pendingOverdue: -1 }),
        ...ratio({ pendingOverdue: 1 }, perProcess),
        ...(count
          ? validateMeasurement(count, { indicatorId: count.id, kind: 'count', value: -2 } as never)
          : []),
        ...(assessment
          ? [
              ...validateMeasurement(assessment, { indicatorId: assessment.id, kind: 'judged' } as never),
              ...validateMeasurement(assessment, {
                indicatorId: assessment.id,
                kind: 'judged',
                achieved: true,
                evidence: [],
              } as never),
            ]
          : []),
        ...validateMeasurementReport(
          {
            figures: [
              { indicatorId: perProcess.id, numerator: 1, denominator: 5, pendingOverdue: 1 },
              { indicatorId: onTime.id, numerator: 1, denominator: 4, pendingOverdue: 2 },
              { indicatorId: 'elsewhere', numerator: 1, denominator: 2 },
            ],
            evidence: ['x'],
          },
          objective4().indicators,
          '2024-03',
        ),
        ...((
          checkMeasurementCorrection(
            {
              actorUserId: 'u',
              periodKey: '2024-03',
              reason: '',
              figures: [{ indicatorId: onTime.id, numerator: 1, denominator: 2 }] as never,
            },
            {
              indicators: [onTime],
              periodKeys: ['2024-03'],
              reporterUserId: 'u',
              unitHeadUserId: 'h',
              unitCode: 'u',
              currentFigures: [{ indicatorId: onTime.id, numerator: 1, denominator: 2 }] as never,
              yearClosed: false,
            },
          ) as { problems?: ValidationProblem[] } | undefined
        )?.problems ?? []),
      ];
    },
  ],
  [
    'a paper report where none is taken, or dated out of bounds',
    () => {
      const problems = new ProblemList();
      checkPaperReport({ date: '2024-04-02', reference: '1/BC' }, undefined, 'paper', problems);
      const context = { periodEnd: '2024-03-31', today: '2024-04-10', openedAfterDue: true };
      checkPaperReport({ date: '2024-05-02', reference: '1/BC' }, context, 'paper', problems);
      checkPaperReport({ date: '2024-03-02', reference: '1/BC' }, context, 'paper', problems);
      return problems.problems;
    },
  ],
  [
    'a nonconformity wrong everywhere',
    () =>
      validateNonconformityRequest(
        {
          source: 'gossip',
          description: '',
          unitCode: 'nowhere',
          severity: 'huge',
          verifierUserId: 'nobody',
        },
        { unitCodes: ['vp-tonghop'], userIds: ['u'] },
      ).concat(validateNonconformityRequest({}, { unitCodes: [], userIds: [] })),
  ],
  [
    'task answers wrong everywhere',
    () => [
      ...TASK_KINDS.flatMap((kind) => [...checkOutcomeShape(kind, null), ...checkOutcomeShape(kind, {})]),
      ...validateApprovalOutcome(
        { decision: 'approve', documentNumber: '1/QĐ-UBND', signingDate: '2030-01-01' },
        { year: 2024 },
      ),
      ...validateApprovalOutcome(
        { decision: 'approve', documentNumber: '1/QĐ-UBND', signingDate: '2024-06-01' },
        { year: 2024, today: '2024-01-01' },
      ),
      ...validateAssignmentOutcome(
        {
          accepted: true,
          delegations: [
            { objectiveId: 'obj-9', unitCode: 'nowhere' },
            { objectiveId: 'obj-9', unitCode: 'vp-tonghop' },
          ],
        },
        { objectiveIds: ['obj-9', 'obj-2'], unitCodes: ['vp-tonghop'] },
      ),
      ...validateAssignmentOutcome(
        { accepted: true, delegations: [{ objectiveId: 'obj-7', unitCode: 'vp-tonghop' }] },
        { objectiveIds: ['obj-2'], unitCodes: ['vp-tonghop'] },
      ),
      ...validateUnitAcceptanceOutcome(
        { accepted: true, staffDelegations: [{ objectiveId: 'obj-1', userId: 'b' }] },
        { objectiveIds: ['obj-4'], staffUserIds: ['a'] },
      ),
      ...validateAuditPlan(
        {
          scope: 's',
          criteria: ['c'],
          methods: 'm',
          from: '2024-10-20',
          to: '2024-10-07',
          steps: [
            { id: 's1', unitCode: 'x', process: 'p', clause: '8.5.1', auditorUserId: 'nobody' },
            { id: 's1', unitCode: 'vp-tonghop', process: 'p', clause: '8.5.1', auditorUserId: 'a1' },
          ],
        },
        {
          auditors: [{ userId: 'a1', unitCode: 'vp-tonghop' }],
          unitCodes: ['vp-tonghop'],
          window: { from: '2024-10-10', to: '2024-10-31' },
        },
      ),
      ...validateAuditStepOutcome({ result: 'minor-nc', evidence: ['e'] }),
      ...validateManagementReviewOutcome(
        {
          minutesRef: 'BB-01',
          outputs: { improvementOpportunities: [], qmsChanges: [], resourceNeeds: [] },
          actions: [
            ...Array.from({ length: 60 }, () => ({
              title: 't',
              ownerUnitCode: 'vp-tonghop',
              dueDate: '2025-01-10',
            })),
            { title: 't', ownerUnitCode: 'x', ownerUserId: 'nobody', dueDate: '2024-12-01' },
          ],
        },
        { unitCodes: ['vp-tonghop'], userIds: ['u'], reviewDate: '2024-12-16' },
      ),
    ],
  ],
];

describe('every refusal says its reasons in Vietnamese and English', () => {
  it.each(REFUSED)('%s', (_, refused) => {
    const problems = refused();
    expect(problems.length).toBeGreaterThan(0);
    expectBothLanguages(problems);
  });

  it('says many different reasons, so the table above reaches the rules', () => {
    const reasons = new Set(REFUSED.flatMap(([, refused]) => refused().map((problem) => problem.reasonEn)));
    expect(reasons.size).toBeGreaterThan(100);
  });

  it("gives every field of every task answer's schema its reason in both languages", () => {
    const walk = (schema: OutcomeSchema, at: string): [string, { reason: string; reasonEn: string }][] => [
      ...(schema['x-problem']
        ? [[at, schema['x-problem']] as [string, { reason: string; reasonEn: string }]]
        : []),
      ...Object.entries(schema.properties ?? {}).flatMap(([name, child]) => walk(child, `${at}.${name}`)),
      ...(schema.oneOf ?? []).flatMap((branch, i) => walk(branch, `${at}|${i}`)),
      ...(schema.items ? walk(schema.items, `${at}[]`) : []),
    ];
    const reasons = Object.entries(TASK_OUTCOME_SCHEMAS).flatMap(([kind, schema]) => walk(schema, kind));
    expect(reasons.length).toBeGreaterThan(50);
    expectBothLanguages(
      reasons.map(([path, { reason, reasonEn }]) => ({ path, code: 'required', reason, reasonEn })),
    );
  });
});

describe('problemInLanguage', () => {
  const problem: ValidationProblem = {
    path: 'notes',
    code: 'required',
    reason: 'Phải ghi nhận xét kiểm tra.',
    reasonEn: 'Write the verification notes.',
  };

  it('answers { path, code, reason } in the language asked, Vietnamese unless English', () => {
    expect(problemInLanguage(problem, 'vi')).toEqual({
      path: 'notes',
      code: 'required',
      reason: 'Phải ghi nhận xét kiểm tra.',
    });
    expect(problemInLanguage(problem, 'en')).toEqual({
      path: 'notes',
      code: 'required',
      reason: 'Write the verification notes.',
    });
  });

  it('keeps the Vietnamese reason of a problem that has no English one', () => {
    const { reasonEn: _, ...older } = problem;
    expect(problemInLanguage(older, 'en').reason).toBe('Phải ghi nhận xét kiểm tra.');
  });
});
