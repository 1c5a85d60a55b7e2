import type { NonconformitySource } from '@qcycle/domain';
import { AUDIT_RESULT, clause, CORRECTIVE_ACTION_STATUS, evidenceItem, unitNames } from './audit-documents';
import { issuerLines, type DecisionWording } from './decision-document';
import type { NonconformityView } from './dto/nonconformity.view';
import { periodLabel } from './objectives-report-document';
import {
  placeOfIssue,
  safeFileBaseName,
  vietnameseDate,
  type DocumentBlock,
  type OfficialDocument,
} from './official-document';

/**
 * One nonconformity's record (`GET /cycles/{id}/nonconformities/{nonconformityId}`, an audit finding's
 * also `GET /cycles/{id}/audit/steps/{stepId}/nonconformity`) and the form's date.
 */
export interface NonconformityRecord {
  nonconformity: NonconformityView;
  /** The uploaded files its evidence names, by id: the name each was uploaded with. */
  fileNames: Record<string, string>;
  year: number;
  /** The form's date, `YYYY-MM-DD` (Vietnam time): its last record (verified, planned, or found). */
  date: string;
}

/** What the record does not hold yet (a plan not made, a verification not done), printed as such. */
const NOT_YET = 'chưa xác định';

/** What each source is, as the form's "Nguồn" line says it (an internal-audit finding has its audit instead). */
const SOURCE: Record<Exclude<NonconformitySource, 'audit-finding'>, { line: string; title: string }> = {
  'missed-objective': { line: 'Mục tiêu chất lượng không đạt', title: 'Mục tiêu không đạt' },
  complaint: { line: 'Khiếu nại, phản ánh của tổ chức, cá nhân', title: 'Khiếu nại, phản ánh' },
  'external-audit': { line: 'Đánh giá của tổ chức bên ngoài', title: 'Đánh giá bên ngoài' },
  observation: { line: 'Quan sát trong quá trình theo dõi, giám sát', title: 'Quan sát' },
};

/**
 * The nonconformity and corrective-action form (ISO 9001 10.2) of one nonconformity, whatever its
 * source. I. says where it comes from: for a finding of this year's internal audit the audit, the
 * unit, process and clause and the auditor, signed by the auditor; otherwise the source (the
 * objective and period of a missed objective; last year's action a carried one continues), who
 * raised it, the unit and who verifies, signed by that verifier. II.–V. are the same for all: the
 * nonconformity and its grade; the correction, root cause, action, owner and due date; the
 * verification of effectiveness; the status.
 */
