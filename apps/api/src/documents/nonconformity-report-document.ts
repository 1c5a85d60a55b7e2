import { AUDIT_RESULT, clause, CORRECTIVE_ACTION_STATUS, unitNames } from './audit-documents';
import { issuerLines, placeOfIssue, type DecisionWording } from './decision-document';
import type { NonconformityView } from './dto/nonconformity.view';
import { safeFileBaseName, vietnameseDate, type OfficialDocument } from './official-document';

/** One finding's record (`GET /cycles/{id}/audit/steps/{stepId}/nonconformity`) and the form's date. */
export interface NonconformityRecord {
  nonconformity: NonconformityView;
  year: number;
  /** The form's date, `YYYY-MM-DD` (Vietnam time): its last record (verified, planned, or found). */
  date: string;
}

/** What the record does not hold yet (a plan not made, a verification not done), printed as such. */
const NOT_YET = 'chưa xác định';

/**
 * The nonconformity and corrective-action form (ISO 9001 10.2) of one audit finding: the audit, the
 * unit, process and clause, the finding and its grade, the auditor; the correction, root cause,
 * action, owner and due date; the verification of effectiveness; the status. Signed by the auditor
 * who raised it.
 */
export function nonconformityReportDocument(
  record: NonconformityRecord,
  wording: DecisionWording,
): OfficialDocument {
  const nc = record.nonconformity;
  const issuer = wording.organisation.name.vi;
  const unit = unitNames(wording);
  const subject = `Báo cáo sự không phù hợp và hành động khắc phục`;
  const audit = `Đánh giá nội bộ Hệ thống quản lý chất lượng theo ${wording.standard} năm ${record.year}`;
  const verification = nc.verification;
  return {
    fileBaseName: safeFileBaseName(`NC-${nc.stepId}-${record.year}`),
    properties: {
      title: `Phiếu ${subject.toLowerCase()}`,
      subject: audit,
      author: issuer,
      date: record.date,
    },
    header: { issuingBody: issuerLines(issuer), place: placeOfIssue(issuer), date: record.date },
    documentType: 'PHIẾU',
    summary: [subject, `(Đánh giá nội bộ năm ${record.year})`],
    preamble: [],
    body: [
      { kind: 'heading', text: 'I. THÔNG TIN CHUNG' },
      {
        kind: 'paragraph',
        label: 'Cuộc đánh giá:',
        text: `${audit}, từ ${vietnameseDate(nc.audit.from)} đến ${vietnameseDate(nc.audit.to)}.`,
      },
      { kind: 'paragraph', label: 'Trưởng đoàn đánh giá:', text: `${nc.audit.leadAuditorName}.` },
      { kind: 'paragraph', label: 'Đơn vị được đánh giá:', text: `${unit(nc.unitCode)}.` },
      { kind: 'paragraph', label: 'Quá trình:', text: `${clause(nc.process)}.` },
      { kind: 'paragraph', label: 'Điều khoản:', text: `${nc.clause}.` },
      { kind: 'paragraph', label: 'Chuyên gia đánh giá:', text: `${nc.auditorName}.` },
      { kind: 'heading', text: 'II. SỰ KHÔNG PHÙ HỢP' },
      { kind: 'paragraph', label: 'Mô tả:', text: `${clause(nc.finding)}.` },
      ...(nc.evidence?.length
        ? [
            {
              kind: 'paragraph' as const,
              label: 'Bằng chứng:',
              text: `${nc.evidence.map(clause).join('; ')}.`,
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
          ]
        : [{ kind: 'paragraph' as const, text: 'Chưa kiểm tra.' }]),
      { kind: 'heading', text: 'V. TÌNH TRẠNG' },
      {
        kind: 'paragraph',
        text: `${CORRECTIVE_ACTION_STATUS[nc.status] ?? nc.status} (lần khắc phục thứ ${nc.rounds}).`,
      },
    ],
    recipients: [unit(nc.unitCode), 'Trưởng đoàn đánh giá', 'Đại diện chất lượng', 'Lưu: VT, ISO'],
    signature: { lines: ['CHUYÊN GIA ĐÁNH GIÁ'], name: nc.auditorName },
  };
}
