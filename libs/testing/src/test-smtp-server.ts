import { simpleParser, type ParsedMail } from 'mailparser';
import { createServer, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { TaskNotificationRequest } from '@qcycle/contracts';
import { uniqueSuffix } from './test-servers';

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>`: what to put in SMTP_URL. */
  url: string;
  /** Every message received so far, parsed, in order of arrival. */
  messages: ParsedMail[];
  /**
   * The messages addressed to `address` (among their To), from the `since`-th received on; none for
   * someone without an address.
   */
  mailsTo(address: string | undefined, since?: number): ParsedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test process, on a free loopback port: qcycle's mails travel over a real
 * SMTP conversation (nodemailer → smtp-server) and are read back with mailparser. A message is in
 * `messages` before the client's sendMail resolves, so tests never wait on a timer.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    mailsTo: (address, since = 0) =>
      address === undefined
        ? []
        : messages
            .slice(since)
            .filter((mail) =>
              (Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) =>
                to?.value.some((v) => v.address === address),
              ),
            ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A relay that accepts the TCP connection and never greets: what nodemailer meets behind a firewall
 * that drops, or at a hung mail server. Whoever sends through it waits out its greeting timeout, or
 * until the test cuts the connections (`cut()`, which also closes the relay).
 */
export async function startHungSmtpRelay(): Promise<{
  url: string;
  /** Settles at the first connection. */
  connected: Promise<void>;
  cut(): Promise<void>;
}> {
  const sockets: Socket[] = [];
  let connected!: () => void;
  const firstConnection = new Promise<void>((resolve) => (connected = resolve));
  const server = createServer((socket) => {
    sockets.push(socket);
    connected();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    connected: firstConnection,
    cut: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port with nothing listening on it: an SMTP relay that is down. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A notification as a workflow asks for one: a fresh task of the Kon Tum 2024 cycle, to one staff member. */
export function taskNotificationRequest(
  overrides: Partial<TaskNotificationRequest> = {},
): TaskNotificationRequest {
  const id = uniqueSuffix();
  return {
    notificationId: `quality-cycle/kontum/2024/task-${id}/assigned/u-staff-1`,
    taskId: `quality-cycle/kontum/2024/task-${id}`,
    cycleId: 'kontum-2024',
    reason: 'assigned',
    recipient: { userId: 'u-staff-1', name: 'Nguyễn Văn An', email: 'an@kontum.gov.vn' },
    taskTitle: { vi: 'Báo cáo số liệu chỉ tiêu 4 tháng 3/2024', en: 'Report indicator 4 for March 2024' },
    // 17:30 UTC on the 5th is 00:30 on the 6th in Vietnam: the date must follow the Vietnamese day.
    dueAt: '2024-04-05T17:30:00.000Z',
    ...overrides,
  };
}

/**
 * A mail's calendar entry (its text/calendar part) as a mail client finds it, with the method its
 * part declares; undefined without one. Throws if a mail carried two.
 */
export function calendarOf(mail: ParsedMail): { content: string; method?: string } | undefined {
  const parts = mail.attachments.filter((part) => part.contentType === 'text/calendar');
  if (parts.length > 1) throw new Error(`"${mail.subject}" carries ${parts.length} calendar parts`);
  if (parts.length === 0) return undefined;
  const type = parts[0].headers.get('content-type') as { params?: Record<string, string> } | undefined;
  return { content: parts[0].content.toString('utf8'), method: type?.params?.method };
}
