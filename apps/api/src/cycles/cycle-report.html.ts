import { escapeHtml, FREQUENCY_LABELS, instantToVnLocal, type MeasurementFrequency } from '@qcycle/domain';
import { AUDIT_RESULT, CORRECTIVE_ACTION_STATUS } from '../documents/audit-documents';
import { periodLabel } from '../documents/objectives-report-document';
import type { AuditStepView, CorrectiveActionView } from './dto/cycle-records.view';
import type {
  CycleReportView,
  ReportAuditView,
  ReportFigureView,
  ReportIndicatorView,
  ReportObjectiveView,
  ReportReviewView,
  ReviewActionView,
} from './dto/cycle-report.view';

/** What a section the year has not reached yet says. */
export const NOT_YET_DONE = 'Chưa thực hiện';

/** An objective's (or indicator's) status in words, as the printed year report says it. */
export const OBJECTIVE_STATUS: Record<string, string> = {
  'not-measured': 'Chưa có số liệu',
  'on-track': 'Đúng tiến độ',
  'at-risk': 'Có nguy cơ không đạt',
  achieved: 'Đạt',
  missed: 'Không đạt',
};
const CYCLE_STATUS: Record<string, string> = {
  running: 'Đang thực hiện',
  closed: 'Đã kết thúc',
  cancelled: 'Đã hủy',
};
const CYCLE_PHASE: Record<string, string> = {
  'objectives-approval': 'Phê duyệt mục tiêu',
  assignment: 'Giao mục tiêu',
  monitoring: 'Theo dõi, đo lường',
  'internal-audit': 'Đánh giá nội bộ',
  'management-review': 'Xem xét của lãnh đạo',
  closing: 'Tổng kết năm',
};
const AUDIT_STATUS: Record<string, string> = {
  planning: 'Đang lập kế hoạch',
  'in-progress': 'Đang thực hiện',
  closed: 'Đã kết thúc',
  'not-closed': 'Không kết thúc đúng hạn',
  cancelled: 'Đã hủy',
};
const REVIEW_STATUS: Record<string, string> = {
  waiting: 'Chưa họp',
  held: 'Đã họp',
  'not-held': 'Không họp đúng hạn',
};

/**
 * The year's report as a printable Vietnamese page (A4, no script, no outside resource). Every word
 * that came from a person or a record goes through {@link escapeHtml}.
 */
export function renderCycleReportHtml(
  report: CycleReportView,
  unitNames: Record<string, string> = {},
  /** Who entered a decision signed on paper (`decision.enteredBy`), by name. */
  enteredByName?: string,
): string {
  // Units by their name where the directory has them, else by code.
  const unit: UnitName = (code) => text(code ? (unitNames[code] ?? code) : '');
  const title = `Báo cáo kết quả thực hiện mục tiêu chất lượng năm ${report.year}`;
  const d = report.decision;
  return [
    '<!doctype html>',
    '<html lang="vi"><head><meta charset="utf-8">',
    `<title>${text(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<h1>${text(title)}</h1>`,
    `<p class="lead">Thực hiện Quyết định số ${text(d.documentNumber)} ngày ${date(d.signingDate)} ` +
      // Signed on paper and entered by someone else (enteredBy): who entered it, as the page says.
      `(${text(d.signerTitle)} ${text(d.signerName)} ký${d.enteredBy ? ` trên giấy${enteredByName ? `, ${text(enteredByName)} ghi nhận` : ''}` : ''}, hiệu lực từ ${date(d.effectiveDate)}).</p>`,
    `<p>Tình trạng chu trình: <strong>${label(CYCLE_STATUS, report.status)}</strong>` +
      (report.phase ? ` — giai đoạn: ${label(CYCLE_PHASE, report.phase)}` : '') +
      '.</p>',
    '<h2>I. Kết quả thực hiện các mục tiêu chất lượng</h2>',
    ...report.objectives.map((objective) => objectiveSection(objective, unit)),
    '<h2>II. Đánh giá nội bộ</h2>',
    report.audit ? auditSection(report.audit, report.year, unit) : notYet(),
    '<h2>III. Xem xét của lãnh đạo</h2>',
    report.review ? reviewSection(report.review, report.year, unit) : notYet(),
    '</body></html>',
  ].join('\n');
}

/** A unit's name, escaped, by its code. */
type UnitName = (code: string | null) => string;

