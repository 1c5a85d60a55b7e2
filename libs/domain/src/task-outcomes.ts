import type { IsoDate } from './calendar-date';
import { compareIsoDates, isIsoDate } from './calendar-date';
import type { Indicator } from './indicator';
import type { Measurement } from './measurement';
import { validateMeasurement } from './measurement';
import type { Objective } from './objective';
import type { ValidationProblem } from './validation-problem';
import { ProblemList } from './validation-problem';

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
  'corrective-action-plan',
  'corrective-action-verification',
  'management-review',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** The leader's answer to the draft (ISO 6.2): approve and sign the decision, or return it with comments. */
export type ObjectivesApprovalOutcome =
  | {
      decision: 'approve';
      /** The decision's number in the organisation's register, e.g. `123/QĐ-UBND`. */
      documentNumber: string;
      /** Signing date = effective date (Article 3); defaults to the day of approval. */
      signingDate?: IsoDate;
      comments?: string;
    }
  | { decision: 'return'; comments: string };

/** The Quality Representative's revision of a returned draft: new objectives (optional) and a note. */
export interface ObjectivesRevisionOutcome {
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
  value?: number;
  achieved?: boolean;
}

export interface MeasurementReportOutcome {
  figures: ReportedFigure[];
  /** References to the documented information behind the figures (report numbers, files). */
  evidence: string[];
  note?: string;
}

export interface AtRiskFollowUpOutcome {
  note: string;
}

export const AUDIT_RESULTS = ['conformity', 'observation', 'minor-nc', 'major-nc'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

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

/** ISO 10.2 a–c: the correction, the cause and the action, with who and by when. */
export interface CorrectiveActionPlanOutcome {
  correction: string;
  rootCause: string;
  action: string;
  ownerUserId: string;
  dueDate: IsoDate;
}

/** ISO 10.2 d: the auditor's verification; not effective reopens the action. */
export interface CorrectiveActionVerificationOutcome {
  effective: boolean;
  notes: string;
}

/** ISO 9.3.3 outputs and the actions carried into next year. */
export interface ManagementReviewOutcome {
  minutesRef: string;
  outputs: { improvementOpportunities: string[]; qmsChanges: string[]; resourceNeeds: string[] };
  actions: { title: string; ownerUnitCode: string; dueDate: IsoDate }[];
}

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
  'corrective-action-plan': CorrectiveActionPlanOutcome;
  'corrective-action-verification': CorrectiveActionVerificationOutcome;
  'management-review': ManagementReviewOutcome;
}
export type TaskOutcome = TaskOutcomes[TaskKind];

/** `123/QĐ-UBND`: number, slash, document type and issuer abbreviations (Decree 30/2020/NĐ-CP). */
export const DOCUMENT_NUMBER_PATTERN = /^\d{1,6}\/Q\u0110-[A-Z\u0110]+(?:-[A-Z\u0110]+)*$/u;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);

export function validateApprovalOutcome(outcome: unknown): ValidationProblem[] {
  const problems = new ProblemList();
  if (!isObject(outcome)) return [{ path: '', code: 'required', reason: 'Thiếu kết quả xử lý.' }];
  if (outcome.decision === 'approve') {
    if (typeof outcome.documentNumber !== 'string' || !DOCUMENT_NUMBER_PATTERN.test(outcome.documentNumber)) {
      problems.add('documentNumber', 'invalid-format', 'Số quyết định phải có dạng 123/QĐ-UBND.');
    }
    if (outcome.signingDate !== undefined && !isIsoDate(outcome.signingDate)) {
      problems.add('signingDate', 'invalid-format', 'Ngày ký phải có dạng YYYY-MM-DD.');
    }
  } else if (outcome.decision === 'return') {
    problems.requireText('comments', outcome.comments, 'Trả lại dự thảo phải kèm ý kiến.');
  } else {
    problems.add('decision', 'invalid-value', 'Quyết định phải là "approve" hoặc "return".');
  }
  return problems.problems;
}

export function validateRevisionOutcome(outcome: unknown): ValidationProblem[] {
  const problems = new ProblemList();
  if (!isObject(outcome)) return [{ path: '', code: 'required', reason: 'Thiếu kết quả xử lý.' }];
  problems.requireText('note', outcome.note, 'Phải nêu nội dung đã chỉnh sửa.');
  if (
    outcome.objectives !== undefined &&
    (!Array.isArray(outcome.objectives) || outcome.objectives.length === 0)
  ) {
    problems.add('objectives', 'invalid-value', 'Danh sách mục tiêu chỉnh sửa không hợp lệ.');
  }
  return problems.problems;
}

