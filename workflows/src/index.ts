// Every workflow the worker registers. Workflow code is deterministic: it imports only
// @temporalio/workflow, @qcycle/contracts, @qcycle/domain, relative files and activity types
// (checked by workflows/src/determinism.spec.ts).
export { qualityCycle } from './quality-cycle.workflow';
export { objectivesApproval } from './objectives-approval.workflow';
export { objectivesAssignment } from './objectives-assignment.workflow';
export { objectiveMonitoring } from './objective-monitoring.workflow';
export { internalAudit } from './internal-audit.workflow';
export { correctiveAction } from './corrective-action.workflow';
export { managementReview } from './management-review.workflow';
export { notificationSweep } from './notification-sweep.workflow';
export { weeklyDigest } from './weekly-digest.workflow';
export { passwordChangedNotice, passwordResetMail } from './password-reset-mail.workflow';
export { evidenceErasedNotice } from './evidence-erased-notice.workflow';
