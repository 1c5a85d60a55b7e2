import { DataSource } from 'typeorm';
import { NotificationEntity, TaskEntity, UserEntity } from '@qcycle/persistence';
import { taskNotificationRequest } from '@qcycle/testing';
import { taskCalendar } from '../../activities/src/notifications/task-calendar';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';
import { undocumentedAnswers } from './support/openapi-coverage';

interface NotificationView {
  id: string;
  taskId: string;
  cycleId: string;
  reason: string;
  subject: string;
  calendarEntry: boolean;
  createdAt: string;
  readAt: string | null;
}
interface NotificationPage {
  items: NotificationView[];
  total: number;
  unread: number;
  limit: number;
  offset: number;
}

const readPath = (id: string) => `/api/v1/me/notifications/${encodeURIComponent(id)}/read`;
const calendarPath = (id: string) => `/api/v1/me/notifications/${encodeURIComponent(id)}/calendar`;

/**
 * The bell of the web app over HTTP: the records the notification activity writes (table
 * `notifications`), listed for their recipient only and marked read. The rows are written here as
 * the activity writes them: this suite is about what the API reads and changes, not about when the
 * workflows notify (test/workflows and the notification activities' suites cover that).
 */
describe('in-app notifications over HTTP (real API, PostgreSQL)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  const cycleId = 'kontum-2024';
  const taskId = (n: number) => `quality-cycle/kontum/2024/measurement/2024-0${n}/staff`;

  /** A notice as the notification activity records it (`extra`: what differs from a plain one). */
  const notify = (
    n: number,
    recipient: string,
    reason: string,
    minute: number,
    occasion = reason,
    extra: Partial<NotificationEntity> = {},
  ) =>
    suite.api
      .get(DataSource)
      .getRepository(NotificationEntity)
      .insert({
        id: `${taskId(n)}/${occasion}`,
        taskId: taskId(n),
        cycleId,
        recipientUserId: org.idOf(recipient),
        email: org.email(recipient),
        reason,
        locale: 'vi',
        subject: `[qcycle] ${reason} ${n}`,
        body: 'text',
        html: '<p>text</p>',
        delivery: 'recorded',
        createdAt: `2024-0${n}-01T01:${String(minute).padStart(2, '0')}:00.000Z`,
        sentAt: null,
        recipientName: null,
        lastAttemptAt: null,
        lastError: null,
        claimedUntil: null,
        readAt: null,
        ...extra,
      });

  beforeAll(async () => {
    suite = await startApiSuite();
    org = await suite.seedDemoOrganisation('kontum');
    for (const local of ['staff.tthc', 'leader']) await org.tokenOf(local);
    await notify(1, 'staff.tthc', 'assigned', 0);
    await notify(2, 'staff.tthc', 'assigned', 0);
    await notify(2, 'staff.tthc', 'reminder', 30);
    await notify(3, 'staff.tthc', 'escalated', 0);
    await notify(3, 'leader', 'escalated', 0, 'escalated/leader');
  });

  afterAll(() => suite?.close());

  const mine = (local: string, query = '') =>
    org.as<NotificationPage>(local, 'GET', `/api/v1/me/notifications${query}`);

  it("lists only the caller's own notifications, newest first, with the unread count, paged", async () => {
    const all = await mine('staff.tthc');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 4, unread: 4, limit: 20, offset: 0 });
    expect(all.body.items.map((n) => n.id)).toEqual([
      `${taskId(3)}/escalated`,
      `${taskId(2)}/reminder`,
      `${taskId(2)}/assigned`,
      `${taskId(1)}/assigned`,
    ]);
    expect(all.body.items[0]).toEqual({
      id: `${taskId(3)}/escalated`,
      taskId: taskId(3),
      cycleId,
      reason: 'escalated',
      subject: '[qcycle] escalated 3',
      calendarEntry: false,
      deadlineStillYours: false,
      createdAt: '2024-03-01T01:00:00.000Z',
      readAt: null,
    });
    const page = await mine('staff.tthc', '?limit=2&offset=1');
    expect(page.body).toMatchObject({ total: 4, unread: 4, limit: 2, offset: 1 });
    expect(page.body.items.map((n) => n.id)).toEqual([`${taskId(2)}/reminder`, `${taskId(2)}/assigned`]);
    expect((await mine('leader')).body).toMatchObject({ total: 1, unread: 1 });
    expect((await mine('qmr')).body).toMatchObject({ items: [], total: 0, unread: 0 });
  });

  it("carries the task's title in both languages, so that the bell reads in the reader's language", async () => {
    // The March report's task, as the worker records it; its notices went out in Vietnamese.
    await suite.api
      .get(DataSource)
      .getRepository(TaskEntity)
      .insert({
        id: taskId(3),
        cycleId,
        workflowId: 'quality-cycle/kontum/2024/monitoring/obj-4',
        kind: 'measurement-report',
        title: { vi: 'Báo cáo số liệu mục tiêu 4 kỳ 2024-03', en: 'Report objective 4 for 2024-03' },
        assigneeUserId: org.idOf('staff.tthc'),
        delegateUserIds: [],
        unitCode: null,
        objectiveId: 'obj-4',
        periodKey: '2024-03',
        form: null,
        status: 'open',
        openedAt: '2024-03-01T01:00:00.000Z',
        dueAt: '2024-04-05T10:00:00.000Z',
        closedAt: null,
        completedBy: null,
        outcome: null,
      });
    const [escalated, reminder] = (await mine('staff.tthc')).body.items;
    expect(escalated).toMatchObject({
      subject: '[qcycle] escalated 3',
      taskTitle: { vi: 'Báo cáo số liệu mục tiêu 4 kỳ 2024-03', en: 'Report objective 4 for 2024-03' },
      periodKey: '2024-03',
      // Open and hers: its deadline is still hers to keep; the leader's copy is about someone else's.
      deadlineStillYours: true,
    });
    // The leader's escalation says whose the task is, by name, when it was due, and that it is open.
    const name = async (local: string) =>
      (await org.as<{ fullName: string }>(local, 'GET', '/api/v1/auth/me')).body.fullName;
    const staffName = await name('staff.tthc');
    expect((await mine('leader')).body.items[0]).toMatchObject({
      taskId: taskId(3),
      deadlineStillYours: false,
      taskNow: {
        status: 'open',
        assigneeUserId: org.idOf('staff.tthc'),
        assigneeName: staffName,
        dueAt: '2024-04-05T10:00:00.000Z',
        // Due in 2024: long past.
        overdue: true,
      },
    });
    // Done: no longer a deadline to keep, and the leader's notice says it is done.
    await suite.api
      .get(DataSource)
      .getRepository(TaskEntity)
      .update({ id: taskId(3) }, { status: 'completed' });
    expect((await mine('staff.tthc')).body.items[0]).toMatchObject({ deadlineStillYours: false });
    expect((await mine('leader')).body.items[0]).toMatchObject({ taskNow: { status: 'completed' } });
    // A notice whose task is not (or no longer) recorded keeps its subject only.
    expect(reminder.id).toBe(`${taskId(2)}/reminder`);
    expect(reminder).not.toHaveProperty('taskTitle');
    await suite.api
      .get(DataSource)
      .getRepository(TaskEntity)
      .delete({ id: taskId(3) });
  });

  it('marks one read (the id URL-encoded), idempotently; filters read and unread', async () => {
    const id = `${taskId(2)}/reminder`;
    const first = await org.as<NotificationView>('staff.tthc', 'POST', readPath(id));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id, readAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) });
    const again = await org.as<NotificationView>('staff.tthc', 'POST', readPath(id));
    expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: first.body });

    const unread = await mine('staff.tthc', '?unread=true');
    expect(unread.body).toMatchObject({ total: 3, unread: 3 });
    expect(unread.body.items.map((n) => n.id)).not.toContain(id);
    const read = await mine('staff.tthc', '?unread=false');
    expect(read.body).toMatchObject({ total: 1, unread: 3, items: [{ id, readAt: first.body.readAt }] });
  });

  it("answers someone else's notification and an unknown one 404, and leaves them unread", async () => {
    const leaders = `${taskId(3)}/escalated/leader`;
    const foreign = await org.as('staff.tthc', 'POST', readPath(leaders));
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await mine('leader')).body).toMatchObject({ unread: 1 });
    expect((await org.as('staff.tthc', 'POST', readPath('no/such/notification'))).status).toBe(404);
  });

  it('marks all read, answering how many it marked; then none', async () => {
    const all = await org.as<{ marked: number }>('staff.tthc', 'POST', '/api/v1/me/notifications/read-all');
    expect(all).toMatchObject({ status: 200, body: { marked: 3 } });
    expect((await mine('staff.tthc')).body).toMatchObject({ total: 4, unread: 0 });
    expect((await mine('leader')).body).toMatchObject({ unread: 1 });
    const none = await org.as('staff.tthc', 'POST', '/api/v1/me/notifications/read-all');
    expect(none.body).toEqual({ marked: 0 });
  });

  it('gives the calendar entry a notice carried, as it was mailed, to its recipient only; none for a notice without one', async () => {
    const assigned = taskNotificationRequest({
      notificationId: `${taskId(5)}/assigned`,
      taskId: taskId(5),
      cycleId,
      recipient: { userId: org.idOf('staff.tthc'), name: 'Phạm Thị Hoa' },
      taskTitle: { vi: 'Báo cáo số liệu mục tiêu 4 kỳ 2024-05', en: 'Report objective 4 for 2024-05' },
      dueAt: '2024-06-05T10:00:00.000Z',
    });
    const calendar = taskCalendar(assigned, { publicUrl: 'https://qcycle.kontum.gov.vn', now: new Date() });
    expect(calendar).toBeDefined();
    // No e-mail address: the bell is where this person finds the deadline.
    await notify(5, 'staff.tthc', 'assigned', 0, 'assigned', { email: null, calendar: calendar ?? null });
    const items = (await mine('staff.tthc')).body.items;
    expect(items.map((n) => [n.id, n.calendarEntry])).toEqual([
      [assigned.notificationId, true],
      [`${taskId(3)}/escalated`, false],
      [`${taskId(2)}/reminder`, false],
      [`${taskId(2)}/assigned`, false],
      [`${taskId(1)}/assigned`, false],
    ]);

    const answer = await fetch(`${suite.http.baseUrl}${calendarPath(assigned.notificationId)}`, {
      headers: { authorization: `Bearer ${await org.tokenOf('staff.tthc')}`, accept: 'text/calendar' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="han-viec.ics"');
    expect(await answer.text()).toBe(calendar);

    for (const [local, id] of [
      ['leader', assigned.notificationId],
      ['staff.tthc', `${taskId(2)}/reminder`],
      ['staff.tthc', 'no/such/notification'],
    ]) {
      const refused = await org.as(local, 'GET', calendarPath(id));
      expect({ local, id, status: refused.status, code: refused.body.code }).toEqual({
        local,
        id,
        status: 404,
        code: 'NOT_FOUND',
      });
    }
  });

  it('refuses bad query parameters with 400 naming them, no token with 401, a task-link session with 403', async () => {
    const bad = await mine('staff.tthc', '?unread=yes&limit=0');
    expect(bad.status).toBe(400);
    expect(
      Object.keys((bad.body as unknown as { details: { fields: object } }).details.fields).sort(),
    ).toEqual(['limit', 'unread']);
    expect((await suite.http.call('GET', '/api/v1/me/notifications')).status).toBe(401);

    const staff = await suite.api
      .get(DataSource)
      .getRepository(UserEntity)
      .findOneByOrFail({
        id: org.idOf('staff.tthc'),
      });
    const { accessToken } = await suite.api.get(TokenService).issueTaskScoped(staff, taskId(1));
    for (const [method, path] of [
      ['GET', '/api/v1/me/notifications'],
      ['POST', readPath(`${taskId(1)}/assigned`)],
      ['POST', '/api/v1/me/notifications/read-all'],
      ['GET', calendarPath(`${taskId(1)}/assigned`)],
    ]) {
      const answer = await suite.http.call(method, path, { token: accessToken });
      expect({ path, status: answer.status, code: answer.body.code }).toEqual({
        path,
        status: 403,
        code: 'TASK_LINK_SCOPE',
      });
    }
    expect(await undocumentedAnswers(suite.http)).toEqual([]);
  });
});
