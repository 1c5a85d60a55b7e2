import { readFileSync } from 'node:fs';
import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { TaskLinkUseEntity } from '@qcycle/persistence';
import { TaskLinkSigner } from '@qcycle/task-links';
import {
  calendarOf,
  eventually,
  startTestSmtpServer,
  uniqueSuffix,
  type TestSmtpServer,
} from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { formatInstant } from '../../apps/web/src/ui/dates';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from '../api/support/demo-organisation';
import { vi } from './support/catalogue';
import { browserSuiteConfig, BrowserSession, pagePath, type Tab } from './support/web-suite';

type Task = TaskSummary & { title: { vi: string; en: string } };

/** A moment as the web app's pages write it in Vietnamese: "17:00 05/04/2024". */
const asThePagesWriteIt = (iso: string) => formatInstant(iso, 'vi');

/**
 * The e-mails of a task as their recipients read them, and what their links open in the browser
 * (Debian's chromium): the real API serving the built web app, the worker on the Temporal dev
 * server, PostgreSQL and a real SMTP server whose parsed mails the suite reads — subject, plain
 * text and HTML as they arrived. A 2024 rehearsal at its assignment; its people act over HTTP where
 * the browser is not the point. Each landing page a link can lead to (the task done by someone,
 * handed to someone else, cancelled; the link expired; opened while someone else is signed in) is
 * checked with axe-core and photographed (test-results/screenshots/task-link-*.png).
 */
