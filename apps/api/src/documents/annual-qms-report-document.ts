import { signatureBlock, numericDate } from '@qcycle/domain';
import { CORRECTIVE_ACTION_STATUS } from './audit-documents';
import { issuerLines, issuerSymbol, type DecisionWording } from './decision-document';
import {
  AS_ADDRESSED,
  blankNumberAndSymbol,
  DOCUMENT_NUMBER_COLUMN,
  placeOfIssue,
  type OfficialDocument,
} from './official-document';
import { VERDICT_LABELS, type Verdict } from './objectives-report-document';

/**
 * The facts of the yearly report on applying the QMS, gathered from the records: what the
 * document, the XLSX and the CSV say (the same data, so the three cannot differ).
 */
export interface AnnualQmsReportData {
  organisation: string;
  year: number;
  /** The report's date `YYYY-MM-DD`: the day of the last record it reports. */
  date: string;
  scope: string;
  standard: string;
  /** Last year's scope when it differs from this year's; null when unchanged or the first year. */
  previousScope: string | null;
  firstYear: boolean;
  /**
   * The documents of the year in the register, the latest version of each, by the number each
   * carries: the decision's from its issue, the others' as the clerical office gave it on sending
   * (empty until recorded).
   */
  documents: { number: string; title: string; version: number; issuedOn: string }[];
  audit: {
    /** The audit record's status: `in-progress`, `closed`, or `not-closed` when the year closed first. */
    status: string;
    from: string | null;
    to: string | null;
    closedOn: string | null;
    steps: number;
    findings: number;
  } | null;
  review: { heldOn: string | null; minutesRef: string | null; actions: number } | null;
  objectives: { number: number; title: string; verdict: Verdict }[];
  correctiveActions: {
    unit: string;
    finding: string;
    action: string;
    dueDate: string | null;
    status: string;
  }[];
  signerName: string;
}

/**
 * The yearly report on applying the quality management system, sent to the provincial Department
 * of Science and Technology (Sở Khoa học và Công nghệ). The prescribed form could not be read
 * here (docs/documents.md says what was and was not confirmed); its parts follow the report's
 * content the rules ask for: scope and its changes, documents issued or revised, the internal
 * audit and the management review held, objectives achieved, corrective actions, then
 * difficulties and proposals.
 */
export function annualQmsReportDocument(
  data: AnnualQmsReportData,
  wording: DecisionWording,
): OfficialDocument {
  const issuer = data.organisation;
  const subject = `Tình hình áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia ${data.standard} năm ${data.year}`;
  const rows = annualQmsReportSummary(data);
  const achieved = data.objectives.filter((o) => o.verdict === 'achieved').length;
  return {
    fileBaseName: `BC-HTQLCL-${data.year}`,
    properties: {
      title: `Báo cáo ${subject.charAt(0).toLowerCase()}${subject.slice(1)}`,
      subject,
      author: issuer,
      date: data.date,
    },
    header: {
      issuingBody: issuerLines(issuer),
      numberAndSymbol: blankNumberAndSymbol('BÁO CÁO', issuerSymbol(issuer)),
      place: placeOfIssue(issuer),
      date: data.date,
    },
    documentType: 'BÁO CÁO',
    summary: [subject],
    addressee: 'Sở Khoa học và Công nghệ',
    preamble: [],
    body: [
      { kind: 'heading', text: 'I. PHẠM VI ÁP DỤNG VÀ CÁC THAY ĐỔI' },
      { kind: 'paragraph', label: 'Phạm vi áp dụng:', text: `${data.scope}.` },
      { kind: 'paragraph', label: 'Thay đổi trong năm:', text: `${rows[3][1]}.` },
      { kind: 'heading', text: 'II. TÀI LIỆU ĐƯỢC BAN HÀNH, SỬA ĐỔI TRONG NĂM' },
      data.documents.length === 0
        ? { kind: 'paragraph', text: 'Không có tài liệu nào được ban hành trong năm.' }
        : {
            kind: 'table',
            columns: ['STT', DOCUMENT_NUMBER_COLUMN, 'Tên tài liệu', 'Lần ban hành', 'Ngày ban hành'],
            rows: data.documents.map((d, i) => [
              String(i + 1),
              d.number || '-',
              d.title,
              d.version === 1 ? 'Ban hành mới' : `Sửa đổi lần ${d.version - 1}`,
              numericDate(d.issuedOn),
            ]),
          },
      { kind: 'heading', text: 'III. ĐÁNH GIÁ NỘI BỘ VÀ XEM XÉT CỦA LÃNH ĐẠO' },
      { kind: 'paragraph', label: 'Đánh giá nội bộ:', text: `${rows[6][1]}.` },
      { kind: 'paragraph', label: 'Xem xét của lãnh đạo:', text: `${rows[7][1]}.` },
      { kind: 'heading', text: 'IV. KẾT QUẢ THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG' },
      {
        kind: 'table',
        columns: ['Mục tiêu', 'Nội dung', 'Đánh giá'],
        rows: data.objectives.map((o) => [String(o.number), o.title, VERDICT_LABELS[o.verdict]]),
      },
      { kind: 'paragraph', text: `Đạt ${achieved}/${data.objectives.length} mục tiêu chất lượng.` },
      { kind: 'heading', text: 'V. HÀNH ĐỘNG KHẮC PHỤC' },
      data.correctiveActions.length === 0
        ? { kind: 'paragraph', text: 'Không có điểm không phù hợp phải khắc phục.' }
        : {
            kind: 'table',
            columns: ['STT', 'Đơn vị', 'Điểm không phù hợp', 'Hành động khắc phục', 'Thời hạn', 'Tình trạng'],
            rows: data.correctiveActions.map((a, i) => [
              String(i + 1),
              a.unit,
              a.finding,
              a.action || '-',
              a.dueDate ? numericDate(a.dueDate) : '-',
              CORRECTIVE_ACTION_STATUS[a.status] ?? a.status,
            ]),
          },
      { kind: 'heading', text: 'VI. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ' },
      {
        kind: 'paragraph',
        text: 'Không có trong hồ sơ của hệ thống: Đại diện chất lượng bổ sung (nếu có) trước khi trình ký.',
      },
    ],
    // Addressed ("Kính gửi"): "Như trên" names the Department in "Nơi nhận".
    recipients: [AS_ADDRESSED, 'Lưu: VT, ISO'],
    signature: { lines: signatureBlock(wording.signer), name: data.signerName },
  };
}

