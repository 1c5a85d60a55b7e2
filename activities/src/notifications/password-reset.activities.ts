import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import type { Transporter } from 'nodemailer';
import { DataSource, In, IsNull, MoreThan } from 'typeorm';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import {
  PASSWORD_RESET_RULES,
  type PasswordChangedNoticeInput,
  type PasswordChangedNoticeOutcome,
  type PasswordResetActivities,
  type PasswordResetMailInput,
  type PasswordResetMailOutcome,
} from '@qcycle/contracts';
import { PasswordResetMailEntity, UserEntity } from '@qcycle/persistence';
import { signPasswordResetLink } from '@qcycle/task-links';
import {
  passwordResetUrl,
  renderPasswordChangedNotice,
  renderPasswordResetMail,
} from './password-reset-mail';
import { MailingActivities, mailMessageId } from './smtp';

/** The ApplicationFailure type when the relay did not take the mail: retried by the workflow. */
export const PASSWORD_RESET_DELIVERY_FAILED = 'PASSWORD_RESET_DELIVERY_FAILED';

/**
 * Mails a password-reset link (docs/security.md "Forgotten passwords"). The address is looked up
 * here, not in the API, so that the API's answer is the same, after the same work, whether or not
 * someone has that address. For an active person it writes the mail's record once, by the request's
 * id (to whom, the `sessions_valid_from` the link is bound to, until when), then mails the link
 * signed from that record: a retried attempt signs the same link again and sends it with the same
 * Message-ID. Nobody is mailed more than PASSWORD_RESET_RULES.mailsPerHour links an hour.
 */
@Injectable()
export class PasswordResetActivitiesService extends MailingActivities implements PasswordResetActivities {
  private readonly logger = new Logger(PasswordResetActivitiesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(QCYCLE_CONFIG) config: QcycleConfig,
  ) {
    super(config);
  }