export function nonconformityReportDocument(
  record: NonconformityRecord,
  wording: DecisionWording,
): OfficialDocument {
  const nc = record.nonconformity;
  const issuer = wording.organisation.name.vi;
  const unit = unitNames(wording);
  const subject = `Báo cáo sự không phù hợp và hành động khắc phục`;
  const origin =
    nc.stepId && nc.audit
      ? auditOrigin(nc, nc.stepId, nc.audit, record.year, wording)
      : otherOrigin(nc, record.year, unit);
  const verification = nc.verification;
  return {
    fileBaseName: safeFileBaseName(`NC-${origin.fileKey}-${record.year}`),
    properties: {
      title: `Phiếu ${subject.toLowerCase()}`,
      subject: origin.subject,
      author: issuer,
      date: record.date,
    },
    header: { issuingBody: issuerLines(issuer), place: placeOfIssue(issuer), date: record.date },
    documentType: 'PHIẾU',
    summary: [subject, `(${origin.summary})`],
    preamble: [],
    body: [
      { kind: 'heading', text: 'I. THÔNG TIN CHUNG' },
      ...origin.lines,
      { kind: 'heading', text: 'II. SỰ KHÔNG PHÙ HỢP' },
      { kind: 'paragraph', label: 'Mô tả:', text: `${clause(nc.finding)}.` },
      ...(nc.evidence?.length
        ? [
            {
              kind: 'paragraph' as const,
              label: 'Bằng chứng:',
              text: `${nc.evidence.map((item) => evidenceItem(item, record.fileNames)).join('; ')}.`,
            },
          ]
        : []),
      { kind: 'paragraph', label: 'Mức độ:', text: `${AUDIT_RESULT[nc.severity] ?? nc.severity}.` },
      { kind: 'paragraph', label: 'Ngày phát hiện:', text: `${vietnameseDate(nc.foundOn)}.` },
      { kind: 'heading', text: 'III. HÀNH ĐỘNG KHẮC PHỤC (điều 10.2)' },
      { kind: 'paragraph', label: '1. Khắc phục tức thời:', text: `${clause(nc.correction ?? NOT_YET)}.` },
      { kind: 'paragraph', label: '2. Nguyên nhân gốc rễ:', text: `${clause(nc.rootCause ?? NOT_YET)}.` },
      { kind: 'paragraph', label: '3. Hành động khắc phục:', text: `${clause(nc.action ?? NOT_YET)}.` },
      { kind: 'paragraph', label: '4. Người chịu trách nhiệm:', text: `${nc.ownerName ?? NOT_YET}.` },
      {
        kind: 'paragraph',
        label: '5. Thời hạn hoàn thành:',
        text: `${nc.dueDate ? vietnameseDate(nc.dueDate) : NOT_YET}.`,
      },
      ...(nc.actionEvidence.length
        ? [
            {
              kind: 'paragraph' as const,
              label: '6. Minh chứng thực hiện:',
              text: `${nc.actionEvidence.map((item) => evidenceItem(item, record.fileNames)).join('; ')}.`,
            },
          ]
        : []),
      { kind: 'heading', text: 'IV. KIỂM TRA HIỆU LỰC CỦA HÀNH ĐỘNG KHẮC PHỤC' },
      ...(verification
        ? [
            { kind: 'paragraph' as const, label: 'Người kiểm tra:', text: `${verification.verifierName}.` },
            {
              kind: 'paragraph' as const,
              label: 'Ngày kiểm tra:',
              text: `${vietnameseDate(verification.verifiedOn)}.`,
            },
            {
              kind: 'paragraph' as const,
              label: 'Kết quả:',
              text: verification.effective ? 'Có hiệu lực.' : 'Chưa có hiệu lực.',
            },
            {
              kind: 'paragraph' as const,
              label: 'Ghi chú:',
              text: `${verification.notes ? clause(verification.notes) : 'không có'}.`,
            },
            ...(verification.evidence.length
              ? [
                  {
                    kind: 'paragraph' as const,
                    label: 'Bằng chứng kiểm tra:',
                    text: `${verification.evidence.map((item) => evidenceItem(item, record.fileNames)).join('; ')}.`,
                  },
                ]
              : []),
          ]
        : [{ kind: 'paragraph' as const, text: 'Chưa kiểm tra.' }]),
      { kind: 'heading', text: 'V. TÌNH TRẠNG' },
      {
        kind: 'paragraph',
        text: `${CORRECTIVE_ACTION_STATUS[nc.status] ?? nc.status} (lần khắc phục thứ ${nc.rounds}).`,
      },
    ],
    recipients: [unit(nc.unitCode), ...origin.recipients, 'Đại diện chất lượng', 'Lưu: VT, ISO'],
    signature: origin.signature,
  };
}

/** What section I and the form's frame say about where the nonconformity comes from. */
interface Origin {
  /** The distinct part of the file name: the audit step (`s1`) or the nonconformity's number. */
  fileKey: string;
  subject: string;
  /** The summary's second line, without its brackets. */
  summary: string;
  lines: DocumentBlock[];
  /** Who receives it besides the unit, the Quality Representative and the archive. */
  recipients: string[];
  signature: OfficialDocument['signature'];
}

