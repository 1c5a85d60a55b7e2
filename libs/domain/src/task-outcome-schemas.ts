/*
 * The shape of every task's answer as JSON Schema (published by the API, checked by the workflow
 * validators): each workflow's task kinds are a module of task-outcome-schemas/ (objectives-approval,
 * objectives-assignment, objective-monitoring, internal-audit, corrective-action, management-review),
 * written with the field builders of schema-kit.ts; schemas-by-kind.ts maps each task kind to its
 * schema, and shape-check.ts checks an answer against it. This file is their public surface.
 */
export type { OutcomeSchema } from './task-outcome-schemas/schema-kit';
export { AUDIT_RESULTS, type AuditResult } from './task-outcome-schemas/internal-audit';
export { DOCUMENT_NUMBER_PATTERN } from './task-outcome-schemas/objectives-approval';
export { TASK_OUTCOME_SCHEMAS, outcomeSchemaName } from './task-outcome-schemas/schemas-by-kind';
export { checkOutcomeShape, type OutcomeRule, type OutcomeRules } from './task-outcome-schemas/shape-check';
