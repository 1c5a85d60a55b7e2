import { evidenceIdOf } from '@qcycle/contracts';
import type { OfficialDocument } from './official-document';
import {
  blankNumberAndSymbol,
  CARRIED_FORWARD_MARK,
  ownLeadership,
  placeOfIssue,
  PREVIOUS_FINDINGS_HEADING,
  REAUDIT_MARK,
  vietnameseDate,
} from './official-document';
import { issuerLines, issuerSymbol, type DecisionWording } from './decision-document';

/** The internal audit as its records hold it (`GET /cycles/{id}/audit`), with the people's names. */
export interface AuditRecord {
  id: string;
  status: string;
  plan: { scope: string; criteria: string[]; methods: string; from: string; to: string } | null;
  report: string | null;
  steps: {
    id: string;
    unitCode: string;
    process: string;
    clause: string;
    auditorUserId: string;
    result: string | null;
    evidence: string[] | null;
    finding: string | null;
    notes: string | null;
  }[];
  correctiveActions: {
    severity: string;
    unitCode: string;
    finding: string;
    correction: string | null;
    rootCause: string | null;
    action: string | null;
    dueDate: string | null;
    status: string;
    effective: boolean | null;
  }[];
  leadAuditorUserId: string;
  leadAuditorName: string;
  /** Who approved the report and on which day (absent for audits closed before approval was a step). */
  reportApproval?: { approvedBy: string; approvedByName: string | null; approvedOn: string } | null;
  /** Display names by user id (auditors). */
  names: Record<string, string>;
  /** The uploaded files the steps' evidence names, by id: the name each was uploaded with. */
  fileNames: Record<string, string>;
  /** The internal-auditor certificates the directory has for them, by user id (ISO 9001 7.2). */
  certificates?: Record<string, { certificate: string; issuedBy: string | null; issuedOn: string }>;
  /** The document's date: the plan's approval (plan) or the audit's close (report), `YYYY-MM-DD`. */
  date: string;
  /**
   * What the internal audit of the year before found (ISO 9001 9.2.2 a), each with its corrective
   * action as its record stands: the plan marks the steps that audit them again, the report follows
   * each one up.
   */
  previousFindings?: {
    year: number;
    unitCode: string;
    process: string;
    clause: string;
    result: string;
    finding: string | null;
    correctiveAction: { status: string; effective: boolean | null; carriedForward?: boolean } | null;
  }[];
}

/**
 * The internal audit plan (ISO 9001 9.2.2): scope, criteria, methods, dates, the audit team (lead
 * auditor and auditors) and the schedule of checklist steps, unit by unit, each that audits again
 * what the year before's audit found marked so (9.2.2 a); signed by the lead auditor.
 */
export function auditPlanDocument(audit: AuditRecord, wording: DecisionWording): OfficialDocument {
  const plan = requirePlan(audit);
  const issuer = wording.organisation.name.vi;
  const unit = unitNames(wording);
  const member = teamMember(audit);
  const auditors = [...new Set(audit.steps.map((s) => s.auditorUserId))].map(member);
  const title = `Đánh giá nội bộ Hệ thống quản lý chất lượng theo ${wording.standard} năm ${wording.year}`;
  return {
    fileBaseName: `KH-DGNB-${wording.year}`,
    properties: { title: `Kế hoạch ${lowerFirst(title)}`, subject: title, author: issuer, date: audit.date },
    header: {
      issuingBody: issuerLines(issuer),
      numberAndSymbol: blankNumberAndSymbol('KẾ HOẠCH', issuerSymbol(issuer)),
      place: placeOfIssue(issuer),
      date: audit.date,
    },
    documentType: 'KẾ HOẠCH',
    summary: [title],
    preamble: [],
    body: [
      { kind: 'heading', text: 'I. PHẠM VI ĐÁNH GIÁ' },
      { kind: 'paragraph', text: `${clause(plan.scope)}.` },
      { kind: 'heading', text: 'II. CHUẨN MỰC ĐÁNH GIÁ' },
      { kind: 'list', items: plan.criteria.map((c) => `- ${c}`) },
      { kind: 'heading', text: 'III. PHƯƠNG PHÁP ĐÁNH GIÁ' },
      { kind: 'paragraph', text: `${clause(plan.methods)}.` },
      { kind: 'heading', text: 'IV. THỜI GIAN ĐÁNH GIÁ' },
      { kind: 'paragraph', text: `Từ ${vietnameseDate(plan.from)} đến ${vietnameseDate(plan.to)}.` },
      { kind: 'heading', text: 'V. ĐOÀN ĐÁNH GIÁ' },
      {
        kind: 'list',
        items: [
          `- Trưởng đoàn: ${member(audit.leadAuditorUserId)};`,
          `- Chuyên gia đánh giá: ${auditors.join(', ')}.`,
        ],
      },
      { kind: 'heading', text: 'VI. LỊCH ĐÁNH GIÁ' },
      {
        kind: 'list',
        items: audit.steps.map(
          (s, i) =>
            `${i + 1}. ${unit(s.unitCode)}: ${s.process} (điều khoản ${s.clause}); ` +
            `chuyên gia đánh giá: ${audit.names[s.auditorUserId] ?? s.auditorUserId}${reauditMark(audit, s)}.`,
        ),
      },
    ],
    signature: { lines: ['TRƯỞNG ĐOÀN ĐÁNH GIÁ'], name: audit.leadAuditorName },
  };
}

