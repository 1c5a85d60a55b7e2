import type { IsoDate } from './calendar-date';
import { compareIsoDates, isIsoDate, numericDate } from './calendar-date';
import type { DraftWording } from './cycle-draft';
import type { Indicator } from './indicator';
import type { Measurement } from './measurement';
import { validateMeasurement } from './measurement';
import { sameCasesProblems } from './measurement-report-cases';
import type { Objective } from './objective';
import type { PaperReport, PaperReportContext } from './paper-report';
import { checkPaperReport } from './paper-report';
import type { AuditResult } from './task-outcome-schemas';
import { checkOutcomeShape } from './task-outcome-schemas';
import type { ValidationProblem } from './validation-problem';
import { ProblemList, validationProblem, type ProblemReason } from './validation-problem';
import { MAX_REVIEW_ACTIONS } from './review-actions';
import type { NonconformityDetails, NonconformityReferences } from './nonconformity';
import { nonconformityDetailsProblems } from './nonconformity';
import type { ReviewPreparationOutcome } from './review-preparation';

/**
 * Every kind of task a person is given in the annual cycle. One human-task mechanism serves them
 * all; the kind fixes who gets it and which outcome (form) it expects.
 */
export const TASK_KINDS = [
  'objectives-approval',
  'objectives-revision',
  'assignment-acceptance',
  'unit-acceptance',
  'measurement-report',
  'at-risk-follow-up',
  'audit-plan',
  'audit-step',
  'audit-close',
  'audit-report-approval',
  'corrective-action-plan',
  'corrective-action-verification',
  'review-preparation',
  'management-review',
  'review-action',
  'nonconformity-proposal',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/**
 * The leader's answer to the draft (ISO 6.2): approve and sign the decision, or return it with
 * comments. `onPaper`: the leader gave it on paper (signed the printed decision, wrote on the printed
 * draft) and it is entered for them, by the Quality Representative ({@link answeredOnPaper}); an
 * approval entered so carries the day the paper was signed.
 */
export type ObjectivesApprovalOutcome = (
  | {
      decision: 'approve';
      /** The decision's number in the organisation's register, e.g. `123/QĐ-UBND`. */
      documentNumber: string;
      /** Signing date = effective date (Article 3); defaults to the day of approval. */
      signingDate?: IsoDate;
      comments?: string;
    }
  | { decision: 'return'; comments: string }
) & {
  onPaper?: boolean;
  /** The scan of the signed decision (or of the draft the leader wrote on), uploaded to the approval's record. */
  evidence?: string[];
};

/**
 * The task kinds a person may answer on paper, their answer entered in qcycle by the Quality
 * Representative: the leader's approval of the objectives and the management review the leader
 * chairs. Many People's Committees' leaders sign the printed decision and the meeting's minutes and
 * never sign in; the office enters what they signed.
 */
export const PAPER_ANSWERED_KINDS: readonly TaskKind[] = ['objectives-approval', 'management-review'];

/** Whether an answer says it was given on paper and is entered for the one who gave it. */
export const answeredOnPaper = (outcome: unknown): boolean =>
  typeof outcome === 'object' && outcome !== null && (outcome as { onPaper?: unknown }).onPaper === true;

/**
 * Whether an answer claims to be given on paper, well formed or not (`onPaper` sent, and not
 * `false`). Who may send an answer is decided on the claim, so that the Quality Representative's
 * malformed `onPaper` ("yes") is refused by the answer's schema, naming the field (422), rather
 * than as if they had answered for the leader (403).
 */
export const claimsOnPaper = (outcome: unknown): boolean => {
  const onPaper =
    typeof outcome === 'object' && outcome !== null ? (outcome as { onPaper?: unknown }).onPaper : undefined;
  return onPaper !== undefined && onPaper !== false;
};

/**
 * The Quality Representative's revision of a returned draft: a note, new objectives and the
 * decision's new words (scope, legal bases, recipients, the Quality Representative's title), each
 * only when revised.
 */
export interface ObjectivesRevisionOutcome extends Partial<DraftWording> {
  objectives?: Objective[];
  note: string;
}

/** The Chief of Office accepts the objectives and gives each measured objective to a unit. */
export interface AssignmentAcceptanceOutcome {
  accepted: true;
  delegations: { objectiveId: string; unitCode: string }[];
}

/** A unit head accepts the unit's objectives and may pass each to one of the unit's staff. */
export interface UnitAcceptanceOutcome {
  accepted: true;
  staffDelegations?: { objectiveId: string; userId: string }[];
}

/** One indicator's figure for the period: a ratio's cases, a count, or a judgement. */
export interface ReportedFigure {
  indicatorId: string;
  numerator?: number;
  denominator?: number;
  /** Cases open at the period's end and already overdue, for an indicator that asks (objective 4's on-time rate). */
  pendingOverdue?: number;
  value?: number;
  achieved?: boolean;
}

export interface MeasurementReportOutcome {
  figures: ReportedFigure[];
  /** References to the documented information behind the figures (report numbers, files). */
  evidence: string[];
  note?: string;
  /**
   * Reported on paper, that day, under that reference, before qcycle asked for it: only on a task
   * that opened after its due instant; the measurement's lateness is then the paper's
   * (docs/objectives.md "Reports made on paper").
   */
  paperReport?: PaperReport;
}

export interface AtRiskFollowUpOutcome {
  note: string;
}

export interface AuditPlanStep {
  /** Slug unique in the plan, e.g. `s1`. */
  id: string;
  unitCode: string;
  process: string;
  /** ISO 9001 clause checked, e.g. `8.5.1`. */
  clause: string;
  auditorUserId: string;
}

/** Programme and plan of the internal audit (ISO 9.2.2 a–f). */
export interface AuditPlanOutcome {
  scope: string;
  criteria: string[];
  methods: string;
  from: IsoDate;
  to: IsoDate;
  steps: AuditPlanStep[];
}

export interface AuditStepOutcome {
  result: AuditResult;
  evidence: string[];
  notes?: string;
  /** What was found; required for a nonconformity. */
  finding?: string;
}

export interface AuditCloseOutcome {
  report: string;
}

/**
 * The Quality Representative's (or the leader's) answer to the lead auditor's report (ISO 9.2.2 e:
 * the results are reported to management): approve it — only then is the audit closed — or return
 * it with comments for the lead auditor to revise.
 */
export type AuditReportApprovalOutcome =
  { decision: 'approve'; comments?: string } | { decision: 'return'; comments: string };

/** ISO 10.2 a–c: the correction, the cause and the action, with who and by when. */
export interface CorrectiveActionPlanOutcome {
  correction: string;
  rootCause: string;
  action: string;
  ownerUserId: string;
  dueDate: IsoDate;
  /**
   * What the correction rests on, for the verifier: `evidence:<id>` for a file uploaded to the
   * corrective action's record, or a paper record by name. Optional: a plan may precede its proof.
   */
  evidence?: string[];
}

/** ISO 10.2 d: the auditor's verification; not effective reopens the action. */
export interface CorrectiveActionVerificationOutcome {
  effective: boolean;
  notes: string;
  /** What the verifier checked (ISO 10.2.2 b, the results): records by name, or `evidence:<id>` files. */
  evidence?: string[];
}

/**
 * The leader's judgement of the QMS objective (objective 1, "maintain and improve the QMS") at the
 * review, against its criteria, with the facts from the records in the task's form.
 */
export interface QmsJudgement {
  achieved: boolean;
  /** Why: what the leader weighed (audit, review, corrective actions, improvement). */
  notes: string;
}

/** ISO 9.3.3 outputs and the actions carried into next year. */
export interface ManagementReviewOutcome {
  minutesRef: string;
  outputs: { improvementOpportunities: string[]; qmsChanges: string[]; resourceNeeds: string[] };
  /**
   * Each action is followed up as a `review-action` task of its owner, due on its date: `ownerUserId`
   * (a person of the roster), else the head of `ownerUnitCode`.
   */
  actions: { title: string; ownerUnitCode: string; ownerUserId?: string; dueDate: IsoDate }[];
  /** Decides objective 1 at the close; without it the engine judges from the records. */
  qmsJudgement?: QmsJudgement;
  /** ISO 9.3.1: whether the QMS remains suitable, adequate and effective. */
  conclusion?: { suitable: boolean; adequate: boolean; effective: boolean; notes?: string };
  /** Who took part (names and titles), for the minutes. */
  attendees?: string[];
  /** The leader chaired and signed the minutes on paper; the Quality Representative enters them. */
  onPaper?: boolean;
  /**
   * The day the meeting was held, as its minutes say; without it, the day they are entered. Minutes
   * entered from paper carry it: the day they are entered is not the day the meeting was held.
   */
  heldOn?: IsoDate;
  /**
   * Who took the minutes, by name, as they sign them (THƯ KÝ, beside the chair); without it the
   * printed minutes leave a dotted line for the name, to be written by hand.
   */
  secretary?: string;
}

/** The owner's report on a management review action: done or not, why, and what shows it. */
export interface ReviewActionOutcome {
  done: boolean;
  note: string;
  evidence?: string[];
}

/**
 * The Quality Representative's answer to the engine's proposal for a missed objective: open a
 * nonconformity (the cycle starts its corrective action) or decline it with the reason.
 */
export type NonconformityProposalOutcome =
  ({ decision: 'open' } & NonconformityDetails) | { decision: 'decline'; reason: string };

export interface TaskOutcomes {
  'objectives-approval': ObjectivesApprovalOutcome;
  'objectives-revision': ObjectivesRevisionOutcome;
  'assignment-acceptance': AssignmentAcceptanceOutcome;
  'unit-acceptance': UnitAcceptanceOutcome;
  'measurement-report': MeasurementReportOutcome;
  'at-risk-follow-up': AtRiskFollowUpOutcome;
  'audit-plan': AuditPlanOutcome;
  'audit-step': AuditStepOutcome;
  'audit-close': AuditCloseOutcome;
  'audit-report-approval': AuditReportApprovalOutcome;
  'corrective-action-plan': CorrectiveActionPlanOutcome;
  'corrective-action-verification': CorrectiveActionVerificationOutcome;
  'review-preparation': ReviewPreparationOutcome;
  'management-review': ManagementReviewOutcome;
  'review-action': ReviewActionOutcome;
  'nonconformity-proposal': NonconformityProposalOutcome;
}
export type TaskOutcome = TaskOutcomes[TaskKind];

// The shape of each answer (required fields, types, formats, enums) is its schema in
// task-outcome-schemas.ts, published to clients; the validators add only the rules that need the
// workflow's context (known references, the audit window, the auditor's own unit, the figures of
// the objective's indicators), run in the same walk so problems come in the order of the form.

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * The decision approving a year's objectives is signed in that year, or in the year before: offices
 * often sign next year's objectives in December. Any other year is a typing slip (2023 for 2024,
 * 2204) that would print on the decision and date the year's documents. A real year's decision is
 * signed by today (`today`, the Vietnam day now): a later day is a slip too, and would date the
 * decision and its plan ahead of their approval. A rehearsal has no `today` to hold it to: its
 * calendar only starts near now, and the leader signs with the day the exercise says.
 */
