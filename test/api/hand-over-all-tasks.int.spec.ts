import { DataSource } from 'typeorm';
import { TaskEntity } from '@qcycle/persistence';
import { uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from './support/demo-organisation';
import { rehearsalInItsAudit } from './support/year-over-http';

interface Handover {
  cycleId: string;
  fromUserId: string;
  toUserId: string;
  handedOver: { taskId: string; kind: string; assigneeUserId: string }[];
  refused: {
    taskId: string;
    kind: string;
    code: string;
    message: string;
    problems: { path: string; reason: string }[];
    currentAssignee?: { userId: string; name: string };
  }[];
}

interface Refusal {
  code: string;
  details: { fields?: Record<string, string[]>; problems?: { path: string; reason: string }[] };
}

/**
 * Someone who leaves during the year holds tens of open tasks; the Quality Representative hands them
 * all to a successor at once (`POST /cycles/{cycleId}/handovers`), each the way its own page would
 * (`POST /tasks/{id}/reassign`): the workflow still decides, task by task, and what it refuses stays
 * with the one who left, listed with why. Here an auditor of the economics division leaves with three
 * audit steps; the auditor who joined the administrative-procedures division takes the two of other
 * units, not the one of their own. Real API and worker, PostgreSQL, the Temporal dev server; people
 * act over HTTP only.
 */
describe('handing over all of someone’s open tasks at once (real API, worker, Temporal dev server, PostgreSQL)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  const organisationCode = `kt-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const handoversPath = `/api/v1/cycles/${cycleId}/handovers`;
  let steps: TaskSummary[];
  let successorId: string;

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true });
    org = await suite.seedDemoOrganisation(organisationCode);
    // Beyond those the walk into the audit signs in.
    await Promise.all(['admin', 'staff.tthc'].map((local) => org.tokenOf(local)));
    // Huy (economics division) audits three other units.
    steps = await rehearsalInItsAudit(org);
    // An auditor who joined the administrative-procedures division after the year started.
    successorId = await org.join('auditor.kiemsoat', {
      fullName: 'Y Thị Nguyệt',
      title: 'Chuyên viên',
      unitCode: 'vp-kiemsoat-tthc',
      roles: [{ role: 'auditor' }],
    });
    // Huy transfers to another province.
    expect(
      (await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('auditor.kinhte')}`, { active: false }))
        .status,
    ).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await suite?.close({ endCycles: [{ organisationCode, year: 2024 }] });
  });

  const handOver = async (as: string, body: unknown, requestId?: string, path = handoversPath) =>
    org.http.call<Handover & Refusal>('POST', path, {
      token: await org.tokenOf(as),
      body,
      headers: requestId ? { 'x-request-id': requestId } : {},
    });

  const reassignments = async () =>
    (
      await org.as<{ items: { payload: { taskId: string; from: string; to: string }; requestId: string }[] }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/events?type=task.reassigned&limit=100`,
      )
    ).body.items;

  /** Who holds each of the three steps now, and whether it is open (the one who left cannot sign in to look). */
  const holders = async () =>
    Promise.all(
      steps.map(async (step) => {
        const { body } = await org.as<TaskSummary>('qmr', 'GET', taskPath(step.id));
        return `${body.status}:${body.assigneeUserId}`;
      }),
    );

  it('refuses a staff member, an unknown cycle, a malformed body, and a successor who is not an active person of the organisation', async () => {
    const body = { fromUserId: org.idOf('auditor.kinhte'), toUserId: successorId, reason: 'Chuyển công tác' };
    expect((await handOver('staff.tthc', body)).status).toBe(403);
    const unknown = await handOver(
      'qmr',
      body,
      undefined,
      `/api/v1/cycles/${organisationCode}-2023/handovers`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('CYCLE_NOT_FOUND');

    // Malformed: each wrong field named (400, as every route's body check answers).
    const malformed = await handOver('qmr', { fromUserId: 7, toUserId: successorId, reason: 'x', extra: 1 });
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.details.fields ?? {}).sort()).toEqual([
      'extra',
      'fromUserId',
      'reason',
    ]);

    // The one who left, someone unknown, the holder themself: 422 naming toUserId.
    for (const toUserId of [org.idOf('auditor.kinhte'), 'no-such-user']) {
      const refused = await handOver('qmr', { ...body, toUserId });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('RULE_VIOLATED');
      expect(Object.keys(refused.body.details.fields ?? {})).toEqual(['toUserId']);
    }
    const toThemself = await handOver('qmr', { ...body, fromUserId: successorId });
    expect(toThemself.status).toBe(422);
    expect(Object.keys(toThemself.body.details.fields ?? {})).toEqual(['toUserId']);

    // Nothing was handed over.
    expect(await reassignments()).toEqual([]);
    expect(await holders()).toEqual(steps.map(() => `open:${org.idOf('auditor.kinhte')}`));
  });

  it('gives the successor every task the workflow lets them take, lists the others with why, and a retry gives none twice', async () => {
    const body = {
      fromUserId: org.idOf('auditor.kinhte'),
      toUserId: successorId,
      reason: 'Đồng chí Huy chuyển công tác từ ngày 01/10/2024',
    };
    const requestId = `handover-${uniqueSuffix()}`;
    const stepId = (id: string) => steps.find((s) => s.id.endsWith(`/${id}`))!.id;

    const answer = await handOver('qmr', body, requestId);
    expect(answer.status).toBe(200);
    // An auditor holds no unit's work: nothing the year opens later follows her.
    expect(answer.body).toMatchObject({
      cycleId,
      fromUserId: body.fromUserId,
      toUserId: successorId,
      unitsTakenOver: [],
    });
    expect(answer.body.handedOver.map((t) => t.taskId).sort()).toEqual([stepId('s1'), stepId('s3')].sort());
    expect(
      answer.body.handedOver.every((t) => t.assigneeUserId === successorId && t.kind === 'audit-step'),
    ).toBe(true);
    // Her own division's step: the workflow's rule, said as the single reassignment says it.
    expect(answer.body.refused).toEqual([
      expect.objectContaining({
        taskId: stepId('s2'),
        kind: 'audit-step',
        code: 'RULE_VIOLATED',
        problems: [
          expect.objectContaining({
            path: 'toUserId',
            reason: expect.stringContaining('không thuộc đơn vị được đánh giá'),
          }),
        ],
      }),
    ]);

    // The successor has them in her inbox; the refused one is still open for the one who left.
    const theirs = await org.inbox('auditor.kiemsoat', 'audit-step');
    expect(theirs.map((t) => t.id).sort()).toEqual([stepId('s1'), stepId('s3')].sort());
    expect(theirs.every((t) => t.delegateUserIds.includes(body.fromUserId))).toBe(true);
    const left = await org.as<TaskSummary>('qmr', 'GET', taskPath(stepId('s2')));
    expect(left.body).toMatchObject({ status: 'open', assigneeUserId: body.fromUserId });

    // Each recorded once, with this request's id.
    const recorded = await reassignments();
    expect(recorded.map((e) => e.payload.taskId).sort()).toEqual([stepId('s1'), stepId('s3')].sort());
    expect(recorded.every((e) => e.requestId === requestId && e.payload.to === successorId)).toBe(true);

    // The same request again (a lost answer, a double click): the same answer, nothing given twice.
    const again = await handOver('qmr', body, requestId);
    expect(again.status).toBe(200);
    expect(again.body.handedOver.map((t) => t.taskId).sort()).toEqual([stepId('s1'), stepId('s3')].sort());
    expect(again.body.refused.map((t) => t.taskId)).toEqual([stepId('s2')]);
    expect((await reassignments()).map((e) => e.payload.taskId).sort()).toEqual(
      [stepId('s1'), stepId('s3')].sort(),
    );
    const detail = await org.as<{ history: { type: string }[] }>('qmr', 'GET', taskPath(stepId('s1')));
    expect(detail.body.history.filter((h) => h.type === 'task.reassigned')).toHaveLength(1);

    // The successor signs one off: the task is truly hers.
    const signedOff = await org.as(
      'auditor.kiemsoat',
      'POST',
      `/api/v1/cycles/${cycleId}/audit/steps/s1/sign-off`,
      {
        result: 'conformity',
        evidence: ['Sổ theo dõi nhiệm vụ trọng tâm'],
      },
    );
    expect(signedOff.status).toBe(200);
    expect(signedOff.body).toMatchObject({ status: 'completed', completedBy: successorId });

    // The refused step goes to an auditor of another unit (the lead auditor): the holder has nothing left.
    const rest = await handOver('qmr', { ...body, toUserId: org.idOf('lead.auditor') });
    expect(rest.status).toBe(200);
    expect(rest.body.handedOver.map((t) => t.taskId)).toEqual([stepId('s2')]);
    expect(rest.body.refused).toEqual([]);
    expect((await holders()).filter((held) => held === `open:${body.fromUserId}`)).toEqual([]);
  });

  it('refuses a reassignment decided on a page that no longer shows who holds the task, naming who does, and undoes nothing', async () => {
    const s3 = steps.find((s) => s.id.endsWith('/s3'))!.id;
    // An auditor of the general division, which s3 does not audit: a second person s3 may go to.
    const khoa = await org.join('auditor.tonghop', {
      fullName: 'Đinh Văn Khoa',
      title: 'Chuyên viên',
      unitCode: 'vp-tonghop',
      roles: [{ role: 'auditor' }],
    });
    const reassign = async (
      body: { toUserId: string; reason: string; ifAssignedTo?: string },
      requestId: string,
      language = 'vi',
    ) =>
      org.http.call<{ assigneeUserId: string } & Refusal & { message: string }>(
        'POST',
        taskPath(s3, '/reassign'),
        {
          token: await org.tokenOf('qmr'),
          body,
          headers: { 'x-request-id': requestId, 'accept-language': language },
        },
      );
    const recordedFor = async () => (await reassignments()).filter((e) => e.payload.taskId === s3);
    const before = (await recordedFor()).length;
    const nameOf = async (userId: string) =>
      (await org.as<{ fullName: string }>('admin', 'GET', `/api/v1/users/${userId}`)).body.fullName;

    // Two tabs of the Quality Representative, both showing s3 with the successor, send at the same moment.
    const requests = [
      {
        body: {
          toUserId: org.idOf('lead.auditor'),
          reason: 'Cân đối khối lượng đánh giá',
          ifAssignedTo: successorId,
        },
        id: `a-${uniqueSuffix()}`,
      },
      {
        body: { toUserId: khoa, reason: 'Cân đối khối lượng đánh giá', ifAssignedTo: successorId },
        id: `b-${uniqueSuffix()}`,
      },
    ];
    const answers = await Promise.all(requests.map((r) => reassign(r.body, r.id)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const wonAt = answers.findIndex((a) => a.status === 200);
    const [won, lost] = [answers[wonAt], answers[1 - wonAt]];
    const winner = won.body.assigneeUserId;
    expect(winner).toBe(requests[wonAt].body.toUserId);
    // The refusal says who holds it now, by name, and nothing of it was written.
    expect(lost.body.code).toBe('CONFLICT');
    expect(lost.body.details).toMatchObject({
      currentAssignee: { userId: winner, name: await nameOf(winner) },
    });
    expect(lost.body.message).toContain(await nameOf(winner));
    expect(lost.body.message).toContain('chưa được thực hiện');
    expect((await recordedFor()).length).toBe(before + 1);
    expect((await org.as<TaskSummary>('qmr', 'GET', taskPath(s3))).body.assigneeUserId).toBe(winner);

    // The losing tab sends again, in English: still refused, in English, still naming the winner.
    const again = await reassign(requests[1 - wonAt].body, requests[1 - wonAt].id, 'en');
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(
      new RegExp(`^This task was given to ${await nameOf(winner)} after you opened it`),
    );

    // The winning request repeated (its answer lost): the same answer, given once.
    const repeated = await reassign(requests[wonAt].body, requests[wonAt].id);
    expect(repeated.status).toBe(200);
    expect(repeated.body.assigneeUserId).toBe(winner);
    expect((await recordedFor()).length).toBe(before + 1);

    // Decided again on the page as it is now: given.
    const loser = requests[1 - wonAt].body.toUserId;
    const decided = await reassign(
      { toUserId: loser, reason: 'Cân đối khối lượng đánh giá', ifAssignedTo: winner },
      `c-${uniqueSuffix()}`,
    );
    expect(decided.status).toBe(200);
    const recorded = await recordedFor();
    expect(recorded.slice(before).map((e) => [e.payload.from, e.payload.to])).toEqual([
      [successorId, winner],
      [winner, loser],
    ]);
  });

  it('leaves with its holder a task given to someone else between the hand-over’s read and its turn, saying who has it', async () => {
    const s2 = steps.find((s) => s.id.endsWith('/s2'))!.id;
    const holder = org.idOf('lead.auditor');
    expect((await org.as<TaskSummary>('qmr', 'GET', taskPath(s2))).body.assigneeUserId).toBe(holder);
    // The moment between a hand-over's Update and its record: the workflow has given s2 to the lead
    // auditor, the task row still names the one who left. A hand-over of his tasks reads it there.
    const records = suite.api.get(DataSource).getRepository(TaskEntity);
    await records.update({ id: s2 }, { assigneeUserId: org.idOf('auditor.kinhte') });

    const answer = await org.http.call<Handover>('POST', handoversPath, {
      token: await org.tokenOf('qmr'),
      body: {
        fromUserId: org.idOf('auditor.kinhte'),
        toUserId: org.idOf('auditor.tonghop'),
        reason: 'Chuyển công tác',
      },
      headers: { 'accept-language': 'en' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.handedOver).toEqual([]);
    const leadAuditor = (await org.as<{ fullName: string }>('admin', 'GET', `/api/v1/users/${holder}`)).body;
    expect(answer.body.refused).toEqual([
      expect.objectContaining({
        taskId: s2,
        code: 'CONFLICT',
        message: `This task was given to ${leadAuditor.fullName} meanwhile, so it was not handed over`,
        currentAssignee: { userId: holder, name: leadAuditor.fullName },
      }),
    ]);
    // The words are the workflow's, which still has it with the lead auditor; nothing was recorded.
    expect(
      (await reassignments()).filter(
        (e) => e.payload.taskId === s2 && e.payload.to === org.idOf('auditor.tonghop'),
      ),
    ).toEqual([]);
    await records.update({ id: s2 }, { assigneeUserId: holder }); // as the record would have
  });
});