/**
 * The internal audit report (ISO 9001 9.2.2 e): scope, criteria, dates, auditors, units, every
 * step's result with its evidence and finding, the nonconformities with their corrective actions
 * (ISO 10.2), and the lead auditor's conclusion; signed by the lead auditor on the closing date.
 */
export function auditReportDocument(audit: AuditRecord, wording: DecisionWording): OfficialDocument {
  const plan = requirePlan(audit);
  const issuer = wording.organisation.name.vi;
  const unit = unitNames(wording);
  const member = teamMember(audit);
  const auditors = [...new Set(audit.steps.map((s) => s.auditorUserId))].map(member);
  const units = [...new Set(audit.steps.map((s) => unit(s.unitCode)))];
  const title = `Kết quả đánh giá nội bộ Hệ thống quản lý chất lượng theo ${wording.standard} năm ${wording.year}`;
  return {
    fileBaseName: `BC-DGNB-${wording.year}`,
    properties: { title: `Báo cáo ${lowerFirst(title)}`, subject: title, author: issuer, date: audit.date },
    header: {
      issuingBody: issuerLines(issuer),
      numberAndSymbol: blankNumberAndSymbol('BÁO CÁO', issuerSymbol(issuer)),
      place: placeOfIssue(issuer),
      date: audit.date,
    },
    documentType: 'BÁO CÁO',
    summary: [title],
    preamble: [],
    body: [
      { kind: 'heading', text: 'I. THÔNG TIN CHUNG' },
      { kind: 'paragraph', label: 'Phạm vi đánh giá:', text: `${clause(plan.scope)}.` },
      { kind: 'paragraph', label: 'Chuẩn mực đánh giá:', text: `${plan.criteria.map(clause).join('; ')}.` },
      { kind: 'paragraph', label: 'Phương pháp:', text: `${clause(plan.methods)}.` },
      {
        kind: 'paragraph',
        label: 'Thời gian:',
        text: `từ ${vietnameseDate(plan.from)} đến ${vietnameseDate(plan.to)}.`,
      },
      {
        kind: 'paragraph',
        label: 'Đoàn đánh giá:',
        text: `trưởng đoàn ${member(audit.leadAuditorUserId)}; chuyên gia đánh giá ${auditors.join(', ')}.`,
      },
      { kind: 'paragraph', label: 'Đơn vị được đánh giá:', text: `${units.join('; ')}.` },
      { kind: 'heading', text: 'II. KẾT QUẢ ĐÁNH GIÁ TỪNG NỘI DUNG' },
      ...audit.steps.map((s, i) => ({
        kind: 'paragraph' as const,
        text:
          `${i + 1}. ${unit(s.unitCode)}: ${s.process} (điều khoản ${s.clause}); chuyên gia đánh giá ` +
          `${audit.names[s.auditorUserId] ?? s.auditorUserId}. Kết quả: ${s.result ? (AUDIT_RESULT[s.result] ?? s.result) : 'chưa đánh giá'}.` +
          (s.evidence?.length
            ? ` Bằng chứng: ${s.evidence.map((item) => evidenceItem(item, audit.fileNames)).join('; ')}.`
            : '') +
          (s.finding ? ` Phát hiện: ${clause(s.finding)}.` : '') +
          (s.notes ? ` Ghi chú: ${clause(s.notes)}.` : ''),
      })),
      { kind: 'heading', text: 'III. ĐIỂM KHÔNG PHÙ HỢP VÀ HÀNH ĐỘNG KHẮC PHỤC' },
      ...(audit.correctiveActions.length === 0
        ? [{ kind: 'paragraph' as const, text: 'Không có điểm không phù hợp.' }]
        : audit.correctiveActions.map((a, i) => ({
            kind: 'paragraph' as const,
            text:
              `${i + 1}. ${unit(a.unitCode)} (${AUDIT_RESULT[a.severity] ?? a.severity}): ${clause(a.finding)}. ` +
              `Khắc phục: ${clause(a.correction ?? 'chưa xác định')}. Nguyên nhân: ${clause(a.rootCause ?? 'chưa xác định')}. ` +
              `Hành động khắc phục: ${clause(a.action ?? 'chưa xác định')}` +
              (a.dueDate ? `, thời hạn ${vietnameseDate(a.dueDate)}` : '') +
              `. Tình trạng: ${(CORRECTIVE_ACTION_STATUS[a.status] ?? a.status).toLowerCase()}` +
              (a.effective === null ? '.' : a.effective ? ', có hiệu lực.' : ', chưa có hiệu lực.'),
          }))),
      ...followUp(audit, unit),
      { kind: 'heading', text: audit.previousFindings?.length ? 'V. KẾT LUẬN' : 'IV. KẾT LUẬN' },
      { kind: 'paragraph', text: audit.report ?? '' },
      ...(audit.reportApproval
        ? [
            {
              kind: 'paragraph' as const,
              text:
                `Báo cáo đã được ${audit.reportApproval.approvedByName ?? audit.reportApproval.approvedBy} phê duyệt ` +
                `${vietnameseDate(audit.reportApproval.approvedOn)}.`,
            },
          ]
        : []),
    ],
    recipients: [
      ownLeadership(issuer),
      'Đại diện chất lượng',
      'Các phòng, đơn vị được đánh giá',
      'Lưu: VT, ISO',
    ],
    signature: { lines: ['TRƯỞNG ĐOÀN ĐÁNH GIÁ'], name: audit.leadAuditorName },
  };
}