export function validateApprovalOutcome(
  outcome: unknown,
  context: { year: number; today?: IsoDate },
): ValidationProblem[] {
  const problems = checkOutcomeShape('objectives-approval', outcome, {
    signingDate: (signingDate, { path, problems }) => {
      const year = Number((signingDate as IsoDate).slice(0, 4));
      if (year !== context.year && year !== context.year - 1)
        problems.add(path, 'out-of-range', {
          vi: `Ngày ký phải thuộc năm ${context.year - 1} hoặc năm ${context.year} (năm của mục tiêu).`,
          en: `The signing date must be in ${context.year - 1} or ${context.year} (the objectives' year).`,
        });
      else if (context.today !== undefined && compareIsoDates(signingDate as IsoDate, context.today) > 0)
        problems.add(path, 'out-of-range', {
          vi: `Ngày ký không được sau hôm nay (${numericDate(context.today)}).`,
          en: `The signing date must not be after today (${context.today}).`,
        });
    },
  });
  // A return entered from paper has no day to give; an approval, the day the decision was signed.
  if (!isObject(outcome) || outcome.decision !== 'approve') return problems;
  return withPaperDay(outcome, 'signingDate', problems, {
    vi: 'Quyết định ký trên giấy: ghi ngày ký trên bản giấy.',
    en: 'A decision signed on paper: give the day written on it.',
  });
}