/** Every objective measured by people is given to exactly one known unit. */
export function validateAssignmentOutcome(
  outcome: unknown,
  context: { objectiveIds: readonly string[]; unitCodes: readonly string[] },
): ValidationProblem[] {
  const problems = new ProblemList();
  if (!isObject(outcome)) return [{ path: '', code: 'required', reason: 'Thiếu kết quả xử lý.' }];
  if (outcome.accepted !== true) problems.add('accepted', 'invalid-value', 'Phải tiếp nhận mục tiêu.');
  if (!Array.isArray(outcome.delegations)) {
    problems.add('delegations', 'required', 'Thiếu phân công.');
    return problems.problems;
  }
  const seen = new Set<string>();
  outcome.delegations.forEach((delegation: unknown, i) => {
    if (!isObject(delegation))
      return problems.add(`delegations[${i}]`, 'invalid-value', 'Phân công không hợp lệ.');
    const objectiveId = String(delegation.objectiveId);
    if (!context.objectiveIds.includes(objectiveId)) {
      problems.add(
        `delegations[${i}].objectiveId`,
        'unknown-reference',
        `Không có mục tiêu ${objectiveId} cần phân công.`,
      );
    } else if (seen.has(objectiveId)) {
      problems.add(
        `delegations[${i}].objectiveId`,
        'duplicate',
        `Mục tiêu ${objectiveId} được phân công hai lần.`,
      );
    }
    seen.add(objectiveId);
    if (!context.unitCodes.includes(String(delegation.unitCode))) {
      problems.add(
        `delegations[${i}].unitCode`,
        'unknown-reference',
        `Không có đơn vị ${String(delegation.unitCode)}.`,
      );
    }
  });
  for (const objectiveId of context.objectiveIds) {
    if (!seen.has(objectiveId))
      problems.add('delegations', 'required', `Mục tiêu ${objectiveId} chưa được phân công.`);
  }
  return problems.problems;
}

export function validateUnitAcceptanceOutcome(
  outcome: unknown,
  context: { objectiveIds: readonly string[]; staffUserIds: readonly string[] },
): ValidationProblem[] {
  const problems = new ProblemList();
  if (!isObject(outcome)) return [{ path: '', code: 'required', reason: 'Thiếu kết quả xử lý.' }];
  if (outcome.accepted !== true) problems.add('accepted', 'invalid-value', 'Phải tiếp nhận mục tiêu.');
  if (outcome.staffDelegations !== undefined) {
    if (!Array.isArray(outcome.staffDelegations)) {
      problems.add('staffDelegations', 'invalid-value', 'Phân công cá nhân không hợp lệ.');
    } else {
      outcome.staffDelegations.forEach((delegation: unknown, i) => {
        if (!isObject(delegation) || !context.objectiveIds.includes(String(delegation.objectiveId))) {
          problems.add(
            `staffDelegations[${i}].objectiveId`,
            'unknown-reference',
            'Mục tiêu không thuộc đơn vị.',
          );
        } else if (!context.staffUserIds.includes(String(delegation.userId))) {
          problems.add(
            `staffDelegations[${i}].userId`,
            'unknown-reference',
            'Người được phân công không thuộc đơn vị.',
          );
        }
      });
    }
  }
  return problems.problems;
}

/**
 * The measurements a report stands for: one per indicator of the objective, for the period.
 * Validate first with {@link validateMeasurementReport}.
 */
export function measurementsFromReport(
  indicators: readonly Indicator[],
  outcome: MeasurementReportOutcome,
  report: { periodKey: string; reportedAt: string; late: boolean; reportedBy?: string },
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
    };
    switch (indicator.kind) {
      case 'ratio':
        return {
          ...base,
          kind: 'ratio',
          numerator: figure?.numerator as number,
          denominator: figure?.denominator as number,
        };
      case 'count':
        return { ...base, kind: 'count', value: figure?.value as number };
      case 'judged':
        return { ...base, kind: 'judged', achieved: figure?.achieved as boolean };
    }
  });
}

