import type { EvidenceRecordType } from './dto/evidence.dto';

/**
 * A record evidence files are uploaded to: a measurement report, audit step, corrective action,
 * review, review action or the objectives' approval.
 */
export interface EvidenceRecord {
  recordType: EvidenceRecordType;
  recordKey: string;
}

/**
 * The record whose evidence a task's answer names: its own id for a measurement report, an audit
 * step, the management review, a review action's report and the leader's approval of the objectives
 * (the scan of the signed decision); the corrective action (its workflow) for the action's plan and
 * its verification. Other tasks (acceptances, the audit's) carry no evidence of their own.
 * The web app's task page reads the same records (apps/web/src/tasks/task-view.tsx).
 */
export function evidenceRecordOfTask(task: {
  id: string;
  kind: string;
  workflowId: string;
}): EvidenceRecord | undefined {
  switch (task.kind) {
    case 'measurement-report':
      return { recordType: 'measurement', recordKey: task.id };
    case 'audit-step':
      return { recordType: 'audit-step', recordKey: task.id };
    case 'corrective-action-plan':
    case 'corrective-action-verification':
      return { recordType: 'corrective-action', recordKey: task.workflowId };
    case 'management-review':
      return { recordType: 'review', recordKey: task.id };
    case 'review-action':
      return { recordType: 'review-action', recordKey: task.id };
    case 'objectives-approval':
      return { recordType: 'approval', recordKey: task.id };
    default:
      return undefined;
  }
}
