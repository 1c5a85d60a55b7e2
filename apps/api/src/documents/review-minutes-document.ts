import { numericDate, UNIT_PROCESS_FIGURES } from '@qcycle/domain';
import { OBJECTIVE_STATUS } from '../cycles/cycle-report.html';
import { percentText, VERDICT_LABELS, type Verdict } from './objectives-report-document';
import type { ReviewView } from '../cycles/dto/cycle-records.view';
import { AUDIT_RESULT, clause, CORRECTIVE_ACTION_STATUS, unitNames } from './audit-documents';
import { issuerLines, issuerSymbol, type DecisionWording } from './decision-document';
import {
  blankNumberAndSymbol,
  NAME_WRITTEN_BY_HAND,
  ownLeadership,
  placeOfIssue,
  vietnameseDate,
  type DocumentBlock,
  type OfficialDocument,
} from './official-document';

/** The review record (`GET /cycles/{id}/review`) with what it refers to by id, named. */
export interface ReviewRecord {
  /** The review as its record holds it; the minutes are what its evidence names, not a list in them. */
  review: Omit<ReviewView, 'evidence' | 'files' | 'actionFollowUp' | 'signedCopyRecord'>;
  year: number;
  /** The chair's name (the leader who completed the review task), when recorded. */
  chairName: string | null;
  /** The day the review was held, `YYYY-MM-DD` (Vietnam time, the calendar's in a rehearsal). */
  date: string;
  /** The day of an instant the record holds, as the document names days (document-calendar.ts). */
  dateOf(instant: string): string;
  /** The year's objectives (the decision's), to name them by number. */
  objectives: { id: string; number: number }[];
  /** The names of the people the actions name as their owners, by user id. */
  ownerNames: Record<string, string>;
}

/** Who carries out an action that names no owner: the workflow gives it to the owning unit's head. */
export const UNIT_HEAD = 'Trưởng đơn vị chủ trì';

/**
 * What the minutes print for a part the review record does not hold (a review held without its
 * attendees or conclusion, an input nobody entered), instead of inventing it (docs/documents.md).
 */
export const NOT_RECORDED = 'chưa có trong hồ sơ của hệ thống';

/**
 * The minutes of the management review (ISO 9001 9.3): date, chair, attendees, every input of
 * 9.3.2 a–f as the records compiled them, the outputs of 9.3.3 a–c, the conclusion of 9.3.1 and the
 * actions with their owners and due dates. Built from what the review record holds: a part it does
 * not hold is printed as not recorded, never invented.
 *
 * Closed as Decree 30 closes a biên bản (Appendix III): the secretary's signature (`THƯ KÝ`) on the
 * left beside the chair's, then "Nơi nhận". The secretary is who the leader named as taking the
 * minutes (`outputs.secretary`); a review recorded without one leaves the name to be written by
 * hand, as is a chair's the record does not name.
 */
