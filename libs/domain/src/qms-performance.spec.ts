import { processPerformanceByUnit, qmsPerformance } from './qms-performance';

const task = (
  id: string,
  unitCode: string | null,
  status: string,
  facts: { late?: boolean; escalationLevel?: string; urgedAt?: string; kind?: string } = {},
) => ({
  id,
  kind: facts.kind ?? 'measurement-report',
  unitCode,
  status,
  late: facts.late ?? false,
  escalationLevel: facts.escalationLevel ?? 'none',
  urgedAt: facts.urgedAt ?? null,
});

describe("the year's tasks by unit (ISO 9.3.2 c 3)", () => {
  const tasks = [
    task('t1', 'vp-ttpvhcc', 'completed'),
    task('t2', 'vp-ttpvhcc', 'completed', { late: true, escalationLevel: 'unit-head' }),
    task('t3', 'vp-ttpvhcc', 'open', {
      escalationLevel: 'quality-representative',
      urgedAt: '2024-03-04T02:00:00.000Z',
    }),
    // Reported on paper on time, entered late: on time by the paper's day.
    task('t4', 'vp-tonghop', 'completed', { late: true }),
    task('t5', 'vp-tonghop', 'cancelled'),
    task('t6', 'vp-tonghop', 'resolved'),
    task('t7', null, 'completed', { late: true }),
    task('t8', 'vp-hcth', 'open'),
    // An auditor's step in the unit it audits, and a verification of its corrective action: the
    // auditors' work, late through the auditor, not the unit.
    task('t9', 'vp-hcth', 'completed', { kind: 'audit-step', late: true }),
    task('t10', 'vp-hcth', 'open', { kind: 'corrective-action-verification', escalationLevel: 'unit-head' }),
    // The Quality Representative's proposal to open a nonconformity on the unit's objective: theirs.
    task('t11', 'vp-hcth', 'open', { kind: 'nonconformity-proposal' }),
  ];
  const paperReports = [{ taskId: 't4', late: false }];

  it('count each unit’s tasks given, done, done late, escalated and urged; those of no unit’s work (the auditors’ among them) last', () => {
    expect(processPerformanceByUnit({ tasks, paperReports })).toEqual([
      {
        unitCode: 'vp-hcth',
        tasksGiven: 1,
        tasksCompleted: 0,
        tasksCompletedLate: 0,
        tasksEscalated: 0,
        tasksUrged: 0,
      },
      {
        unitCode: 'vp-tonghop',
        tasksGiven: 1,
        tasksCompleted: 1,
        tasksCompletedLate: 0,
        tasksEscalated: 0,
        tasksUrged: 0,
      },
      {
        unitCode: 'vp-ttpvhcc',
        tasksGiven: 3,
        tasksCompleted: 2,
        tasksCompletedLate: 1,
        tasksEscalated: 2,
        tasksUrged: 1,
      },
      {
        unitCode: null,
        tasksGiven: 4,
        tasksCompleted: 2,
        tasksCompletedLate: 2,
        tasksEscalated: 1,
        tasksUrged: 0,
      },
    ]);
  });

  it("add up to the year's own figures", () => {
    const units = processPerformanceByUnit({ tasks, paperReports });
    const year = qmsPerformance({ tasks, paperReports, correctiveActions: [], audits: [], auditSteps: [] });
    const sum = (key: 'tasksCompleted' | 'tasksCompletedLate' | 'tasksEscalated') =>
      units.reduce((total, unit) => total + unit[key], 0);
    expect({
      tasksCompleted: sum('tasksCompleted'),
      tasksCompletedLate: sum('tasksCompletedLate'),
      tasksEscalated: sum('tasksEscalated'),
    }).toEqual(year.processPerformance);
  });

  it('list no unit for a year without tasks', () => {
    expect(processPerformanceByUnit({ tasks: [], paperReports: [] })).toEqual([]);
  });
});
