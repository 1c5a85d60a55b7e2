import type { TaskKind } from '../task-outcomes';
import { CORRECTIVE_ACTION_PLAN, CORRECTIVE_ACTION_VERIFICATION } from './corrective-action';
import { AUDIT_CLOSE, AUDIT_PLAN, AUDIT_REPORT_APPROVAL, AUDIT_STEP } from './internal-audit';
import { MANAGEMENT_REVIEW, REVIEW_ACTION, REVIEW_PREPARATION } from './management-review';
import { AT_RISK_FOLLOW_UP, MEASUREMENT_REPORT, NONCONFORMITY_PROPOSAL } from './objective-monitoring';
import { OBJECTIVES_APPROVAL, OBJECTIVES_REVISION } from './objectives-approval';
import { ASSIGNMENT_ACCEPTANCE, UNIT_ACCEPTANCE } from './objectives-assignment';
import type { OutcomeSchema } from './schema-kit';

/** The JSON Schema of each task kind's outcome. */
export const TASK_OUTCOME_SCHEMAS: { readonly [K in TaskKind]: OutcomeSchema } = {
  'objectives-approval': OBJECTIVES_APPROVAL,
  'objectives-revision': OBJECTIVES_REVISION,
  'assignment-acceptance': ASSIGNMENT_ACCEPTANCE,
  'unit-acceptance': UNIT_ACCEPTANCE,
  'measurement-report': MEASUREMENT_REPORT,
  'at-risk-follow-up': AT_RISK_FOLLOW_UP,
  'audit-plan': AUDIT_PLAN,
  'audit-step': AUDIT_STEP,
  'audit-close': AUDIT_CLOSE,
  'audit-report-approval': AUDIT_REPORT_APPROVAL,
  'corrective-action-plan': CORRECTIVE_ACTION_PLAN,
  'corrective-action-verification': CORRECTIVE_ACTION_VERIFICATION,
  'review-preparation': REVIEW_PREPARATION,
  'management-review': MANAGEMENT_REVIEW,
  'review-action': REVIEW_ACTION,
  'nonconformity-proposal': NONCONFORMITY_PROPOSAL,
};

/** `measurement-report` → `MeasurementReportOutcome`: the schema's name in the OpenAPI document. */
export function outcomeSchemaName(kind: TaskKind): string {
  return `${kind.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase())}Outcome`;
}
