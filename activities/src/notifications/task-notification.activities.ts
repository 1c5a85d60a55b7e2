import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Transporter } from 'nodemailer';
import { DataSource, IsNull, LessThan, Not } from 'typeorm';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import {
  evidenceErasedNoticeId,
  evidenceReference,
  parseQualityCycleId,
  qualityCycleId,
  type EvidenceErasedNoticeRequest,
  type NotificationActivities,
  type SignedPaperScanRequest,
  type TaskNotificationRequest,
  type TaskNotificationResult,
} from '@qcycle/contracts';
import {
  cycleDocumentsPageUrl,
  cyclePageUrl,
  openedAfterDue,
  PAPER_ANSWERED_KINDS,
  taskPageUrl,
  type TaskKind,
} from '@qcycle/domain';
import {
  CorrectiveActionEntity,
  EventLogEntryEntity,
  EvidenceFileEntity,
  evidenceFilesNamedIn,
  NotificationEntity,
  QualityCycleEntity,
  TaskEntity,
  UserEntity,
  WHOLE_ORGANISATION_SCOPE,
} from '@qcycle/persistence';
import { TaskLinkSigner } from '@qcycle/task-links';
import type { ResendPendingNotificationsInput, ResendPendingNotificationsResult } from '@qcycle/contracts';
import { activeHolders, departedRecipientOf, hasLeft, type StandInRole } from './departed-recipient';
import { MailingActivities, mailMessageId } from './smtp';
import { taskCalendar } from './task-calendar';
import { renderTaskNotification, taskLinkUrl, type TaskMailContext } from './task-notification-mail';

/** The ApplicationFailure type of a failed SMTP hand-over: retryable, never list it as non-retryable. */
export const SMTP_DELIVERY_FAILED = 'SMTP_DELIVERY_FAILED';

/**
 * The ApplicationFailure type when another sender (the sweep, or a previous attempt still running)
 * holds the row: retryable; the retry finds it `sent`, or free again if that sender failed.
 */
export const NOTIFICATION_BEING_SENT = 'NOTIFICATION_BEING_SENT';

/**
 * How long a sender holds a claimed row. Longer than one hand-over can take (the transport's
 * bounded waits below add up to about a minute), so a live sender never loses its claim; a dead
 * one's claim lapses and the sweep takes the row over.
 */
export const NOTIFICATION_CLAIM_MS = 5 * 60_000;

/** Marks the id of a copy of a notice to a further stand-in for someone who left: `${notificationId}/stand-in/${userId}`. */
export const STAND_IN_COPY = 'stand-in';

/** nodemailer's codes for a message the relay refused; any other failure means the relay is unreachable or broken. */
const MESSAGE_REFUSED_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * Tells people about their tasks by e-mail, and keeps every notification in `notifications`.
 *
 * Idempotent by `notificationId`, in three steps: (1) the e-mail is rendered (with a freshly signed
 * task link) and inserted as `pending`; (2) the row is claimed and the stored text is handed to the
 * SMTP server; (3) the row becomes `sent`. A retry finds the row: `sent`/`recorded` → nothing more
 * is sent (`duplicate`); `pending` → the *same* stored text (same link) is sent again.
 *
 * Whoever hands a row to SMTP — this activity or the sweep ({@link resendPendingNotifications}),
 * on any worker — first claims it with one conditional UPDATE (`delivery = 'pending'` and no live
 * claim), and only the sender whose UPDATE changed the row sends. The database decides, never a
 * read-then-write, so two senders never send one notification at the same time.
 *
 * The crash window: if the worker dies after the SMTP server accepted the message but before step 3
 * is written, its claim lapses and the retry (or the sweep) sends it a second time. That is
 * deliberate: delivery is at-least-once, because for an ISO record a lost notice (a missed deadline
 * nobody was told about) is worse than a duplicate one. Both copies carry the same Message-ID
 * (derived from the notification id), so mail systems that deduplicate on it show one. SMTP
 * failures are retryable ApplicationFailures: the row stays `pending`, Temporal's retry policy
 * keeps trying, and once the workflow gives up the sweep takes over (docs/notifications.md).
 */