/** A report gives one valid figure for each indicator of the objective, and names its evidence. */
export function validateMeasurementReport(
  outcome: unknown,
  indicators: readonly Indicator[],
  periodKey: string,
): ValidationProblem[] {
  const problems = new ProblemList();
  if (!isObject(outcome)) return [{ path: '', code: 'required', reason: 'Thiếu số liệu báo cáo.' }];
  if (!Array.isArray(outcome.figures))
    return [{ path: 'figures', code: 'required', reason: 'Thiếu số liệu.' }];
  if (!isTextList(outcome.evidence) || outcome.evidence.length === 0) {
    problems.add('evidence', 'required', 'Báo cáo phải kèm ít nhất một minh chứng.');
  }
  const figures = outcome.figures as unknown[];
  const unknownIndicators = figures.filter(
    (figure) => !isObject(figure) || !indicators.some((indicator) => indicator.id === figure.indicatorId),
  );
  figures.forEach((figure, i) => {
    if (unknownIndicators.includes(figure)) {
      problems.add(`figures[${i}].indicatorId`, 'unknown-reference', 'Chỉ số không thuộc mục tiêu.');
    }
  });
  // The figures are read only when each names an indicator; a missing evidence list alone does not
  // hide their problems, so the reporter sees everything to fix at once.
  if (unknownIndicators.length > 0) return problems.problems;
  const measurements = measurementsFromReport(indicators, outcome as unknown as MeasurementReportOutcome, {
    periodKey,
    reportedAt: '2000-01-01T00:00:00.000Z',
    late: false,
  });
  measurements.forEach((measurement, i) => {
    for (const problem of validateMeasurement(indicators[i], measurement)) {
      problems.add(`figures[${indicators[i].id}].${problem.path}`, problem.code, problem.reason);
    }
  });
  return problems.problems;
}

export function validateNoteOutcome(outcome: unknown): ValidationProblem[] {
  if (!isObject(outcome) || !isText(outcome.note))
    return [{ path: 'note', code: 'required', reason: 'Phải ghi nội dung xử lý.' }];
  return [];
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
  const problems = new ProblemList();
  if (!isObject(outcome)) return [{ path: '', code: 'required', reason: 'Thiếu kế hoạch đánh giá.' }];
  problems.requireText('scope', outcome.scope, 'Thiếu phạm vi đánh giá.');
  if (!isTextList(outcome.criteria) || outcome.criteria.length === 0)
    problems.add('criteria', 'required', 'Thiếu chuẩn mực đánh giá.');
  problems.requireText('methods', outcome.methods, 'Thiếu phương pháp đánh giá.');
  for (const key of ['from', 'to'] as const) {
    if (!isIsoDate(outcome[key])) problems.add(key, 'invalid-format', 'Ngày phải có dạng YYYY-MM-DD.');
  }
  if (isIsoDate(outcome.from) && isIsoDate(outcome.to)) {
    if (compareIsoDates(outcome.from, outcome.to) > 0)
      problems.add('to', 'inconsistent', 'Ngày kết thúc phải sau ngày bắt đầu.');
    if (
      compareIsoDates(outcome.from, context.window.from) < 0 ||
      compareIsoDates(outcome.to, context.window.to) > 0
    ) {
      problems.add(
        'from',
        'out-of-range',
        `Đánh giá phải diễn ra từ ${context.window.from} đến ${context.window.to}.`,
      );
    }
  }
  if (!Array.isArray(outcome.steps) || outcome.steps.length === 0) {
    problems.add('steps', 'required', 'Kế hoạch phải có ít nhất một bước đánh giá.');
    return problems.problems;
  }
  const ids = new Set<string>();
  (outcome.steps as unknown[]).forEach((step, i) => {
    if (!isObject(step)) return problems.add(`steps[${i}]`, 'invalid-value', 'Bước đánh giá không hợp lệ.');
    if (typeof step.id !== 'string' || !/^[a-z0-9-]{1,32}$/.test(step.id)) {
      problems.add(`steps[${i}].id`, 'invalid-format', 'Mã bước chỉ gồm chữ thường, số và gạch ngang.');
    } else if (ids.has(step.id)) {
      problems.add(`steps[${i}].id`, 'duplicate', `Mã bước ${step.id} bị trùng.`);
    }
    ids.add(String(step.id));
    problems.requireText(`steps[${i}].process`, step.process, 'Thiếu quá trình được đánh giá.');
    problems.requireText(`steps[${i}].clause`, step.clause, 'Thiếu điều khoản được đánh giá.');
    if (!context.unitCodes.includes(String(step.unitCode))) {
      problems.add(`steps[${i}].unitCode`, 'unknown-reference', `Không có đơn vị ${String(step.unitCode)}.`);
    }
    const auditor = context.auditors.find((candidate) => candidate.userId === step.auditorUserId);
    if (!auditor) {
      problems.add(
        `steps[${i}].auditorUserId`,
        'unknown-reference',
        'Người được phân công không phải chuyên gia đánh giá nội bộ.',
      );
    } else if (auditor.unitCode !== undefined && auditor.unitCode === step.unitCode) {
      problems.add(
        `steps[${i}].auditorUserId`,
        'inconsistent',
        'Chuyên gia đánh giá không được đánh giá đơn vị của mình.',
      );
    }
  });
  return problems.problems;
}