/** A finding of this year's internal audit: the audit, its lead auditor, the unit, process and clause, the auditor. */
function auditOrigin(
  nc: NonconformityView,
  stepId: string,
  audit: NonNullable<NonconformityView['audit']>,
  year: number,
  wording: DecisionWording,
): Origin {
  const unit = unitNames(wording);
  const auditTitle = `Đánh giá nội bộ Hệ thống quản lý chất lượng theo ${wording.standard} năm ${year}`;
  const auditorName = nc.auditorName ?? nc.verifierName ?? NOT_YET;
  return {
    fileKey: stepId,
    subject: auditTitle,
    summary: `Đánh giá nội bộ năm ${year}`,
    lines: [
      {
        kind: 'paragraph',
        label: 'Cuộc đánh giá:',
        text: `${auditTitle}, từ ${vietnameseDate(audit.from)} đến ${vietnameseDate(audit.to)}.`,
      },
      { kind: 'paragraph', label: 'Trưởng đoàn đánh giá:', text: `${audit.leadAuditorName}.` },
      { kind: 'paragraph', label: 'Đơn vị được đánh giá:', text: `${unit(nc.unitCode)}.` },
      { kind: 'paragraph', label: 'Quá trình:', text: `${clause(nc.process ?? NOT_YET)}.` },
      { kind: 'paragraph', label: 'Điều khoản:', text: `${nc.clause ?? NOT_YET}.` },
      { kind: 'paragraph', label: 'Chuyên gia đánh giá:', text: `${auditorName}.` },
    ],
    recipients: ['Trưởng đoàn đánh giá'],
    signature: { lines: ['CHUYÊN GIA ĐÁNH GIÁ'], name: auditorName },
  };
}

/**
 * Any other nonconformity: its source (a missed objective's objective and period), the action of
 * last year it continues when carried, who raised it, the unit, who verifies, and that verifier signs.
 */
function otherOrigin(nc: NonconformityView, year: number, unit: (code: string) => string): Origin {
  const carried = nc.carriedFrom;
  const source =
    nc.source === 'audit-finding'
      ? {
          // Only a carried one: this year's audit findings have their audit.
          line:
            `Phát hiện của đánh giá nội bộ năm ${carried?.year ?? year}` +
            (carried?.process ? `, quá trình ${clause(carried.process)}` : '') +
            (carried?.clause ? `, điều khoản ${carried.clause}` : ''),
          title: 'Đánh giá nội bộ',
        }
      : SOURCE[nc.source];
  const objective = nc.objective;
  const verifierName = nc.verifierName ?? NOT_YET;
  const line = (label: string, text: string): DocumentBlock => ({ kind: 'paragraph', label, text });
  return {
    fileKey: nc.id.slice(nc.id.lastIndexOf('/') + 1),
    subject: `${source.title} năm ${year}`,
    summary: carried ? `Chuyển tiếp từ năm ${carried.year}` : `${source.title} năm ${year}`,
    lines: [
      line('Nguồn:', `${source.line}.`),
      ...(objective
        ? [
            line(
              'Mục tiêu:',
              objective.number !== null && objective.title
                ? `Mục tiêu số ${objective.number}: ${clause(objective.title)}.`
                : `${objective.id}.`,
            ),
            ...(objective.periodKey ? [line('Kỳ theo dõi:', `${periodLabel(objective.periodKey)}.`)] : []),
          ]
        : []),
      ...(carried ? [line('Chuyển tiếp từ:', `${carriedSentence(carried, year)}.`)] : []),
      ...(nc.raisedByName ? [line('Người ghi nhận:', `${nc.raisedByName}.`)] : []),
      line('Đơn vị:', `${unit(nc.unitCode)}.`),
      line('Người kiểm tra hiệu lực:', `${verifierName}.`),
    ],
    recipients: [],
    signature: { lines: ['NGƯỜI KIỂM TRA'], name: verifierName },
  };
}

/** Last year's action as the carried one's form names it: when found, and why it goes on. */
function carriedSentence(carried: NonNullable<NonconformityView['carriedFrom']>, year: number): string {
  const status = carried.status ? CORRECTIVE_ACTION_STATUS[carried.status] : undefined;
  return (
    `hành động khắc phục năm ${carried.year}` +
    (carried.foundOn ? ` (ghi nhận ${vietnameseDate(carried.foundOn)})` : '') +
    `, chưa được xác nhận có hiệu lực khi kết thúc năm ${carried.year}` +
    (status && carried.rounds ? ` (${status.toLowerCase()}, lần khắc phục thứ ${carried.rounds})` : '') +
    `, tiếp tục thực hiện trong năm ${year}`
  );
}
