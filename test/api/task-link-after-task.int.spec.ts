import { DataSource } from 'typeorm';
import { NotificationEntity, TaskLinkUseEntity } from '@qcycle/persistence';
import { eventually, uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation } from './support/demo-organisation';
import type { HttpRecorder } from './support/http-recorder';
import { undocumentedAnswers } from './support/openapi-coverage';

interface LinkSession {
  accessToken?: string;
  user?: { userId: string; onlyTaskId: string };
  code?: string;
  message?: string;
  details?: { reason?: string; taskId?: string; status?: string };
}

interface TaskDetail {
  id: string;
  status: string;
  form: { objectives: { id: string; proposedUnitCode: string }[] };
}

/**
 * The link in a task's e-mail opens the task only while there is something to do with it: once the
 * task is completed, cancelled, or reassigned away from the person the link was sent to, exchanging
 * the link is refused with 409 (`details.reason` says why), no session is opened and the link is not
 * used up; the person signs in as usual instead. A link used before its task moved on still says
 * "already used". Real API and worker, PostgreSQL, the Temporal dev server; the links are those of
 * the notifications the worker recorded.
 */
describe('a task link after its task moved on (real API, worker, Temporal dev server, PostgreSQL)', () => {
  let suite: ApiSuite;
  let http: HttpRecorder;
  let org: DemoOrganisation;
  const organisationCode = `tl-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true });
    http = suite.http;
    org = await suite.seedDemoOrganisation(organisationCode);
    await Promise.all(
      ['qmr', 'leader', 'head.tthc', 'head.tonghop', 'staff.tthc'].map((local) => org.tokenOf(local)),
    );
    await org.startApprovedRehearsal({ documentNumber: '21/QĐ-UBND', signingDate: '2024-01-09' });
  });

  afterAll(async () => {
    await suite?.close({ endCycles: [{ organisationCode, year: 2024 }] });
  });

  /** The token of the link in the notification `key` (`assigned`, `reassigned/1`…) of a task. */
  const linkOf = (taskId: string, local: string, key = 'assigned') =>
    eventually(`the ${key} notification of ${taskId} to ${local}, with its link`, async () => {
      const row = await suite.api
        .get(DataSource)
        .getRepository(NotificationEntity)
        .findOneBy({ id: `${taskId}/${key}`, recipientUserId: org.idOf(local) });
      const token = /[?&]token=([^\s&]+)/.exec(row?.body ?? '')?.[1];
      return token ? decodeURIComponent(token) : undefined;
    });

  const exchange = (taskId: string, token: string) =>
    http.call<LinkSession>('POST', taskPath(taskId, '/link-session'), {
      body: { token },
      headers: { 'accept-language': 'en' },
    });

  const usesOf = (taskId: string) =>
    suite.api.get(DataSource).getRepository(TaskLinkUseEntity).countBy({ taskId });

  const detail = (local: string, taskId: string) => org.as<TaskDetail>(local, 'GET', taskPath(taskId));

  it('refuses the link of a task completed since it was sent: 409, no session, the link not used up', async () => {
    // The leader approved from the inbox; the approval's e-mail still carries its unused link.
    const [approval] = (
      await org.as<{ items: { id: string }[] }>(
        'leader',
        'GET',
        '/api/v1/me/tasks?status=done&kind=objectives-approval',
      )
    ).body.items;
    const token = await linkOf(approval.id, 'leader');

    const refused = await exchange(approval.id, token);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'CONFLICT',
      message: `Task ${approval.id} is completed: the e-mailed link no longer opens it; sign in as usual`,
      details: { reason: 'TASK_LINK_TASK_CLOSED', taskId: approval.id, status: 'completed' },
    });
    expect(refused.body.accessToken).toBeUndefined();
    expect(await usesOf(approval.id)).toBe(0);
    // Signed in as usual, the leader still reads it.
    expect((await detail('leader', approval.id)).body).toMatchObject({ status: 'completed' });
  });

  it('keeps "already used" for a link used before its task was done; that session cannot answer again', async () => {
    const assignment = await org.waitForTask('qmr', 'assignment-acceptance');
    const token = await linkOf(assignment.id, 'qmr');
    const session = await exchange(assignment.id, token);
    expect(session.status).toBe(200);
    const scoped = session.body.accessToken as string;
    const delegations = (await detail('qmr', assignment.id)).body.form.objectives.map((o) => ({
      objectiveId: o.id,
      unitCode: o.proposedUnitCode,
    }));
    const done = await http.call('POST', taskPath(assignment.id, '/complete'), {
      token: scoped,
      body: { outcome: { accepted: true, delegations } },
    });
    expect(done.status).toBe(200);

    const again = await exchange(assignment.id, token);
    expect([again.status, again.body.details?.reason]).toEqual([409, 'TASK_LINK_ALREADY_USED']);
    // The task-link session of a done task: reading still works, a different answer is refused.
    expect((await http.call('GET', taskPath(assignment.id), { token: scoped })).status).toBe(200);
    const changed = await http.call('POST', taskPath(assignment.id, '/complete'), {
      token: scoped,
      body: { outcome: { accepted: false, comment: 'Đổi ý' } },
    });
    expect(changed.status).toBe(409);
  });

  it('refuses the link of the person a task was reassigned from, and opens the new assignee’s', async () => {
    const acceptance = await org.waitForTask('head.tthc', 'unit-acceptance');
    const headsLink = await linkOf(acceptance.id, 'head.tthc');
    const moved = await org.as('qmr', 'POST', taskPath(acceptance.id, '/reassign'), {
      toUserId: org.idOf('staff.tthc'),
      reason: 'Trưởng phòng đi công tác',
    });
    expect(moved.status).toBe(200);

    const refused = await exchange(acceptance.id, headsLink);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'TASK_LINK_REASSIGNED', taskId: acceptance.id, status: 'open' },
    });
    expect(refused.body.accessToken).toBeUndefined();
    expect(await usesOf(acceptance.id)).toBe(0);
    // Signed in as usual, the unit head still sees it (and as a delegate may still finish it).
    expect((await detail('head.tthc', acceptance.id)).status).toBe(200);

    const staffLink = await linkOf(acceptance.id, 'staff.tthc', 'reassigned/1');
    const opened = await exchange(acceptance.id, staffLink);
    expect(opened.status).toBe(200);
    expect(opened.body.user).toMatchObject({ userId: org.idOf('staff.tthc'), onlyTaskId: acceptance.id });
  });

  it('refuses the link of a task cancelled with its cycle', async () => {
    const acceptance = await org.waitForTask('head.tonghop', 'unit-acceptance');
    const token = await linkOf(acceptance.id, 'head.tonghop');
    const cancelled = await org.as('qmr', 'POST', `/api/v1/cycles/${cycleId}/cancel`, {
      reason: 'Diễn tập kết thúc',
    });
    expect(cancelled.status).toBe(202);
    await eventually('the unit acceptance cancelled', async () => {
      const task = await detail('qmr', acceptance.id);
      return task.body.status === 'cancelled' ? task : undefined;
    });

    const refused = await exchange(acceptance.id, token);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      details: { reason: 'TASK_LINK_TASK_CLOSED', taskId: acceptance.id, status: 'cancelled' },
    });
    expect(refused.body.accessToken).toBeUndefined();
    expect(await usesOf(acceptance.id)).toBe(0);
  });

  it('answers only documented status codes', async () => {
    expect(await undocumentedAnswers(http)).toEqual([]);
  });
});