/**
 * An answer entered from paper ({@link answeredOnPaper}) gives the paper's day (`field`): the day
 * it is entered is not the day the leader signed. Else `reason` is added to the answer's problems.
 */
function withPaperDay(
  outcome: unknown,
  field: string,
  problems: ValidationProblem[],
  reason: ProblemReason,
): ValidationProblem[] {
  if (!answeredOnPaper(outcome) || (outcome as Record<string, unknown>)[field] !== undefined) return problems;
  return [...problems, validationProblem(field, 'required', reason)];
}

/** The revised objectives themselves are checked as a cycle draft by the workflow. */
export function validateRevisionOutcome(outcome: unknown): ValidationProblem[] {
  return checkOutcomeShape('objectives-revision', outcome);
}

/** Every objective measured by people is given to exactly one known unit. */
export function validateAssignmentOutcome(
  outcome: unknown,
  context: { objectiveIds: readonly string[]; unitCodes: readonly string[] },
): ValidationProblem[] {
  const seen = new Set<string>();
  const problems = checkOutcomeShape('assignment-acceptance', outcome, {
    'delegations[].objectiveId': (value, { path, problems }) => {
      const objectiveId = value as string;
      if (!context.objectiveIds.includes(objectiveId)) {
        problems.add(path, 'unknown-reference', {
          vi: `Không có mục tiêu ${objectiveId} cần phân công.`,
          en: `There is no objective ${objectiveId} to assign.`,
        });
      } else if (seen.has(objectiveId)) {
        problems.add(path, 'duplicate', {
          vi: `Mục tiêu ${objectiveId} được phân công hai lần.`,
          en: `Objective ${objectiveId} is assigned twice.`,
        });
      }
      seen.add(objectiveId);
    },
    'delegations[].unitCode': (unitCode, { path, problems }) => {
      if (!context.unitCodes.includes(unitCode as string))
        problems.add(path, 'unknown-reference', {
          vi: `Không có đơn vị ${unitCode as string}.`,
          en: `There is no unit ${unitCode as string}.`,
        });
    },
  });
  if (!isObject(outcome) || !Array.isArray(outcome.delegations)) return problems;
  for (const objectiveId of context.objectiveIds) {
    if (!seen.has(objectiveId))
      problems.push({
        path: 'delegations',
        code: 'required',
        reason: `Mục tiêu ${objectiveId} chưa được phân công.`,
        reasonEn: `Objective ${objectiveId} is not assigned.`,
      });
  }
  return problems;
}

