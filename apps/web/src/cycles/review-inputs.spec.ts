import type { ManagementReviewInputs } from '../../../../activities/src/quality-records.activities';
import { catalogues } from '../i18n/catalogues';
import {
  figuresWithTrendOf,
  HIDDEN_REVIEW_KEYS,
  isDate,
  isMachineWord,
  referenceOf,
  onTimeShare,
  unitPerformanceOf,
} from './components/review-input-words';

/**
 * The review inputs of a second year, as compileReviewInputs writes them (its type checks this
 * shape): last year's review actions as next year's draft carries them, last year's corrective
 * actions not closed at its close, each objective's standing with its indicators, the audit's
 * step results, the Quality Representative's preparation and notes.
 */
const secondYear: ManagementReviewInputs = {
  previousActions: {
    status: 'carried-over',
    items: [
      {
        actionId: 'quality-cycle/kt/2024/review/action/1',
        title: 'Số hóa phiếu kiểm soát quá trình',
        ownerUnitCode: 'vp-kiemsoat-tthc',
        ownerUserId: 'u-lan',
        dueDate: '2025-06-30',
        status: 'done',
        note: 'Đã đưa phiếu lên hệ thống một cửa điện tử',
        evidence: ['evidence:0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b', 'BC-12/2024'],
        reportedBy: 'u-lan',
        reportedAt: '2024-12-20T03:00:00.000Z',
      },
      {
        actionId: 'quality-cycle/kt/2024/review/action/2',
        title: 'Bổ sung máy quét',
        ownerUnitCode: 'vp-hanhchinh-tochuc',
        ownerUserId: 'u-head',
        dueDate: '2024-12-31',
        status: 'not-done',
        carriedForward: true,
      },
      {
        actionId: 'quality-cycle/kt/2024/review/action/3',
        title: 'Đào tạo chuyên gia đánh giá',
        ownerUnitCode: 'vp-tonghop',
        ownerUserId: 'u-nam',
        dueDate: '2024-12-31',
        status: 'open',
        carriedForward: true,
      },
    ],
  },
  previousCorrectiveActions: {
    status: 'carried-over',
    items: (['open', 'planned'] as const).map((status, index) => ({
      correctiveActionId: `quality-cycle/kt/2024/audit/ca/s${index + 1}`,
      cycleId: 'kt-2024',
      unitCode: 'vp-kiemsoat-tthc',
      severity: index === 0 ? 'minor-nc' : 'major-nc',
      finding: 'Phiếu kiểm soát thiếu thời điểm chuyển bước',
      action: status === 'planned' ? 'Cập nhật mẫu phiếu' : null,
      ownerUserId: status === 'planned' ? 'u-lan' : null,
      dueDate: status === 'planned' ? '2025-01-15' : null,
      rounds: 1,
      status,
    })),
  },
  objectiveResults: [
    {
      objectiveId: 'obj-4',
      number: 4,
      status: 'at-risk',
      final: false,
      indicators: [
        {
          indicatorId: 'obj-4-on-time',
          status: 'at-risk',
          final: false,
          value: { kind: 'ratio', numerator: 90, denominator: 95, percent: 94.7 },
          periodsDue: 10,
          periodsReported: 9,
          periodsMissing: 1,
          lateReports: 1,
          reasons: ['periods-missing', 'target-not-met', 'target-unreachable'],
        },
      ],
      earlierYears: [
        {
          year: 2024,
          result: 'not-achieved',
          indicators: [
            {
              indicatorId: 'obj-4-on-time',
              value: { kind: 'ratio', numerator: 780, denominator: 1000, percent: 78 },
            },
          ],
        },
      ],
    },
    {
      objectiveId: 'obj-1',
      number: 1,
      status: 'not-measured',
      final: false,
      indicators: [
        {
          indicatorId: 'obj-1-qms',
          status: 'not-measured',
          final: false,
          periodsDue: 0,
          periodsReported: 0,
          periodsMissing: 0,
          lateReports: 0,
          reasons: ['no-measurements'],
        },
      ],
      judgedAtReview: true,
    },
  ],
  changesInIssues: 'Luật Đất đai 2024 có hiệu lực từ 01/8/2024',
  objectives: [{ objectiveId: 'obj-4', periodsReported: 9, lateReports: 1 }],
  processPerformance: { tasksCompleted: 40, tasksCompletedLate: 2, tasksEscalated: 1 },
  processPerformanceByUnit: [
    {
      unitCode: 'vp-ttpvhcc',
      tasksGiven: 30,
      tasksCompleted: 28,
      tasksCompletedLate: 2,
      tasksEscalated: 1,
      tasksUrged: 3,
    },
    {
      unitCode: null,
      tasksGiven: 12,
      tasksCompleted: 12,
      tasksCompletedLate: 0,
      tasksEscalated: 0,
      tasksUrged: 0,
    },
  ],
  nonconformitiesAndCorrectiveActions: { total: 2, closed: 1, open: 1 },
  monitoringResults: { measurements: 30 },
  auditResults: {
    audits: 1,
    closed: 1,
    steps: (['conformity', 'observation', 'minor-nc', 'major-nc', null] as const).map((result) => ({
      result,
      count: 1,
    })),
  },
  customerSatisfaction: 'Khảo sát 120 phiếu: 96% hài lòng',
  externalProviders: 'Bưu điện tỉnh trả kết quả đúng hẹn',
  resources: 'Thiếu một máy quét',
  risksAndOpportunities: 'Nhắc hạn tự động đã giảm trễ hạn',
  improvementOpportunities: ['Số hóa hồ sơ lưu trữ'],
  entered: { status: 'entered', enteredBy: 'u-qmr', enteredAt: '2025-12-06T03:00:00.000Z' },
  notes: { auditResults: 'Điểm không phù hợp đã khắc phục', objectiveResults: 'Mục tiêu 4 có nguy cơ' },
};

