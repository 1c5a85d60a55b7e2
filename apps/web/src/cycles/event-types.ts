/**
 * Every type of event the engine records, grouped as the history's filter offers them: a group is
 * the types' prefix (`corrective-action.`), which the API reads as "any of them". The engine's own
 * list (`qualityEventTypes`, libs/contracts) is the source: event-types.spec.ts checks that each is
 * here, in its group, so that no event of the log is one the history cannot choose.
 */
export const EVENT_TYPES = {
  cycle: [
    'cycle.started',
    'cycle.phase-entered',
    'cycle.dates-moved',
    'cycle.unit-work-moved',
    'cycle.role-moved',
    'cycle.closed',
    'cycle.cancelled',
    'cycle.next-year-draft-prepared',
    'cycle.next-year-started',
  ],
  objectives: ['objectives.approved', 'objectives.delegated', 'objectives.unit-accepted'],
  task: [
    'task.opened',
    'task.completed',
    'task.reminded',
    'task.escalated',
    'task.reassigned',
    'task.urged',
    'task.commented',
    'task.cancelled',
    'task.expired',
    'task.resolved',
  ],
  measurement: ['measurement.reported', 'measurement.corrected'],
  evidence: ['evidence.uploaded', 'evidence.withdrawn', 'evidence.erased'],
  audit: [
    'audit.planned',
    'audit.steps-planned',
    'audit.opened',
    'audit.step-signed-off',
    'audit.closed',
    'audit.report-approved',
    'audit.not-closed',
  ],
  nonconformity: ['nonconformity.opened'],
  'corrective-action': [
    'corrective-action.opened',
    'corrective-action.planned',
    'corrective-action.closed',
    'corrective-action.reopened',
    'corrective-action.carried-forward',
    'corrective-action.carried-in',
  ],
  review: [
    'review.inputs-compiled',
    'review.held',
    'review.not-held',
    'review.action-reported',
    'review.actions-carried-forward',
  ],
  document: ['document.dispatched'],
} as const;