  async sendPasswordResetMail(input: PasswordResetMailInput): Promise<PasswordResetMailOutcome> {
    const mails = this.dataSource.getRepository(PasswordResetMailEntity);
    const row = (await mails.findOneBy({ id: input.requestId })) ?? (await this.write(input));
    if (!row) return 'noAccount';
    if (row.delivery !== 'pending') return row.delivery;
    const person = await this.dataSource.getRepository(UserEntity).findOneBy({ id: row.userId });
    // Deactivated since the request: the link could not be used; nothing to send.
    if (!person?.active) {
      await mails.update({ id: row.id, delivery: 'pending' }, { delivery: 'withheld' });
      return 'withheld';
    }
    const token = signPasswordResetLink(
      {
        userId: row.userId,
        sessionsValidFrom: row.sessionsValidFrom,
        expiresAt: row.expiresAt,
        requestId: row.id,
      },
      this.config.taskLinks.secret,
    );
    const mail = renderPasswordResetMail({
      name: person.fullName,
      email: row.email,
      language: row.locale,
      firstPassword: person.passwordHash === null,
      requestedAt: row.requestedAt,
      expiresAt: row.expiresAt,
      url: passwordResetUrl(this.config.publicUrl, token),
    });
    await mails.increment({ id: row.id }, 'attempts', 1);
    try {
      await (this.transport as Transporter).sendMail({
        from: this.config.mail.from,
        to: row.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mailMessageId(this.config, 'reset.', row.id),
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (error) {
      const said = error instanceof Error ? error.message : String(error);
      await mails.update({ id: row.id }, { lastError: said.slice(0, 2_000) });
      throw ApplicationFailure.create({
        message: `password-reset mail ${row.id} not handed to SMTP (retried): ${said}`,
        type: PASSWORD_RESET_DELIVERY_FAILED,
        nonRetryable: false,
      });
    }
    await mails.update(
      { id: row.id, delivery: 'pending' },
      { delivery: 'sent', sentAt: new Date().toISOString() },
    );
    return 'sent';
  }

  /**
   * Tells the account's owner that its password was set, how and when (an administrator's new
   * password, the mailed link, their own account page), so that a change they did not make is
   * noticed. Nothing is kept but the log: the directory's log records the change itself. Sent with a
   * Message-ID of the request that set it, so a retried attempt shows as one mail.
   */
  async sendPasswordChangedNotice(input: PasswordChangedNoticeInput): Promise<PasswordChangedNoticeOutcome> {
    const person = await this.dataSource.getRepository(UserEntity).findOneBy({ id: input.userId });
    if (!person?.active) return 'noAccount';
    if (!this.transport) return 'recorded';
    const language = person.locale === 'en' ? 'en' : 'vi';
    const mail = renderPasswordChangedNotice({
      name: person.fullName,
      email: person.email,
      language,
      by: input.by,
      changedAt: input.changedAt,
      signInUrl: `${this.config.publicUrl.replace(/\/+$/, '')}/sign-in`,
    });
    try {
      await this.transport.sendMail({
        from: this.config.mail.from,
        to: person.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mailMessageId(this.config, 'changed.', input.requestId),
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (error) {
      throw ApplicationFailure.create({
        message: `password-changed notice ${input.requestId} not handed to SMTP (retried): ${String(error)}`,
        type: PASSWORD_RESET_DELIVERY_FAILED,
        nonRetryable: false,
      });
    }
    return 'sent';
  }

  /**
   * The request's record, for an active person with that address: `pending` to be mailed,
   * `recorded` without SMTP, `withheld` over the hourly limit. Undefined when nobody active has it.
   */
  private async write(input: PasswordResetMailInput): Promise<PasswordResetMailEntity | undefined> {
    const person = await this.dataSource.getRepository(UserEntity).findOneBy({ email: input.email });
    if (!person?.active) {
      this.logger.log(
        `password reset ${input.requestId}: no active account has that address; nothing mailed`,
      );
      return undefined;
    }
    const now = new Date();
    const { row, lastHour } = await this.dataSource.transaction(async (manager) => {
      // Requests at the same instant (each its own workflow's activity) are counted one after the
      // other, or each would count the links before the others and all be mailed: the person's row
      // is locked first on PostgreSQL; SQLite runs one transaction at a time (sqlite-turns.ts).
      if (manager.connection.options.type === 'postgres')
        await manager.findOne(UserEntity, { where: { id: person.id }, lock: { mode: 'pessimistic_write' } });
      const mails = manager.getRepository(PasswordResetMailEntity);
      // The links mailed in the last hour, and those about to be; not one the relay refused (pending
      // with its error: still retried, or given up), so that an SMTP outage does not lock someone out.
      const since = MoreThan(new Date(now.getTime() - 3_600_000).toISOString());
      const lastHour = await mails.countBy([
        { userId: person.id, createdAt: since, delivery: In(['sent', 'recorded']) },
        { userId: person.id, createdAt: since, delivery: 'pending', lastError: IsNull() },
      ]);
      await mails
        .createQueryBuilder()
        .insert()
        .values({
          id: input.requestId,
          organisationCode: person.organisationCode,
          userId: person.id,
          email: person.email,
          locale: person.locale === 'en' ? 'en' : 'vi',
          requestedAt: input.requestedAt,
          sessionsValidFrom: person.sessionsValidFrom,
          expiresAt: new Date(now.getTime() + PASSWORD_RESET_RULES.linkMinutes * 60_000).toISOString(),
          delivery:
            lastHour >= PASSWORD_RESET_RULES.mailsPerHour
              ? 'withheld'
              : this.transport
                ? 'pending'
                : 'recorded',
          attempts: 0,
          lastError: null,
          createdAt: now.toISOString(),
          sentAt: null,
          usedAt: null,
        })
        .orIgnore()
        .execute();
      return { row: await mails.findOneByOrFail({ id: input.requestId }), lastHour };
    });
    if (row.delivery === 'withheld')
      this.logger.warn(
        `password reset ${input.requestId}: ${lastHour} links mailed to ${person.id} in the last hour; this one withheld`,
      );
    return row;
  }
}