export function validateUnitAcceptanceOutcome(
  outcome: unknown,
  context: { objectiveIds: readonly string[]; staffUserIds: readonly string[] },
): ValidationProblem[] {
  return checkOutcomeShape('unit-acceptance', outcome, {
    'staffDelegations[]': (value, { path, problems }) => {
      const delegation = value as { objectiveId: string; userId: string };
      if (!context.objectiveIds.includes(delegation.objectiveId)) {
        problems.add(`${path}.objectiveId`, 'unknown-reference', {
          vi: 'Mục tiêu không thuộc đơn vị.',
          en: "The objective is not the unit's.",
        });
      } else if (!context.staffUserIds.includes(delegation.userId)) {
        problems.add(`${path}.userId`, 'unknown-reference', {
          vi: 'Người được phân công không thuộc đơn vị.',
          en: 'The person assigned is not in the unit.',
        });
      }
    },
  });
}

/**
 * The measurements a report stands for: one per indicator of the objective, for the period.
 * Validate first with {@link validateMeasurementReport}.
 */
export function measurementsFromReport(
  indicators: readonly Indicator[],
  outcome: MeasurementReportOutcome,
  report: {
    periodKey: string;
    reportedAt: string;
    late: boolean;
    reportedBy?: string;
    /** The accepted paper report the lateness was judged by; absent for a report made in qcycle. */
    paperReport?: PaperReport;
  },
): Measurement[] {
  return indicators.map((indicator) => {
    const figure = outcome.figures.find((candidate) => candidate.indicatorId === indicator.id);
    const base = {
      indicatorId: indicator.id,
      periodKey: report.periodKey,
      reportedAt: report.reportedAt,
      late: report.late,
      evidence: [...outcome.evidence],
      reportedBy: report.reportedBy,
      ...(report.paperReport
        ? { paperReport: { date: report.paperReport.date, reference: report.paperReport.reference.trim() } }
        : {}),
    };
    switch (indicator.kind) {
      case 'ratio':
        return {
          ...base,
          kind: 'ratio',
          numerator: figure?.numerator as number,
          denominator: figure?.denominator as number,
          // Only when given: a report without it is the measurement it always was.
          ...(figure?.pendingOverdue !== undefined ? { pendingOverdue: figure.pendingOverdue } : {}),
        };
      case 'count':
        return { ...base, kind: 'count', value: figure?.value as number };
      case 'judged':
        return { ...base, kind: 'judged', achieved: figure?.achieved as boolean };
    }
  });
}

