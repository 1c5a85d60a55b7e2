/**
 * The figures of a year's quality management system the management review considers besides its
 * objectives (ISO 9.3.2 c 3, c 4 and c 6), counted from the year's records, and the same figures of
 * the organisation's earlier years for their trend ("including trends in…").
 */

import { unitOfWork } from './task-oversight';

/** c 3: process performance, as the year's tasks show it. */
export interface ProcessPerformance {
  tasksCompleted: number;
  /** Completed after their due time (a report made on paper counts by the paper's day). */
  tasksCompletedLate: number;
  /** Escalated to someone above the assignee at least once. */
  tasksEscalated: number;
}

/** c 4: nonconformities and their corrective actions. */
export interface NonconformityFigures {
  total: number;
  closed: number;
  open: number;
}

/** c 6: internal audits and what their steps found. */
export interface AuditFigures {
  audits: number;
  closed: number;
  steps: { result: string | null; count: number }[];
}

export interface QmsPerformance {
  processPerformance: ProcessPerformance;
  nonconformitiesAndCorrectiveActions: NonconformityFigures;
  auditResults: AuditFigures;
}

/** The same figures in an earlier year, for the trend. */
export type EarlierYear<T> = T & { year: number };

/** A year's records, only what the figures need. */
export interface QmsRecords {
  tasks: readonly { id: string; status: string; late: boolean; escalationLevel: string }[];
  /** Measurements reported on paper (`paperReportDate` set): their task is late by the paper's day. */
  paperReports: readonly { taskId: string | null; late: boolean }[];
  correctiveActions: readonly { status: string }[];
  audits: readonly { status: string }[];
  auditSteps: readonly { result: string | null }[];
}

/**
 * Whether a completed task was late: as entered, or, for a report made on paper, by the paper's day
 * (docs/objectives.md "Reports made on paper").
 */
function completedLateRule(
  paperReports: QmsRecords['paperReports'],
): (task: QmsRecords['tasks'][number]) => boolean {
  const paperLate = new Map(paperReports.map((report) => [report.taskId, report.late]));
  return (task) => task.status === 'completed' && (paperLate.get(task.id) ?? task.late);
}

export function qmsPerformance(records: QmsRecords): QmsPerformance {
  const completedLate = completedLateRule(records.paperReports);
  const completed = records.tasks.filter((task) => task.status === 'completed');
  const results = new Map<string | null, number>();
  for (const step of records.auditSteps) results.set(step.result, (results.get(step.result) ?? 0) + 1);
  return {
    processPerformance: {
      tasksCompleted: completed.length,
      tasksCompletedLate: completed.filter(completedLate).length,
      tasksEscalated: records.tasks.filter((task) => task.escalationLevel !== 'none').length,
    },
    nonconformitiesAndCorrectiveActions: {
      total: records.correctiveActions.length,
      closed: records.correctiveActions.filter((action) => action.status === 'closed').length,
      open: records.correctiveActions.filter((action) => action.status !== 'closed').length,
    },
    auditResults: {
      audits: records.audits.length,
      closed: records.audits.filter((audit) => audit.status === 'closed').length,
      steps: [...results.entries()].map(([result, count]) => ({ result, count })),
    },
  };
}

/**
 * This year's figures, each with `earlierYears` (latest first) when the organisation has earlier
 * years: the shape the review's inputs carry.
 */
export function withPerformanceTrend(
  thisYear: QmsPerformance,
  earlier: readonly EarlierYear<QmsPerformance>[],
): {
  processPerformance: ProcessPerformance & { earlierYears?: EarlierYear<ProcessPerformance>[] };
  nonconformitiesAndCorrectiveActions: NonconformityFigures & {
    earlierYears?: EarlierYear<NonconformityFigures>[];
  };
  auditResults: AuditFigures & { earlierYears?: EarlierYear<AuditFigures>[] };
} {
  const trend = <K extends keyof QmsPerformance>(key: K) =>
    earlier.length === 0
      ? thisYear[key]
      : {
          ...thisYear[key],
          earlierYears: earlier.map((year) => ({ year: year.year, ...year[key] })),
        };
  return {
    processPerformance: trend('processPerformance'),
    nonconformitiesAndCorrectiveActions: trend('nonconformitiesAndCorrectiveActions'),
    auditResults: trend('auditResults'),
  };
}

/**
 * c 3 by unit: the year's tasks of each unit, so that the review sees where the work was late, had
 * to be escalated or urged, not only how much of it was. A task counts for the unit whose work it
 * is (the unit it was given in), whoever holds it now.
 */
export interface UnitProcessPerformance {
  /**
   * Null for the tasks that are no unit's work: the leader's (approval, review), the Quality
   * Representative's, and the auditors' (the plan, each step, each verification, the close).
   */
  unitCode: string | null;
  /** Given in the year and not withdrawn (neither cancelled nor resolved by the workflow). */
  tasksGiven: number;
  tasksCompleted: number;
  tasksCompletedLate: number;
  tasksEscalated: number;
  /** Urged (đôn đốc) at least once by the Quality Representative or the unit's head. */
  tasksUrged: number;
}

/** A unit's figures, in the order the review's table gives them. */
export const UNIT_PROCESS_FIGURES = [
  'tasksGiven',
  'tasksCompleted',
  'tasksCompletedLate',
  'tasksEscalated',
  'tasksUrged',
] as const satisfies readonly (keyof UnitProcessPerformance)[];

/** Tasks closed by their workflow because they were no longer needed: nobody was asked to do them. */
const WITHDRAWN = new Set(['cancelled', 'resolved']);

/** The units with tasks in the year, by unit code, the tasks of no unit last. */
export function processPerformanceByUnit(
  records: Pick<QmsRecords, 'paperReports'> & {
    tasks: readonly (QmsRecords['tasks'][number] & {
      kind: string;
      unitCode: string | null;
      urgedAt: string | null;
    })[];
  },
): UnitProcessPerformance[] {
  const completedLate = completedLateRule(records.paperReports);
  const byUnit = new Map<string | null, UnitProcessPerformance>();
  for (const task of records.tasks) {
    const unitCode = unitOfWork(task);
    const unit = byUnit.get(unitCode) ?? {
      unitCode,
      tasksGiven: 0,
      tasksCompleted: 0,
      tasksCompletedLate: 0,
      tasksEscalated: 0,
      tasksUrged: 0,
    };
    if (!WITHDRAWN.has(task.status)) unit.tasksGiven += 1;
    if (task.status === 'completed') unit.tasksCompleted += 1;
    if (completedLate(task)) unit.tasksCompletedLate += 1;
    if (task.escalationLevel !== 'none') unit.tasksEscalated += 1;
    if (task.urgedAt !== null) unit.tasksUrged += 1;
    byUnit.set(unitCode, unit);
  }
  return [...byUnit.values()].sort((a, b) =>
    a.unitCode === b.unitCode
      ? 0
      : a.unitCode === null
        ? 1
        : b.unitCode === null
          ? -1
          : a.unitCode < b.unitCode
            ? -1
            : 1,
  );
}
