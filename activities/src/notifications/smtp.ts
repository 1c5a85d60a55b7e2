import { createHash } from 'node:crypto';
import type { OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { QcycleConfig } from '@qcycle/config';

/**
 * The SMTP relay every mail of qcycle goes through (task notices, the Monday digest, password-reset links), or none
 * without SMTP_URL. Bounded waits, so a hung relay fails the attempt (and Temporal retries) well
 * before the activity's own timeout.
 */
export function smtpTransport(config: QcycleConfig): Transporter | undefined {
  if (!config.mail.smtpUrl) return undefined;
  return createTransport({
    url: config.mail.smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

/**
 * What every activity service that mails shares (task notices, the digest, password links): the
 * relay, or none without SMTP_URL, opened once per worker and closed with it.
 */
export abstract class MailingActivities implements OnModuleDestroy {
  protected readonly transport?: Transporter;

  protected constructor(protected readonly config: QcycleConfig) {
    this.transport = smtpTransport(config);
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}

/**
 * The Message-ID of one mail of qcycle, the same for every attempt at it (`kind`: `''` for a task
 * notice, `'digest.'` for a digest, `'reset.'` for a password-reset link, `'changed.'` for the notice
 * that a password was set), so that mail systems that deduplicate on it show one copy of a
 * mail sent twice. Its domain is the sender's.
 */
export function mailMessageId(
  config: QcycleConfig,
  kind: '' | 'digest.' | 'reset.' | 'changed.',
  id: string,
): string {
  const domain = /@([^\s<>@]+?)>?$/.exec(config.mail.from)?.[1] ?? 'qcycle.local';
  return `<qcycle.${kind}${createHash('sha256').update(id).digest('hex').slice(0, 32)}@${domain}>`;
}