export function isNonconformity(result: AuditResult): boolean {
  return result === 'minor-nc' || result === 'major-nc';
}

export function validateAuditStepOutcome(outcome: unknown): ValidationProblem[] {
  const problems = new ProblemList();
  if (!isObject(outcome)) return [{ path: '', code: 'required', reason: 'Thiếu kết quả đánh giá.' }];
  if (!AUDIT_RESULTS.includes(outcome.result as AuditResult)) {
    problems.add(
      'result',
      'invalid-value',
      'Kết quả phải là conformity, observation, minor-nc hoặc major-nc.',
    );
  }
  if (!isTextList(outcome.evidence) || outcome.evidence.length === 0)
    problems.add('evidence', 'required', 'Phải ghi bằng chứng đánh giá.');
  if (isNonconformity(outcome.result as AuditResult)) {
    problems.requireText('finding', outcome.finding, 'Điểm không phù hợp phải mô tả phát hiện.');
  }
  return problems.problems;
}

export function validateAuditCloseOutcome(outcome: unknown): ValidationProblem[] {
  if (!isObject(outcome) || !isText(outcome.report))
    return [{ path: 'report', code: 'required', reason: 'Thiếu báo cáo đánh giá.' }];
  return [];
}

export function validateCorrectiveActionPlan(
  outcome: unknown,
  context: { userIds: readonly string[] },
): ValidationProblem[] {
  const problems = new ProblemList();
  if (!isObject(outcome)) return [{ path: '', code: 'required', reason: 'Thiếu kế hoạch khắc phục.' }];
  problems.requireText('correction', outcome.correction, 'Thiếu biện pháp khắc phục tức thời.');
  problems.requireText('rootCause', outcome.rootCause, 'Thiếu nguyên nhân gốc rễ.');
  problems.requireText('action', outcome.action, 'Thiếu hành động khắc phục.');
  if (!context.userIds.includes(String(outcome.ownerUserId))) {
    problems.add('ownerUserId', 'unknown-reference', 'Người thực hiện không có trong danh sách.');
  }
  if (!isIsoDate(outcome.dueDate))
    problems.add('dueDate', 'invalid-format', 'Hạn hoàn thành phải có dạng YYYY-MM-DD.');
  return problems.problems;
}

export function validateVerificationOutcome(outcome: unknown): ValidationProblem[] {
  const problems = new ProblemList();
  if (!isObject(outcome)) return [{ path: '', code: 'required', reason: 'Thiếu kết quả kiểm tra.' }];
  if (typeof outcome.effective !== 'boolean')
    problems.add('effective', 'required', 'Phải kết luận hiệu lực hay không.');
  problems.requireText('notes', outcome.notes, 'Phải ghi nhận xét kiểm tra.');
  return problems.problems;
}

export function validateManagementReviewOutcome(
  outcome: unknown,
  context: { unitCodes: readonly string[] },
): ValidationProblem[] {
  const problems = new ProblemList();
  if (!isObject(outcome)) return [{ path: '', code: 'required', reason: 'Thiếu kết quả họp xem xét.' }];
  problems.requireText('minutesRef', outcome.minutesRef, 'Thiếu số biên bản họp.');
  const outputs = outcome.outputs;
  if (!isObject(outputs)) {
    problems.add('outputs', 'required', 'Thiếu đầu ra của xem xét (ISO 9.3.3).');
  } else {
    for (const key of ['improvementOpportunities', 'qmsChanges', 'resourceNeeds'] as const) {
      if (
        !Array.isArray(outputs[key]) ||
        !(outputs[key] as unknown[]).every((item) => typeof item === 'string')
      ) {
        problems.add(`outputs.${key}`, 'required', 'Phải là danh sách (có thể rỗng).');
      }
    }
  }
  if (!Array.isArray(outcome.actions)) {
    problems.add('actions', 'required', 'Thiếu danh sách hành động.');
  } else {
    (outcome.actions as unknown[]).forEach((action, i) => {
      if (!isObject(action)) return problems.add(`actions[${i}]`, 'invalid-value', 'Hành động không hợp lệ.');
      problems.requireText(`actions[${i}].title`, action.title, 'Thiếu nội dung hành động.');
      if (!context.unitCodes.includes(String(action.ownerUnitCode))) {
        problems.add(`actions[${i}].ownerUnitCode`, 'unknown-reference', 'Không có đơn vị này.');
      }
      if (!isIsoDate(action.dueDate))
        problems.add(`actions[${i}].dueDate`, 'invalid-format', 'Hạn phải có dạng YYYY-MM-DD.');
    });
  }
  return problems.problems;
}