@Injectable()
export class TaskNotificationActivities extends MailingActivities implements NotificationActivities {
  private readonly logger = new Logger(TaskNotificationActivities.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(QCYCLE_CONFIG) config: QcycleConfig,
    private readonly taskLinks: TaskLinkSigner,
  ) {
    super(config);
    if (!this.transport)
      this.logger.warn(
        'SMTP_URL is not set: task notifications are recorded in the notifications table, not mailed',
      );
  }

  /**
   * A notice meant for someone who has left the directory goes to whoever can act on it now
   * (`departedRecipientOf`): one row per person, the first under the workflow's notification id, any
   * other (two Quality Representatives) under `${notificationId}/${STAND_IN_COPY}/${userId}`. Who
   * gets it is decided once, when the rows are written; a retry sends the rows it finds.
   */
  async sendTaskNotification(request: TaskNotificationRequest): Promise<TaskNotificationResult> {
    const { notificationId } = request;
    let records = await this.storedRows(request);
    if (records.length === 0) {
      await this.insertRows(request, new Date());
      // Whichever attempt inserted first wins; from here on everyone sends the stored text.
      records = await this.storedRows(request);
    }
    const outcomes: TaskNotificationResult['delivery'][] = [];
    for (const record of records) outcomes.push(await this.sendRow(record));
    const delivery = outcomes.includes('sent')
      ? 'sent'
      : outcomes.includes('recorded')
        ? 'recorded'
        : 'duplicate';
    return { notificationId, delivery };
  }

  /**
   * A signed paper recorded without its scan (docs/notifications.md "The văn thư, of a signed paper
   * to scan"): each active văn thư of the organisation (role `clerk`) as the directory has them now
   * is sent `paper-to-scan`, under `${noticeId}/${userId}`, so that a retry tells nobody twice. An
   * office whose directory has no văn thư has its Quality Representative asked instead: the other
   * who adds scans.
   */
  async askClerksForScan({
    noticeId,
    cycleId,
    organisationCode,
    paper,
  }: SignedPaperScanRequest): Promise<{ told: number }> {
    const holders = (role: 'clerk' | 'quality-representative') =>
      activeHolders(this.dataSource, organisationCode, role, WHOLE_ORGANISATION_SCOPE);
    const clerks = await holders('clerk');
    const asked = clerks.length > 0 ? clerks : await holders('quality-representative');
    // Each is written, and tried, whatever befell the one before: a relay that refuses the first
    // mail leaves every notice pending (the retry and the sweep send them), none unwritten.
    const failures: unknown[] = [];
    for (const person of asked)
      await this.sendTaskNotification({
        notificationId: `${noticeId}/${person.userId}`,
        taskId: noticeId,
        cycleId,
        reason: 'paper-to-scan',
        recipient: person,
        taskTitle: paper,
      }).catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
    return { told: asked.length };
  }

