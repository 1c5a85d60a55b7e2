import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import {
  PASSWORD_RESET_MAIL_WORKFLOW,
  PASSWORD_RESET_RULES,
  QcycleError,
  QcycleErrorCode,
  passwordResetMailWorkflowId,
  type PasswordResetMailInput,
  type PasswordSetBy,
} from '@qcycle/contracts';
import { CalendarFeedEntity, PasswordResetMailEntity, UserEntity } from '@qcycle/persistence';
import { openPasswordResetLink } from '@qcycle/task-links';
import { record } from '../directory/directory.service';
import { TemporalClientProvider } from '../temporal/temporal-client.module';
import type { Attribution } from './auth.decorators';
import { PasswordChangeNotices } from './password-change-notices';
import { PasswordHasher } from './password-hasher';
import type { Principal } from './principal';
import { nextSessionsValidFrom } from './sessions';

/** How a person's own new password came: the mailed link, or their signed-in account page. */
export type PasswordSetVia = Exclude<PasswordSetBy, 'administrator'>;

/** The person whose password was set, as saved, and whether their calendar feed was stopped. */
export interface PasswordSet {
  user: UserEntity;
  calendarFeedStopped: boolean;
}

/**
 * People's own passwords (docs/security.md "Forgotten passwords" and "Changing one's password"):
 * a link mailed on request, the new password set with it, or changed while signed in. An
 * administrator's new password for someone is the directory's (DirectoryService.updateUser); all
 * three end the person's sessions and calendar feed the same way.
 */
@Injectable()
export class PasswordsService {
  constructor(
    @Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly temporal: TemporalClientProvider,
    private readonly notices: PasswordChangeNotices,
  ) {}

  /** Links can be mailed here: password sign-in is on, and the installation sends mail. */
  get resetByMail(): boolean {
    return this.config.auth.localLogin && this.config.mail.smtpUrl !== undefined;
  }

  /**
   * Starts the mailing of a link to whoever has this address. The API does not look the address up:
   * the answer, and the work before it, are the same whether anyone has it or not (the worker looks).
   * The same request id again (a client's retry) mails once.
   */
  async requestReset(email: string, requestId: string): Promise<void> {
    if (!this.config.auth.localLogin) throw new QcycleError(QcycleErrorCode.LocalLoginDisabled);
    if (!this.resetByMail) throw new QcycleError(QcycleErrorCode.PasswordResetUnavailable);
    const input: PasswordResetMailInput = {
      requestId,
      email: email.trim().toLowerCase(),
      requestedAt: new Date().toISOString(),
    };
    try {
      await this.temporal.client.workflow.start(PASSWORD_RESET_MAIL_WORKFLOW, {
        taskQueue: this.config.temporal.taskQueue,
        workflowId: passwordResetMailWorkflowId(requestId),
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [input],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /**
   * Sets the password a mailed link allows, once: the person's `sessions_valid_from` must still be
   * the one the link was signed under, and is moved in the same conditional update, so that of two
   * uses at the same moment exactly one sets it (the other: 409).
   */
  async resetWithLink(
    token: string,
    password: string,
    request: Omit<Attribution, 'actor'>,
  ): Promise<PasswordSet> {
    if (!this.config.auth.localLogin) throw new QcycleError(QcycleErrorCode.LocalLoginDisabled);
    const opened = openPasswordResetLink(token, new Date(), this.config.taskLinks.secret);
    if ('refused' in opened) throw opened.refused === 'expired' ? linkExpired() : linkInvalid();
    const { claims } = opened;
    const passwordHash = await this.hasher.hash(password);
    const set = await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(UserEntity, { id: claims.userId });
      if (!user?.active) throw linkInvalid();
      const set = await setPassword(
        manager,
        user,
        claims.sessionsValidFrom,
        passwordHash,
        {
          ...request,
          actor: user.id,
        },
        'emailLink',
      );
      if (!set) throw linkUsed();
      await manager.update(
        PasswordResetMailEntity,
        { id: claims.requestId, usedAt: IsNull() },
        { usedAt: new Date().toISOString() },
      );
      return set;
    });
    await this.notices.tell(set.user.id, 'emailLink', request.requestId);
    return set;
  }

  /**
   * The signed-in person's new password: their current one first, when they have one (a stolen
   * session must not become a stolen account). Their other sessions end; the caller answers a new one.
   */
  async changeOwn(
    caller: Principal,
    currentPassword: string | undefined,
    newPassword: string,
    by: Attribution,
  ): Promise<PasswordSet> {
    if (!this.config.auth.localLogin) throw new QcycleError(QcycleErrorCode.LocalLoginDisabled);
    const user = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: caller.userId });
    if (user.passwordHash !== null && !(await this.hasher.verify(currentPassword ?? '', user.passwordHash)))
      throw currentPasswordWrong();
    const passwordHash = await this.hasher.hash(newPassword);
    const set = await this.dataSource.transaction(async (manager) => {
      // The mark this request's session was found valid under, not the one just read: a sign-out
      // everywhere between the two would otherwise let this ended session set the password. An SSO
      // token carries none: the directory's mark then.
      const expected =
        caller.sessionsValidFrom !== undefined ? caller.sessionsValidFrom : user.sessionsValidFrom;
      const changed = await setPassword(manager, user, expected, passwordHash, by, 'ownAccount');
      // Their sessions were ended meanwhile (signed out everywhere, deactivated, a new password from an
      // administrator): this one with them.
      if (!changed) throw new QcycleError(QcycleErrorCode.Unauthenticated, 'sessionEnded');
      return changed;
    });
    await this.notices.tell(set.user.id, 'ownAccount', by.requestId);
    return set;
  }
}

