import { DataSource } from 'typeorm';
import { qualityCycleId, qualityCycleWorkflowId } from '@qcycle/contracts';
import { KONTUM_2024_TEMPLATE, type ObjectiveStatus } from '@qcycle/domain';
import type { MeasurementEntity } from '@qcycle/persistence';
import { uniqueSuffix } from '@qcycle/testing';
import { CycleRecordActivities } from '../../activities/src/cycle-record.activities';
import { QualityRecordActivities } from '../../activities/src/quality-records.activities';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';
import type { HttpRecorder } from './support/http-recorder';
import { HELD_REVIEW } from './support/year-fixtures';
import { undocumentedAnswers } from './support/openapi-coverage';

interface StatusChange {
  periodKey: string;
  status: string | null;
  statusBefore: string | null;
  at: string;
  reportedBy: string;
  late: boolean;
}

interface ObjectiveAnswer {
  id: string;
  number: number;
  title: { vi: string; en: string };
  unitCode: string | null;
  assigneeUserId: string | null;
  assigneeName: string | null;
  assignments: { level: string; unitCode: string | null; assigneeUserId: string }[];
  status: string;
  statusAt: string | null;
  indicators: {
    id: string;
    kind: string;
    target: { comparator: string; value: number; text: string } | null;
    criteria: unknown[];
    measurements: {
      periodKey: string;
      numerator: number | null;
      denominator: number | null;
      evidence: string[];
      reportedBy: string;
      late: boolean;
    }[];
  }[];
  statusHistory: StatusChange[];
}

interface ReportAnswer {
  cycleId: string;
  year: number;
  status: string | null;
  phase: string | null;
  decision: { documentNumber: string; signerName: string; signerTitle: string; signingDate: string };
  objectives: {
    id: string;
    number: number;
    status: string;
    final: boolean;
    indicators: {
      id: string;
      targetText: string | null;
      measuredByEngine: boolean;
      expectedPeriods: number;
      reportedPeriods: number;
      lateReports: number;
      result: string | null;
      figures: { periodKey: string; numerator: number | null; denominator: number | null; late: boolean }[];
    }[];
  }[];
  audit: {
    status: string;
    from: string | null;
    to: string | null;
    steps: { unitCode: string; result: string | null; finding: string | null }[];
    nonconformities: { severity: string; finding: string; status: string; effective: boolean | null }[];
    report: string | null;
  } | null;
  review: {
    status: string;
    heldAt: string | null;
    minutesRef: string | null;
    outputs: { improvementOpportunities: string[]; qmsChanges: string[]; resourceNeeds: string[] } | null;
    actions: { title: string; ownerUnitCode: string; dueDate: string }[];
  } | null;
}

/**
 * What the Quality Representative reads about the year's objectives: the records are written by the
 * real record activities exactly as the approval, assignment and monitoring workflows write them
 * (no worker runs here), and read back over HTTP from the real API on PostgreSQL.
 */