/**
 * A report gives one valid figure for each indicator of the objective, and names its evidence. A
 * paper report (`paperReport`) is judged with `paper`, what the workflow knows of the task
 * (libs/domain paper-report.ts); without it a paper report is refused.
 */
export function validateMeasurementReport(
  outcome: unknown,
  indicators: readonly Indicator[],
  periodKey: string,
  paper?: PaperReportContext,
): ValidationProblem[] {
  const problems = new ProblemList();
  const shape = checkOutcomeShape('measurement-report', outcome, {
    paperReport: (value, at) => checkPaperReport(value as PaperReport, paper, at.path, at.problems),
  });
  problems.problems.push(...figuresByIndicator(shape, outcome));
  // The figures are read only when each has its shape and names an indicator; a missing evidence
  // list alone does not hide their problems, so the reporter sees everything to fix at once.
  const figuresHaveShape = !problems.problems.some(
    (problem) => problem.path === '' || problem.path === 'figures' || problem.path.startsWith('figures['),
  );
  if (!figuresHaveShape) return problems.problems;
  const figures = (outcome as { figures: ReportedFigure[] }).figures;
  const unknownIndicators = figures.filter(
    (figure) => !indicators.some((indicator) => indicator.id === figure.indicatorId),
  );
  figures.forEach((figure, i) => {
    if (unknownIndicators.includes(figure)) {
      problems.add(`figures[${i}].indicatorId`, 'unknown-reference', {
        vi: 'Chỉ số không thuộc mục tiêu.',
        en: "The indicator is not the objective's.",
      });
    }
  });
  if (unknownIndicators.length > 0) return problems.problems;
  const evidence = (outcome as { evidence?: unknown }).evidence;
  const report = { figures, evidence: Array.isArray(evidence) ? (evidence as string[]) : [] };
  const measurements = measurementsFromReport(indicators, report, {
    periodKey,
    reportedAt: '2000-01-01T00:00:00.000Z',
    late: false,
  });
  measurements.forEach((measurement, i) => {
    for (const problem of validateMeasurement(indicators[i], measurement)) {
      // The report's evidence (a non-empty list of non-blank texts) is checked once, by its schema.
      if (problem.path === 'evidence' || problem.path.startsWith('evidence[')) continue;
      problems.add(`figures[${indicators[i].id}].${problem.path}`, problem.code, {
        vi: problem.reason,
        en: problem.reasonEn,
      });
    }
  });
  // Two shares of the same cases (objective 4) must count the same cases.
  problems.problems.push(...sameCasesProblems(indicators, measurements));
  return problems.problems;
}

/**
 * The outcome's schema names a figure by its place in the list (`figures[1].numerator`); the rules
 * of the figures name it by its indicator (`figures[obj-4-on-time].numerator`), which is how a form
 * finds the field. A figure that names an indicator is named by it in both.
 */
function figuresByIndicator(problems: ValidationProblem[], outcome: unknown): ValidationProblem[] {
  const figures = (outcome as { figures?: unknown } | null)?.figures;
  if (!Array.isArray(figures)) return problems;
  return problems.map((problem) => {
    const at = /^figures\[(\d+)\](.*)$/.exec(problem.path);
    const indicatorId = at
      ? (figures[Number(at[1])] as { indicatorId?: unknown } | null)?.indicatorId
      : undefined;
    return at && typeof indicatorId === 'string' && /^[\w-]+$/.test(indicatorId)
      ? { ...problem, path: `figures[${indicatorId}]${at[2]}` }
      : problem;
  });
}

export function validateNoteOutcome(outcome: unknown): ValidationProblem[] {
  return checkOutcomeShape('at-risk-follow-up', outcome);
}