type Finding = NonNullable<AuditRecord['previousFindings']>[number];
type Step = AuditRecord['steps'][number];

/**
 * Whether a step audits again what a finding of the year before was about: the same unit's process,
 * compared without case or outer spaces, as the plan's form and the audit's page match them.
 */
function auditsAgain(step: Step, finding: Finding): boolean {
  const same = (text: string) => text.trim().toLocaleLowerCase('vi');
  return step.unitCode === finding.unitCode && same(step.process) === same(finding.process);
}

/**
 * A schedule step's "; đánh giá lại phát hiện năm 2023 (không phù hợp nhẹ)": what the year before's
 * audit found in the process it audits again (ISO 9001 9.2.2 a). Nothing for any other step.
 */
function reauditMark(audit: AuditRecord, step: Step): string {
  const found = (audit.previousFindings ?? []).filter((finding) => auditsAgain(step, finding));
  if (found.length === 0) return '';
  const results = [...new Set(found.map((f) => (AUDIT_RESULT[f.result] ?? f.result).toLowerCase()))];
  return `; ${REAUDIT_MARK} ${found[0].year} (${results.join(', ')})`;
}

/**
 * ISO 9001 9.2.2 a, 10.2: each finding of the year before's audit, where its corrective action stands
 * (and that it goes on this year, when that year's close carried it forward), and how this audit found the same unit's process again ({@link auditsAgain}), or that it did not
 * audit it again. No section when the year before found nothing, or qcycle holds no audit of it.
 */
