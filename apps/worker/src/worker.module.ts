import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CycleRecordActivities } from '@qcycle/activities';
import {
  PasswordResetActivitiesService,
  TaskNotificationActivities,
  WeeklyDigestActivitiesService,
} from '@qcycle/activities';
import { QualityRecordActivities } from '@qcycle/activities';
import { TaskLinksModule } from '@qcycle/task-links';
import { QCYCLE_CONFIG, QcycleConfigModule, type QcycleConfig } from '@qcycle/config';
import type { DataSourceOptions } from 'typeorm';
import { dataSourceOptions, initialiseDataSource } from '@qcycle/persistence';
import {
  START_BACKGROUND_LOOPS,
  TemporalWorkerService,
  WORKFLOW_BUNDLE_PATH,
} from './temporal-worker.service';

export interface WorkerModuleOptions {
  config?: QcycleConfig;
  /** Prebuilt workflow code; the worker bundles workflows/src itself when there is none. */
  workflowBundlePath?: string;
  /**
   * Start the task queue's loops at boot if they are not running — the `notificationSweep` and the
   * `weeklyDigest` workflows (the worker's main.ts does). Off by default so that test suites
   * assembling the worker get no endless timer loop: on the time-skipping server it would fire at
   * every interval of a skipped year.
   */
  startBackgroundLoops?: boolean;
}

/** The worker process: activities with their dependencies, and the Temporal Worker that runs them. */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerModuleOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        QcycleConfigModule.forRoot(options.config),
        TypeOrmModule.forRootAsync({
          inject: [QCYCLE_CONFIG],
          useFactory: (config: QcycleConfig) => dataSourceOptions(config.database),
          dataSourceFactory: (options) => initialiseDataSource(options as DataSourceOptions),
        }),
        TaskLinksModule,
      ],
      providers: [
        CycleRecordActivities,
        TaskNotificationActivities,
        WeeklyDigestActivitiesService,
        PasswordResetActivitiesService,
        QualityRecordActivities,
        TemporalWorkerService,
        { provide: WORKFLOW_BUNDLE_PATH, useValue: options.workflowBundlePath },
        { provide: START_BACKGROUND_LOOPS, useValue: options.startBackgroundLoops ?? false },
      ],
    };
  }
}