function objectiveSection(objective: ReportObjectiveView, unit: UnitName): string {
  const frequency = FREQUENCY_LABELS[objective.frequency as MeasurementFrequency]?.vi ?? objective.frequency;
  const statusWord = objective.final ? 'Kết quả năm' : 'Tình trạng hiện tại';
  return [
    `<h3>Mục tiêu ${objective.number}. ${text(objective.title.vi)}</h3>`,
    `<p>Tần suất đo: ${text(frequency)}` +
      (objective.unitCode ? `; đơn vị thực hiện: ${unit(objective.unitCode)}` : '') +
      (objective.assigneeName ? `; người báo cáo: ${text(objective.assigneeName)}` : '') +
      `. ${statusWord}: <strong class="status-${text(objective.status)}">${label(OBJECTIVE_STATUS, objective.status)}</strong>.</p>`,
    '<table><thead><tr><th>Chỉ số</th><th>Chỉ tiêu</th><th>Kỳ đã báo cáo</th><th>Báo cáo trễ hạn</th>' +
      '<th>Số liệu theo kỳ</th><th>Kết quả</th></tr></thead><tbody>',
    ...objective.indicators.map(indicatorRow),
    '</tbody></table>',
  ].join('\n');
}

function indicatorRow(indicator: ReportIndicatorView): string {
  const periods = indicator.measuredByEngine
    ? 'Hệ thống tự đánh giá'
    : `${indicator.reportedPeriods}/${indicator.expectedPeriods}`;
  const figures = indicator.figures.length ? indicator.figures.map(figure).join('<br>') : '—';
  return (
    `<tr><td>${text(indicator.label.vi)}</td><td>${text(indicator.targetText ?? 'Đánh giá theo tiêu chí')}</td>` +
    `<td class="num">${periods}</td><td class="num">${indicator.lateReports}</td>` +
    `<td>${figures}</td><td>${indicator.result ? label(OBJECTIVE_STATUS, indicator.result) : '—'}</td></tr>`
  );
}

function figure(f: ReportFigureView): string {
  let shown: string;
  if (f.numerator !== null && f.denominator !== null) {
    // Objective 4 counts the dossiers pending overdue among the cases (docs/objectives.md).
    const cases = f.denominator + (f.pendingOverdue ?? 0);
    const overdue = f.pendingOverdue ? ` + ${f.pendingOverdue} quá hạn đang giải quyết` : '';
    shown = `${f.numerator}/${f.denominator}${overdue}${cases > 0 ? ` (${percent(f.numerator / cases)})` : ''}`;
  } else if (f.value !== null) shown = String(f.value);
  else if (f.achieved !== null) shown = f.achieved ? 'Đạt' : 'Không đạt';
  else shown = '—';
  return (
    `${text(periodLabel(f.periodKey))}: ${text(shown)}${f.late ? ' <em>(trễ hạn)</em>' : ''}` +
    // Not the figure as reported: the objectives report (PDF, DOCX) says what was and why.
    (f.corrected ? ` <em>(đã điều chỉnh ngày ${instant(f.corrected.lastAt)})</em>` : '')
  );
}

function auditSection(audit: ReportAuditView, year: number, unit: UnitName): string {
  return [
    `<p>Tình trạng: <strong>${label(AUDIT_STATUS, audit.status)}</strong>` +
      (audit.from && audit.to ? `; thời gian: từ ${date(audit.from)} đến ${date(audit.to)}` : '') +
      (audit.scope ? `; phạm vi: ${text(audit.scope)}` : '') +
      (audit.closedAt ? `; kết thúc ngày ${instant(audit.closedAt)}` : '') +
      '.</p>',
    '<h3>Kết quả đánh giá theo từng nội dung</h3>',
    audit.steps.length
      ? '<table><thead><tr><th>Đơn vị</th><th>Quá trình</th><th>Điều khoản</th><th>Kết quả</th><th>Phát hiện</th></tr></thead><tbody>' +
        audit.steps.map((step) => stepRow(step, unit)).join('\n') +
        '</tbody></table>'
      : '<p>Chưa có nội dung đánh giá.</p>',
    '<h3>Điểm không phù hợp và hành động khắc phục</h3>',
    audit.nonconformities.length
      ? '<table><thead><tr><th>Đơn vị</th><th>Mức độ</th><th>Phát hiện</th><th>Hành động khắc phục</th>' +
        '<th>Hạn</th><th>Tình trạng</th></tr></thead><tbody>' +
        audit.nonconformities.map((action) => actionRow(action, year, unit)).join('\n') +
        '</tbody></table>'
      : '<p>Không có điểm không phù hợp.</p>',
    '<h3>Báo cáo đánh giá</h3>',
    audit.report ? paragraphs(audit.report) : `<p>${NOT_YET_DONE}</p>`,
  ].join('\n');
}

function stepRow(step: AuditStepView, unit: UnitName): string {
  return (
    `<tr><td>${unit(step.unitCode)}</td><td>${text(step.process)}</td><td>${text(step.clause)}</td>` +
    `<td>${step.result ? label(AUDIT_RESULT, step.result) : 'Chưa đánh giá'}</td><td>${text(step.finding ?? '')}</td></tr>`
  );
}

