import { renderCycleReportHtml } from './cycle-report.html';
import type { CorrectiveActionView } from './dto/cycle-records.view';
import type { CycleReportView, ReviewActionView } from './dto/cycle-report.view';

/**
 * The year's printable report, at its audit's corrective actions and its review's actions: where
 * each stands, and that one the year's close carried on unfinished goes on next year rather than
 * being left where it stood.
 */
describe("the year's printable report, its corrective actions and review actions", () => {
  const action = (id: string, fields: Partial<CorrectiveActionView>): CorrectiveActionView => ({
    id: `quality-cycle/kontum/2024/audit/ca/${id}`,
    stepId: `quality-cycle/kontum/2024/audit/step/${id}`,
    severity: 'minor-nc',
    unitCode: 'vp-kiemsoat-tthc',
    finding: `Phát hiện ${id}`,
    correction: null,
    rootCause: null,
    action: `Khắc phục ${id}`,
    ownerUserId: null,
    dueDate: '2024-11-30',
    status: 'planned',
    effective: null,
    carriedForward: false,
    evidence: [],
    verificationNotes: null,
    verificationEvidence: [],
    ...fields,
  });
  const report = (nonconformities: CorrectiveActionView[]): CycleReportView => ({
    cycleId: 'kontum-2024',
    organisationCode: 'kontum',
    year: 2024,
    status: 'closed',
    phase: 'closing',
    decision: {
      documentNumber: '123/QĐ-UBND',
      signerName: 'Nguyễn Văn A',
      signerTitle: 'Chủ tịch',
      enteredBy: null,
      signingDate: '2024-01-15',
      effectiveDate: '2024-01-15',
    },
    objectives: [],
    audit: {
      status: 'closed',
      from: '2024-10-07',
      to: '2024-10-18',
      scope: 'Toàn bộ HTQLCL',
      steps: [],
      nonconformities,
      report: 'Hệ thống được duy trì.',
      closedAt: '2024-10-27T09:00:00.000Z',
    },
    review: null,
  });
  /** Each action row's last cell: its status as the page says it. */
  const statuses = (html: string) =>
    [...html.matchAll(/<tr><td>[^<]*<\/td><td>[^<]*<\/td><td>Phát hiện[^]*?<td>([^<]*)<\/td><\/tr>/g)].map(
      (row) => row[1],
    );

  it('says which action goes on next year, and where the others stand', () => {
    const html = renderCycleReportHtml(
      report([
        action('s1', { status: 'closed', effective: true }),
        action('s2', { carriedForward: true }),
        action('s3', { status: 'open', action: null, dueDate: null, carriedForward: true }),
        // Verified not effective, and open again before the close.
        action('s4', { status: 'open', effective: false }),
        // Verified, in the verifier's words (escaped like every text of the records).
        action('s5', {
          status: 'closed',
          effective: true,
          verificationNotes: 'Đã kiểm tra 20 hồ sơ <tháng 11>',
        }),
      ]),
    );
    expect(statuses(html)).toEqual([
      'Đã khắc phục (có hiệu lực)',
      'Đang khắc phục, chuyển sang năm 2025',
      'Mới ghi nhận, chuyển sang năm 2025',
      'Mới ghi nhận (chưa có hiệu lực)',
      'Đã khắc phục (có hiệu lực: Đã kiểm tra 20 hồ sơ &lt;tháng 11&gt;)',
    ]);
  });

  it("says how each of the review's actions went, and which the close carried into next year", () => {
    const reviewAction = (title: string, fields: Partial<ReviewActionView>): ReviewActionView => ({
      title,
      ownerUnitCode: 'vp-kiemsoat-tthc',
      dueDate: '2024-12-20',
      status: 'open',
      carriedForward: false,
      ...fields,
    });
    const html = renderCycleReportHtml({
      ...report([]),
      review: {
        status: 'held',
        heldAt: '2024-12-10T02:00:00.000Z',
        heldOn: null,
        minutesRef: 'BB-05/2024',
        outputs: { improvementOpportunities: [], qmsChanges: [], resourceNeeds: [] },
        actions: [
          reviewAction('Số hóa phiếu kiểm soát', { status: 'done' }),
          reviewAction('Thay máy quét', { status: 'not-done', carriedForward: true }),
          reviewAction('Tập huấn ISO', { carriedForward: true }),
          reviewAction('Rà soát quy trình', { status: null }),
        ],
      },
    });
    const results = [
      ...html.matchAll(/<tr><td>([^<]*)<\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>([^<]*)<\/td><\/tr>/g),
    ].map((row) => [row[1], row[2]]);
    expect(results).toEqual([
      ['Số hóa phiếu kiểm soát', 'Đã xong'],
      ['Thay máy quét', 'Chưa xong, chuyển sang năm 2025'],
      ['Tập huấn ISO', 'Chưa báo cáo, chuyển sang năm 2025'],
      ['Rà soát quy trình', ''],
    ]);
    // Without the day on the minutes, the meeting is dated when they were entered.
    expect(html).toContain('họp ngày 10/12/2024 09:00');
  });

  it('dates the review by the day on its minutes when they give it, not by when they were entered', () => {
    const html = renderCycleReportHtml({
      ...report([]),
      review: {
        status: 'held',
        heldAt: '2024-12-16T02:00:00.000Z',
        heldOn: '2024-12-13',
        minutesRef: 'BB-05/2024',
        outputs: { improvementOpportunities: [], qmsChanges: [], resourceNeeds: [] },
        actions: [],
      },
    });
    expect(html).toContain('họp ngày 13/12/2024; biên bản số BB-05/2024');
    expect(html).not.toContain('16/12/2024');
  });

  it('says a decision was signed on paper when someone else entered it', () => {
    const inQcycle = renderCycleReportHtml(report([]));
    expect(inQcycle).toContain('(Chủ tịch Nguyễn Văn A ký, hiệu lực từ 15/01/2024)');
    const base = report([]);
    const onPaper = renderCycleReportHtml({ ...base, decision: { ...base.decision, enteredBy: 'u-qmr' } });
    expect(onPaper).toContain('(Chủ tịch Nguyễn Văn A ký trên giấy, hiệu lực từ 15/01/2024)');
    // With who entered it, by name, as the page says.
    const named = renderCycleReportHtml(
      { ...base, decision: { ...base.decision, enteredBy: 'u-qmr' } },
      {},
      'Trần <Quốc> Việt',
    );
    expect(named).toContain(
      '(Chủ tịch Nguyễn Văn A ký trên giấy, Trần &lt;Quốc&gt; Việt ghi nhận, hiệu lực từ 15/01/2024)',
    );
    // A name given for a decision approved in qcycle says nothing of paper.
    expect(renderCycleReportHtml(base, {}, 'Trần Quốc Việt')).not.toContain('ghi nhận');
  });
});
