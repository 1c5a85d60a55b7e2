import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { CycleRecordActivities } from '@qcycle/activities';
import type {
  PasswordResetActivitiesService,
  TaskNotificationActivities,
  WeeklyDigestActivitiesService,
} from '@qcycle/activities';
import type { QualityRecordActivities } from '@qcycle/activities';
import { bundleWorkflows } from './workflow-bundle';

/**
 * The activity implementations the worker registers, each bound so that `this` stays the service.
 * The same functions serve regular and local activities: a workflow that calls `completeTaskRecord`
 * through `localRecords` (workflows/src/activities.ts) has it run here, in this process, inside the
 * workflow task, by the name it is registered under.
 */
export interface ActivityServices {
  cycleRecords: CycleRecordActivities;
  notifications: TaskNotificationActivities;
  digests: WeeklyDigestActivitiesService;
  passwordResets: PasswordResetActivitiesService;
  qualityRecords: QualityRecordActivities;
}

export function activitiesOf({
  cycleRecords,
  notifications,
  digests,
  passwordResets,
  qualityRecords,
}: ActivityServices) {
  return {
    ...qualityRecordActivitiesOf(qualityRecords),
    recordCycleStarted: cycleRecords.recordCycleStarted.bind(cycleRecords),
    recordCycleProgress: cycleRecords.recordCycleProgress.bind(cycleRecords),
    sendTaskNotification: notifications.sendTaskNotification.bind(notifications),
    askClerksForScan: notifications.askClerksForScan.bind(notifications),
    tellUploaderOfErasure: notifications.tellUploaderOfErasure.bind(notifications),
    resendPendingNotifications: notifications.resendPendingNotifications.bind(notifications),
    sendWeeklyDigests: digests.sendWeeklyDigests.bind(digests),
    sendPasswordResetMail: passwordResets.sendPasswordResetMail.bind(passwordResets),
    sendPasswordChangedNotice: passwordResets.sendPasswordChangedNotice.bind(passwordResets),
  };
}

/** Every method of the cycle's record service, bound (the workflows call them by name). */
function qualityRecordActivitiesOf(service: QualityRecordActivities) {
  const names = [
    'openTask',
    'completeTaskRecord',
    'recordTaskEvent',
    'closeTaskRecords',
    'recordDecision',
    'recordAssignments',
    'recordMeasurements',
    'recordMeasurementCorrection',
    'recordAudit',
    'recordAuditSteps',
    'recordCorrectiveAction',
    'recordManagementReview',
    'recordObjectiveResults',
    'compileReviewInputs',
    'prepareNextYearDraft',
  ] as const satisfies readonly (keyof QualityRecordActivities)[];
  return Object.fromEntries(names.map((name) => [name, service[name].bind(service)])) as Pick<
    QualityRecordActivities,
    (typeof names)[number]
  >;
}

export interface QcycleWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  services: ActivityServices;
  /** Prebuilt workflow code (production, tests); without it the worker bundles workflows/src itself. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** TEMPORAL_MAX_CACHED_WORKFLOWS (libs/config `DEFAULT_MAX_CACHED_WORKFLOWS`). */
  maxCachedWorkflows: number;
}

/** The one place a qcycle Worker is assembled: the worker app and the test suites both use it. */
export async function createQcycleWorker(options: QcycleWorkerOptions): Promise<Worker> {
  const workflowSource: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> = options.workflowBundle
    ? { workflowBundle: options.workflowBundle }
    : { workflowBundle: { code: (await bundleWorkflows()).code } };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: activitiesOf(options.services),
    maxCachedWorkflows: options.maxCachedWorkflows,
    ...workflowSource,
  });
}