describe('task mails and their links, as their recipients meet them (chromium; API, worker, Temporal dev server, PostgreSQL, SMTP)', () => {
  let smtp: TestSmtpServer;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  const organisationCode = `ml-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  let approval: Task;
  let assignment: Task;
  let acceptanceTthc: Task;
  let acceptanceTonghop: Task;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    suite = await startApiSuite({ worker: true, smtp, config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    await Promise.all(
      ['qmr', 'leader', 'head.tthc', 'head.tonghop', 'staff.tonghop'].map((local) => org.tokenOf(local)),
    );
    await org.startApprovedRehearsal({ documentNumber: '31/QĐ-UBND', signingDate: '2024-01-09' });
    [approval] = (
      await org.as<{ items: Task[] }>(
        'leader',
        'GET',
        '/api/v1/me/tasks?status=done&kind=objectives-approval',
      )
    ).body.items;
    // The Quality Representative passes the objectives on: each unit head gets an acceptance.
    assignment = (await org.waitForTask('qmr', 'assignment-acceptance')) as Task;
    const detail = await org.as<{ form: { objectives: { id: string; proposedUnitCode: string }[] } }>(
      'qmr',
      'GET',
      taskPath(assignment.id),
    );
    const done = await org.as('qmr', 'POST', taskPath(assignment.id, '/complete'), {
      outcome: {
        accepted: true,
        delegations: detail.body.form.objectives.map((o) => ({
          objectiveId: o.id,
          unitCode: o.proposedUnitCode,
        })),
      },
    });
    expect(done.status).toBe(200);
    acceptanceTthc = (await org.waitForTask('head.tthc', 'unit-acceptance')) as Task;
    acceptanceTonghop = (await org.waitForTask('head.tonghop', 'unit-acceptance')) as Task;
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close({ endCycles: [{ organisationCode, year: 2024 }] });
  });

  /** The mails to that person about that task, in order of arrival. */
  const mailsTo = (local: string, taskId: string): ParsedMail[] =>
    smtp.messages.filter(
      (m) =>
        (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((a) =>
          a.value.some((v) => v.address === org.email(local)),
        ) &&
        ((m.text ?? '').includes(`/tasks/${encodeURIComponent(taskId)}`) ||
          (m.headers.get('x-qcycle-notification-id') as string | undefined)?.startsWith(`${taskId}/`)),
    );

  const mailTo = (local: string, taskId: string, subjectStart: string) =>
    eventually(`the mail "${subjectStart}…" to ${local}`, () =>
      mailsTo(local, taskId).find((m) => m.subject?.startsWith(subjectStart)),
    );

  /** The task link in a mail, as a path of the app (the worker writes PUBLIC_URL; the suite's port differs). */
  const linkIn = (mail: ParsedMail): string => {
    const match = /https?:\/\/\S+\/tasks\/[^\s?]+\?token=[^\s&]+/.exec(mail.text ?? '');
    if (!match) throw new Error(`no task link in "${mail.subject}"`);
    const url = new URL(match[0]);
    return `${url.pathname}${url.search}`;
  };

  /** A mail's calendar entry, its lines unfolded, as a calendar client reads its event's properties. */
  const calendarEntry = (mail: ParsedMail): Map<string, string> => {
    const calendar = calendarOf(mail);
    if (!calendar) throw new Error(`no calendar entry with "${mail.subject}"`);
    expect(calendar.method).toBe(/^METHOD:(\w+)\r$/m.exec(calendar.content)?.[1]);
    const lines = calendar.content.replace(/\r\n /g, '').split('\r\n');
    // TEXT values unescaped (RFC 5545 3.3.11).
    const value = (line: string) =>
      line.slice(line.indexOf(':') + 1).replace(/\\([\\;,])|\\n/g, (_all, kept?: string) => kept ?? '\n');
    return new Map(lines.map((line) => [line.slice(0, line.indexOf(':')), value(line)]));
  };

  const usesOf = (taskId: string) =>
    suite.api.get(DataSource).getRepository(TaskLinkUseEntity).countBy({ taskId });

  /** The heading of the page a link led to, once shown. */
  const landedOn = async (tab: Tab, title: string) => {
    const heading = tab.page.getByRole('heading', { level: 1, name: title, exact: true });
    await heading.waitFor();
    return heading;
  };

  it('the assignment mail: who, what, by when as the task page says it, the link alone on its line', async () => {
    const mail = await mailTo('qmr', assignment.id, '[qcycle] [Diễn tập] Việc mới: ');
    expect(mail.subject).toBe(`[qcycle] [Diễn tập] Việc mới: ${assignment.title.vi}`);

    const lines = (mail.text ?? '').split('\n');
    expect(lines[0]).toBe('Kính gửi ông/bà Trần Quốc Việt,');
    expect(lines).toContain(`Ông/Bà được giao việc "${assignment.title.vi}".`);
    // The deadline as the task page writes it, in Vietnam time.
    expect(lines).toContain(`Hạn hoàn thành: ${asThePagesWriteIt(assignment.dueAt!)} (giờ Việt Nam)`);
    // The link alone on its line: a plain-text reader copies or clicks it whole.
    const link = lines.findIndex((line) => /^https?:\/\/\S+\?token=\S+$/.test(line));
    expect(link).toBeGreaterThan(0);
    expect(lines[link - 1]).toBe('Mở việc:');

    // The HTML part: the same words, escaped, with a button and the address to copy.
    expect(mail.html).toContain('<html lang="vi">');
    expect(mail.html).toContain(`Hạn hoàn thành: ${asThePagesWriteIt(assignment.dueAt!)} (giờ Việt Nam)`);
    expect(mail.html).toMatch(/<a href="https?:\/\/[^"]+\?token=[^"]+"[^>]*>Mở việc<\/a>/);

    // The deadline comes as a calendar entry: at the task's due instant, titled as the mail, linking
    // the task's page behind the sign-in (no token), which opens that task once signed in.
    const entry = calendarEntry(mail);
    expect(entry.get('METHOD')).toBe('PUBLISH');
    expect(entry.get('DTSTART')).toBe(new Date(assignment.dueAt!).toISOString().replace(/[-:]|\.\d{3}/g, ''));
    expect(entry.get('SUMMARY')).toBe(`[Diễn tập] Hạn: ${assignment.title.vi}`);
    const page = new URL(entry.get('URL') ?? '');
    expect(page.pathname).toBe(pagePath(assignment.id));
    expect(page.search).toBe('');
    const tab = await browser.tab();
    await tab.open(page.pathname);
    await tab.page.waitForURL((url) => url.pathname === '/sign-in');
    await tab.signIn(org.email('qmr'), DEMO_PASSWORD);
    await landedOn(tab, assignment.title.vi);

    // He passed the objectives on already: his notice no longer offers a deadline to add.
    await tab.open('/notifications');
    await tab.page.getByRole('link', { name: assignment.title.vi }).waitFor();
    expect(
      await tab.page
        .getByRole('button', {
          name: vi('notifications:addToCalendarNamed', { subject: assignment.title.vi }),
        })
        .count(),
    ).toBe(0);
    await tab.close();
  });

  it('a link to a task done since: the page says it is done, and signing in from it lands on that task', async () => {
    // The leader approved from the inbox; the approval's mail still carries its unused link.
    const mail = await mailTo('leader', approval.id, '[qcycle] [Diễn tập] Việc mới: ');
    const tab = await browser.tab();
    await tab.open(linkIn(mail));
    await landedOn(tab, vi('tasks:link.closed.completed.title'));
    await tab.page.getByText(vi('tasks:link.closed.completed.body')).waitFor();
    expect(tab.page.url()).not.toContain('token=');
    await tab.check('the link of a completed task', { screenshot: 'task-link-completed' });

    await tab.page.getByRole('link', { name: vi('tasks:link.signIn') }).click();
    await tab.page.waitForURL(/\/sign-in$/);
    await tab.signIn(org.email('leader'), DEMO_PASSWORD);
    await landedOn(tab, approval.title.vi);
    expect(new URL(tab.page.url()).pathname).toBe(pagePath(approval.id));

    // Signed in now, the same link: no sign-in asked, and "Mở việc" opens the task.
    await tab.open(linkIn(mail));
    await landedOn(tab, vi('tasks:link.closed.completed.title'));
    expect(await tab.page.getByText(vi('tasks:link.signInToContinue')).count()).toBe(0);
    await tab.page.getByRole('link', { name: vi('tasks:link.openTask') }).click();
    await landedOn(tab, approval.title.vi);
    await tab.close();
  });

  it("a link opened where someone else is signed in: refused in words, the link left unused, the recipient's on a sign-out", async () => {
    const mail = await mailTo('head.tthc', acceptanceTthc.id, '[qcycle] [Diễn tập] Việc mới: ');
    // Võ Đình Nam is signed in on the office PC; Phạm Thị Hoa opens her mail there (or he opens a forwarded one).
    const tab = await browser.signedIn(org.email('head.tonghop'), DEMO_PASSWORD);
    await tab.open(linkIn(mail));
    await landedOn(tab, vi('tasks:link.otherRecipient.title'));
    await tab.page.getByText(vi('tasks:link.otherRecipient.body', { name: 'Võ Đình Nam' })).waitFor();
    expect(tab.page.url()).not.toContain('token=');
    await tab.check('the link of someone else, opened while signed in', {
      screenshot: 'task-link-other-recipient',
    });
    // Nothing was exchanged: the link is still Phạm Thị Hoa's, and he is still signed in as himself.
    expect(await usesOf(acceptanceTthc.id)).toBe(0);
    expect(
      await tab.page.evaluate("JSON.parse(localStorage.getItem('qcycle.session') ?? '{}').user?.fullName"),
    ).toBe('Võ Đình Nam');

    // She is the one at the PC: she signs him out and the link opens her task.
    await tab.page.getByRole('button', { name: vi('tasks:link.otherRecipient.signOutAndOpen') }).click();
    await landedOn(tab, acceptanceTthc.title.vi);
    expect(new URL(tab.page.url()).pathname).toBe(pagePath(acceptanceTthc.id));
    await tab.page.getByRole('banner').getByText('Phạm Thị Hoa', { exact: true }).waitFor();
    expect(await usesOf(acceptanceTthc.id)).toBe(1);
    await tab.close();
  });

  it('a task handed to someone else: the new assignee is told who had it, who handed it on and why; the old link says so', async () => {
    const oldMail = await mailTo('head.tonghop', acceptanceTonghop.id, '[qcycle] [Diễn tập] Việc mới: ');
    const moved = await org.as('qmr', 'POST', taskPath(acceptanceTonghop.id, '/reassign'), {
      toUserId: org.idOf('staff.tonghop'),
      reason: 'Trưởng phòng đi công tác <dài ngày>',
    });
    expect(moved.status).toBe(200);

    const mail = await mailTo(
      'staff.tonghop',
      acceptanceTonghop.id,
      '[qcycle] [Diễn tập] Việc được giao lại: ',
    );
    const text = mail.text ?? '';
    expect(text).toContain('Kính gửi ông/bà Hoàng Văn Minh,');
    expect(text).toContain(`Việc "${acceptanceTonghop.title.vi}" đã được giao lại cho ông/bà.`);
    expect(text).toContain('Trước đây việc được giao cho: Võ Đình Nam');
    expect(text).toContain('Người giao lại: Trần Quốc Việt');
    expect(text).toContain('Lý do: Trưởng phòng đi công tác <dài ngày>');
    expect(mail.html).toContain('Lý do: Trưởng phòng đi công tác &lt;dài ngày&gt;');

    // The one it was taken from is told who has it now, and the deadline leaves their calendar.
    const away = await mailTo(
      'head.tonghop',
      acceptanceTonghop.id,
      '[qcycle] [Diễn tập] Việc đã giao cho người khác: ',
    );
    expect(away.text).toContain(
      `Việc "${acceptanceTonghop.title.vi}" đã được giao cho Hoàng Văn Minh; ông/bà không còn phụ trách việc này.`,
    );
    expect(away.text).toContain('Người giao lại: Trần Quốc Việt');
    expect(away.text).not.toContain('token=');
    const taken = calendarEntry(away);
    expect(taken.get('METHOD')).toBe('CANCEL');
    expect(taken.get('UID')).toBe(calendarEntry(oldMail).get('UID'));
    expect(Number(taken.get('SEQUENCE'))).toBeGreaterThanOrEqual(
      Number(calendarEntry(oldMail).get('SEQUENCE')),
    );

    const tab = await browser.tab();
    await tab.open(linkIn(oldMail));
    await landedOn(tab, vi('tasks:link.TASK_LINK_REASSIGNED.title'));
    await tab.check('the link of a task handed to someone else', { screenshot: 'task-link-reassigned' });
    // Signed in, he lands on the task (he may still finish it).
    await tab.page.getByRole('link', { name: vi('tasks:link.signIn') }).click();
    await tab.signIn(org.email('head.tonghop'), DEMO_PASSWORD);
    await landedOn(tab, acceptanceTonghop.title.vi);
    expect(new URL(tab.page.url()).pathname).toBe(pagePath(acceptanceTonghop.id));

    // His notifications say it in words; that notice offers no deadline to add to his calendar.
    await tab.open('/notifications');
    const notice = tab.page
      .getByRole('listitem')
      .filter({ hasText: vi('notifications:reasons.reassigned-away') });
    await notice.getByRole('link', { name: acceptanceTonghop.title.vi }).waitFor();
    // And whose it is now, with its deadline: nothing for him to do, someone to ask.
    const now = await org.as<{ dueAt: string; overdue: boolean }>(
      'staff.tonghop',
      'GET',
      taskPath(acceptanceTonghop.id),
    );
    await notice
      .getByText(
        vi(`notifications:taskNow.${now.body.overdue ? 'waitingOverdue' : 'waiting'}`, {
          who: 'Hoàng Văn Minh',
          due: formatInstant(now.body.dueAt, 'vi'),
        }),
        { exact: true },
      )
      .waitFor();
    // Nor does the notice that gave it to him: its deadline is no longer his.
    expect(
      await tab.page
        .getByRole('button', {
          name: vi('notifications:addToCalendarNamed', { subject: acceptanceTonghop.title.vi }),
        })
        .count(),
    ).toBe(0);
    await tab.check('the notice of a task taken from its holder', {
      screenshot: 'notifications-handed-away',
    });
    await tab.close();
  });

  it('the deadlines as a calendar feed: made on the notifications page, its address shown once and fetched as a calendar app does', async () => {
    // Phạm Thị Hoa still has her unit's acceptance open. Without the mail (no address, or lost),
    // the notifications page gives the entry it carried.
    const mail = await mailTo('head.tthc', acceptanceTthc.id, '[qcycle] [Diễn tập] Việc mới: ');
    const tab = await browser.signedIn(org.email('head.tthc'), DEMO_PASSWORD);
    await tab.open('/notifications');
    const add = tab.page.getByRole('button', {
      name: vi('notifications:addToCalendarNamed', { subject: acceptanceTthc.title.vi }),
    });
    const [saved] = await Promise.all([tab.page.waitForEvent('download'), add.click()]);
    expect(saved.suggestedFilename()).toBe('han-viec.ics');
    expect(readFileSync((await saved.path())!, 'utf8')).toBe(calendarOf(mail)?.content);
    await tab.check('the notifications page, a deadline to add to the calendar', {
      screenshot: 'notifications-calendar',
    });

    // Better: a feed her calendar app follows by itself.
    const section = tab.page.getByRole('region', { name: vi('notifications:feed.title') });
    await section.getByRole('button', { name: vi('notifications:feed.create') }).click();
    const address = section.getByLabel(vi('notifications:feed.address'));
    await address.waitFor();
    const url = await address.inputValue();
    expect(
      await section.getByRole('link', { name: vi('notifications:feed.openInApp') }).getAttribute('href'),
    ).toBe(url.replace(/^https?:/, 'webcal:'));
    await tab.check('the calendar feed, its address shown once', {
      screenshot: 'notifications-calendar-feed',
    });

    const fetchFeed = () => fetch(`${suite.http.baseUrl}${new URL(url).pathname}`);
    const feed = await fetchFeed();
    expect(feed.status).toBe(200);
    const text = (await feed.text()).replace(/\r\n /g, '');
    expect(text).toContain(`UID:${acceptanceTthc.id}@qcycle\r\n`);
    expect(text).toContain(
      `DTSTART:${new Date(acceptanceTthc.dueAt!).toISOString().replace(/[-:]|\.\d{3}/g, '')}\r\n`,
    );

    // Shown once: on the next visit the page says since when, and stopping it stops the address.
    await tab.page.reload();
    await section.getByRole('button', { name: vi('notifications:feed.renew') }).waitFor();
    expect(await section.getByLabel(vi('notifications:feed.address')).count()).toBe(0);
    await section.getByRole('button', { name: vi('notifications:feed.remove') }).click();
    await section
      .getByRole('status')
      .filter({ hasText: vi('notifications:feed.removed') })
      .waitFor();
    expect((await fetchFeed()).status).toBe(404);
    await section.getByRole('button', { name: vi('notifications:feed.create') }).waitFor();
    await tab.close();
  });

  it('a link past its expiry says so, and how to get in', async () => {
    const signer = new TaskLinkSigner(suite.config);
    const sentLastMonth = signer.issue(
      acceptanceTonghop.id,
      org.idOf('staff.tonghop'),
      new Date(Date.now() - 30 * 86_400_000),
    );
    const tab = await browser.tab();
    await tab.open(`${pagePath(acceptanceTonghop.id)}?token=${encodeURIComponent(sentLastMonth.token)}`);
    await landedOn(tab, vi('tasks:link.TASK_LINK_EXPIRED.title'));
    await tab.page.getByText(vi('tasks:link.signInToContinue')).waitFor();
    await tab.check('an expired link', { screenshot: 'task-link-expired' });
    await tab.close();
  });

  it('cancelled with its cycle: the mail says there is nothing to do (no deadline, no link), and so does the page its link opens', async () => {
    const newMail = await mailTo(
      'staff.tonghop',
      acceptanceTonghop.id,
      '[qcycle] [Diễn tập] Việc được giao lại: ',
    );
    const cancelled = await org.as('qmr', 'POST', `/api/v1/cycles/${cycleId}/cancel`, {
      reason: 'Diễn tập kết thúc',
    });
    expect(cancelled.status).toBe(202);

    const mail = await mailTo('staff.tonghop', acceptanceTonghop.id, '[qcycle] [Diễn tập] Việc đã hủy: ');
    expect(mail.subject).toBe(`[qcycle] [Diễn tập] Việc đã hủy: ${acceptanceTonghop.title.vi}`);
    expect(mail.text).toContain(
      `Việc "${acceptanceTonghop.title.vi}" đã bị hủy; ông/bà không cần thực hiện việc này nữa.`,
    );
    expect(mail.text).not.toContain('Hạn hoàn thành');
    expect(mail.text).not.toContain('token=');
    // The entry the reassignment put in the new assignee's calendar is taken out.
    const cancel = calendarEntry(mail);
    expect(cancel.get('METHOD')).toBe('CANCEL');
    expect(cancel.get('UID')).toBe(calendarEntry(newMail).get('UID'));

    const tab = await browser.tab();
    await tab.open(linkIn(newMail));
    await landedOn(tab, vi('tasks:link.closed.cancelled.title'));
    await tab.page.getByText(vi('tasks:link.closed.cancelled.body')).waitFor();
    await tab.check('the link of a cancelled task', { screenshot: 'task-link-cancelled' });
    await tab.close();
    expect(browser.requestsOutside()).toEqual([]);
  });
});