export function reviewMinutesDocument(record: ReviewRecord, wording: DecisionWording): OfficialDocument {
  const { review } = record;
  const issuer = wording.organisation.name.vi;
  const unit = unitNames(wording);
  const inputs = review.inputs ?? {};
  const outputs = review.outputs ?? {};
  const subject = `Cuộc họp xem xét của lãnh đạo về Hệ thống quản lý chất lượng năm ${record.year}`;
  const rawActions = Array.isArray(review.actions) ? (review.actions as Record<string, unknown>[]) : [];
  // The Quality Representative's note on an input compiled from the records (the review's preparation).
  const note = (key: string) => text(object(inputs.notes)[key]);
  const secretary = text(outputs.secretary);
  const body: DocumentBlock[] = [
    { kind: 'heading', text: 'I. THỜI GIAN, THÀNH PHẦN' },
    { kind: 'paragraph', label: 'Thời gian:', text: `${vietnameseDate(record.date)}.` },
    { kind: 'paragraph', label: 'Chủ trì:', text: `${record.chairName ?? NOT_RECORDED}.` },
    // Only when named: the minutes of a review recorded without one stay as they were registered.
    ...(secretary ? [{ kind: 'paragraph' as const, label: 'Thư ký:', text: `${secretary}.` }] : []),
    { kind: 'paragraph', label: 'Thành phần tham dự:', text: `${attendees(outputs) ?? NOT_RECORDED}.` },
    ...(review.minutesRef
      ? [{ kind: 'paragraph' as const, label: 'Số biên bản:', text: `${review.minutesRef}.` }]
      : []),
    { kind: 'heading', text: 'II. ĐẦU VÀO XEM XÉT (điều 9.3.2)' },
    ...prepared(inputs, record.dateOf),
    input(
      'a) Tình trạng của các hành động từ các lần xem xét trước:',
      previous(inputs, unit),
      note('previousActions'),
    ),
    input('b) Thay đổi về các vấn đề bên ngoài và nội bộ liên quan:', text(inputs.changesInIssues)),
    {
      kind: 'paragraph',
      text: 'c) Thông tin về kết quả thực hiện và hiệu lực của Hệ thống quản lý chất lượng:',
    },
    input(
      '1. Sự thỏa mãn của người dân, tổ chức và phản hồi của các bên quan tâm:',
      text(inputs.customerSatisfaction),
    ),
    input(
      '2. Mức độ đạt được các mục tiêu chất lượng:',
      objectives(inputs, record.objectives),
      note('objectiveResults'),
    ),
    input('3. Kết quả thực hiện quá trình:', processPerformance(inputs), note('processPerformance')),
    ...tasksByUnit(inputs, wording),
    input(
      '4. Sự không phù hợp và hành động khắc phục:',
      nonconformities(inputs),
      note('nonconformitiesAndCorrectiveActions'),
    ),
    input('5. Kết quả theo dõi và đo lường:', monitoring(inputs), note('monitoringResults')),
    input('6. Kết quả đánh giá:', audits(inputs), note('auditResults')),
    input('7. Kết quả thực hiện của nhà cung cấp bên ngoài:', text(inputs.externalProviders)),
    input('d) Sự thỏa đáng của các nguồn lực:', text(inputs.resources)),
    input('đ) Hiệu lực của các hành động giải quyết rủi ro và cơ hội:', text(inputs.risksAndOpportunities)),
    // No record collects improvement opportunities before the review (only the Quality
    // Representative's note on them): an empty list is "not recorded", not "none".
    input(
      'e) Các cơ hội cải tiến:',
      nonEmptyList(inputs.improvementOpportunities),
      note('improvementOpportunities'),
    ),
    { kind: 'heading', text: 'III. ĐẦU RA XEM XÉT (điều 9.3.3)' },
    input('a) Cơ hội cải tiến:', list(outputs.improvementOpportunities)),
    input('b) Nhu cầu thay đổi đối với Hệ thống quản lý chất lượng:', list(outputs.qmsChanges)),
    input('c) Nhu cầu về nguồn lực:', list(outputs.resourceNeeds)),
    { kind: 'heading', text: 'IV. KẾT LUẬN (điều 9.3.1)' },
    {
      kind: 'paragraph',
      text: `Kết luận về sự phù hợp, thỏa đáng và hiệu lực của Hệ thống quản lý chất lượng: ${conclusion(outputs) ?? NOT_RECORDED}.`,
    },
    ...qmsJudgement(outputs),
    { kind: 'heading', text: 'V. CÁC HÀNH ĐỘNG' },
    rawActions.length === 0
      ? { kind: 'paragraph', text: 'Không có hành động nào được giao.' }
      : {
          kind: 'table',
          columns: ['STT', 'Nội dung', 'Đơn vị chủ trì', 'Người thực hiện', 'Thời hạn'],
          rows: rawActions.map((a, i) => [
            String(i + 1),
            String(a.title ?? ''),
            unit(String(a.ownerUnitCode ?? '')),
            typeof a.ownerUserId === 'string'
              ? (record.ownerNames[a.ownerUserId] ?? NOT_RECORDED)
              : UNIT_HEAD,
            typeof a.dueDate === 'string' ? numericDate(a.dueDate) : NOT_RECORDED,
          ]),
        },
  ];
  return {
    fileBaseName: `BB-XXLD-${record.year}`,
    properties: { title: `Biên bản ${lowerFirst(subject)}`, subject, author: issuer, date: record.date },
    header: {
      issuingBody: issuerLines(issuer),
      numberAndSymbol: blankNumberAndSymbol('BIÊN BẢN', issuerSymbol(issuer)),
      place: placeOfIssue(issuer),
      date: record.date,
    },
    documentType: 'BIÊN BẢN',
    summary: [subject],
    preamble: [],
    body,
    recipients: [ownLeadership(issuer), 'Các thành viên dự họp', 'Lưu: VT, ISO'],
    signature: { lines: ['CHỦ TRÌ'], name: record.chairName ?? NAME_WRITTEN_BY_HAND },
    coSignature: { lines: ['THƯ KÝ'], name: secretary ?? NAME_WRITTEN_BY_HAND },
  };
}