  /**
   * A file's content erased (docs/notifications.md "The uploader, of a file erased"): the person who
   * uploaded it is sent `evidence-erased`, under the file's notice id, so that a retry or a second
   * erasure request tells them once. Nobody is told who erased their own upload, nor anyone no longer
   * active. The notice is about the file's record: its task (whose page the mail and the bell lead
   * to), or a corrective action, named by its nonconformity.
   */
  async tellUploaderOfErasure({ evidenceId }: EvidenceErasedNoticeRequest): Promise<{ told: number }> {
    const file = await this.dataSource.getRepository(EvidenceFileEntity).findOneBy({ id: evidenceId });
    if (!file?.erasedAt || !file.erasedBy || file.erasedBy === file.uploadedBy) return { told: 0 };
    const users = this.dataSource.getRepository(UserEntity);
    const [uploader, eraser] = await Promise.all([
      users.findOneBy({ id: file.uploadedBy }),
      users.findOne({ select: { id: true, fullName: true }, where: { id: file.erasedBy } }),
    ]);
    if (!uploader?.active) return { told: 0 };
    const noticeId = evidenceErasedNoticeId(evidenceId);
    const task =
      file.recordType === 'corrective-action'
        ? null
        : await this.dataSource
            .getRepository(TaskEntity)
            .findOne({ select: { id: true, title: true }, where: { id: file.recordKey } });
    const action = task
      ? null
      : await this.dataSource
          .getRepository(CorrectiveActionEntity)
          .findOne({ select: { id: true, finding: true }, where: { id: file.recordKey } });
    const finding = action?.finding ?? file.recordKey;
    await this.sendTaskNotification({
      notificationId: noticeId,
      // Its task, whose title the bell shows in the reader's language; a corrective action has none.
      taskId: task?.id ?? noticeId,
      cycleId: file.cycleId,
      reason: 'evidence-erased',
      recipient: {
        userId: uploader.id,
        name: uploader.fullName,
        email: uploader.email,
        ...(uploader.unitCode ? { unitCode: uploader.unitCode } : {}),
        locale: uploader.locale === 'en' ? 'en' : 'vi',
      },
      taskTitle: task
        ? task.title
        : { vi: `Hành động khắc phục: ${finding}`, en: `Corrective action: ${finding}` },
      erasure: {
        byName: eraser?.fullName ?? file.erasedBy,
        at: file.erasedAt,
        fileName: file.fileName,
        reason: file.erasedReason ?? '',
      },
    });
    return { told: 1 };
  }

  /** The notice's rows: its own, then any copy to a further stand-in for someone who left. */
  private async storedRows(request: TaskNotificationRequest): Promise<NotificationEntity[]> {
    const notifications = this.dataSource.getRepository(NotificationEntity);
    const own = await notifications.findOneBy({ id: request.notificationId });
    if (!own) return [];
    if (!own.recipientName || own.recipientUserId === request.recipient.userId) return [own];
    // Redirected: a task has few notifications, and the copies' ids begin with this one's.
    const prefix = `${request.notificationId}/${STAND_IN_COPY}/`;
    const copies = (await notifications.findBy({ taskId: request.taskId }))
      .filter((row) => row.id.startsWith(prefix))
      .sort((a, b) => a.id.localeCompare(b.id));
    return [own, ...copies];
  }

  /**
   * Writes the notice's rows, rendered with their own single-use links, as `pending`: one, or for
   * someone who left, one per stand-in. In one transaction that writes the copies only if its own
   * row won: two attempts at once never leave two different sets of recipients.
   */
  private async insertRows(told: TaskNotificationRequest, now: Date): Promise<void> {
    // Someone who has left is not mailed about a task taken from them (it was handed over because
    // they left, most often): the notice is kept, as recorded, and goes to nobody else.
    const request =
      told.reason === 'reassigned-away' && (await hasLeft(this.dataSource, told.recipient.userId))
        ? { ...told, recipient: { ...told.recipient, email: undefined } }
        : told;
    const context = await this.contextOf(request);
    const departed = await departedRecipientOf(this.dataSource, request);
    if (departed && departed.standIns.length === 0) {
      this.logger.warn(
        `notification ${request.notificationId}: ${request.recipient.userId} has left the directory and nobody active holds the role to take it (unit head of the task's unit, Quality Representative); sent to them as before`,
      );
    }
    const rows =
      departed && departed.standIns.length > 0
        ? departed.standIns.map((standIn, index) =>
            this.compose(
              {
                ...request,
                notificationId:
                  index === 0
                    ? request.notificationId
                    : `${request.notificationId}/${STAND_IN_COPY}/${standIn.userId}`,
                recipient: standIn,
              },
              now,
              {
                ...context,
                departed: {
                  name: departed.departed.name,
                  held: departed.held,
                  standInRole: departed.standInRole as StandInRole,
                },
              },
            ),
          )
        : [this.compose(request, now, context)];
    const [own, ...copies] = rows;
    await this.dataSource.transaction(async (manager) => {
      await manager.createQueryBuilder().insert().into(NotificationEntity).values(own).orIgnore().execute();
      if (copies.length === 0) return;
      const stored = await manager.findOneByOrFail(NotificationEntity, { id: own.id });
      // The body holds this attempt's link (its nonce): the same body means this attempt's row.
      if (stored.body !== own.body) return;
      await manager
        .createQueryBuilder()
        .insert()
        .into(NotificationEntity)
        .values(copies)
        .orIgnore()
        .execute();
    });
    if (departed && departed.standIns.length > 0) {
      this.logger.log(
        `notification ${request.notificationId}: ${request.recipient.userId} has left the directory; sent to ${departed.standIns.map((p) => p.userId).join(', ')} (${departed.standInRole})`,
      );
    }
  }