describe('objectives of a cycle over HTTP (real API, PostgreSQL)', () => {
  let suite: ApiSuite;
  let http: HttpRecorder;
  let org: DemoOrganisation;
  let otherOrg: DemoOrganisation;
  let records: QualityRecordActivities;
  let cycleRecords: CycleRecordActivities;
  const organisationCode = `kt-${uniqueSuffix()}`;
  const cycleId = qualityCycleId(organisationCode, 2024);
  const workflowId = qualityCycleWorkflowId(organisationCode, 2024);
  const people = new Map<string, { userId: string; fullName: string }>();

  beforeAll(async () => {
    suite = await startApiSuite();
    http = suite.http;
    org = await suite.seedDemoOrganisation(organisationCode);
    otherOrg = await suite.seedDemoOrganisation(`dl-${uniqueSuffix()}`);
    records = new QualityRecordActivities(suite.api.get(DataSource));
    cycleRecords = new CycleRecordActivities(suite.api.get(DataSource));
  });

  afterAll(() => suite?.close());

  async function person(local: string): Promise<{ userId: string; fullName: string }> {
    const known = people.get(local);
    if (known) return known;
    const me = await http.call<{ userId: string; fullName: string }>('GET', '/api/v1/auth/me', {
      token: await org.tokenOf(local),
    });
    people.set(local, me.body);
    return me.body;
  }

  /** The report as a browser asks for it (Accept: text/html); the status is noted for the OpenAPI check. */
  async function reportPage(token: string): Promise<{ status: number; type: string | null; html: string }> {
    const path = `/api/v1/cycles/${cycleId}/report`;
    const response = await fetch(`${http.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    http.observed.push({ method: 'GET', path, status: response.status });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      html: await response.text(),
    };
  }

  /** One period's report as objectiveMonitoring records it: a row per indicator and the event with the status. */
  async function report(
    objectiveId: string,
    periodKey: string,
    by: string,
    at: string,
    figures: { indicatorId: string; numerator: number; denominator: number }[],
    status: { before: ObjectiveStatus; after: ObjectiveStatus; late?: boolean },
  ): Promise<void> {
    const taskId = `${workflowId}/monitoring/${objectiveId}/measure/${periodKey}`;
    const late = status.late ?? false;
    await records.recordMeasurements({
      cycleId,
      rows: figures.map((f): Partial<MeasurementEntity> => ({
        id: `${taskId}/${f.indicatorId}`,
        cycleId,
        objectiveId,
        indicatorId: f.indicatorId,
        periodKey,
        kind: 'ratio',
        numerator: f.numerator,
        denominator: f.denominator,
        value: null,
        achieved: null,
        evidence: [`BC-${objectiveId}-${periodKey}`],
        reportedBy: by,
        reportedAt: at,
        late,
        taskId,
      })),
      event: {
        id: `${taskId}/measured`,
        type: 'measurement.reported',
        actor: by,
        at,
        payload: { objectiveId, periodKey, late, statusBefore: status.before, status: status.after },
      },
    });
  }

  it('answers 404 naming the reason while the objectives are not approved', async () => {
    const answer = await http.call<{ code: string; message: string }>(
      'GET',
      `/api/v1/cycles/${cycleId}/objectives`,
      { token: await org.tokenOf('qmr') },
    );
    expect(answer.status).toBe(404);
    expect(answer.body.message).toContain('chưa được phê duyệt');
  });

  it("answers 404 for the year's report too before approval, in JSON and in HTML", async () => {
    const token = await org.tokenOf('qmr');
    const answer = await http.call<{ code: string; message: string }>(
      'GET',
      `/api/v1/cycles/${cycleId}/report`,
      {
        token,
      },
    );
    expect(answer.status).toBe(404);
    expect(answer.body.message).toContain('chưa được phê duyệt');
    expect((await reportPage(token)).status).toBe(404);
  });

  it('shows each approved objective with its indicators, unit and assignee, figures and status history', async () => {
    const leader = await person('leader');
    const qmr = await person('qmr');
    const headTonghop = await person('head.tonghop');
    const headTthc = await person('head.tthc');
    const staffTthc = await person('staff.tthc');

    // Approval (objectivesApproval), delegation by the Chief of Office and the unit heads (objectivesAssignment).
    await records.recordDecision({
      cycleId,
      rows: [
        {
          id: `${workflowId}/approval`,
          cycleId,
          organisationCode,
          year: 2024,
          documentNumber: '123/QĐ-UBND',
          signerName: 'Nguyễn Hữu Tháp',
          signerTitle: 'Phó Chủ tịch',
          signedBy: leader.userId,
          signingDate: '2024-01-05',
          effectiveDate: '2024-01-05',
          rounds: 1,
          objectives: [...KONTUM_2024_TEMPLATE.objectives],
          recordedAt: '2024-01-05T03:00:00.000Z',
        },
      ],
      event: {
        id: `${workflowId}/approval/decision`,
        type: 'objectives.approved',
        actor: leader.userId,
        at: '2024-01-05T03:00:00.000Z',
        payload: { documentNumber: '123/QĐ-UBND', signingDate: '2024-01-05', rounds: 1 },
      },
    });
    const assignment = `${workflowId}/assignment`;
    const delegations = [
      { objectiveId: 'obj-2', unitCode: 'vp-tonghop', head: headTonghop },
      { objectiveId: 'obj-3', unitCode: 'vp-tonghop', head: headTonghop },
      { objectiveId: 'obj-4', unitCode: 'vp-kiemsoat-tthc', head: headTthc },
    ];
    await records.recordAssignments({
      cycleId,
      rows: delegations.map((d) => ({
        id: `${assignment}/unit/${d.objectiveId}`,
        cycleId,
        objectiveId: d.objectiveId,
        level: 'unit',
        unitCode: d.unitCode,
        assigneeUserId: d.head.userId,
        assignedBy: qmr.userId,
        assignedAt: '2024-01-08T02:00:00.000Z',
        taskId: `${assignment}/accept`,
      })),
      event: {
        id: `${assignment}/delegated`,
        type: 'objectives.delegated',
        actor: qmr.userId,
        at: '2024-01-08T02:00:00.000Z',
        payload: { delegations: delegations.map(({ objectiveId, unitCode }) => ({ objectiveId, unitCode })) },
      },
    });
    await records.recordAssignments({
      cycleId,
      rows: [
        {
          id: `${assignment}/staff/obj-4`,
          cycleId,
          objectiveId: 'obj-4',
          level: 'staff',
          unitCode: 'vp-kiemsoat-tthc',
          assigneeUserId: staffTthc.userId,
          assignedBy: headTthc.userId,
          assignedAt: '2024-01-09T01:30:00.000Z',
          taskId: `${assignment}/unit/vp-kiemsoat-tthc`,
        },
      ],
      event: {
        id: `${assignment}/unit/vp-kiemsoat-tthc/accepted`,
        type: 'objectives.unit-accepted',
        actor: headTthc.userId,
        at: '2024-01-09T01:30:00.000Z',
        payload: {
          unitCode: 'vp-kiemsoat-tthc',
          staffDelegations: [{ objectiveId: 'obj-4', userId: staffTthc.userId }],
        },
      },
    });

    // Monitoring: objective 3 on track after Q1, at risk after Q2; objective 4's February report late.
    await report(
      'obj-4',
      '2024-01',
      staffTthc.userId,
      '2024-02-02T03:00:00.000Z',
      [
        { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
        { indicatorId: 'obj-4-on-time', numerator: 90, denominator: 100 },
      ],
      { before: 'not-measured', after: 'on-track' },
    );
    await report(
      'obj-4',
      '2024-02',
      staffTthc.userId,
      '2024-03-14T08:00:00.000Z',
      [
        { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
        { indicatorId: 'obj-4-on-time', numerator: 85, denominator: 100 },
      ],
      { before: 'on-track', after: 'on-track', late: true },
    );
    await report(
      'obj-3',
      '2024-Q1',
      headTonghop.userId,
      '2024-04-03T02:00:00.000Z',
      [{ indicatorId: 'obj-3-reform-targets', numerator: 10, denominator: 10 }],
      { before: 'not-measured', after: 'on-track' },
    );
    await report(
      'obj-3',
      '2024-Q2',
      headTonghop.userId,
      '2024-07-03T02:15:00.000Z',
      [{ indicatorId: 'obj-3-reform-targets', numerator: 9, denominator: 10 }],
      { before: 'on-track', after: 'at-risk' },
    );

    const answer = await http.call<ObjectiveAnswer[]>('GET', `/api/v1/cycles/${cycleId}/objectives`, {
      token: await org.tokenOf('qmr'),
    });
    expect(answer.status).toBe(200);
    const objectives = answer.body;
    expect(objectives.map((o) => [o.id, o.number, o.status])).toEqual([
      ['obj-1', 1, 'not-measured'],
      ['obj-2', 2, 'not-measured'],
      ['obj-3', 3, 'at-risk'],
      ['obj-4', 4, 'on-track'],
      ['obj-5', 5, 'not-measured'],
    ]);
    const byId = new Map(objectives.map((o) => [o.id, o]));

    // Objective 3: the unit, the head who reports it, its figures per quarter, and how its status moved.
    const obj3 = byId.get('obj-3')!;
    expect(obj3.title.vi).toBe(KONTUM_2024_TEMPLATE.objectives[2].title.vi);
    expect(obj3).toMatchObject({
      unitCode: 'vp-tonghop',
      assigneeUserId: headTonghop.userId,
      assigneeName: headTonghop.fullName,
      statusAt: '2024-07-03T02:15:00.000Z',
    });
    expect(obj3.indicators).toHaveLength(1);
    expect(obj3.indicators[0]).toMatchObject({
      id: 'obj-3-reform-targets',
      kind: 'ratio',
      target: { comparator: '>=', value: 100, text: 'đạt tối thiểu 100%' },
    });
    expect(
      obj3.indicators[0].measurements.map((m) => [m.periodKey, m.numerator, m.denominator, m.late]),
    ).toEqual([
      ['2024-Q1', 10, 10, false],
      ['2024-Q2', 9, 10, false],
    ]);
    expect(obj3.statusHistory).toEqual([
      {
        periodKey: '2024-Q1',
        statusBefore: 'not-measured',
        status: 'on-track',
        at: '2024-04-03T02:00:00.000Z',
        reportedBy: headTonghop.userId,
        late: false,
      },
      {
        periodKey: '2024-Q2',
        statusBefore: 'on-track',
        status: 'at-risk',
        at: '2024-07-03T02:15:00.000Z',
        reportedBy: headTonghop.userId,
        late: false,
      },
    ]);

    // Objective 4: passed by the unit head to a staff member, who reports both indicators monthly.
    const obj4 = byId.get('obj-4')!;
    expect(obj4).toMatchObject({
      unitCode: 'vp-kiemsoat-tthc',
      assigneeUserId: staffTthc.userId,
      assigneeName: staffTthc.fullName,
    });
    expect(obj4.assignments.map((a) => [a.level, a.unitCode, a.assigneeUserId])).toEqual([
      ['unit', 'vp-kiemsoat-tthc', headTthc.userId],
      ['staff', 'vp-kiemsoat-tthc', staffTthc.userId],
    ]);
    expect(obj4.indicators.map((i) => [i.id, i.target?.text])).toEqual([
      ['obj-4-per-process', 'đạt tối thiểu 100%'],
      ['obj-4-on-time', 'trên 80%'],
    ]);
    const onTime = obj4.indicators[1].measurements;
    expect(onTime.map((m) => [m.periodKey, m.numerator, m.late, m.reportedBy])).toEqual([
      ['2024-01', 90, false, staffTthc.userId],
      ['2024-02', 85, true, staffTthc.userId],
    ]);
    expect(onTime[1].evidence).toEqual(['BC-obj-4-2024-02']);
    expect(obj4.statusHistory.map((h) => [h.periodKey, h.statusBefore, h.status, h.late])).toEqual([
      ['2024-01', 'not-measured', 'on-track', false],
      ['2024-02', 'on-track', 'on-track', true],
    ]);

    // Objective 1 is judged by the engine at close: no unit, no reports yet, its criteria shown.
    const obj1 = byId.get('obj-1')!;
    expect(obj1).toMatchObject({
      unitCode: null,
      assigneeUserId: null,
      assignments: [],
      statusAt: null,
      statusHistory: [],
    });
    expect(obj1.indicators[0]).toMatchObject({ kind: 'judged', target: null, measurements: [] });
    expect(obj1.indicators[0].criteria).toHaveLength(3);
    // Objective 2 is delegated but not yet reported.
    expect(byId.get('obj-2')).toMatchObject({
      unitCode: 'vp-tonghop',
      assigneeUserId: headTonghop.userId,
      statusHistory: [],
    });
  });

  it('answers one objective, to any member of the organisation, the same as in the list', async () => {
    const list = await http.call<ObjectiveAnswer[]>('GET', `/api/v1/cycles/${cycleId}/objectives`, {
      token: await org.tokenOf('qmr'),
    });
    const one = await http.call<ObjectiveAnswer>('GET', `/api/v1/cycles/${cycleId}/objectives/obj-4`, {
      token: await org.tokenOf('staff.tthc'),
    });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(list.body.find((o) => o.id === 'obj-4'));
  });

  it("reports the year so far: the decision, each objective's figures and status; audit and review not yet", async () => {
    // The cycle's own record, as the quality cycle writes it when it starts and enters monitoring.
    await cycleRecords.recordCycleStarted({
      cycleId,
      workflowId,
      organisationCode,
      year: 2024,
      startedBy: (await person('qmr')).userId,
      startedAt: '2024-01-02T02:00:00.000Z',
    });
    await cycleRecords.recordCycleProgress({
      cycleId,
      workflowId,
      status: 'running',
      phase: 'monitoring',
      at: '2024-01-09T02:00:00.000Z',
      actor: 'system',
      eventKey: 'phase/monitoring',
    });

    const answer = await http.call<ReportAnswer>('GET', `/api/v1/cycles/${cycleId}/report`, {
      token: await org.tokenOf('qmr'),
    });
    expect(answer.status).toBe(200);
    const report = answer.body;
    expect(report).toMatchObject({
      cycleId,
      year: 2024,
      status: 'running',
      phase: 'monitoring',
      decision: {
        documentNumber: '123/QĐ-UBND',
        signerName: 'Nguyễn Hữu Tháp',
        signerTitle: 'Phó Chủ tịch',
        signingDate: '2024-01-05',
      },
      audit: null,
      review: null,
    });
    expect(report.objectives.map((o) => [o.id, o.status, o.final])).toEqual([
      ['obj-1', 'not-measured', false],
      ['obj-2', 'not-measured', false],
      ['obj-3', 'at-risk', false],
      ['obj-4', 'on-track', false],
      ['obj-5', 'not-measured', false],
    ]);
    const indicators = new Map(report.objectives.flatMap((o) => o.indicators).map((i) => [i.id, i]));
    // Monthly: 2 of 12 months reported, February's late; quarterly: 2 of 4; engine-measured: nobody reports.
    expect(indicators.get('obj-4-on-time')).toMatchObject({
      targetText: 'trên 80%',
      measuredByEngine: false,
      expectedPeriods: 12,
      reportedPeriods: 2,
      lateReports: 1,
      result: null,
    });
    expect(indicators.get('obj-4-on-time')!.figures).toEqual([
      {
        periodKey: '2024-01',
        numerator: 90,
        denominator: 100,
        pendingOverdue: null,
        value: null,
        achieved: null,
        late: false,
        corrected: null,
      },
      {
        periodKey: '2024-02',
        numerator: 85,
        denominator: 100,
        pendingOverdue: null,
        value: null,
        achieved: null,
        late: true,
        corrected: null,
      },
    ]);
    expect(indicators.get('obj-3-reform-targets')).toMatchObject({
      targetText: 'đạt tối thiểu 100%',
      expectedPeriods: 4,
      reportedPeriods: 2,
      lateReports: 0,
    });
    expect(indicators.get('obj-1-qms-maintained')).toMatchObject({
      targetText: null,
      measuredByEngine: true,
      expectedPeriods: 0,
      reportedPeriods: 0,
    });

    const page = await reportPage(await org.tokenOf('staff.tthc'));
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.html).toContain('<h1>Báo cáo kết quả thực hiện mục tiêu chất lượng năm 2024</h1>');
    expect(page.html).toContain('Quyết định số 123/QĐ-UBND ngày 05/01/2024');
    expect(page.html).toContain('Có nguy cơ không đạt');
    expect(page.html).toContain('90/100 (90%)');
    // Periods and units in words, as the printed documents say them.
    expect(page.html).toContain('02/2024: 85/100 (85%) <em>(trễ hạn)</em>');
    expect(page.html).toContain('đơn vị thực hiện: Phòng Kiểm soát thủ tục hành chính');
    expect(page.html).not.toMatch(/vp-[a-z]|\d{4}-\d{2}:/);
    // Audit and review not reached yet.
    expect(page.html.match(/Chưa thực hiện/g)).toHaveLength(2);
  });

  it("shows the year's result as the status once the cycle is closed, the history unchanged", async () => {
    // The close records one result per objective (qualityCycle, evaluateYearEnd).
    const yearResult: Record<string, ObjectiveStatus> = {
      'obj-1': 'achieved',
      'obj-2': 'achieved',
      'obj-3': 'missed',
      'obj-4': 'achieved',
      'obj-5': 'achieved',
    };
    const closedAt = '2024-12-31T10:00:00.000Z';
    await records.recordObjectiveResults({
      cycleId,
      status: 'closed',
      at: closedAt,
      rows: Object.entries(yearResult).map(([objectiveId, status]) => ({
        id: `${cycleId}/${objectiveId}`,
        cycleId,
        objectiveId,
        status,
        indicators: [],
        computedAt: closedAt,
      })),
      event: {
        id: `${workflowId}/closed`,
        type: 'cycle.closed',
        actor: 'system',
        at: closedAt,
        payload: {
          results: Object.entries(yearResult).map(([objectiveId, status]) => ({ objectiveId, status })),
        },
      },
    });
    const list = await http.call<ObjectiveAnswer[]>('GET', `/api/v1/cycles/${cycleId}/objectives`, {
      token: await org.tokenOf('leader'),
    });
    expect(Object.fromEntries(list.body.map((o) => [o.id, o.status]))).toEqual(yearResult);
    const obj3 = list.body.find((o) => o.id === 'obj-3')!;
    expect(obj3.statusAt).toBe(closedAt);
    expect(obj3.statusHistory.map((h) => h.status)).toEqual(['on-track', 'at-risk']);
  });

  it("reports the closed year: results, the audit with its corrected nonconformity, the review's actions, every text escaped", async () => {
    const qmr = await person('qmr');
    const auditId = `${workflowId}/audit`;
    const lead = await person('lead.auditor');
    const auditor = await person('auditor.kinhte');
    const finding = 'Phiếu kiểm soát thiếu thời điểm <script>alert("x")</script> & chuyển bước';
    // What internalAudit, correctiveAction and managementReview record, in their order.
    await records.recordAudit({
      cycleId,
      rows: [
        {
          id: auditId,
          cycleId,
          leadAuditorUserId: lead.userId,
          plan: {
            scope: 'Toàn bộ HTQLCL',
            criteria: ['TCVN ISO 9001:2015'],
            from: '2024-10-07',
            to: '2024-10-18',
          },
          status: 'closed',
          report: 'Báo cáo đánh giá nội bộ năm 2024: 1 điểm không phù hợp nhẹ, đã khắc phục.',
          closedAt: '2024-10-25T09:00:00.000Z',
        },
      ],
      event: {
        id: `${auditId}/closed`,
        type: 'audit.closed',
        actor: lead.userId,
        at: '2024-10-25T09:00:00.000Z',
      },
    });
    await records.recordAuditSteps({
      cycleId,
      rows: [
        { unit: 'vp-tonghop', result: 'conformity', finding: null },
        { unit: 'vp-kiemsoat-tthc', result: 'minor-nc', finding },
      ].map((step, index) => ({
        id: `${auditId}/step/s${index + 1}`,
        auditId,
        cycleId,
        unitCode: step.unit,
        process: 'Giải quyết hồ sơ TTHC',
        clause: '8.5.1',
        auditorUserId: auditor.userId,
        result: step.result,
        evidence: ['Sổ theo dõi'],
        notes: null,
        finding: step.finding,
        signedOffAt: '2024-10-15T03:00:00.000Z',
      })),
      event: {
        id: `${auditId}/steps`,
        type: 'audit.steps-planned',
        actor: lead.userId,
        at: '2024-10-15T03:00:00.000Z',
      },
    });
    await records.recordCorrectiveAction({
      cycleId,
      rows: [
        {
          id: `${auditId}/ca/s2`,
          cycleId,
          auditId,
          stepId: `${auditId}/step/s2`,
          severity: 'minor-nc',
          unitCode: 'vp-kiemsoat-tthc',
          finding,
          correction: 'Bổ sung thời điểm chuyển bước.',
          rootCause: 'Mẫu phiếu cũ.',
          action: 'Cập nhật mẫu phiếu.',
          ownerUserId: null,
          dueDate: '2024-11-15',
          status: 'closed',
          rounds: 1,
          effective: true,
          verifiedBy: auditor.userId,
          verifiedAt: '2024-11-20T03:00:00.000Z',
          openedAt: '2024-10-15T03:00:00.000Z',
        },
      ],
      event: {
        id: `${auditId}/ca/s2/closed`,
        type: 'corrective-action.closed',
        actor: auditor.userId,
        at: '2024-11-20T03:00:00.000Z',
      },
    });
    await records.recordManagementReview({
      cycleId,
      rows: [
        {
          id: `${workflowId}/review`,
          cycleId,
          inputs: {},
          outputs: HELD_REVIEW.outputs,
          actions: HELD_REVIEW.actions,
          minutesRef: HELD_REVIEW.minutesRef,
          chairedBy: qmr.userId,
          heldAt: '2024-12-16T02:00:00.000Z',
          status: 'held',
        },
      ],
      event: {
        id: `${workflowId}/review/held`,
        type: 'review.held',
        actor: qmr.userId,
        at: '2024-12-16T02:00:00.000Z',
      },
    });

    const answer = await http.call<ReportAnswer>('GET', `/api/v1/cycles/${cycleId}/report`, {
      token: await org.tokenOf('qmr'),
      headers: { accept: 'application/json' },
    });
    expect(answer.status).toBe(200);
    const report = answer.body;
    expect(report).toMatchObject({ status: 'closed', phase: 'closing' });
    expect(report.objectives.map((o) => [o.id, o.status, o.final])).toEqual([
      ['obj-1', 'achieved', true],
      ['obj-2', 'achieved', true],
      ['obj-3', 'missed', true],
      ['obj-4', 'achieved', true],
      ['obj-5', 'achieved', true],
    ]);
    expect(report.audit).toMatchObject({
      status: 'closed',
      from: '2024-10-07',
      to: '2024-10-18',
      report: 'Báo cáo đánh giá nội bộ năm 2024: 1 điểm không phù hợp nhẹ, đã khắc phục.',
    });
    expect(report.audit!.steps.map((st) => [st.unitCode, st.result])).toEqual([
      ['vp-tonghop', 'conformity'],
      ['vp-kiemsoat-tthc', 'minor-nc'],
    ]);
    expect(report.audit!.nonconformities).toEqual([
      expect.objectContaining({ severity: 'minor-nc', finding, status: 'closed', effective: true }),
    ]);
    // The year's records were written as a review held before its actions were followed up as tasks:
    // no task says how the action went, and no close carried it.
    expect(report.review).toEqual({
      status: 'held',
      heldAt: '2024-12-16T02:00:00.000Z',
      // Minutes that give no meeting day: the meeting is dated by heldAt.
      heldOn: null,
      ...HELD_REVIEW,
      actions: HELD_REVIEW.actions.map((action) => ({ ...action, status: null, carriedForward: false })),
    });

    const page = await reportPage(await org.tokenOf('leader'));
    expect(page.status).toBe(200);
    const html = page.html;
    expect(html).toContain('Báo cáo kết quả thực hiện mục tiêu chất lượng năm 2024');
    expect(html).toContain('Tình trạng chu trình: <strong>Đã kết thúc</strong>');
    expect(html).toContain('Kết quả năm: <strong class="status-missed">Không đạt</strong>');
    expect(html).toContain('từ 07/10/2024 đến 18/10/2024');
    // The finding is shown as text: its markup escaped, no script in the page.
    expect(html).toContain(
      'thiếu thời điểm &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; chuyển bước',
    );
    expect(html).not.toContain('<script');
    expect(html).toContain('Đã khắc phục (có hiệu lực)');
    expect(html).toContain('<li>Máy quét tại bộ phận một cửa</li>');
    expect(html).toContain(
      '<td>Số hóa phiếu kiểm soát quá trình</td><td>Phòng Kiểm soát thủ tục hành chính</td><td>30/06/2025</td>',
    );
    expect(html).toContain('họp ngày 16/12/2024 09:00');
    expect(html).not.toContain('Chưa thực hiện');
  });

  it('answers 404 for an objective not in the decision and for another organisation, 401 without a token', async () => {
    const unknown = await http.call<{ code: string; message: string }>(
      'GET',
      `/api/v1/cycles/${cycleId}/objectives/obj-9`,
      { token: await org.tokenOf('qmr') },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('obj-9') });

    const otherQmr = await otherOrg.tokenOf('qmr');
    for (const path of [
      `/api/v1/cycles/${cycleId}/objectives`,
      `/api/v1/cycles/${cycleId}/objectives/obj-3`,
      `/api/v1/cycles/${cycleId}/report`,
    ]) {
      const foreign = await http.call<{ code: string }>('GET', path, { token: otherQmr });
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('CYCLE_NOT_FOUND');
      expect((await http.call('GET', path)).status).toBe(401);
    }
  });

  it('answers only documented status codes', async () => {
    expect(await undocumentedAnswers(http)).toEqual([]);
  });
});
