import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import type {
  NotificationActivities,
  TaskNotificationRequest,
  TaskNotificationResult,
} from '@qcycle/contracts';
import { NotificationEntity } from '@qcycle/persistence';
import { TaskLinkSigner } from '@qcycle/task-links';
import { renderTaskNotification, taskLinkUrl } from './task-notification-mail';

/** The ApplicationFailure type of a failed SMTP hand-over: retryable, never list it as non-retryable. */
export const SMTP_DELIVERY_FAILED = 'SMTP_DELIVERY_FAILED';

/**
 * Tells people about their tasks by e-mail, and keeps every notification in `notifications`.
 *
 * Idempotent by `notificationId`, in three steps: (1) the e-mail is rendered (with a freshly signed
 * task link) and inserted as `pending`; (2) the stored text is handed to the SMTP server; (3) the
 * row becomes `sent`. A retry finds the row: `sent`/`recorded` → nothing more is sent (`duplicate`);
 * `pending` → the *same* stored text (same link) is sent again.
 *
 * The crash window: if the worker dies after the SMTP server accepted the message but before step 3
 * is written, the retry sends it a second time. That is deliberate: delivery is at-least-once,
 * because for an ISO record a lost notice (a missed deadline nobody was told about) is worse than a
 * duplicate one. Both copies carry the same Message-ID (derived from the notification id), so mail
 * systems that deduplicate on it show one. SMTP failures are retryable ApplicationFailures: the row
 * stays `pending` and Temporal's retry policy decides how long to keep trying.
 */
@Injectable()
export class TaskNotificationActivities implements NotificationActivities, OnModuleDestroy {
  private readonly logger = new Logger(TaskNotificationActivities.name);
  private readonly transport?: Transporter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig,
    private readonly taskLinks: TaskLinkSigner,
  ) {
    if (config.mail.smtpUrl) {
      // Bounded waits, so a hung relay fails the attempt (and Temporal retries) well before the
      // activity's own timeout.
      this.transport = createTransport({
        url: config.mail.smtpUrl,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 30_000,
      });
    } else {
      this.logger.warn(
        'SMTP_URL is not set: task notifications are recorded in the notifications table, not mailed',
      );
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  async sendTaskNotification(request: TaskNotificationRequest): Promise<TaskNotificationResult> {
    const { notificationId } = request;
    const notifications = this.dataSource.getRepository(NotificationEntity);
    let record = await notifications.findOneBy({ id: notificationId });
    if (!record) {
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(NotificationEntity)
        .values(this.compose(request, new Date()))
        .orIgnore()
        .execute();
      // Whichever attempt inserted first wins; from here on everyone sends the stored text.
      record = await notifications.findOneByOrFail({ id: notificationId });
    }
    if (record.delivery !== 'pending') return { notificationId, delivery: 'duplicate' };

    if (!record.email || !this.transport) {
      await notifications.update({ id: notificationId, delivery: 'pending' }, { delivery: 'recorded' });
      return { notificationId, delivery: 'recorded' };
    }

    try {
      await this.transport.sendMail({
        from: this.config.mail.from,
        to: { name: request.recipient.name, address: record.email },
        subject: record.subject,
        text: record.body,
        html: record.html,
        messageId: this.messageId(notificationId),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Qcycle-Notification-Id': notificationId },
      });
    } catch (error) {
      throw ApplicationFailure.create({
        message: `SMTP delivery of notification ${notificationId} failed: ${error instanceof Error ? error.message : String(error)}`,
        type: SMTP_DELIVERY_FAILED,
        nonRetryable: false,
        cause: error instanceof Error ? error : undefined,
      });
    }
    await notifications.update(
      { id: notificationId },
      { delivery: 'sent', sentAt: new Date().toISOString() },
    );
    return { notificationId, delivery: 'sent' };
  }

  /** The row to insert: the rendered e-mail with its own single-use link, as `pending`. */
  private compose(request: TaskNotificationRequest, now: Date): NotificationEntity {
    const link =
      request.reason === 'cancelled'
        ? undefined
        : (() => {
            const { token, claims } = this.taskLinks.issue(request.taskId, request.recipient.userId, now);
            return {
              url: taskLinkUrl(this.config.publicUrl, request.taskId, token),
              expiresAt: claims.expiresAt,
            };
          })();
    const mail = renderTaskNotification(request, link);
    return {
      id: request.notificationId,
      taskId: request.taskId,
      cycleId: request.cycleId,
      recipientUserId: request.recipient.userId,
      email: request.recipient.email?.trim() || null,
      reason: request.reason,
      locale: request.recipient.locale === 'en' ? 'en' : 'vi',
      subject: mail.subject,
      body: mail.text,
      html: mail.html,
      delivery: 'pending',
      createdAt: now.toISOString(),
      sentAt: null,
    };
  }

  /** The same Message-ID for every copy of one notification. */
  private messageId(notificationId: string): string {
    const domain = /@([^\s<>@]+?)>?$/.exec(this.config.mail.from)?.[1] ?? 'qcycle.local';
    return `<qcycle.${createHash('sha256').update(notificationId).digest('hex').slice(0, 32)}@${domain}>`;
  }
}
