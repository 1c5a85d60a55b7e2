import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>`: what to put in SMTP_URL. */
  url: string;
  /** Every message received so far, parsed, in order of arrival. */
  messages: ParsedMail[];
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
