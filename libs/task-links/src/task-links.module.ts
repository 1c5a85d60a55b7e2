import { Module } from '@nestjs/common';
import { TaskLinkSigner } from './task-link-signer';
import { TaskLinkService } from './task-link.service';

/**
 * Task links for the apps: {@link TaskLinkSigner} (issue/verify) and {@link TaskLinkService}
 * (consume once). Needs QCYCLE_CONFIG (QcycleConfigModule, global) and a TypeORM DataSource
 * (TypeOrmModule.forRoot…) in the importing application.
 */
@Module({
  providers: [TaskLinkSigner, TaskLinkService],
  exports: [TaskLinkSigner, TaskLinkService],
})
export class TaskLinksModule {}
