import { existsSync, statSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import { KONTUM_2024_TEMPLATE, type Objective } from '@qcycle/domain';
import { eventually, startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import type { CycleReportView } from '../../apps/api/src/cycles/dto/cycle-report.view';
import { documentCalendar } from '../../apps/api/src/documents/document-calendar';
import { indicatorChartWords } from '../../apps/api/src/documents/indicator-chart.svg';
import { objectivesReportDocument } from '../../apps/api/src/documents/objectives-report-document';
import { NOT_RECORDED, UNIT_HEAD } from '../../apps/api/src/documents/review-minutes-document';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { taskPath, type DemoOrganisation } from '../api/support/demo-organisation';
import type { HttpRecorder } from '../api/support/http-recorder';
import { undocumentedAnswers } from '../api/support/openapi-coverage';
import { HELD_REVIEW, octoberAuditPlan } from '../api/support/year-fixtures';
import { CycleDriver } from '../workflows/support/cycle-driver';
import { DELEGATIONS, kontumCycle } from '../workflows/support/cycle-fixtures';
import { download as fetchDownload } from './support/document-download';
import {
  docxParts,
  keepDocument,
  normalise,
  fontsNotEmbeddedTimes,
  pdfText,
  readSeedDecision,
  tableHeaderRows,
  wordCounts,
  wordParagraphs,
  rehearsalPdfText,
} from './support/document-text';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Everyone of the demo directory who answers a task this year. */
const PEOPLE = [
  'qmr',
  'leader',
  'head.tthc',
  'head.tonghop',
  'staff.tthc',
  'auditor.hcth',
  'auditor.kinhte',
  'lead.auditor',
];

/**
 * Objective 4's on-time indicator ("trên 80%") month by month: above 80% cumulatively until
 * November (no at-risk follow-up on the way), then December brings the year to exactly 80/100,
 * which is NOT above 80%: the objective is not achieved though it rounds to its target.
 */
const ON_TIME: [numerator: number, denominator: number][] = [
  ...Array.from({ length: 10 }, () => [7, 8] as [number, number]),
  [8, 8],
  [2, 12],
];

const FINDING = 'Phiếu kiểm soát quá trình giải quyết hồ sơ không ghi đủ thời điểm chuyển bước.';

interface FetchedDocument {
  pdfText: string;
  /** The PDF's text in reading order: a table cell's words together. */
  pdfCells: string;
  docxParagraphs: string[];
}

/** What each document is, where it is served, and what it must say (besides what every document must). */
interface YearDocument {
  path: string;
  fileBaseName: string;
  /** The PDF prints words the DOCX does not (the objectives report's SVG charts, a PNG in the DOCX). */
  chartsInPdfOnly?: boolean;
}

/**
 * Every official document of the Kon Tum 2024 year, fetched over HTTP from the real API once the real
 * worker has run the whole year on the time-skipping server: the people answer their tasks through
 * the API (the `CycleDriver` only waits for each task's record, letting a day pass at a time), and
 * then each document is downloaded in PDF and DOCX. Debian's chromium prints, poppler reads back
 * (`pdftotext`, `pdffonts`, `pdftoppm` into test-results/documents/, prefix `year-`).
 */
/** "123/QĐ-UBND" as "123/QĐ- UBND": the PDF may break a word there, the DOCX never does. */
const splitAtHyphens = (text: string) => text.replace(/(\S)-(?=\S)/g, '$1- ');

/** Takes as many whole copies of `row`'s words out of `extra` as it holds. */
function removeRepeats(extra: Map<string, number>, row: Map<string, number>): void {
  const copies = Math.min(...[...row].map(([word, count]) => Math.floor((extra.get(word) ?? 0) / count)));
  if (!Number.isFinite(copies) || copies === 0) return;
  for (const [word, count] of row) {
    const left = extra.get(word)! - copies * count;
    if (left === 0) extra.delete(word);
    else extra.set(word, left);
  }
}

describe('every document of the Kon Tum 2024 year over HTTP (time-skipping Temporal, API, worker, PostgreSQL, chromium, poppler)', () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let http: HttpRecorder;
  let org: DemoOrganisation;
  let driver: CycleDriver;
  const organisationCode = `ky-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const base = `/api/v1/cycles/${cycleId}`;
  const { ids } = kontumCycle(organisationCode);
  /** Who a user id is (the local part of their e-mail), to answer a task as its assignee. */
  const localOf = new Map<string, string>();

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env });
    http = suite.http;
    org = await suite.seedDemoOrganisation(organisationCode);
    for (const local of PEOPLE) {
      await org.tokenOf(local);
      localOf.set(org.idOf(local), local);
    }
    driver = new CycleDriver(env.client, suite.api.get(DataSource), () => env.sleep('1 day'));
  });

  afterAll(() => suite?.close());

  /** Waits for the task to open (a day at a time), then its assignee answers it through the API. */
  async function answer(taskId: string, outcome: unknown): Promise<void> {
    const task = await driver.task(taskId);
    const local = localOf.get(task.assigneeUserId);
    if (!local) throw new Error(`${taskId} is assigned to ${task.assigneeUserId}, who is not in the walk`);
    const answered = await org.as(local, 'POST', taskPath(taskId, '/complete'), { outcome });
    expect({ taskId, status: answered.status, body: answered.body }).toMatchObject({ taskId, status: 200 });
  }

  const month = (m: number) => `2024-${String(m).padStart(2, '0')}`;
  const reportObjective4 = (m: number) =>
    answer(`${ids.monitoring('obj-4')}/measure/${month(m)}`, {
      figures: [
        // The same dossiers: all handled by the published procedure, some not in time.
        { indicatorId: 'obj-4-per-process', numerator: ON_TIME[m - 1][1], denominator: ON_TIME[m - 1][1] },
        { indicatorId: 'obj-4-on-time', numerator: ON_TIME[m - 1][0], denominator: ON_TIME[m - 1][1] },
      ],
      evidence: [`BC-TTHC-${month(m)}`],
    });
  const reportQuarter = async (q: number) => {
    await answer(`${ids.monitoring('obj-2')}/measure/2024-Q${q}`, {
      figures: [{ indicatorId: 'obj-2-key-tasks', numerator: 5, denominator: 5 }],
      evidence: [`BC-CTCT-Q${q}`],
    });
    await answer(`${ids.monitoring('obj-3')}/measure/2024-Q${q}`, {
      figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 10, denominator: 10 }],
      evidence: [`BC-CCHC-Q${q}`],
    });
  };

  // ---- the year ---------------------------------------------------------------------------------

  it('registers the decision and its plan when the leader approves, before anyone downloads them', async () => {
    const started = await org.as('qmr', 'POST', '/api/v1/cycles', {
      organisationCode,
      year: 2024,
      templateId: 'kontum-2024',
      rehearsal: true,
    });
    expect(started.status).toBe(201);
    await answer(`${ids.approval}/approve/1`, {
      decision: 'approve',
      documentNumber: '123/QĐ-UBND',
      signingDate: '2024-01-15',
    });
    await eventually('the decision record', async () =>
      (await org.as('qmr', 'GET', `${base}/decision`)).status === 200 ? true : undefined,
    );
    // Nobody has asked for a PDF or a DOCX: the register has them all the same.
    const register = await org.as<{
      items: { type: string; version: number; number: string; approvedByName: string; issuedOn: string }[];
    }>('staff.tthc', 'GET', `/api/v1/documents?cycleId=${cycleId}`);
    expect(register.status).toBe(200);
    expect(register.body.items).toEqual([
      expect.objectContaining({
        type: 'objectives-decision',
        version: 1,
        number: '123/QĐ-UBND',
        approvedByName: 'Nguyễn Hữu Tháp',
        issuedOn: '2024-01-15',
      }),
      expect.objectContaining({ type: 'objectives-plan', version: 1, number: '123/QĐ-UBND' }),
    ]);
  });

  it('runs the months: objectives delegated, every period reported', async () => {
    await answer(`${ids.assignment}/accept`, DELEGATIONS);
    await answer(`${ids.assignment}/unit/vp-tonghop`, { accepted: true });
    await answer(`${ids.assignment}/unit/vp-ttpvhcc`, { accepted: true });
    for (let m = 1; m <= 9; m++) {
      await reportObjective4(m);
      if (m % 3 === 0) await reportQuarter(m / 3);
    }
  }, 180_000);

  it('holds the internal audit in October: one minor nonconformity, corrected and verified', async () => {
    await answer(`${ids.audit}/plan`, octoberAuditPlan(org));
    const signOff = async (local: string, stepId: string, body: unknown) => {
      await driver.task(`${ids.audit}/step/${stepId}`);
      const signed = await org.as(local, 'POST', `${base}/audit/steps/${stepId}/sign-off`, body);
      expect(signed.status).toBe(200);
    };
    await signOff('auditor.hcth', 's1', {
      result: 'conformity',
      evidence: ['Sổ theo dõi nhiệm vụ 2024'],
      notes: 'Đã đối chiếu 12 nhiệm vụ trọng tâm quý III',
    });
    await signOff('auditor.kinhte', 's2', {
      result: 'minor-nc',
      evidence: ['Hồ sơ 000.00.24.H34-240812-0007'],
      finding: FINDING,
    });
    await answer(`${ids.audit}/ca/s2/plan/1`, {
      correction: 'Bổ sung thời điểm chuyển bước trên các phiếu còn thiếu.',
      rootCause: 'Mẫu phiếu cũ không có ô ghi thời điểm.',
      action: 'Cập nhật mẫu phiếu, tập huấn công chức.',
      ownerUserId: org.idOf('staff.tthc'),
      dueDate: '2024-11-15',
    });
    await answer(`${ids.audit}/ca/s2/verify/1`, { effective: true, notes: 'Đã kiểm tra 20 hồ sơ.' });
    await driver.task(`${ids.audit}/close`);
    const closed = await org.as('lead.auditor', 'POST', `${base}/audit/close`, {
      report: 'Báo cáo đánh giá nội bộ năm 2024: 1 điểm không phù hợp nhẹ, đã khắc phục.',
    });
    expect(closed.status).toBe(200);
    // The Quality Representative approves the report: that closes the audit.
    await answer(`${ids.audit}/report/approve/1`, { decision: 'approve' });
  }, 120_000);

  it('holds the management review in December and closes the year', async () => {
    await reportObjective4(10);
    await reportObjective4(11);
    await answer(`${ids.review}/review`, {
      ...HELD_REVIEW,
      attendees: ['Nguyễn Hữu Tháp, Phó Chủ tịch UBND tỉnh', 'Trần Quốc Việt, Chánh Văn phòng UBND tỉnh'],
      conclusion: { suitable: true, adequate: true, effective: true },
    });
    await reportObjective4(12);
    await reportQuarter(4);
    let status: string | undefined;
    for (let day = 0; day < 120 && status !== 'COMPLETED'; day++) {
      const cycle = await org.as<{ live: { executionStatus: string } }>('qmr', 'GET', base);
      status = cycle.body.live.executionStatus;
      if (status !== 'COMPLETED') await env.sleep('1 day');
    }
    expect(status).toBe('COMPLETED');
    const results = await org.as<{ objectiveId: string; status: string }[]>('qmr', 'GET', `${base}/results`);
    expect(Object.fromEntries(results.body.map((r) => [r.objectiveId, r.status]))).toEqual({
      'obj-1': 'achieved',
      'obj-2': 'achieved',
      'obj-3': 'achieved',
      'obj-4': 'missed',
      'obj-5': 'achieved',
    });
  }, 120_000);

  // ---- the documents ----------------------------------------------------------------------------

  const DOCUMENTS: Record<string, YearDocument> = {
    decision: { path: 'decision', fileBaseName: 'QD-123-UBND-2024-DIEN-TAP' },
    plan: { path: 'plan', fileBaseName: 'KH-QD-123-UBND-2024-DIEN-TAP' },
    auditPlan: { path: 'audit/plan', fileBaseName: 'KH-DGNB-2024-DIEN-TAP' },
    auditReport: { path: 'audit', fileBaseName: 'BC-DGNB-2024-DIEN-TAP' },
    nonconformity: { path: 'audit/steps/s2/nonconformity', fileBaseName: 'NC-s2-2024-DIEN-TAP' },
    reviewMinutes: { path: 'review', fileBaseName: 'BB-XXLD-2024-DIEN-TAP' },
    objectivesReport: { path: 'report', fileBaseName: 'BC-MTCL-2024-DIEN-TAP', chartsInPdfOnly: true },
    annualReport: { path: 'annual-qms-report', fileBaseName: 'BC-HTQLCL-2024-DIEN-TAP' },
    announcement: { path: 'conformity-announcement', fileBaseName: 'QD-CB-HTQLCL-2024-DIEN-TAP' },
  };
  /** Every word the objectives report's charts print, from the same report and decision the API reads. */
  async function chartWords(): Promise<string[]> {
    const [report, decision] = await Promise.all([
      org.as<CycleReportView>('qmr', 'GET', `${base}/report`),
      org.as<{ objectives: Objective[] }>('qmr', 'GET', `${base}/decision`),
    ]);
    const model = objectivesReportDocument(
      {
        report: report.body,
        objectives: decision.body.objectives,
        date: '2024-12-31',
        dateOf: documentCalendar(false, 0).dateOf,
      },
      KONTUM_2024_TEMPLATE,
    );
    return model.body.flatMap((item) => (item.kind === 'chart' ? indicatorChartWords(item.chart) : []));
  }

  /** Each document's PDF text (laid out, and in reading order) and DOCX paragraphs, normalised. */
  const fetched = new Map<string, FetchedDocument>();

  async function fetchDocument(name: string): Promise<FetchedDocument> {
    const { path, fileBaseName, chartsInPdfOnly } = DOCUMENTS[name];
    const [pdf, docx] = await Promise.all(
      [PDF, DOCX].map((accept) => fetchDownload(http, org, 'qmr', `${base}/${path}`, accept)),
    );
    for (const [file, type, extension] of [
      [pdf, PDF, 'pdf'],
      [docx, DOCX, 'docx'],
    ] as const) {
      expect({ name, status: file.status, type: file.headers.get('content-type') }).toEqual({
        name,
        status: 200,
        type,
      });
      expect(file.headers.get('content-disposition')).toContain(`filename="${fileBaseName}.${extension}"`);
    }
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    // A valid Office Open XML package: every zip entry intact, the main part declared, the XML well formed.
    const parts = docxParts(docx.bytes);
    expect(parts.names).toEqual(
      expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']),
    );
    expect(parts.read('[Content_Types].xml')).toContain(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    );
    const paragraphs = wordParagraphs(parts.read('word/document.xml'));

    // The same words in both formats, each as many times, line breaks aside: a word broken at its
    // hyphen in a narrow cell is compared by its parts, and a table's header row, which both formats
    // repeat on each page a table spans, counts once for every time the PDF printed it.
    // Marked as a rehearsal's on every page, and dated on the calendar it rehearses: 2024, or the
    // first days of 2025 for what the year's close records (the run itself is years later). The
    // plan, an attachment, is dated by its decision: "(Kèm theo Quyết định số … ngày …)".
    const text = rehearsalPdfText(pdf.bytes, docx.bytes);
    const dated = /(?:Kon Tum, |Kèm theo Quyết định số \S+ )ngày \d{2} tháng \d{1,2} năm (\d{4})/.exec(
      normalise(text),
    );
    expect({ name, datedIn: dated?.[1] }).toEqual({ name, datedIn: expect.stringMatching(/^202[45]$/) });
    const inDocx = wordCounts(splitAtHyphens(paragraphs.join('\n')));
    const inPdf = wordCounts(splitAtHyphens(text));
    const extra = new Map<string, number>();
    for (const [word, count] of inPdf) {
      const more = count - (inDocx.get(word) ?? 0);
      if (more > 0) extra.set(word, more);
    }
    const missing = [...inDocx].filter(([word, count]) => (inPdf.get(word) ?? 0) < count);
    expect({ name, missingFromPdf: missing }).toEqual({ name, missingFromPdf: [] });
    for (const header of tableHeaderRows(parts.read('word/document.xml')).map(wordCounts))
      removeRepeats(extra, header);
    // The objectives report's charts are vectors in the PDF and PNG in the DOCX: the PDF prints their
    // labels (ticks, periods, legend) besides.
    if (chartsInPdfOnly) removeRepeats(extra, wordCounts(splitAtHyphens((await chartWords()).join(' '))));
    expect({ name, extraInPdf: [...extra] }).toEqual({ name, extraInPdf: [] });

    // Vietnamese letters intact in both formats; fonts embedded (Liberation Serif for Times New Roman).
    for (const letter of ['Ủ', 'ề', 'ự']) {
      expect({ name, letter, pdf: text.includes(letter) }).toEqual({ name, letter, pdf: true });
      expect({ name, letter, docx: paragraphs.join('\n').includes(letter) }).toEqual({
        name,
        letter,
        docx: true,
      });
    }
    expect(fontsNotEmbeddedTimes(pdf.bytes)).toEqual([]);

    // Page 1 as PNG in test-results/documents/ (git-ignored), to look at.
    const { png } = keepDocument(`year-${fileBaseName}`, { pdf: pdf.bytes, docx: docx.bytes });
    expect(existsSync(png) && statSync(png).size > 1000).toBe(true);

    const result = {
      pdfText: normalise(text),
      pdfCells: normalise(pdfText(pdf.bytes, { layout: false })),
      docxParagraphs: paragraphs.map(normalise),
    };
    fetched.set(name, result);
    return result;
  }

  it('prints the decision as the seed says it: every legal basis, article, objective, recipient and the signature', async () => {
    const seed = readSeedDecision();
    const { pdfText: text, docxParagraphs } = await fetchDocument('decision');
    const expected = [
      ...seed.legalBases,
      seed.proposal,
      ...seed.articles,
      ...seed.objectives,
      ...seed.recipients,
      ...seed.signature,
    ];
    expect(seed.legalBases).toHaveLength(3);
    expect(seed.articles).toHaveLength(4);
    expect(seed.objectives).toHaveLength(5);
    expect(seed.recipients).toHaveLength(4);
    expect(seed.signature).toEqual([
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Hữu Tháp',
    ]);
    for (const line of ['Số: 123/QĐ-UBND', 'Kon Tum, ngày 15 tháng 01 năm 2024', 'QUYẾT ĐỊNH:', ...expected])
      expect(text).toContain(line);
    for (const paragraph of expected) expect(docxParagraphs).toContain(paragraph);
  });

  it('prints the plan attached to the decision', async () => {
    const { pdfText: text } = await fetchDocument('plan');
    expect(text).toContain(
      '(Kèm theo Quyết định số 123/QĐ-UBND ngày 15 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh Kon Tum)',
    );
  });

  it('prints the audit plan and the audit report with every step and its finding, and the finding’s form', async () => {
    const plan = await fetchDocument('auditPlan');
    expect(plan.pdfText).toContain('Theo dõi nhiệm vụ trọng tâm');
    expect(plan.pdfText).toContain('Kiểm soát thủ tục hành chính');

    const audit = await org.as<{
      steps: { id: string; process: string; clause: string; result: string }[];
      reportApproval: { approvedBy: string; approvedByName: string | null; rounds: number } | null;
    }>('qmr', 'GET', `${base}/audit`);
    expect(audit.body.steps.map((s) => s.result)).toEqual(['conformity', 'minor-nc']);
    expect(audit.body.reportApproval).toMatchObject({
      approvedBy: org.idOf('qmr'),
      approvedByName: 'Trần Quốc Việt',
      rounds: 1,
    });
    const report = await fetchDocument('auditReport');
    // The report says who approved it, and when.
    const approvedLine = new RegExp(
      `^Báo cáo đã được Trần Quốc Việt phê duyệt ngày \\d{2} tháng (10|11) năm 2024\\.$`,
    );
    expect(report.docxParagraphs.some((p) => approvedLine.test(p))).toBe(true);
    const results = { conformity: 'Phù hợp', 'minor-nc': 'Không phù hợp nhẹ' } as Record<string, string>;
    audit.body.steps.forEach((step, i) => {
      const line = new RegExp(
        `${i + 1}\\. [^.]*: ${step.process} \\(điều khoản ${step.clause.replace('.', '\\.')}\\); ` +
          `chuyên gia đánh giá [^.]+\\. Kết quả: ${results[step.result]}\\.`,
      );
      expect(report.pdfText).toMatch(line);
      expect(report.docxParagraphs.some((p) => line.test(p))).toBe(true);
    });
    expect(report.pdfText).toContain(`Phát hiện: ${FINDING}`);
    // The auditor's notes on a step are part of its result.
    expect(report.pdfText).toContain('Ghi chú: Đã đối chiếu 12 nhiệm vụ trọng tâm quý III.');
    expect(report.pdfText).toContain('Tình trạng: đã khắc phục, có hiệu lực.');

    const form = await fetchDocument('nonconformity');
    expect(form.pdfText).toContain(FINDING);
    expect(form.pdfText).toContain('Mẫu phiếu cũ không có ô ghi thời điểm.');
    expect(form.pdfText).toContain('Đã kiểm tra 20 hồ sơ.');
    // Only the step that found a nonconformity has a form.
    expect((await fetchDownload(http, org, 'qmr', `${base}/audit/steps/s1/nonconformity`, PDF)).status).toBe(
      404,
    );
  });

  it('prints the management review minutes', async () => {
    const { pdfText: text, pdfCells, docxParagraphs } = await fetchDocument('reviewMinutes');
    expect(text).toContain('BIÊN BẢN');
    expect(text).toContain('Số biên bản: BB-XXLĐ-2024.');
    expect(text).toMatch(/Thời gian: ngày \d{2} tháng 12 năm 2024\./);
    expect(text).toContain('a) Cơ hội cải tiến: Số hóa phiếu kiểm soát.');
    // Nothing collected the improvement opportunities before the review: not recorded, not "none".
    expect(text).toContain(`e) Các cơ hội cải tiến: ${NOT_RECORDED}.`);
    // What the leader recorded with the review, as the record keeps it.
    expect(text).toContain(
      'Thành phần tham dự: Nguyễn Hữu Tháp, Phó Chủ tịch UBND tỉnh; Trần Quốc Việt, Chánh Văn phòng UBND tỉnh.',
    );
    expect(text).toContain('hiệu lực của Hệ thống quản lý chất lượng: phù hợp, thỏa đáng, có hiệu lực.');
    // Each objective's standing on the review's day, not only the count already achieved.
    expect(text).toContain(
      '2. Mức độ đạt được các mục tiêu chất lượng: 0/5 mục tiêu đạt tại thời điểm xem xét (Mục tiêu 1: do lãnh đạo đánh giá tại cuộc họp; Mục tiêu 2: đúng tiến độ; Mục tiêu 3: đúng tiến độ; Mục tiêu 4: đúng tiến độ; Mục tiêu 5: đúng tiến độ).',
    );
    // The action names no owner: its unit's head carries it out.
    expect(pdfCells).toContain(UNIT_HEAD);
    for (const cell of [HELD_REVIEW.actions[0].title, 'Phòng Kiểm soát thủ tục hành chính', '30/06/2025'])
      expect(pdfCells).toContain(cell);
    expect(docxParagraphs).toContain(HELD_REVIEW.actions[0].title);
  });

  it('gives each objective its verdict in the objectives report: 80/100 against "trên 80%" is not achieved', async () => {
    const { pdfText: text } = await fetchDocument('objectivesReport');
    expect(text).toContain('Chỉ tiêu: trên 80%');
    expect(text).toContain('Kết quả lũy kế: 80/100 (80%). Đánh giá: Không đạt.');
    const verdicts = [...text.matchAll(/Đánh giá mục tiêu: (Đạt|Không đạt)/g)].map((m) => m[1]);
    expect(verdicts).toEqual(['Đạt', 'Đạt', 'Đạt', 'Không đạt', 'Đạt']);
    expect(text).toContain('Đạt 4/5 mục tiêu chất lượng năm 2024.');
  });

  it('gives each objective its verdict in the yearly QMS report, lists the decision, and exports XLSX and CSV', async () => {
    const { pdfText: text, pdfCells, docxParagraphs } = await fetchDocument('annualReport');
    expect(text).toContain('Đạt 4/5 mục tiêu chất lượng.');
    const json = await org.as<{
      objectives: { number: number; title: string; verdict: string }[];
      documents: { number: string; version: number }[];
    }>('qmr', 'GET', `${base}/annual-qms-report`);
    const verdictLabel = { achieved: 'Đạt', 'not-achieved': 'Không đạt' } as Record<string, string>;
    // Section IV's table, row by row: the objective's number, its title, its verdict.
    for (const objective of json.body.objectives) {
      const row = `${objective.number} ${normalise(objective.title)} ${verdictLabel[objective.verdict]}`;
      expect(pdfCells).toContain(row);
      const title = docxParagraphs.indexOf(normalise(objective.title));
      expect(docxParagraphs[title - 1]).toBe(String(objective.number));
      expect(docxParagraphs[title + 1]).toBe(verdictLabel[objective.verdict]);
    }
    expect(json.body.objectives.map((o) => o.verdict)).toEqual([
      'achieved',
      'achieved',
      'achieved',
      'not-achieved',
      'achieved',
    ]);
    // The decision is among the documents issued in the year (it was registered at approval).
    expect(json.body.documents).toEqual(
      expect.arrayContaining([expect.objectContaining({ number: '123/QĐ-UBND', version: 1 })]),
    );
    expect(docxParagraphs).toContain('123/QĐ-UBND');

    const xlsx = await fetchDownload(http, org, 'qmr', `${base}/annual-qms-report`, XLSX);
    expect(xlsx.headers.get('content-disposition')).toContain('filename="BC-HTQLCL-2024-DIEN-TAP.xlsx"');
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Muc tieu')!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
    expect(rows.slice(1).map((row) => row.at(-1))).toEqual(['Đạt', 'Đạt', 'Đạt', 'Không đạt', 'Đạt']);
    const csv = await fetchDownload(http, org, 'qmr', `${base}/annual-qms-report`, 'text/csv');
    expect(csv.headers.get('content-disposition')).toContain('filename="BC-HTQLCL-2024-DIEN-TAP.csv"');
    const [header, line] = csv.bytes.subarray(3).toString('utf8').split('\r\n');
    expect(header).toMatch(/^"Cơ quan","Năm",/);
    expect(line).toContain('"2024"');
  });

  it('prints the announcement of conformity for the first year', async () => {
    const { pdfText: text } = await fetchDocument('announcement');
    expect(text).toContain('Công bố lần đầu, năm 2024.');
    expect(text).toContain('TCVN ISO 9001:2015');
  });

  it('has rendered every document of the year, each registered once', async () => {
    expect([...fetched.keys()].sort()).toEqual(Object.keys(DOCUMENTS).sort());
    const register = await org.as<{ items: { type: string; version: number }[] }>(
      'qmr',
      'GET',
      `/api/v1/documents?cycleId=${cycleId}&limit=100`,
    );
    expect(register.body.items.map((d) => `${d.type}.v${d.version}`).sort()).toEqual([
      'annual-qms-report.v1',
      'audit-plan.v1',
      'audit-report.v1',
      'conformity-announcement.v1',
      'nonconformity-report.v1',
      'objectives-decision.v1',
      'objectives-plan.v1',
      'objectives-report.v1',
      'review-minutes.v1',
    ]);
  });

  it('answers only documented status codes', async () => {
    expect(await undocumentedAnswers(http)).toEqual([]);
  });
});