export interface AuditorRef {
  userId: string;
  unitCode?: string;
}

/**
 * The programme and plan: known units and auditors, dates inside the audit window, and — the rule
 * of ISO 9.2.2 c (objectivity and impartiality) — no auditor audits their own unit.
 */
export function validateAuditPlan(
  outcome: unknown,
  context: {
    auditors: readonly AuditorRef[];
    unitCodes: readonly string[];
    window: { from: IsoDate; to: IsoDate };
  },
): ValidationProblem[] {
  const stepIds = new Set<string>();
  return checkOutcomeShape('audit-plan', outcome, {
    to: (to, { parent, problems }) => {
      const from = parent.from;
      if (!isIsoDate(from)) return;
      if (compareIsoDates(from, to as IsoDate) > 0)
        problems.add('to', 'inconsistent', {
          vi: 'Ngày kết thúc phải sau ngày bắt đầu.',
          en: 'The end date must be after the start date.',
        });
      if (
        compareIsoDates(from, context.window.from) < 0 ||
        compareIsoDates(to as IsoDate, context.window.to) > 0
      ) {
        problems.add('from', 'out-of-range', {
          vi: `Đánh giá phải diễn ra từ ${context.window.from} đến ${context.window.to}.`,
          en: `The audit must take place from ${context.window.from} to ${context.window.to}.`,
        });
      }
    },
    'steps[].id': (id, { path, problems }) => {
      if (stepIds.has(id as string))
        problems.add(path, 'duplicate', {
          vi: `Mã bước ${id as string} bị trùng.`,
          en: `The step id ${id as string} is used twice.`,
        });
      stepIds.add(id as string);
    },
    'steps[].unitCode': (unitCode, { path, problems }) => {
      if (!context.unitCodes.includes(unitCode as string))
        problems.add(path, 'unknown-reference', {
          vi: `Không có đơn vị ${unitCode as string}.`,
          en: `There is no unit ${unitCode as string}.`,
        });
    },
    'steps[].auditorUserId': (auditorUserId, { path, parent, problems }) => {
      const auditor = context.auditors.find((candidate) => candidate.userId === auditorUserId);
      if (!auditor) {
        problems.add(path, 'unknown-reference', {
          vi: 'Người được phân công không phải chuyên gia đánh giá nội bộ.',
          en: 'The person assigned is not an internal auditor.',
        });
      } else if (auditor.unitCode !== undefined && auditor.unitCode === parent.unitCode) {
        problems.add(path, 'inconsistent', {
          vi: 'Chuyên gia đánh giá không được đánh giá đơn vị của mình.',
          en: 'An auditor must not audit their own unit.',
        });
      }
    },
  });
}

export function isNonconformity(result: AuditResult): boolean {
  return result === 'minor-nc' || result === 'major-nc';
}

/** A nonconformity must describe its finding (ISO 10.2 starts from it). */
export function validateAuditStepOutcome(outcome: unknown): ValidationProblem[] {
  const problems = checkOutcomeShape('audit-step', outcome);
  if (
    isObject(outcome) &&
    isNonconformity(outcome.result as AuditResult) &&
    !isText(outcome.finding) &&
    !problems.some((problem) => problem.path === 'finding')
  ) {
    problems.push({
      path: 'finding',
      code: 'required',
      reason: 'Điểm không phù hợp phải mô tả phát hiện.',
      reasonEn: 'A nonconformity must describe the finding.',
    });
  }
  return problems;
}

export function validateAuditCloseOutcome(outcome: unknown): ValidationProblem[] {
  return checkOutcomeShape('audit-close', outcome);
}

export function validateAuditReportApproval(outcome: unknown): ValidationProblem[] {
  return checkOutcomeShape('audit-report-approval', outcome);
}

export function validateCorrectiveActionPlan(
  outcome: unknown,
  context: { userIds: readonly string[] },
): ValidationProblem[] {
  return checkOutcomeShape('corrective-action-plan', outcome, {
    ownerUserId: (ownerUserId, { path, problems }) => {
      if (!context.userIds.includes(ownerUserId as string))
        problems.add(path, 'unknown-reference', {
          vi: 'Người thực hiện không có trong danh sách.',
          en: 'The person responsible is not on the roster.',
        });
    },
  });
}