/**
 * What the review page would show as written, walking the inputs as it does (ValueView): each key
 * it shows needs a `reviewInput` label, each machine word a `reviewValue` label, in both languages.
 */
function unlabelled(value: unknown, language: 'vi' | 'en', found = new Set<string>()): Set<string> {
  const { reviewInput, reviewValue } = catalogues[language].cycles as unknown as Record<
    'reviewInput' | 'reviewValue',
    Record<string, string>
  >;
  if (typeof value === 'string') {
    if (!isDate(value) && !value.startsWith('evidence:') && isMachineWord(value) && !reviewValue[value])
      found.add(`value ${value}`);
  } else if (Array.isArray(value)) {
    for (const item of value) unlabelled(item, language, found);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (HIDDEN_REVIEW_KEYS.has(key)) continue;
      if (!reviewInput[key]) found.add(`key ${key}`);
      if (!(typeof item === 'string' && referenceOf(key))) unlabelled(item, language, found);
    }
  }
  return found;
}

describe("the review page's words for a second year's review inputs", () => {
  it.each(['vi', 'en'] as const)('labels every key it shows and every machine word in %s', (language) => {
    expect([...unlabelled(secondYear, language)]).toEqual([]);
  });

  it('names the objectives, indicators, units and people the inputs refer to, and hides the record ids', () => {
    expect(
      [
        'objectiveId',
        'indicatorId',
        'unitCode',
        'ownerUnitCode',
        'ownerUserId',
        'reportedBy',
        'enteredBy',
      ].map(referenceOf),
    ).toEqual(['objective', 'indicator', 'unit', 'unit', 'person', 'person', 'person']);
    expect(['actionId', 'correctiveActionId', 'cycleId'].every((key) => HIDDEN_REVIEW_KEYS.has(key))).toBe(
      true,
    );
    expect(referenceOf('title')).toBeUndefined();
  });
});

describe('the review inputs shown with their trend (figures beside earlier years)', () => {
  it('takes figures that carry earlier years, as the engine compiles them, each earlier year by its own', () => {
    const audits: ManagementReviewInputs['auditResults'] = {
      ...secondYear.auditResults,
      earlierYears: [{ year: 2023, audits: 1, closed: 0, steps: [] }],
    };
    expect(figuresWithTrendOf(audits)).toEqual({
      figures: [
        ['audits', 1],
        ['closed', 1],
        ['steps', secondYear.auditResults.steps],
      ],
      earlierYears: [{ year: 2023, figures: { audits: 1, closed: 0, steps: [] } }],
    });
    const performance: ManagementReviewInputs['processPerformance'] = {
      ...secondYear.processPerformance,
      earlierYears: [{ year: 2023, tasksCompleted: 38, tasksCompletedLate: 3, tasksEscalated: 2 }],
    };
    expect(figuresWithTrendOf(performance)?.figures.map(([key]) => key)).toEqual([
      'tasksCompleted',
      'tasksCompletedLate',
      'tasksEscalated',
    ]);
  });

  it('leaves to the generic view what has no earlier year, or holds more than figures', () => {
    expect(figuresWithTrendOf(secondYear.processPerformance)).toBeUndefined();
    expect(figuresWithTrendOf({ total: 2, earlierYears: [] })).toBeUndefined();
    expect(figuresWithTrendOf({ status: 'none', items: [], earlierYears: [{ year: 2023 }] })).toBeUndefined();
    expect(figuresWithTrendOf({ total: 2, earlierYears: [{ total: 1 }] })).toBeUndefined();
    expect(figuresWithTrendOf([{ year: 2023 }])).toBeUndefined();
  });
});

describe("the review's tasks by unit", () => {
  it('takes the rows the engine compiles, the tasks of no unit included', () => {
    expect(unitPerformanceOf(secondYear.processPerformanceByUnit)).toEqual(
      secondYear.processPerformanceByUnit,
    );
    expect(unitPerformanceOf([])).toEqual([]);
  });

  it('leaves to the generic view a list whose rows lack a figure or name no unit', () => {
    const [row] = secondYear.processPerformanceByUnit;
    const { tasksUrged: _left, ...withoutUrged } = row;
    expect(unitPerformanceOf([withoutUrged])).toBeUndefined();
    expect(unitPerformanceOf([{ ...row, unitCode: 7 }])).toBeUndefined();
    expect(unitPerformanceOf({ rows: [row] })).toBeUndefined();
  });
});

describe("a unit's share of tasks done on time", () => {
  const unit = (tasksCompleted: number, tasksCompletedLate: number) => ({
    unitCode: 'vp-ttpvhcc',
    tasksGiven: tasksCompleted + 2,
    tasksCompleted,
    tasksCompletedLate,
    tasksEscalated: 0,
    tasksUrged: 0,
  });

  it('is of the tasks done, to two decimals, and none before any is done', () => {
    expect(onTimeShare(unit(22, 1))).toBe(95.45);
    expect(onTimeShare(unit(3, 0))).toBe(100);
    expect(onTimeShare(unit(4, 4))).toBe(0);
    expect(onTimeShare(unit(0, 0))).toBeNull();
  });
});