/**
 * The report in one row for the Department's aggregation (CSV, and the first sheet of the XLSX):
 * [column, value] pairs in a fixed order.
 */
export function annualQmsReportSummary(data: AnnualQmsReportData): [string, string][] {
  const achieved = data.objectives.filter((o) => o.verdict === 'achieved').length;
  const closed = data.correctiveActions.filter((a) => a.status === 'closed').length;
  const change = data.firstYear
    ? `Năm đầu áp dụng, công bố Hệ thống quản lý chất lượng phù hợp ${data.standard}`
    : data.previousScope
      ? `Thay đổi phạm vi áp dụng (năm trước: ${data.previousScope}), công bố lại`
      : 'Không thay đổi phạm vi áp dụng';
  const planned = data.audit?.from
    ? `kế hoạch từ ${dmy(data.audit.from)} đến ${dmy(data.audit.to)}`
    : 'chưa lập kế hoạch';
  const audit = data.audit
    ? data.audit.closedOn
      ? `Đã thực hiện từ ${dmy(data.audit.from)} đến ${dmy(data.audit.to)}, kết thúc ngày ${dmy(data.audit.closedOn)}; ` +
        `${data.audit.steps} nội dung được đánh giá, ${data.audit.findings} điểm không phù hợp`
      : data.audit.status === 'in-progress'
        ? `Đang thực hiện (${planned})`
        : // The year closed (or the cycle was cancelled) before the audit did.
          `Không hoàn thành trong năm (${planned})`
    : 'Chưa thực hiện';
  const review = data.review?.heldOn
    ? `Đã tổ chức ngày ${dmy(data.review.heldOn)}` +
      (data.review.minutesRef ? `, biên bản số ${data.review.minutesRef}` : '') +
      `; ${data.review.actions} hành động được giao`
    : 'Chưa tổ chức';
  return [
    ['Cơ quan', data.organisation],
    ['Năm', String(data.year)],
    ['Phạm vi áp dụng', data.scope],
    ['Thay đổi', change],
    ['Tài liệu ban hành mới', String(data.documents.filter((d) => d.version === 1).length)],
    ['Tài liệu sửa đổi', String(data.documents.filter((d) => d.version > 1).length)],
    ['Đánh giá nội bộ', audit],
    ['Xem xét của lãnh đạo', review],
    ['Mục tiêu đạt', String(achieved)],
    ['Tổng số mục tiêu', String(data.objectives.length)],
    ['Hành động khắc phục', String(data.correctiveActions.length)],
    ['Hành động khắc phục đã hoàn thành', String(closed)],
    ['Hành động khắc phục đang thực hiện', String(data.correctiveActions.length - closed)],
  ];
}

function dmy(date: string | null): string {
  return date ? numericDate(date) : '-';
}