  /**
   * Sends one stored row, once: `duplicate` when it is already settled, `recorded` without an
   * address or SMTP_URL, `sent` once the relay took it; a failed hand-over throws (retryable).
   */
  private async sendRow(record: NotificationEntity): Promise<TaskNotificationResult['delivery']> {
    const notificationId = record.id;
    if (record.delivery !== 'pending') return 'duplicate';

    if (!record.email || !this.transport) {
      const recorded = await this.unclaimed(notificationId, new Date())
        .set({ delivery: 'recorded' })
        .execute();
      if (recorded.affected === 1) return 'recorded';
      return (await this.handledElsewhere(notificationId)).delivery;
    }

    const now = new Date();
    const claim = await this.claim(notificationId, now);
    if (!claim) return (await this.handledElsewhere(notificationId)).delivery;
    const smtpError = await this.deliver(record, claim, record.recipientName);
    if (smtpError !== undefined) {
      throw ApplicationFailure.create({
        message: `SMTP delivery of notification ${notificationId} failed: ${errorMessage(smtpError)}`,
        type: SMTP_DELIVERY_FAILED,
        nonRetryable: false,
        cause: smtpError instanceof Error ? smtpError : undefined,
      });
    }
    return 'sent';
  }

  /**
   * The sweep: re-sends notifications left `pending` (the workflow's attempts ran out during an SMTP
   * outage, or a worker died mid-send), oldest first, each the stored mail with the same Message-ID,
   * each claimed first so that it goes out once however many sweeps and activities run at once.
   * Only rows with an e-mail address; without SMTP_URL on this worker it sends nothing and leaves
   * the rows for a worker that has it. Stops at the first failure that says the relay is down.
   */
  async resendPendingNotifications(
    input: ResendPendingNotificationsInput,
  ): Promise<ResendPendingNotificationsResult> {
    const result: ResendPendingNotificationsResult = {
      found: 0,
      sent: 0,
      failed: 0,
      skipped: 0,
      relayDown: false,
    };
    if (!this.transport) return result;
    const now = new Date();
    const due = {
      delivery: 'pending' as const,
      email: Not(IsNull()),
      createdAt: LessThan(new Date(now.getTime() - input.olderThanMinutes * 60_000).toISOString()),
    };
    const rows = await this.dataSource.getRepository(NotificationEntity).find({
      where: [
        { ...due, claimedUntil: IsNull() },
        { ...due, claimedUntil: LessThan(now.toISOString()) },
      ],
      order: { createdAt: 'ASC', id: 'ASC' },
      take: input.limit,
    });
    result.found = rows.length;
    for (const row of rows) {
      heartbeat(result);
      const claim = await this.claim(row.id, new Date());
      if (!claim) {
        result.skipped += 1;
        continue;
      }
      const smtpError = await this.deliver(row, claim, row.recipientName);
      if (smtpError === undefined) {
        result.sent += 1;
        continue;
      }
      result.failed += 1;
      this.logger.warn(`re-sending notification ${row.id} failed: ${errorMessage(smtpError)}`);
      if (!MESSAGE_REFUSED_CODES.has((smtpError as { code?: unknown }).code as string)) {
        result.relayDown = true;
        break;
      }
    }
    if (result.found > 0) {
      this.logger.log(
        `notification sweep: ${result.sent} re-sent, ${result.failed} failed, ${result.skipped} taken by another sender, of ${result.found}`,
      );
    }
    return result;
  }

