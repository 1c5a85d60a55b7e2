import { childWorkflowIds, qualityCycleWorkflowId } from '@qcycle/contracts';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  eventually as soon,
  startTestSmtpServer,
  startTimeSkippingEnvironment,
  uniqueSuffix,
  type TestSmtpServer,
} from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { YearOverHttp } from './support/year-over-http';
import type { DemoOrganisation } from './support/demo-organisation';
import { undocumentedAnswers } from './support/openapi-coverage';
import { recordHistories } from '../workflows/support/cycle-driver';

/**
 * Correcting a reported figure (issue #9) over HTTP, on the real API and worker, PostgreSQL and the
 * time-skipping Temporal server: objective 3's first quarter reported by the staff member it was
 * given to, then corrected by the head of the objective's unit.
 */
describe('correcting a reported figure over HTTP (API, worker, PostgreSQL, time-skipping Temporal)', () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let year: YearOverHttp;
  let smtp: TestSmtpServer;
  let reportId: string;
  const organisationCode = `kt-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const correctPath = `/api/v1/cycles/${cycleId}/objectives/obj-3/measurements/2024-Q1/correct`;

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    smtp = await startTestSmtpServer();
    suite = await startApiSuite({ worker: true, temporal: env, smtp });
    org = await suite.seedDemoOrganisation(organisationCode);
    year = new YearOverHttp(org, env);
  });

  afterAll(() => suite?.close());

  const eventually = <T>(what: string, probe: () => Promise<T | undefined>, days = 0) =>
    year.eventually(what, probe, days);
  const taskOf = (local: string, kind: string, days = 0) => year.taskOf(local, kind, days);
  const complete = (local: string, taskId: string, outcome: unknown) => year.complete(local, taskId, outcome);
  /** The mails telling `local` of a correction, as the SMTP server received them. */
  const correctionMailsTo = (local: string) =>
    smtp.mailsTo(org.email(local)).filter((mail) => (mail.subject ?? '').includes('Số liệu đã được sửa'));

  it('reaches the first quarter of objective 3, reported 10 of 10 by the staff member', async () => {
    await year.start(organisationCode);
    await year.approve();
    await year.assignAsProposed();
    await org.tokenOf('staff.tthc');
    await year.acceptUnitsWithReporters({ 'head.tthc': { 'obj-3': 'staff.tthc' } });

    const report = await taskOf('staff.tthc', 'measurement-report', 130);
    expect(report).toMatchObject({ objectiveId: 'obj-3', periodKey: '2024-Q1' });
    reportId = report.id;
    // A report naming a file that is not on its record (never uploaded there) is refused, naming
    // the item, and records nothing.
    const unknownFile = await complete('staff.tthc', report.id, {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 10, denominator: 10 }],
      evidence: ['BC-CCHC-Q1-2024', 'evidence:6f1d2c3b-0000-4e6f-8a7b-9c0d1e2f3a4b'],
    });
    expect(unknownFile.status).toBe(422);
    expect(unknownFile.body).toMatchObject({
      code: 'OUTCOME_REFUSED',
      details: { problems: [{ path: 'evidence[1]', code: 'unknown-reference' }] },
    });
    expect(
      (
        await org.as<{ status: string }>(
          'staff.tthc',
          'GET',
          `/api/v1/tasks/${encodeURIComponent(report.id)}`,
        )
      ).body.status,
    ).toBe('open');
    const reported = await complete('staff.tthc', report.id, {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 10, denominator: 10 }],
      evidence: ['BC-CCHC-Q1-2024'],
    });
    expect(reported.status).toBe(200);
    const objective = await eventually('the Q1 status', async () => {
      const answer = await org.as<{ status: string; statusHistory: unknown[] }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/objectives/obj-3`,
      );
      return answer.body.statusHistory.length > 0 ? answer.body : undefined;
    });
    expect(objective.status).toBe('on-track');
    // Never corrected: the figures are the report's, and say so.
    const measurements = await org.as<{ items: { corrected: unknown }[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/measurements?objectiveId=obj-3`,
    );
    expect(measurements.body.items.map((m) => m.corrected)).toEqual([null]);
  });

  it('wants a reason (400 naming it) and refuses the head of another unit (403)', async () => {
    const withoutReason = await org.as('head.tthc', 'POST', correctPath, {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 }],
    });
    expect(withoutReason.body).toMatchObject({
      statusCode: 400,
      details: { fields: { reason: expect.any(Array) } },
    });
    const byAnotherHead = await org.as('head.tonghop', 'POST', correctPath, {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 }],
      reason: 'Đơn vị khác sửa hộ',
    });
    expect(byAnotherHead.status).toBe(403);
    const unfit = await org.as<{ code: string; details: { problems: { path: string }[] } }>(
      'head.tthc',
      'POST',
      correctPath,
      {
        figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 11, denominator: 10 }],
        reason: 'Tính lại',
      },
    );
    expect(unfit.status).toBe(422);
    expect(unfit.body.details.problems.map((p) => p.path)).toEqual([
      'figures[obj-3-reform-targets].numerator',
    ]);
    const notReported = await org.as(
      'head.tthc',
      'POST',
      `/api/v1/cycles/${cycleId}/objectives/obj-3/measurements/2024-Q2/correct`,
      {
        figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 1, denominator: 1 }],
        reason: 'Chưa có',
        evidence: ['evidence:6f1d2c3b-0000-4e6f-8a7b-9c0d1e2f3a4b'],
      },
    );
    expect(notReported.status).toBe(409);
    const unknownObjective = await org.as(
      'head.tthc',
      'POST',
      `/api/v1/cycles/${cycleId}/objectives/obj-9/measurements/2024-Q1/correct`,
      {
        figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 1, denominator: 1 }],
        reason: 'Không có',
        // Said as the objective's absence, not as a file missing from a record that does not exist.
        evidence: ['evidence:6f1d2c3b-0000-4e6f-8a7b-9c0d1e2f3a4b'],
      },
    );
    expect(unknownObjective.status).toBe(404);
    // The correction's evidence follows the report's rules: a blank one is named.
    const blankEvidence = await org.as<{ details: { problems: { path: string }[] } }>(
      'head.tthc',
      'POST',
      correctPath,
      {
        figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 }],
        reason: 'Tính lại',
        evidence: ['  '],
      },
    );
    expect(blankEvidence.status).toBe(422);
    expect(blankEvidence.body.details.problems.map((p) => p.path)).toEqual(['evidence']);
    // And a file it names must be on the report's record.
    const unknownFile = await org.as<{ details: { problems: { path: string }[] } }>(
      'head.tthc',
      'POST',
      correctPath,
      {
        figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 }],
        reason: 'Tính lại',
        evidence: ['evidence:6f1d2c3b-0000-4e6f-8a7b-9c0d1e2f3a4b'],
      },
    );
    expect(unknownFile.status).toBe(422);
    expect(unknownFile.body.details.problems.map((p) => p.path)).toEqual(['evidence[0]']);
  });

  it("lets the unit head correct it: both values kept, the objective's status evaluated again", async () => {
    const reason = 'Báo cáo quý I tính cả 2 nhiệm vụ chưa hoàn thành';
    // What the correction rests on: a file added to the report's record, and a paper record named.
    const file = await org.uploadEvidence<{ id: string; reference: string }>(
      'head.tthc',
      cycleId,
      { recordType: 'measurement', recordKey: reportId },
      { bytes: Buffer.from('%PDF-1.7\nBien ban ra soat quy I\n'), name: 'Bien-ban-ra-soat-quy-I.pdf' },
    );
    expect(file.status).toBe(201);
    const byAnotherHead = await org.uploadEvidence(
      'head.tonghop',
      cycleId,
      { recordType: 'measurement', recordKey: reportId },
      { bytes: Buffer.from('%PDF-1.7\n'), name: 'khac.pdf' },
    );
    expect(byAnotherHead.status).toBe(403);
    const evidence = [file.body.reference, 'Biên bản rà soát nhiệm vụ cải cách hành chính quý I'];
    const corrected = await org.as('head.tthc', 'POST', correctPath, {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 }],
      reason,
      evidence,
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      objectiveId: 'obj-3',
      periodKey: '2024-Q1',
      previous: [{ indicatorId: 'obj-3-reform-targets', numerator: 10, denominator: 10 }],
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 }],
      reason,
      evidence,
      correctedBy: org.idOf('head.tthc'),
      statusBefore: 'on-track',
      status: 'at-risk',
    });

    // The measurement now reads the corrected figure, marked corrected (by whom, when, why) for
    // whoever reads it; the event keeps both values.
    const measurements = await org.as<{
      items: { periodKey: string; numerator: number; reportedBy: string }[];
    }>('qmr', 'GET', `/api/v1/cycles/${cycleId}/measurements?objectiveId=obj-3`);
    const mark = {
      times: 1,
      lastBy: org.idOf('head.tthc'),
      lastAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      lastReason: reason,
      lastEvidence: evidence,
      asReported: { numerator: 10, denominator: 10, pendingOverdue: null, value: null, achieved: null },
    };
    expect(measurements.body.items).toEqual([
      expect.objectContaining({
        periodKey: '2024-Q1',
        numerator: 8,
        reportedBy: org.idOf('staff.tthc'),
        corrected: mark,
      }),
    ]);
    const log = await org.as<{
      items: { type: string; actor: string; payload: Record<string, unknown> }[];
      files: { id: string; fileName: string }[];
    }>('qmr', 'GET', `/api/v1/cycles/${cycleId}/events?type=measurement.corrected`);
    // The page names the uploaded file the correction rests on, as it was uploaded; the paper
    // record beside it is a text of its own.
    expect(log.body.files).toEqual([
      { id: file.body.id, fileName: 'Bien-ban-ra-soat-quy-I.pdf', erased: false },
    ]);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        actor: org.idOf('head.tthc'),
        payload: expect.objectContaining({
          objectiveId: 'obj-3',
          periodKey: '2024-Q1',
          previous: [{ indicatorId: 'obj-3-reform-targets', numerator: 10, denominator: 10 }],
          figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 }],
          reason,
          evidence,
          statusBefore: 'on-track',
          status: 'at-risk',
        }),
      }),
    ]);
    const objective = await org.as<{
      status: string;
      indicators: { measurements: { numerator: number; corrected: unknown }[] }[];
    }>('qmr', 'GET', `/api/v1/cycles/${cycleId}/objectives/obj-3`);
    expect(objective.body.status).toBe('at-risk');
    expect(objective.body.indicators[0].measurements).toEqual([
      expect.objectContaining({ numerator: 8, corrected: mark }),
    ]);
    // The year's report marks it too (its objectives report says what was reported, when and why),
    // and so does its printable page.
    const report = await org.as<{
      objectives: { id: string; indicators: { figures: { numerator: number; corrected: unknown }[] }[] }[];
    }>('qmr', 'GET', `/api/v1/cycles/${cycleId}/report`);
    expect(report.body.objectives.find((o) => o.id === 'obj-3')?.indicators[0].figures).toEqual([
      expect.objectContaining({ numerator: 8, corrected: mark }),
    ]);
    const page = await fetch(`${org.http.baseUrl}/api/v1/cycles/${cycleId}/report`, {
      headers: { authorization: `Bearer ${await org.tokenOf('qmr')}`, accept: 'text/html' },
    });
    expect(await page.text()).toMatch(
      /Quý 1\/2024: 8\/10 \(80%\) <em>\(đã điều chỉnh ngày \d{2}\/\d{2}\/\d{4} /,
    );
    // At risk now: the Quality Representative gets the follow-up, as after a report.
    const followUp = await taskOf('qmr', 'at-risk-follow-up');
    expect(followUp).toMatchObject({ objectiveId: 'obj-3', periodKey: '2024-Q1' });

    // The staff member who reported it is told, by mail and in the bell: who, why, and the report's
    // page (signed in: the task is completed, no task link). The head, who made it, is not.
    const [mail] = await soon('the reporter’s mail', async () => {
      const mails = correctionMailsTo('staff.tthc');
      return mails.length > 0 ? mails : undefined;
    });
    expect(mail.subject).toBe(
      '[qcycle] [Diễn tập] Số liệu đã được sửa: Báo cáo số liệu mục tiêu 3 kỳ Quý 1/2024',
    );
    expect(mail.text).toContain('Người sửa: Phạm Thị Hoa');
    expect(mail.text).toContain(`Lý do sửa: ${reason}`);
    expect(mail.text).toContain(
      'Minh chứng của lần sửa: Bien-ban-ra-soat-quy-I.pdf; Biên bản rà soát nhiệm vụ cải cách hành chính quý I\n',
    );
    expect(mail.text).toMatch(/^Số liệu đã sửa \(trước → sau\):\n- .+: 10\/10 → 8\/10$/m);
    expect(mail.text).toContain(`/tasks/${encodeURIComponent(reportId)}\n`);
    expect(mail.text).not.toContain('token=');
    expect(correctionMailsTo('head.tthc')).toEqual([]);
    const bell = await org.as<{ items: { reason: string; taskId: string }[] }>(
      'staff.tthc',
      'GET',
      '/api/v1/me/notifications',
    );
    expect(bell.body.items.filter((n) => n.reason === 'corrected').map((n) => n.taskId)).toEqual([reportId]);

    // The same figures again change nothing: 422 naming figures.
    const same = await org.as<{ details: { problems: { path: string }[] } }>(
      'staff.tthc',
      'POST',
      correctPath,
      {
        figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 }],
        reason: 'Lặp lại',
      },
    );
    expect(same.status).toBe(422);
    expect(same.body.details.problems.map((p) => p.path)).toEqual(['figures']);
  });

  it('refuses a correction made on figures someone corrected meanwhile, with the figures as they are, and saves it made again on them', async () => {
    // The reporter, on a page read before the head's correction (10 of 10), corrects to 9 of 10.
    const seen = [{ indicatorId: 'obj-3-reform-targets', numerator: 10, denominator: 10 }];
    const stale = await org.as<{ code: string; message: string; details: { current: unknown } }>(
      'staff.tthc',
      'POST',
      correctPath,
      {
        figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 9, denominator: 10 }],
        reason: 'Một nhiệm vụ hoàn thành ngày 29/3',
        ifFiguresWere: seen,
      },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CONFLICT');
    expect(stale.body.message).toContain('vừa được người khác sửa sau khi bạn mở ra');
    expect(stale.body.details.current).toEqual([
      { indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 },
    ]);
    const measurements = async () =>
      (
        await org.as<{
          items: {
            numerator: number;
            corrected: { times: number; lastBy: string; lastEvidence: string[] };
          }[];
        }>('qmr', 'GET', `/api/v1/cycles/${cycleId}/measurements?objectiveId=obj-3`)
      ).body.items.map((m) => [
        m.numerator,
        m.corrected.times,
        m.corrected.lastBy,
        m.corrected.lastEvidence.length,
      ]);
    expect(await measurements()).toEqual([[8, 1, org.idOf('head.tthc'), 2]]);

    // Looked at again, and corrected on the figures as they are: saved, the head's kept as its previous.
    const again = await org.as<{ previous: unknown; figures: unknown }>('staff.tthc', 'POST', correctPath, {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 9, denominator: 10 }],
      reason: 'Một nhiệm vụ hoàn thành ngày 29/3',
      ifFiguresWere: stale.body.details.current,
    });
    expect(again.status).toBe(200);
    expect(again.body.previous).toEqual([
      { indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 },
    ]);
    // Her correction gave no evidence of its own: the last correction's list is empty.
    expect(await measurements()).toEqual([[9, 2, org.idOf('staff.tthc'), 0]]);
    // Her correction is the unit head's to know of; the refused one told nobody.
    const [toHead] = await soon('the unit head’s mail', async () => {
      const mails = correctionMailsTo('head.tthc');
      return mails.length > 0 ? mails : undefined;
    });
    expect(toHead.text).toContain('Người sửa: Nguyễn Thị Lan');
    expect(toHead.text).toContain('Lý do sửa: Một nhiệm vụ hoàn thành ngày 29/3');
    expect(toHead.text).toMatch(/^- .+: 8\/10 → 9\/10$/m);
    expect(correctionMailsTo('staff.tthc')).toHaveLength(1);

    // The objective's monitoring with both corrections: the `corrections-told` histories.
    await recordHistories(env.client, 'corrections-told', [
      childWorkflowIds.monitoring(qualityCycleWorkflowId(organisationCode, 2024), 'obj-3'),
    ]);
  });

  it("lets a unit head appointed during the year correct their unit's figures, and tells the head now, not the one who left", async () => {
    // Phạm Thị Hoa retires; Trịnh Văn Quang heads the unit now. The year's roster still names her.
    await org.join('head.tthc.new', {
      fullName: 'Trịnh Văn Quang',
      title: 'Trưởng phòng Kiểm soát TTHC',
      unitCode: 'vp-kiemsoat-tthc',
      roles: [{ role: 'unit-head', unitCode: 'vp-kiemsoat-tthc' }],
    });
    const formerHead = org.idOf('head.tthc');
    expect((await org.as('admin', 'PATCH', `/api/v1/users/${formerHead}`, { active: false })).status).toBe(
      200,
    );
    const mailsToFormerHead = correctionMailsTo('head.tthc').length;

    // The new head corrects: allowed as the unit's head now; the reporter is told, by his name. He
    // neither reported the period nor acts on its task, and still adds what his correction rests on.
    const minutes = await org.uploadEvidence<{ reference: string }>(
      'head.tthc.new',
      cycleId,
      { recordType: 'measurement', recordKey: reportId },
      { bytes: Buffer.from('%PDF-1.7\nKiem tra nhiem vu\n'), name: 'Bien-ban-kiem-tra.pdf' },
    );
    expect(minutes.status).toBe(201);
    const byNewHead = await org.as('head.tthc.new', 'POST', correctPath, {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 7, denominator: 10 }],
      reason: 'Hai nhiệm vụ chưa có văn bản hoàn thành',
      evidence: [minutes.body.reference],
      ifFiguresWere: [{ indicatorId: 'obj-3-reform-targets', numerator: 9, denominator: 10 }],
    });
    expect(byNewHead.status).toBe(200);
    expect(byNewHead.body.evidence).toEqual([minutes.body.reference]);
    const [toReporter] = await soon('the reporter’s mail of the new head’s correction', async () => {
      const mails = correctionMailsTo('staff.tthc').filter((m) => m.text?.includes('Trịnh Văn Quang'));
      return mails.length > 0 ? mails : undefined;
    });
    expect(toReporter.text).toMatch(/^- .+: 9\/10 → 7\/10$/m);

    // The reporter corrects again: the unit's head now is told, as the one the roster named is gone.
    const byReporter = await org.as('staff.tthc', 'POST', correctPath, {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 8, denominator: 10 }],
      reason: 'Một nhiệm vụ đã có văn bản ngày 30/3',
    });
    expect(byReporter.status).toBe(200);
    const [toNewHead] = await soon('the new head’s mail', async () => {
      const mails = correctionMailsTo('head.tthc.new');
      return mails.length > 0 ? mails : undefined;
    });
    expect(toNewHead.text).toContain('Kính gửi ông/bà Trịnh Văn Quang,');
    expect(toNewHead.text).toContain('Người sửa: Nguyễn Thị Lan');
    expect(toNewHead.text).toContain(
      'Thông báo này lẽ ra gửi Phạm Thị Hoa theo danh sách nhân sự đầu năm; Phạm Thị Hoa nay không còn trong danh bạ của cơ quan',
    );
    expect(toNewHead.text).not.toContain('giao lại việc');
    expect(correctionMailsTo('head.tthc')).toHaveLength(mailsToFormerHead);

    // Lan leaves too, and the head corrects once more: the notice meant for her is not turned into a
    // notice to the head of his own correction (nobody else is to know of it); it stays hers.
    expect(
      (await org.as('admin', 'PATCH', `/api/v1/users/${org.idOf('staff.tthc')}`, { active: false })).status,
    ).toBe(200);
    const lastByHead = await org.as('head.tthc.new', 'POST', correctPath, {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 9, denominator: 10 }],
      reason: 'Văn bản hoàn thành nhiệm vụ thứ chín đã được ký ngày 29/3',
    });
    expect(lastByHead.status).toBe(200);
    await soon('the notice meant for the reporter who left', async () => {
      const mails = correctionMailsTo('staff.tthc').filter((m) => m.text?.includes('nhiệm vụ thứ chín'));
      return mails.length > 0 ? mails : undefined;
    });
    expect(correctionMailsTo('head.tthc.new').filter((m) => m.text?.includes('nhiệm vụ thứ chín'))).toEqual(
      [],
    );
  });

  it('answers only documented status codes', async () => {
    expect(await undocumentedAnswers(suite.http)).toEqual([]);
  });
});