function followUp(audit: AuditRecord, unit: (code: string) => string): OfficialDocument['body'] {
  const findings = audit.previousFindings ?? [];
  if (findings.length === 0) return [];
  return [
    { kind: 'heading', text: `${PREVIOUS_FINDINGS_HEADING} ${findings[0].year}` },
    ...findings.map((f, i) => {
      const again = audit.steps.find((s) => auditsAgain(s, f));
      const action = f.correctiveAction;
      return {
        kind: 'paragraph' as const,
        text:
          `${i + 1}. ${unit(f.unitCode)}: ${f.process} (điều khoản ${f.clause}), ` +
          `${(AUDIT_RESULT[f.result] ?? f.result).toLowerCase()}` +
          (f.finding ? `: ${clause(f.finding)}.` : '.') +
          (f.result === 'observation'
            ? ''
            : ` Hành động khắc phục: ${
                action
                  ? (CORRECTIVE_ACTION_STATUS[action.status] ?? action.status).toLowerCase() +
                    (action.effective === null
                      ? ''
                      : action.effective
                        ? ', có hiệu lực'
                        : ', chưa có hiệu lực') +
                    (action.carriedForward ? `, ${CARRIED_FORWARD_MARK} ${f.year + 1}` : '')
                  : 'chưa có'
              }.`) +
          ` Lần đánh giá này: ${
            !again
              ? 'không đánh giá lại nội dung này'
              : again.result
                ? (AUDIT_RESULT[again.result] ?? again.result).toLowerCase()
                : 'chưa đánh giá'
          }.`,
      };
    }),
  ];
}

export const AUDIT_RESULT: Record<string, string> = {
  conformity: 'Phù hợp',
  observation: 'Điểm lưu ý',
  'minor-nc': 'Không phù hợp nhẹ',
  'major-nc': 'Không phù hợp nặng',
};
/** A corrective action's status as every document and the printable year report say it. */
export const CORRECTIVE_ACTION_STATUS: Record<string, string> = {
  open: 'Mới ghi nhận',
  planned: 'Đang khắc phục',
  closed: 'Đã khắc phục',
  cancelled: 'Đã hủy',
};

/**
 * A member of the audit team as the plan and the report name them: with the internal-auditor
 * certificate the directory has for them (ISO 9001 7.2, their competence; 9.2.2 c, auditors chosen
 * for it), one issued by the document's date. Whoever has none on record is named alone: the
 * document states what is on record.
 */
function teamMember(audit: AuditRecord): (userId: string) => string {
  return (userId) => {
    const name = userId === audit.leadAuditorUserId ? audit.leadAuditorName : (audit.names[userId] ?? userId);
    const held = audit.certificates?.[userId];
    if (!held || held.issuedOn > audit.date) return name;
    const issuer = held.issuedBy ? `${clause(held.issuedBy)} cấp` : 'cấp';
    return `${name} (${clause(held.certificate)}, ${issuer} ${vietnameseDate(held.issuedOn)})`;
  };
}

function requirePlan(audit: AuditRecord): NonNullable<AuditRecord['plan']> {
  if (!audit.plan) throw new Error(`The audit ${audit.id} has no plan yet`);
  return audit.plan;
}

export function unitNames(wording: DecisionWording): (code: string) => string {
  const names = new Map(wording.organisation.units.map((u) => [u.code, u.name.vi]));
  return (code) => names.get(code) ?? code;
}

/**
 * An item of an evidence list as a document says it: a paper record as its text names it, an
 * uploaded file by the name it was uploaded with (`tệp “Biên bản kiểm tra.pdf”`), never its
 * `evidence:<id>`; a file no longer on record by the start of its id, as the web app says it.
 */
export function evidenceItem(item: string, fileNames: Readonly<Record<string, string>>): string {
  const id = evidenceIdOf(item);
  if (!id) return clause(item);
  const name = fileNames[id];
  return name ? `tệp “${name}”` : `tệp minh chứng ${id.slice(0, 8)}`;
}

/** A person's sentence inside ours: without its own closing `.` or `;`. */
export function clause(text: string): string {
  return text.trim().replace(/[.;]+$/u, '');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