  /**
   * Takes the row for one hand-over to SMTP: one conditional UPDATE, which only one sender can win
   * while the row is `pending` and nobody else's claim is live. Counts the attempt. Returns the
   * claim (its expiry), or undefined when the row is sent, recorded or someone else's.
   */
  private async claim(notificationId: string, now: Date): Promise<string | undefined> {
    const claimedUntil = new Date(now.getTime() + NOTIFICATION_CLAIM_MS).toISOString();
    const claimed = await this.unclaimed(notificationId, now)
      .set({ claimedUntil, lastAttemptAt: now.toISOString(), attempts: () => 'attempts + 1' })
      .execute();
    return claimed.affected === 1 ? claimedUntil : undefined;
  }

  /** An UPDATE of the row that applies only while it is `pending` and not claimed by a live sender. */
  private unclaimed(notificationId: string, now: Date) {
    return this.dataSource
      .createQueryBuilder()
      .update(NotificationEntity)
      .where('id = :notificationId', { notificationId })
      .andWhere('delivery = :pending', { pending: 'pending' })
      .andWhere('(claimed_until IS NULL OR claimed_until < :now)', { now: now.toISOString() });
  }

  /**
   * Hands the stored mail of a row this sender has claimed to SMTP, then marks it `sent`. If SMTP
   * fails it releases its claim (only its own: a claim that lapsed and was taken over stays),
   * records the error and returns it; database errors are thrown.
   */
  private async deliver(
    record: NotificationEntity,
    claim: string,
    recipientName: string | null,
  ): Promise<unknown> {
    const notifications = this.dataSource.getRepository(NotificationEntity);
    const address = record.email as string;
    try {
      await (this.transport as Transporter).sendMail({
        from: this.config.mail.from,
        to: recipientName ? { name: recipientName, address } : address,
        subject: record.subject,
        text: record.body,
        html: record.html,
        ...(record.calendar ? { icalEvent: calendarPart(record.calendar) } : {}),
        messageId: mailMessageId(this.config, '', record.id),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Qcycle-Notification-Id': record.id },
      });
    } catch (error) {
      await notifications.update(
        { id: record.id, claimedUntil: claim },
        { claimedUntil: null, lastError: errorMessage(error).slice(0, 2_000) },
      );
      return error ?? new Error('SMTP hand-over failed');
    }
    await notifications.update(
      { id: record.id, delivery: 'pending' },
      { delivery: 'sent', sentAt: new Date().toISOString(), claimedUntil: null },
    );
    return undefined;
  }

  /** The row was not ours to send: already settled (a duplicate), or another sender is on it. */
  private async handledElsewhere(notificationId: string): Promise<TaskNotificationResult> {
    const record = await this.dataSource
      .getRepository(NotificationEntity)
      .findOneByOrFail({ id: notificationId });
    if (record.delivery !== 'pending') return { notificationId, delivery: 'duplicate' };
    throw ApplicationFailure.create({
      message: `notification ${notificationId} is being handed to SMTP by another sender (claimed until ${record.claimedUntil})`,
      type: NOTIFICATION_BEING_SENT,
      nonRetryable: false,
    });
  }

