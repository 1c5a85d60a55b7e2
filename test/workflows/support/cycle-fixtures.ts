import {
  buildStartInput,
  childWorkflowIds,
  placeholderRoster,
  qualityCycleWorkflowId,
  type StartQualityCycleInput,
} from '@qcycle/contracts';
import { defaultCycleCalendar, loadTemplate, type CycleCalendar } from '@qcycle/domain';

/** The units of the Kon Tum template, in roster order (auditors come from the first two). */
export const UNITS = loadTemplate('kontum-2024').organisation.units;

/** The Kon Tum cycle (2024 unless told) of a test organisation, with a placeholder roster (user ids `${org}.…`). */
export function kontumCycle(
  org: string,
  options: { calendar?: CycleCalendar; rehearsal?: boolean; rehearsalFrom?: string; year?: number } = {},
) {
  const year = options.year ?? 2024;
  const placeholders = placeholderRoster(org, UNITS);
  // The leader is the decision's signer, as in the demo directory: the decision names who approved.
  const roster = {
    ...placeholders,
    leader: { ...placeholders.leader, name: 'Nguyễn Hữu Tháp', title: 'Phó Chủ tịch UBND tỉnh' },
  };
  const input: StartQualityCycleInput = buildStartInput({
    organisationCode: org,
    year,
    startedBy: roster.qualityRepresentative.userId,
    roster,
    calendar: options.calendar ?? defaultCycleCalendar(year),
    rehearsal: options.rehearsal,
    rehearsalFrom: options.rehearsalFrom,
  });
  const workflowId = qualityCycleWorkflowId(org, year);
  const ids = {
    workflowId,
    approval: childWorkflowIds.approval(workflowId),
    assignment: childWorkflowIds.assignment(workflowId),
    monitoring: (objectiveId: string) => childWorkflowIds.monitoring(workflowId, objectiveId),
    audit: childWorkflowIds.audit(workflowId),
    review: childWorkflowIds.review(workflowId),
  };
  const user = {
    leader: roster.leader.userId,
    qr: roster.qualityRepresentative.userId,
    head: (unitCode: string) => `${org}.${unitCode}.head`,
    staff: (unitCode: string) => `${org}.${unitCode}.staff`,
    auditor: (i: number) => roster.auditors[i].userId,
    auditorUnit: (i: number) => roster.auditors[i].unitCode as string,
  };
  return { input, ids, user, roster };
}

/**
 * The 2024 calendar with the audit window and every period already past, and the review and close
 * a year ahead: on the dev server (real time) a started cycle at once has measurement tasks and the
 * audit plan open, and stays running.
 */
export function pastYearOpenCalendar(): CycleCalendar {
  const calendar = defaultCycleCalendar(2024);
  const nextYear = new Date().getUTCFullYear() + 1;
  return { ...calendar, managementReviewDate: `${nextYear}-06-01`, closeDate: `${nextYear}-12-01` };
}

export const APPROVE = { decision: 'approve', documentNumber: '123/QĐ-UBND' } as const;

/** The Chief of Office's delegation: objectives 2 and 3 to the General Affairs Division, 4 to the service centre. */
export const DELEGATIONS = {
  accepted: true,
  delegations: [
    { objectiveId: 'obj-2', unitCode: 'vp-tonghop' },
    { objectiveId: 'obj-3', unitCode: 'vp-tonghop' },
    { objectiveId: 'obj-4', unitCode: 'vp-ttpvhcc' },
  ],
} as const;

/** One checklist step of an October audit plan ({@link oneStepAuditPlan}). */
export interface AuditPlanStep {
  unitCode: string;
  process: string;
  clause: string;
  auditorUserId: string;
}

/** An October audit plan with a single checklist step, for the tests that need one step only. */
export const oneStepAuditPlan = (scope: string, step: AuditPlanStep) => ({
  scope,
  criteria: ['TCVN ISO 9001:2015'],
  methods: 'Phỏng vấn, xem xét hồ sơ',
  from: '2024-10-07',
  to: '2024-10-18',
  steps: [{ id: 's1', ...step }],
});

/**
 * The Kon Tum year's internal audit in October: two checklist steps, each signed off by an auditor
 * from another unit (the roster's first two auditors).
 */
export const octoberAuditPlan = (auditors: readonly [string, string]) => ({
  scope: 'Hệ thống quản lý chất lượng của UBND tỉnh và Văn phòng UBND tỉnh',
  criteria: ['TCVN ISO 9001:2015', 'Quy trình nội bộ'],
  methods: 'Phỏng vấn, xem xét hồ sơ, quan sát',
  from: '2024-10-07',
  to: '2024-10-18',
  steps: [
    {
      id: 's1',
      unitCode: 'vp-tonghop',
      process: 'Theo dõi nhiệm vụ trọng tâm',
      clause: '9.1.1',
      auditorUserId: auditors[0],
    },
    {
      id: 's2',
      unitCode: 'vp-ttpvhcc',
      process: 'Tiếp nhận, trả kết quả hồ sơ TTHC',
      clause: '8.5.1',
      auditorUserId: auditors[1],
    },
  ],
});