function input(label: string, value: string | undefined, note?: string): DocumentBlock {
  const noted = note ? `; ghi chú của Đại diện chất lượng: ${clause(note)}` : '';
  return { kind: 'paragraph', label, text: `${value ? clause(value) : NOT_RECORDED}${noted}.` };
}

/**
 * Whether the Quality Representative prepared the inputs the records cannot hold (b, c 1, c 7, d,
 * e) before the review; reviews held before the preparation existed say nothing.
 */
function prepared(inputs: Record<string, unknown>, dateOf: ReviewRecord['dateOf']): DocumentBlock[] {
  const entered = object(inputs.entered);
  if (entered.status === 'entered' && typeof entered.enteredAt === 'string') {
    return [
      {
        kind: 'paragraph',
        text: `Các đầu vào b, c1, c7, d, đ do Đại diện chất lượng chuẩn bị ngày ${numericDate(dateOf(entered.enteredAt))}.`,
      },
    ];
  }
  if (entered.status === 'not-entered') {
    return [
      {
        kind: 'paragraph',
        text: 'Các đầu vào b, c1, c7, d, đ chưa được Đại diện chất lượng chuẩn bị trước cuộc họp.',
      },
    ];
  }
  return [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function nonEmptyList(value: unknown): string | undefined {
  return Array.isArray(value) && value.length > 0 ? list(value) : undefined;
}

function list(value: unknown): string | undefined {
  const items = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return items.length ? items.map(clause).join('; ') : 'không có';
}

/** Who took part, as the leader recorded them with the review (`outputs.attendees`). */
function attendees(outputs: Record<string, unknown>): string | undefined {
  const names = (Array.isArray(outputs.attendees) ? outputs.attendees : [])
    .map(text)
    .filter((name): name is string => name !== undefined);
  return names.length ? names.map(clause).join('; ') : undefined;
}

/** The leader's 9.3.1 conclusion (`outputs.conclusion`): each of the three judgements, then the notes. */
function conclusion(outputs: Record<string, unknown>): string | undefined {
  const c = object(outputs.conclusion);
  if (typeof c.suitable !== 'boolean' || typeof c.adequate !== 'boolean' || typeof c.effective !== 'boolean')
    return undefined;
  const judged = [
    c.suitable ? 'phù hợp' : 'không phù hợp',
    c.adequate ? 'thỏa đáng' : 'không thỏa đáng',
    c.effective ? 'có hiệu lực' : 'không có hiệu lực',
  ].join(', ');
  const notes = text(c.notes);
  return notes ? `${judged}; ${clause(notes)}` : judged;
}

/**
 * The leader's judgement of the objective to maintain and improve the QMS (`outputs.qmsJudgement`),
 * which decides that objective at the close; nothing when the leader left it to the records.
 */
function qmsJudgement(outputs: Record<string, unknown>): DocumentBlock[] {
  const j = object(outputs.qmsJudgement);
  if (typeof j.achieved !== 'boolean') return [];
  const notes = text(j.notes);
  return [
    {
      kind: 'paragraph',
      text: `Đánh giá của lãnh đạo về mục tiêu duy trì, cải tiến Hệ thống quản lý chất lượng: ${j.achieved ? 'đạt' : 'không đạt'}${notes ? `; ${clause(notes)}` : ''}.`,
    },
  ];
}

function object(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** How last year's review actions stood at its close, as their owners reported them. */
const REVIEW_ACTION_STATUS: Record<string, string> = {
  done: 'đã hoàn thành',
  'not-done': 'chưa hoàn thành',
  open: 'chưa báo cáo kết quả',
};

/**
 * Input a): each action of last year's review with how it stood at that year's close, then each of
 * last year's corrective actions still open and carried into this year, with its status.
 */
function previous(inputs: Record<string, unknown>, unit: (code: string) => string): string {
  const items = (value: unknown) =>
    (Array.isArray(object(value).items) ? (object(value).items as unknown[]) : []).map(object);
  const actions = items(inputs.previousActions).map((a) => {
    const due = typeof a.dueDate === 'string' ? `, thời hạn ${numericDate(a.dueDate)}` : '';
    const reported = text(a.note) ? ` (${clause(String(a.note))})` : '';
    const status = REVIEW_ACTION_STATUS[String(a.status)] ?? String(a.status);
    return `${clause(String(a.title ?? ''))} (${unit(String(a.ownerUnitCode ?? ''))}${due}): ${status}${reported}`;
  });
  const corrective = items(inputs.previousCorrectiveActions).map((c) => {
    const statusOf = (value: unknown) =>
      (CORRECTIVE_ACTION_STATUS[String(value)] ?? String(value)).toLowerCase();
    const continued = object(c.continuedAs);
    // Continued this year as an action of its own: where that stands now.
    const now = continued.status === undefined ? '' : `, nay ${statusOf(continued.status)}`;
    return `hành động khắc phục năm trước tại ${unit(String(c.unitCode ?? ''))} (${clause(String(c.finding ?? ''))}): ${statusOf(c.status)}, chuyển sang năm nay${now}`;
  });
  const all = [...actions, ...corrective];
  return all.length ? all.join('; ') : 'không có hành động nào từ lần xem xét trước trong hồ sơ của hệ thống';
}

function objectives(
  inputs: Record<string, unknown>,
  numbers: ReviewRecord['objectives'],
): string | undefined {
  const name = (id: unknown) => {
    const number = numbers.find((o) => o.id === id)?.number;
    return number === undefined ? String(id) : `Mục tiêu ${number}`;
  };
  const results = Array.isArray(inputs.objectiveResults)
    ? (inputs.objectiveResults as Record<string, unknown>[])
    : [];
  if (results.length) {
    const achieved = results.filter((r) => r.status === 'achieved').length;
    // Each objective's standing too: before the year's end most are on track, not yet achieved.
    const each = results
      .map(
        (r) =>
          `${name(r.objectiveId)}: ${r.judgedAtReview ? 'do lãnh đạo đánh giá tại cuộc họp' : lowerFirst(OBJECTIVE_STATUS[String(r.status)] ?? String(r.status))}${trend(r.earlierYears)}`,
      )
      .join('; ');
    return `${achieved}/${results.length} mục tiêu đạt tại thời điểm xem xét (${each})`;
  }
  const reported = Array.isArray(inputs.objectives) ? (inputs.objectives as Record<string, unknown>[]) : [];
  if (!reported.length) return undefined;
  return reported
    .map(
      (o) =>
        `${name(o.objectiveId)}: ${Number(o.periodsReported ?? 0)} kỳ đã báo cáo, ${Number(o.lateReports ?? 0)} kỳ nộp muộn`,
    )
    .join('; ');
}

/** ISO 9.3.2 c's trend: how the same objective ended earlier years, e.g. ` (năm 2024: không đạt)`. */
function trend(earlierYears: unknown): string {
  if (!Array.isArray(earlierYears) || earlierYears.length === 0) return '';
  const years = (earlierYears as { year: number; result: Verdict }[]).map(
    (earlier) =>
      `năm ${earlier.year}: ${lowerFirst(VERDICT_LABELS[earlier.result] ?? String(earlier.result))}`,
  );
  return ` (${years.join(', ')})`;
}

function processPerformance(inputs: Record<string, unknown>): string | undefined {
  const p = object(inputs.processPerformance);
  if (!('tasksCompleted' in p)) return undefined;
  return (
    `${Number(p.tasksCompleted)} nhiệm vụ hoàn thành, trong đó ${Number(p.tasksCompletedLate)} nhiệm vụ trễ hạn; ` +
    `${Number(p.tasksEscalated)} nhiệm vụ phải nhắc lên cấp trên` +
    trendOf(
      p,
      (y) =>
        `${Number(y.tasksCompleted)} hoàn thành, ${Number(y.tasksCompletedLate)} trễ hạn, ${Number(y.tasksEscalated)} phải nhắc lên cấp trên`,
    )
  );
}

/** Whose the tasks that are no unit's work are (libs/domain `processPerformanceByUnit`). */
export const NO_UNIT = 'Lãnh đạo, Đại diện chất lượng và chuyên gia đánh giá';

/**
 * Input c 3) by unit, as a table under it: each unit's tasks given, done, done late, escalated and
 * urged, in the order the organisation lists its units, then the tasks that are no unit's work (the
 * leaders', the Quality Representative's, the auditors'). A review compiled
 * before the engine counted them by unit (no `processPerformanceByUnit`) has no table, so its
 * minutes stay the document they were.
 */
function tasksByUnit(inputs: Record<string, unknown>, wording: DecisionWording): DocumentBlock[] {
  const rows = Array.isArray(inputs.processPerformanceByUnit)
    ? inputs.processPerformanceByUnit.map(object)
    : [];
  if (rows.length === 0) return [];
  const name = unitNames(wording);
  const listed = wording.organisation.units.map((unit) => unit.code);
  const place = (code: unknown) =>
    typeof code !== 'string' ? Infinity : listed.includes(code) ? listed.indexOf(code) : listed.length;
  const ordered = [...rows].sort(
    (a, b) => place(a.unitCode) - place(b.unitCode) || String(a.unitCode).localeCompare(String(b.unitCode)),
  );
  return [
    { kind: 'paragraph', text: 'Kết quả thực hiện nhiệm vụ theo từng đơn vị:' },
    {
      kind: 'table',
      columns: [
        'STT',
        'Đơn vị',
        'Việc được giao',
        'Đã hoàn thành',
        'Hoàn thành trễ hạn',
        'Tỷ lệ hoàn thành đúng hạn',
        'Phải nhắc lên cấp trên',
        'Phải đôn đốc',
      ],
      rows: ordered.map((row, index) => {
        const count = (figure: (typeof UNIT_PROCESS_FIGURES)[number]) => Number(row[figure] ?? 0);
        const [done, late] = [count('tasksCompleted'), count('tasksCompletedLate')];
        // The share done on time of those done, as a report says it of a unit; "-" before any is done.
        const onTime = done === 0 ? '-' : percentText(Math.round(((done - late) * 10000) / done) / 100);
        return [
          String(index + 1),
          typeof row.unitCode === 'string' ? name(row.unitCode) : NO_UNIT,
          ...[count('tasksGiven'), done, late].map(String),
          onTime,
          ...[count('tasksEscalated'), count('tasksUrged')].map(String),
        ];
      }),
    },
  ];
}

function nonconformities(inputs: Record<string, unknown>): string | undefined {
  const n = object(inputs.nonconformitiesAndCorrectiveActions);
  if (!('total' in n)) return undefined;
  return (
    `${Number(n.total)} điểm không phù hợp; ${Number(n.closed)} đã khắc phục, ${Number(n.open)} đang khắc phục` +
    trendOf(n, (y) => `${Number(y.total)} điểm không phù hợp, ${Number(y.closed)} đã khắc phục`)
  );
}

function monitoring(inputs: Record<string, unknown>): string | undefined {
  const m = object(inputs.monitoringResults);
  return 'measurements' in m ? `${Number(m.measurements)} số liệu đã báo cáo trong năm` : undefined;
}

function audits(inputs: Record<string, unknown>): string | undefined {
  const a = object(inputs.auditResults);
  if (!('audits' in a)) return undefined;
  return (
    `${Number(a.audits)} cuộc đánh giá nội bộ, ${Number(a.closed)} đã kết thúc` +
    trendOf(a, (y) => `${Number(y.audits)} cuộc đánh giá${stepResults(y.steps)}`)
  );
}

/** What an audit's steps found, by result, most serious first: `, 2 không phù hợp nhẹ, 5 phù hợp`. */
function stepResults(steps: unknown): string {
  if (!Array.isArray(steps)) return '';
  const counts = new Map(
    (steps as { result: unknown; count: unknown }[]).map((s) => [s.result, Number(s.count)]),
  );
  return ['major-nc', 'minor-nc', 'observation', 'conformity']
    .filter((result) => (counts.get(result) ?? 0) > 0)
    .map((result) => `, ${counts.get(result)} ${lowerFirst(AUDIT_RESULT[result])}`)
    .join('');
}

/**
 * ISO 9.3.2 c's trend of a figure the review counts (c 3, 4, 6): the same figures of the earlier
 * years, latest first, e.g. ` (năm 2023: 2 điểm không phù hợp, 1 đã khắc phục)`.
 */
function trendOf(section: Record<string, unknown>, say: (year: Record<string, unknown>) => string): string {
  const earlier = section.earlierYears;
  if (!Array.isArray(earlier) || earlier.length === 0) return '';
  return ` (${earlier.map((year) => `năm ${Number(object(year).year)}: ${say(object(year))}`).join('; ')})`;
}

function lowerFirst(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}
