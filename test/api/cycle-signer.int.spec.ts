import { KONTUM_2024_TEMPLATE } from '@qcycle/domain';
import { uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation } from './support/demo-organisation';

interface Refusal {
  code: string;
  details: { fields: Record<string, string[]> };
}

/**
 * Who signs (issue #9): the approval goes to the leader chosen when the cycle starts, and the
 * decision names the leader who approved, from the directory — not the draft's signer text; the
 * approval cannot be given to anyone else.
 * Real API and worker, PostgreSQL, the Temporal dev server.
 */
describe('the signer of the year’s decision (real API, worker, Temporal dev server, PostgreSQL)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  const organisationCode = `kt-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  // Invented; after the demo leader by name, so "the first leader by name" would not be them.
  const chairman = { fullName: 'Phan Minh Đức', title: 'Chủ tịch UBND tỉnh' };

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true });
    org = await suite.seedDemoOrganisation(organisationCode);
    // A second leader: the Chairman. The demo leader (Vice Chairman) is the one the template names.
    const created = await org.as('admin', 'POST', '/api/v1/users', {
      ...chairman,
      email: org.email('chairman'),
      password: DEMO_PASSWORD,
      roles: [{ role: 'leader' }],
    });
    expect(created.status).toBe(201);
    await Promise.all(['chairman', 'leader', 'qmr', 'staff.tthc'].map((local) => org.tokenOf(local)));
  });

  afterAll(() => suite?.close());

  const start = (body: Record<string, unknown>) =>
    org.as<Refusal & { id: string }>('qmr', 'POST', '/api/v1/cycles', {
      organisationCode,
      year: 2024,
      rehearsal: true,
      ...body,
    });

  it('refuses a signer who is not a leader, and several leaders with none chosen or named by the draft, with 422 naming signerUserId', async () => {
    const notALeader = await start({ signerUserId: org.idOf('staff.tthc') });
    expect(notALeader.status).toBe(422);
    expect(notALeader.body.code).toBe('RULE_VIOLATED');
    expect(Object.keys(notALeader.body.details.fields)).toEqual(['signerUserId']);

    const unknownSigner = {
      ...KONTUM_2024_TEMPLATE,
      signer: { ...KONTUM_2024_TEMPLATE.signer, name: 'Người ký khác' },
    };
    const undecided = await start({ draft: unknownSigner });
    expect(undecided.status).toBe(422);
    expect(Object.keys(undecided.body.details.fields)).toEqual(['signerUserId']);

    // Nothing was started: the year is still free.
    const cycle = await org.as('qmr', 'GET', `/api/v1/cycles/${cycleId}`);
    expect(cycle.status).toBe(404);
  });

  it('gives the approval to the chosen signer only, and the decision names who approved with their directory title', async () => {
    const started = await start({ signerUserId: org.idOf('chairman'), signingMode: 'TM.' });
    expect(started.status).toBe(201);

    const task = await org.waitForTask('chairman', 'objectives-approval');
    expect(task.assigneeUserId).toBe(org.idOf('chairman'));
    expect(await org.inbox('leader', 'objectives-approval')).toEqual([]);
    // The leader the draft names, and the first by name, cannot approve in the Chairman's place.
    const byOther = await org.as('leader', 'POST', taskPath(task.id, '/complete'), {
      outcome: { decision: 'approve', documentNumber: '45/QĐ-UBND' },
    });
    expect(byOther.status).toBe(403);

    // A signing date of another year (a slip for 2024) would date the decision and the year's
    // documents: refused by the field, and the task stays open.
    const slip = await org.as<{ details: { problems: { path: string; reason: string }[] } }>(
      'chairman',
      'POST',
      taskPath(task.id, '/complete'),
      { outcome: { decision: 'approve', documentNumber: '45/QĐ-UBND', signingDate: '2022-01-08' } },
    );
    expect(slip.status).toBe(422);
    expect(slip.body.details.problems).toEqual([
      expect.objectContaining({
        path: 'signingDate',
        reason: expect.stringContaining('năm 2023 hoặc năm 2024'),
      }),
    ]);
    expect((await org.inbox('chairman', 'objectives-approval')).map((t) => t.id)).toEqual([task.id]);

    const approved = await org.as('chairman', 'POST', taskPath(task.id, '/complete'), {
      outcome: { decision: 'approve', documentNumber: '45/QĐ-UBND', signingDate: '2024-01-08' },
    });
    expect(approved.status).toBe(200);

    let decision: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 100 && !decision; attempt++) {
      const answer = await org.as('staff.tthc', 'GET', `/api/v1/cycles/${cycleId}/decision`);
      if (answer.status === 200) decision = answer.body;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(decision).toMatchObject({
      documentNumber: '45/QĐ-UBND',
      signedBy: org.idOf('chairman'),
      signerName: chairman.fullName,
      signerTitle: chairman.title,
    });
  });

  it('keeps the approval with a leader: not reassigned to the Quality Representative, with 422 naming toUserId', async () => {
    // The draft names the demo leader, a Vice Chairman, who signs the 2025 decision.
    const started = await start({ year: 2025 });
    expect(started.status).toBe(201);
    const task = await org.waitForTask('leader', 'objectives-approval');
    expect(task.id).toContain('/2025/');
    const reassign = (toUserId: string) =>
      org.as<Refusal & { details: { problems: { path: string; reason: string }[] } }>(
        'qmr',
        'POST',
        taskPath(task.id, '/reassign'),
        { toUserId, reason: 'Phó Chủ tịch đi công tác' },
      );
    // The Quality Representative drafted the objectives: approving them would sign the decision.
    const toDrafter = await reassign(org.idOf('qmr'));
    expect(toDrafter.status).toBe(422);
    expect(toDrafter.body.code).toBe('RULE_VIOLATED');
    expect(toDrafter.body.details.problems).toEqual([
      expect.objectContaining({ path: 'toUserId', reason: expect.stringContaining('Chỉ lãnh đạo') }),
    ]);
    // Another leader of the directory may take it (test/api/reassign-to-directory.int.spec.ts).
    // Nothing moved: the leader still has it, and approves it.
    expect((await org.inbox('qmr', 'objectives-approval')).map((t) => t.id)).not.toContain(task.id);
    const approved = await org.as('leader', 'POST', taskPath(task.id, '/complete'), {
      outcome: { decision: 'approve', documentNumber: '12/QĐ-UBND', signingDate: '2025-01-10' },
    });
    expect(approved.status).toBe(200);
  });

  it("lets the Quality Representative enter the leader's approval signed on paper, and only so: the decision is the leader's, entered by them", async () => {
    // The draft names the demo leader, who signs the 2026 decision on paper and never signs in.
    const started = await start({ year: 2026 });
    expect(started.status).toBe(201);
    const task = await org.waitForTask('leader', 'objectives-approval');
    expect(task.id).toContain('/2026/');
    const complete = (local: string, outcome: Record<string, unknown>) =>
      org.as<{ message: string; details: { problems: { path: string }[] } }>(
        local,
        'POST',
        taskPath(task.id, '/complete'),
        { outcome },
      );
    const signed = { decision: 'approve', documentNumber: '7/QĐ-UBND', onPaper: true };

    // Answering for the leader is refused, saying how to enter what they gave on paper.
    const forLeader = await complete('qmr', { decision: 'approve', documentNumber: '7/QĐ-UBND' });
    expect(forLeader.status).toBe(403);
    expect(forLeader.body.message).toContain('trên giấy');
    // Nobody else may enter it, and "given on paper" is true or false: anything else is named.
    expect((await complete('staff.tthc', { ...signed, signingDate: '2026-01-05' })).status).toBe(403);
    const notSaid = await complete('qmr', { ...signed, onPaper: 'yes', signingDate: '2026-01-05' });
    expect(notSaid.status).toBe(422);
    expect(notSaid.body.details.problems.map((p) => p.path)).toEqual(['onPaper']);
    expect((await complete('qmr', { ...signed, onPaper: false })).status).toBe(403);
    // The day on the paper, not the day it is entered: without it, 422 naming signingDate.
    const undated = await complete('qmr', signed);
    expect(undated.status).toBe(422);
    expect(undated.body.details.problems.map((p) => p.path)).toEqual(['signingDate']);
    expect((await org.inbox('leader', 'objectives-approval')).map((t) => t.id)).toEqual([task.id]);

    // The scan of the signed, sealed decision, kept with the round's record: the Quality Representative
    // uploads it, a staff member may not, and a file of another record is not the decision's.
    const cycleId = `${organisationCode}-2026`;
    const record = { recordType: 'approval', recordKey: task.id };
    const scan = { bytes: Buffer.from('%PDF-1.7\nQuyet dinh 7/QD-UBND da ky\n'), name: 'QĐ 7 đã ký.pdf' };
    expect((await org.uploadEvidence('staff.tthc', cycleId, record, scan)).status).toBe(403);
    const notAnApproval = await org.uploadEvidence(
      'qmr',
      cycleId,
      { ...record, recordKey: `${task.id}x` },
      scan,
    );
    expect(notAnApproval.status).toBe(422);
    const uploaded = await org.uploadEvidence<{ reference: string; id: string }>(
      'qmr',
      cycleId,
      record,
      scan,
    );
    expect(uploaded.status).toBe(201);
    const otherRecord = await complete('qmr', {
      ...signed,
      signingDate: '2026-01-05',
      evidence: ['evidence:00000000-0000-4000-8000-000000000000'],
    });
    expect(otherRecord.status).toBe(422);
    expect(otherRecord.body.details.problems.map((p) => p.path)).toEqual(['evidence[0]']);

    const entered = await complete('qmr', {
      ...signed,
      signingDate: '2026-01-05',
      evidence: [uploaded.body.reference],
    });
    expect(entered.status).toBe(200);
    expect(entered.body).toMatchObject({ completedBy: org.idOf('qmr') });
    // Sent again (a retry): the same answer, applied once; another decision number now is a conflict.
    const again = await complete('qmr', {
      ...signed,
      signingDate: '2026-01-05',
      evidence: [uploaded.body.reference],
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(entered.body);
    expect(
      (await complete('qmr', { ...signed, documentNumber: '8/QĐ-UBND', signingDate: '2026-01-05' })).status,
    ).toBe(409);

    let decision: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 100 && !decision; attempt++) {
      const answer = await org.as('staff.tthc', 'GET', `/api/v1/cycles/${organisationCode}-2026/decision`);
      if (answer.status === 200) decision = answer.body;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(decision).toMatchObject({
      documentNumber: '7/QĐ-UBND',
      signedBy: org.idOf('leader'),
      signerName: 'Nguyễn Hữu Tháp',
      signerTitle: 'Phó Chủ tịch UBND tỉnh',
      enteredBy: org.idOf('qmr'),
      signingDate: '2026-01-05',
      evidence: [uploaded.body.reference],
      files: [{ id: uploaded.body.id, fileName: 'QĐ 7 đã ký.pdf', erased: false }],
    });
    // The year's report, printed from the browser, says it was signed on paper and who entered it.
    const printed = await fetch(`${org.http.baseUrl}/api/v1/cycles/${organisationCode}-2026/report`, {
      headers: { authorization: `Bearer ${await org.tokenOf('staff.tthc')}`, accept: 'text/html' },
    });
    expect(await printed.text()).toContain(
      '(Phó Chủ tịch UBND tỉnh Nguyễn Hữu Tháp ký trên giấy, Trần Quốc Việt ghi nhận, hiệu lực từ 05/01/2026)',
    );
    // The leader's task is done, by the Quality Representative; the leader has nothing left to do.
    const done = await org.as<{ status: string; completedBy: string }>('leader', 'GET', taskPath(task.id));
    expect(done.body).toMatchObject({ status: 'completed', completedBy: org.idOf('qmr') });
    expect(await org.inbox('leader', 'objectives-approval')).toEqual([]);
  });
});