function actionRow(action: CorrectiveActionView, year: number, unit: UnitName): string {
  // The verifier's finding, in their words: what a reader of the report would ask next.
  const finding = action.verificationNotes ? `: ${text(action.verificationNotes)}` : '';
  const effectiveness =
    action.effective === null
      ? ''
      : action.effective
        ? ` (có hiệu lực${finding})`
        : ` (chưa có hiệu lực${finding})`;
  // Unfinished at the close, it goes on in next year's cycle: not left where it stood.
  const carried = action.carriedForward ? `, chuyển sang năm ${year + 1}` : '';
  return (
    `<tr><td>${unit(action.unitCode)}</td><td>${label(AUDIT_RESULT, action.severity)}</td>` +
    `<td>${text(action.finding)}</td><td>${text(action.action ?? '')}</td>` +
    `<td>${action.dueDate ? date(action.dueDate) : ''}</td>` +
    `<td>${label(CORRECTIVE_ACTION_STATUS, action.status)}${effectiveness}${carried}</td></tr>`
  );
}

function reviewSection(review: ReportReviewView, year: number, unit: UnitName): string {
  const list = (items: string[]) =>
    items.length ? `<ul>${items.map((i) => `<li>${text(i)}</li>`).join('')}</ul>` : '<p>Không có.</p>';
  return [
    `<p>Tình trạng: <strong>${label(REVIEW_STATUS, review.status)}</strong>` +
      // The day on the minutes when they give it; else when they were entered.
      (review.heldOn
        ? `; họp ngày ${date(review.heldOn)}`
        : review.heldAt
          ? `; họp ngày ${instant(review.heldAt)}`
          : '') +
      (review.minutesRef ? `; biên bản số ${text(review.minutesRef)}` : '') +
      '.</p>',
    ...(review.outputs
      ? [
          '<h3>Cơ hội cải tiến</h3>',
          list(review.outputs.improvementOpportunities),
          '<h3>Thay đổi hệ thống quản lý chất lượng</h3>',
          list(review.outputs.qmsChanges),
          '<h3>Nhu cầu về nguồn lực</h3>',
          list(review.outputs.resourceNeeds),
        ]
      : []),
    '<h3>Hành động sau xem xét</h3>',
    review.actions.length
      ? '<table><thead><tr><th>Hành động</th><th>Đơn vị chủ trì</th><th>Hạn</th><th>Kết quả thực hiện</th></tr></thead><tbody>' +
        review.actions
          .map(
            (a) =>
              `<tr><td>${text(a.title)}</td><td>${unit(a.ownerUnitCode)}</td><td>${date(a.dueDate)}</td>` +
              `<td>${reviewActionResult(a, year)}</td></tr>`,
          )
          .join('\n') +
        '</tbody></table>'
      : `<p>${review.status === 'held' ? 'Không có.' : NOT_YET_DONE}</p>`,
  ].join('\n');
}

/** How a review action went, as its owner reported it; one the close carried on says where it goes. */
function reviewActionResult(action: ReviewActionView, year: number): string {
  const result = action.status === null ? '' : REVIEW_ACTION_STATUS[action.status];
  const carried = action.carriedForward ? `chuyển sang năm ${year + 1}` : '';
  return text([result, carried].filter(Boolean).join(', '));
}

const REVIEW_ACTION_STATUS: Record<NonNullable<ReviewActionView['status']>, string> = {
  open: 'Chưa báo cáo',
  done: 'Đã xong',
  'not-done': 'Chưa xong',
};

function notYet(): string {
  return `<p class="not-yet">${NOT_YET_DONE}</p>`;
}

const text = escapeHtml;

function label(words: Record<string, string>, code: string | null): string {
  if (code === null) return 'Chưa ghi nhận';
  return text(words[code] ?? code);
}

function paragraphs(body: string): string {
  return body
    .split(/\n{2,}/)
    .map((p) => `<p>${text(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** `2024-01-05` → `05/01/2024`; anything else is shown as it is. */
function date(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return text(match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate);
}

/** An instant in Vietnam time, `16/12/2024 09:00`. */
function instant(at: string): string {
  const { date: day, time } = instantToVnLocal(at);
  return `${date(day)} ${text(time)}`;
}

/** 0.855 → `85,5%`: Vietnamese writes the decimal comma. */
function percent(ratio: number): string {
  return `${(Math.round(ratio * 1000) / 10).toString().replace('.', ',')}%`;
}

const STYLE = [
  'body{font-family:"Times New Roman",serif;font-size:13pt;line-height:1.4;max-width:190mm;margin:12mm auto;color:#000}',
  'h1{font-size:15pt;text-align:center;text-transform:uppercase}',
  'h2{font-size:14pt;margin-top:18pt}',
  'h3{font-size:13pt}',
  'table{border-collapse:collapse;width:100%;margin:6pt 0}',
  'th,td{border:1px solid #000;padding:3pt 5pt;vertical-align:top;text-align:left}',
  'td.num{text-align:center}',
  '.lead{text-align:center;font-style:italic}',
  '.not-yet{font-style:italic}',
  '@media print{body{margin:0}h2,h3{page-break-after:avoid}tr{page-break-inside:avoid}}',
].join('');