  /**
   * What the mail says besides the request, read from the records: whether the task's cycle is a
   * rehearsal (cycles recorded before it kept this: not marked); for a reassignment, who had the
   * task, who handed it on and why (the event the workflow records before it notifies); for next
   * year's draft, the closed cycle's page; for corrected figures, the report's page; for a task given (or given again) after its due instant,
   * that it was (its record, written before anyone is told of the task).
   */
  private async contextOf(request: TaskNotificationRequest): Promise<TaskMailContext> {
    const cycle = await this.dataSource
      .getRepository(QualityCycleEntity)
      .findOne({ select: { id: true, rehearsal: true }, where: { id: request.cycleId } });
    return {
      rehearsal: cycle?.rehearsal === true,
      ...(request.reason === 'reassigned' || request.reason === 'reassigned-away'
        ? { reassignment: await this.reassignmentOf(request) }
        : {}),
      // Their link is void (the task left them), or the task is completed in their name: its page.
      ...(request.reason === 'reassigned-away' || request.reason === 'entered-on-paper'
        ? { taskPage: taskPageUrl(this.config.publicUrl, request.taskId) }
        : {}),
      ...(request.reason === 'assigned' || request.reason === 'reassigned'
        ? await this.givenLateOf(request.taskId)
        : {}),
      ...(request.reason === 'next-year-draft'
        ? {
            cyclePage: cyclePageUrl(this.config.publicUrl, request.cycleId),
            nextYearStarted: await this.nextYearStarted(request.cycleId),
          }
        : {}),
      ...(request.reason === 'paper-to-scan'
        ? { documentsPage: cycleDocumentsPageUrl(this.config.publicUrl, request.cycleId) }
        : {}),
      // The erased file's record: its task's page, or for a corrective action the year's.
      ...(request.reason === 'evidence-erased'
        ? (await this.dataSource.getRepository(TaskEntity).existsBy({ id: request.taskId }))
          ? { taskPage: taskPageUrl(this.config.publicUrl, request.taskId) }
          : { cyclePage: cyclePageUrl(this.config.publicUrl, request.cycleId) }
        : {}),
      ...(request.reason === 'corrected'
        ? {
            taskPage: taskPageUrl(this.config.publicUrl, request.taskId),
            evidenceNames: await this.evidenceNamesOf(request.cycleId, request.correction?.evidence ?? []),
          }
        : {}),
      ...(request.reason === 'entered-on-paper'
        ? {
            evidenceNames: await this.evidenceNamesOf(
              request.cycleId,
              request.enteredOnPaper?.evidence ?? [],
            ),
          }
        : {}),
      ...(request.reason === 'escalated' && (await this.entersOnPaper(request))
        ? { entersOnPaper: true }
        : {}),
    };
  }

  /**
   * Whether the recipient of an escalation may enter the assignee's answer given on paper: the
   * leader's task of a kind the Quality Representative enters (`PAPER_ANSWERED_KINDS`), whose
   * escalation goes to the Quality Representative alone (cycle-context `startOfYearDeadline`).
   */
  private async entersOnPaper(request: TaskNotificationRequest): Promise<boolean> {
    if (request.assignee === undefined || request.assignee.userId === request.recipient.userId) return false;
    const task = await this.dataSource
      .getRepository(TaskEntity)
      .findOne({ select: { id: true, kind: true }, where: { id: request.taskId } });
    return task !== null && PAPER_ANSWERED_KINDS.includes(task.kind as TaskKind);
  }

  /** The names of the files a correction or a paper answer rests on, by reference (`evidence:<id>`); other texts are no files. */
  private async evidenceNamesOf(
    cycleId: string,
    evidence: readonly string[],
  ): Promise<Record<string, string>> {
    const files = await evidenceFilesNamedIn(this.dataSource, cycleId, { evidence });
    return Object.fromEntries(files.map((file) => [evidenceReference(file.id), file.fileName]));
  }

  /** Whether the task's record says it opened after its due instant (the task view's `openedAfterDue`). */
  private async givenLateOf(taskId: string): Promise<Pick<TaskMailContext, 'givenLate'>> {
    const task = await this.dataSource
      .getRepository(TaskEntity)
      .findOne({ select: { id: true, kind: true, openedAt: true, dueAt: true }, where: { id: taskId } });
    if (!task || !openedAfterDue(Date.parse(task.openedAt), task.dueAt ? Date.parse(task.dueAt) : null))
      return {};
    return { givenLate: { measurementReport: task.kind === 'measurement-report' } };
  }

