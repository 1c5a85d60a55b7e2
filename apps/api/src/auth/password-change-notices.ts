import { Inject, Injectable, Logger } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import {
  PASSWORD_CHANGED_NOTICE_WORKFLOW,
  passwordChangedNoticeWorkflowId,
  type PasswordChangedNoticeInput,
  type PasswordSetBy,
} from '@qcycle/contracts';
import { TemporalClientProvider } from '../temporal/temporal-client.module';

/**
 * Tells a person by mail that their password was set — by the mailed link, on their account page,
 * or by an administrator — so that a change they did not make does not go unnoticed
 * (docs/security.md). Started once the password is saved; the password stays set if Temporal cannot
 * be reached (the change is in the directory's log either way), so a failure to start is logged, not
 * answered.
 */
@Injectable()
export class PasswordChangeNotices {
  private readonly logger = new Logger(PasswordChangeNotices.name);

  constructor(
    @Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig,
    private readonly temporal: TemporalClientProvider,
  ) {}

  async tell(userId: string, by: PasswordSetBy, requestId: string): Promise<void> {
    const input: PasswordChangedNoticeInput = { requestId, userId, by, changedAt: new Date().toISOString() };
    try {
      await this.temporal.client.workflow.start(PASSWORD_CHANGED_NOTICE_WORKFLOW, {
        taskQueue: this.config.temporal.taskQueue,
        workflowId: passwordChangedNoticeWorkflowId(requestId),
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [input],
      });
    } catch (error) {
      // Started already: the same request repeated (its x-request-id), told once.
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      this.logger.warn(`password-changed notice of request ${requestId} not started: ${String(error)}`);
    }
  }
}