/**
 * The new password, if the person is active and `sessions_valid_from` is still `expected`; with it the person's sessions end
 * (the value moves), their calendar feed stops, and the directory's log records it — never the
 * password. Undefined when the value had moved: nothing was written.
 */
async function setPassword(
  manager: EntityManager,
  user: UserEntity,
  expected: string | null,
  passwordHash: string,
  by: Attribution,
  via: PasswordSetVia,
): Promise<PasswordSet | undefined> {
  const sessionsValidFrom = nextSessionsValidFrom(expected);
  const updatedAt = new Date().toISOString();
  const result = await manager.update(
    UserEntity,
    // Still active, and no session ended since it was read: else nothing is written.
    { id: user.id, active: true, sessionsValidFrom: expected === null ? IsNull() : expected },
    { passwordHash, sessionsValidFrom, updatedAt },
  );
  if (result.affected !== 1) return undefined;
  const calendarFeedStopped =
    ((await manager.delete(CalendarFeedEntity, { userId: user.id })).affected ?? 0) > 0;
  await record(manager, user.organisationCode, 'user.changed', by, {
    userId: user.id,
    passwordChanged: true,
    passwordSetVia: via,
    ...(calendarFeedStopped ? { calendarFeedStopped: true } : {}),
  });
  return { user: { ...user, passwordHash, sessionsValidFrom, updatedAt }, calendarFeedStopped };
}

const linkExpired = () =>
  new QcycleError(
    QcycleErrorCode.RuleViolated,
    'passwordLinkExpired',
    { minutes: PASSWORD_RESET_RULES.linkMinutes },
    { reason: 'expired', fields: { token: ['the link has expired'] } },
  );
const linkInvalid = () =>
  new QcycleError(
    QcycleErrorCode.RuleViolated,
    'passwordLinkInvalid',
    {},
    {
      reason: 'invalid',
      fields: { token: ['not a password link of this installation'] },
    },
  );
const linkUsed = () => new QcycleError(QcycleErrorCode.Conflict, 'passwordLinkUsed', {}, { reason: 'used' });
const currentPasswordWrong = () =>
  new QcycleError(
    QcycleErrorCode.RuleViolated,
    'currentPasswordWrong',
    {},
    {
      fields: { currentPassword: ['not the current password'] },
    },
  );
