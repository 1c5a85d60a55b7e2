/**
 * The figures of a year's quality management system the management review considers besides its
 * objectives (ISO 9.3.2 c 3, c 4 and c 6), counted from the year's records, and the same figures of
 * the organisation's earlier years for their trend ("including trends in…").
 */

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

export function qmsPerformance(records: QmsRecords): QmsPerformance {
  const paperLate = new Map(records.paperReports.map((report) => [report.taskId, report.late]));
  const completed = records.tasks.filter((task) => task.status === 'completed');
  const results = new Map<string | null, number>();
  for (const step of records.auditSteps) results.set(step.result, (results.get(step.result) ?? 0) + 1);
  return {
    processPerformance: {
      tasksCompleted: completed.length,
      tasksCompletedLate: completed.filter((task) => paperLate.get(task.id) ?? task.late).length,
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