export function validateVerificationOutcome(outcome: unknown): ValidationProblem[] {
  return checkOutcomeShape('corrective-action-verification', outcome);
}

/** The Quality Representative's review inputs (libs/domain review-preparation.ts): the shape is all there is to check. */
export function validateReviewPreparationOutcome(outcome: unknown): ValidationProblem[] {
  return checkOutcomeShape('review-preparation', outcome);
}

/**
 * The review's answer: its shape, the cycle's units for the actions, and the meeting's day.
 * `userIds` (the roster) and `reviewDate` check each action's owner and due date; reviews opened
 * before actions were followed up are validated without them. The meeting's day (`heldOn`) is in
 * the cycle's `year` or the next (a review may meet in January before the close), and in a real year
 * not after `today`, the Vietnam day now (a rehearsal has no today to hold it to, as for the
 * decision's signing day); minutes entered from paper must give it.
 */
export function validateManagementReviewOutcome(
  outcome: unknown,
  context: {
    unitCodes: readonly string[];
    userIds?: readonly string[];
    reviewDate?: IsoDate;
    year?: number;
    today?: IsoDate;
  },
): ValidationProblem[] {
  const problems = checkOutcomeShape('management-review', outcome, {
    heldOn: (heldOn, { path, problems }) => {
      const year = Number((heldOn as IsoDate).slice(0, 4));
      if (context.year !== undefined && year !== context.year && year !== context.year + 1)
        problems.add(path, 'out-of-range', {
          vi: `Ngày họp phải thuộc năm ${context.year} hoặc năm ${context.year + 1}.`,
          en: `The meeting day must be in ${context.year} or ${context.year + 1}.`,
        });
      else if (context.today !== undefined && compareIsoDates(heldOn as IsoDate, context.today) > 0)
        problems.add(path, 'out-of-range', {
          vi: `Ngày họp không được sau hôm nay (${numericDate(context.today)}).`,
          en: `The meeting day must not be after today (${context.today}).`,
        });
    },
    actions: (actions, { path, problems }) => {
      if (context.userIds && (actions as unknown[]).length > MAX_REVIEW_ACTIONS)
        problems.add(path, 'invalid-value', {
          vi: `Tối đa ${MAX_REVIEW_ACTIONS} hành động cho một cuộc họp xem xét.`,
          en: `At most ${MAX_REVIEW_ACTIONS} actions for one management review.`,
        });
    },
    'actions[].ownerUnitCode': (ownerUnitCode, { path, problems }) => {
      if (!context.unitCodes.includes(ownerUnitCode as string))
        problems.add(path, 'unknown-reference', { vi: 'Không có đơn vị này.', en: 'There is no such unit.' });
    },
    'actions[].ownerUserId': (ownerUserId, { path, problems }) => {
      if (context.userIds && !context.userIds.includes(ownerUserId as string))
        problems.add(path, 'unknown-reference', {
          vi: 'Người chủ trì không có trong danh sách.',
          en: 'The person in charge is not on the roster.',
        });
    },
    'actions[].dueDate': (dueDate, { path, problems }) => {
      if (context.reviewDate && compareIsoDates(dueDate as IsoDate, context.reviewDate) < 0)
        problems.add(path, 'invalid-value', {
          vi: `Hạn không được trước ngày họp (${context.reviewDate}).`,
          en: `The deadline must not be before the meeting (${context.reviewDate}).`,
        });
    },
  });
  return withPaperDay(outcome, 'heldOn', problems, {
    vi: 'Biên bản ký trên giấy: ghi ngày họp trên biên bản.',
    en: 'Minutes signed on paper: give the meeting day written on them.',
  });
}

export function validateReviewActionOutcome(outcome: unknown): ValidationProblem[] {
  return checkOutcomeShape('review-action', outcome);
}

/** The shape, then the cycle's units and roster for the unit and the verifier (one owner: nonconformity.ts). */
export function validateNonconformityProposal(
  outcome: unknown,
  references: NonconformityReferences,
): ValidationProblem[] {
  const problems = checkOutcomeShape('nonconformity-proposal', outcome);
  if (problems.length > 0 || !isObject(outcome) || outcome.decision !== 'open') return problems;
  return nonconformityDetailsProblems(outcome, references);
}
