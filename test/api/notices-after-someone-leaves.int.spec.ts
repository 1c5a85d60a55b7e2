import { eventually, startTestSmtpServer, uniqueSuffix, type TestSmtpServer } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from './support/demo-organisation';
import { APPROVAL } from './support/year-over-http';

/**
 * A unit head the year started with leaves (deactivated in the directory) and a successor is
 * appointed: the year's roster still names the one who left, so the unit's acceptance opens for
 * them. Its notice goes to the successor instead, saying whom it was meant for and asking them to
 * hand the task over, which they can: the link opens the task for them, and they reassign it.
 * Real API and worker, PostgreSQL, the Temporal dev server, SMTP; people act over HTTP only.
 */
describe('notices meant for a unit head who left (real API, worker, Temporal dev server, PostgreSQL, SMTP)', () => {
  let smtp: TestSmtpServer;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  const organisationCode = `kt-${uniqueSuffix()}`;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    suite = await startApiSuite({ worker: true, smtp });
    org = await suite.seedDemoOrganisation(organisationCode);
    await Promise.all(
      ['admin', 'leader', 'qmr', 'head.tthc', 'staff.tthc'].map((local) => org.tokenOf(local)),
    );
  });

  afterAll(async () => {
    await suite?.close({ endCycles: [{ organisationCode, year: 2024 }] });
  });

  const mailsTo = (address: string) => smtp.mailsTo(address);

  it("gives the unit's acceptance notice to the unit's current head, who opens the task from the link and hands it over", async () => {
    await org.startApprovedRehearsal(APPROVAL);
    // The head of the administrative procedures unit retires; a successor is appointed.
    const successor = await org.as<{ id: string }>('admin', 'POST', '/api/v1/users', {
      fullName: 'Trịnh Văn Quang',
      title: 'Trưởng phòng Kiểm soát TTHC',
      email: org.email('head.tthc.new'),
      password: DEMO_PASSWORD,
      unitCode: 'vp-kiemsoat-tthc',
      roles: [{ role: 'unit-head', unitCode: 'vp-kiemsoat-tthc' }],
    });
    expect(successor.status).toBe(201);
    const formerHeadId = org.idOf('head.tthc');
    expect((await org.as('admin', 'PATCH', `/api/v1/users/${formerHeadId}`, { active: false })).status).toBe(
      200,
    );

    // The Chief of Office gives each unit its objectives: the roster's heads get the acceptances.
    const assignment = await org.waitForTask('qmr', 'assignment-acceptance');
    const form = (await org.as('qmr', 'GET', taskPath(assignment.id))).body as unknown as {
      form: { objectives: { id: string; proposedUnitCode: string }[] };
    };
    const delegations = form.form.objectives.map((o) => ({
      objectiveId: o.id,
      unitCode: o.proposedUnitCode,
    }));
    expect(
      (
        await org.as('qmr', 'POST', taskPath(assignment.id, '/complete'), {
          outcome: { accepted: true, delegations },
        })
      ).status,
    ).toBe(200);
    // The successor is told, with the reason, in the bell and by mail; the one who left gets nothing.
    const notice = await eventually('the successor’s notice', async () => {
      const mine = await org.as<{ items: { taskId: string; reason: string; subject: string }[] }>(
        'head.tthc.new',
        'GET',
        '/api/v1/me/notifications',
      );
      return mine.body.items.find((n) => n.reason === 'assigned');
    });
    expect(notice.subject).toMatch(/^\[qcycle\] \[Diễn tập\] Việc cần giao lại: /);
    const acceptance = (await org.as<TaskSummary>('head.tthc.new', 'GET', taskPath(notice.taskId))).body;
    expect(acceptance).toMatchObject({
      kind: 'unit-acceptance',
      unitCode: 'vp-kiemsoat-tthc',
      assigneeUserId: formerHeadId,
      status: 'open',
    });
    const [mail] = await eventually('the successor’s mail', async () => {
      const mails = mailsTo(org.email('head.tthc.new'));
      return mails.length > 0 ? mails : undefined;
    });
    expect(mail.text).toContain('Kính gửi ông/bà Trịnh Văn Quang,');
    expect(mail.text).toContain(
      'người nay không còn trong danh bạ của cơ quan (đã nghỉ hoặc chuyển công tác)',
    );
    expect(mail.text).toContain('nay được gửi đến ông/bà với tư cách trưởng đơn vị.');
    expect(mailsTo(org.email('head.tthc'))).toHaveLength(0);

    // The link opens the task for the successor, signed out.
    const token = decodeURIComponent(/\?token=(\S+)/.exec(mail.text ?? '')?.[1] as string);
    const opened = await org.http.call<{ user: { userId: string }; task: { id: string } }>(
      'POST',
      taskPath(acceptance.id, '/link-session'),
      { body: { token } },
    );
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ user: { userId: successor.body.id }, task: { id: acceptance.id } });

    // Signed in, the successor hands it over.
    const moved = await org.as<{ assigneeUserId: string }>(
      'head.tthc.new',
      'POST',
      taskPath(acceptance.id, '/reassign'),
      { toUserId: org.idOf('staff.tthc'), reason: 'Trưởng phòng cũ nghỉ hưu' },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.assigneeUserId).toBe(org.idOf('staff.tthc'));
  });
});