  /** Whether next year's cycle exists already: started before this year closed, from its approved decision. */
  private async nextYearStarted(cycleId: string): Promise<boolean> {
    const key = parseQualityCycleId(cycleId);
    if (!key) return false;
    return this.dataSource
      .getRepository(QualityCycleEntity)
      .existsBy({ id: qualityCycleId(key.organisationCode, key.year + 1) });
  }

  /**
   * The latest reassignment of the task to the recipient (or, told to the one it was taken from,
   * from them), with people by name; undefined when not recorded.
   */
  private async reassignmentOf(request: TaskNotificationRequest): Promise<TaskMailContext['reassignment']> {
    // Reassignments are few in a cycle; each event names its task and whom it went to.
    const events = await this.dataSource
      .getRepository(EventLogEntryEntity)
      .find({ where: { cycleId: request.cycleId, type: 'task.reassigned' }, order: { occurredAt: 'DESC' } });
    const side = request.reason === 'reassigned-away' ? 'from' : 'to';
    const event = events.find(
      (e) => e.payload?.taskId === request.taskId && e.payload?.[side] === request.recipient.userId,
    );
    if (!event) return undefined;
    const from = typeof event.payload.from === 'string' ? event.payload.from : undefined;
    const ids = [from, event.actor].filter((id): id is string => id !== undefined && id !== 'system');
    const people =
      ids.length === 0
        ? []
        : await this.dataSource
            .getRepository(UserEntity)
            .find({ select: { id: true, fullName: true }, where: ids.map((id) => ({ id })) });
    const nameOf = (id: string | undefined) => people.find((p) => p.id === id)?.fullName;
    return {
      fromName: nameOf(from),
      byName: nameOf(event.actor),
      reason: typeof event.payload.reason === 'string' ? event.payload.reason : undefined,
    };
  }

  /** The row to insert: the rendered e-mail with its own single-use link, as `pending`. */
  private compose(request: TaskNotificationRequest, now: Date, context: TaskMailContext): NotificationEntity {
    const link =
      // Nothing a link opens: a cancelled task is gone, next year's draft and a paper to scan are
      // not tasks, a report whose figures were corrected and an answer entered from paper are
      // completed, a task handed away is no longer the recipient's (its page is in the mail, behind
      // the sign-in).
      request.reason === 'cancelled' ||
      request.reason === 'next-year-draft' ||
      request.reason === 'paper-to-scan' ||
      request.reason === 'corrected' ||
      request.reason === 'reassigned-away' ||
      request.reason === 'entered-on-paper' ||
      request.reason === 'evidence-erased'
        ? undefined
        : (() => {
            const { token, claims } = this.taskLinks.issue(request.taskId, request.recipient.userId, now);
            return {
              url: taskLinkUrl(this.config.publicUrl, request.taskId, token),
              expiresAt: claims.expiresAt,
            };
          })();
    const mail = renderTaskNotification(request, link, context);
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
      calendar: taskCalendar(request, { publicUrl: this.config.publicUrl, now, context }) ?? null,
      delivery: 'pending',
      createdAt: now.toISOString(),
      sentAt: null,
      recipientName: request.recipient.name,
      attempts: 0,
      lastAttemptAt: null,
      lastError: null,
      claimedUntil: null,
      readAt: null,
    };
  }
}

/**
 * The calendar entry as the mail's text/calendar part, its method the entry's own (a calendar
 * client reads the part's method first). Named for what it is when saved as an attachment.
 */
function calendarPart(calendar: string): { method: string; filename: string; content: string } {
  const method = /^METHOD:(\w+)\r?$/m.exec(calendar)?.[1] ?? 'PUBLISH';
  return { method, filename: 'han-viec.ics', content: calendar };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
