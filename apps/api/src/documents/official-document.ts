/**
 * One model of an official document of a state administrative body, laid out as Decree
 * 30/2020/NĐ-CP (Appendix I) prescribes. The HTML (printed to PDF) and the DOCX renderers both read
 * only this model, so the two formats cannot say different things.
 */
export interface OfficialDocument {
  /** e.g. `QD-123-UBND-2024`: the download name without extension (ASCII, see {@link safeFileBaseName}). */
  fileBaseName: string;
  /** Document properties (DOCX core properties, PDF title). Fixed by the record: no clock. */
  properties: { title: string; subject: string; author: string; date: string };
  header: {
    /** The body above the issuer, when there is one (e.g. `UBND TỈNH KON TUM` above a department). */
    parentBody?: string;
    /** Its lines, upper case, bold: `['ỦY BAN NHÂN DÂN', 'TỈNH KON TUM']`. */
    issuingBody: string[];
    /** Number and symbol, e.g. `123/QĐ-UBND`; printed `Số: 123/QĐ-UBND`. None on an attachment. */
    numberAndSymbol?: string;
    /**
     * Place name, e.g. `Kon Tum` ({@link placeOfIssue}). None on an attachment: the document it is
     * issued with dates it ({@link attachedTo}), and it prints no place and date line of its own.
     */
    place?: string;
    /** The signing date `YYYY-MM-DD`; printed "Kon Tum, ngày 15 tháng 01 năm 2024" with the place. */
    date: string;
    /**
     * A draft awaiting its signature: the day and month left blank for the signer to write by hand
     * ("Kon Tum, ngày      tháng      năm 2025", the year of `date`), and its page mark a plain "DỰ THẢO".
     */
    undated?: boolean;
  };
  /** The document type, upper case: `QUYẾT ĐỊNH`, `KẾ HOẠCH`. */
  documentType: string;
  /** The summary line(s) under the type ("trích yếu"), bold. */
  summary: string[];
  /** A line under the summary in brackets, e.g. "(Kèm theo Quyết định số …)", italic. */
  attachedTo?: string;
  /**
   * Whom a report is sent to: "Kính gửi: Sở Khoa học và Công nghệ." on one line, centred under the
   * summary's rule (Decree 30, Appendix I), {@link addresseeLine}. "Nơi nhận" then begins "- Như
   * trên;" ({@link AS_ADDRESSED}).
   */
  addressee?: string;
  /** The authority that decides, on its own line (`ỦY BAN NHÂN DÂN TỈNH KON TUM`) before the bases. */
  authority?: string;
  /** "Căn cứ …;" paragraphs and "Theo đề nghị của …", italic, verbatim. */
  preamble: string[];
  /** `QUYẾT ĐỊNH:` between the preamble and the articles, bold and centred. */
  enactingWords?: string;
  body: DocumentBlock[];
  /** "Nơi nhận" items without list punctuation; rendered "- item;" and the last "- item.". */
  recipients?: string[];
  signature?: Signature;
  /**
   * A second signature, on the left beside {@link signature}: a biên bản's secretary (`THƯ KÝ`)
   * beside its chair (Decree 30, Appendix III). "Nơi nhận" then goes under both.
   */
  coSignature?: Signature;
  /** A rehearsal's document, not the organisation's: marked on every page ({@link asRehearsal}). */
  rehearsal?: boolean;
  /** A draft, not an issued document: marked on every page with the day of its figures ({@link asDraft}). */
  draft?: boolean;
}

export interface Signature {
  /** The lines above the name: `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`, `PHÓ CHỦ TỊCH`. */
  lines: string[];
  /** The signer's name, or {@link NAME_WRITTEN_BY_HAND}. */
  name: string;
}

/**
 * The name line of a signer the records do not name: a dotted line, for the name to be written by
 * hand when the document is signed, as clerks leave it.
 */
export const NAME_WRITTEN_BY_HAND = '.'.repeat(30);

/** A block of the body: an article ("Điều 1."), a heading ("I. …"), a paragraph, a list. */
export type DocumentBlock =
  | { kind: 'article'; label: string; text: string; items?: string[] }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; label?: string }
  | { kind: 'list'; items: string[] }
  /** A ruled table: a header row, then the rows, every cell text. */
  | { kind: 'table'; columns: string[]; rows: string[][] }
  /** A figure: an indicator's values against its target ({@link IndicatorChart}), titled. */
  | { kind: 'chart'; id: string; chart: IndicatorChart };

/**
 * An indicator's figures, period by period, against its target: drawn as an SVG line chart in the
 * HTML (so into the PDF) and embedded as a PNG of the same SVG in the DOCX.
 */
export interface IndicatorChart {
  /** The caption under the figure, e.g. "Biểu đồ 1. Tỷ lệ hồ sơ …". */
  title: string;
  /** The unit of the values and the target (`%`, or empty for a count). */
  unit: string;
  /** The target line, e.g. `{ value: 80, text: 'trên 80%' }`. */
  target: { value: number; text: string };
  /** One point per period, in order; `null` where no figure was reported (or 0 cases). */
  points: { label: string; value: number | null }[];
}

/**
 * "ngày 05 tháng 3 năm 2014": Decree 30 writes days below 10 and the months 1 and 2 with a leading
 * zero (so "tháng 01", "tháng 02" but "tháng 3").
 */
export function vietnameseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`Not a calendar date: ${isoDate}`);
  const [, year, month, day] = match;
  const monthNumber = Number(month);
  const monthText = monthNumber <= 2 ? month : String(monthNumber);
  return `ngày ${day} tháng ${monthText} năm ${year}`;
}

/** The place and date line: "Kon Tum, ngày 15 tháng 01 năm 2024"; null on an attachment (no place). */
export function placeAndDate(header: OfficialDocument['header']): string | null {
  if (header.place === undefined) return null;
  if (header.undated) return `${header.place}, ${blankVietnameseDate(header.date)}`;
  return `${header.place}, ${vietnameseDate(header.date)}`;
}

/** The room left on a draft's date line for the day and the month, written by hand when signed. */
const BLANK_DAY = '\u00a0'.repeat(6);

/** "ngày      tháng      năm 2025": a date whose day and month the signer writes (`isoDate` gives the year). */
export function blankVietnameseDate(isoDate: string): string {
  return `ngày ${BLANK_DAY} tháng ${BLANK_DAY} năm ${isoDate.slice(0, 4)}`;
}

/**
 * The administrative unit a body's name ends with (`Ủy ban nhân dân xã Ngọc Bay` → `xã`, `Ngọc Bay`):
 * the province or centrally-run city, the district, town or provincial city (before July 2025), the
 * commune, ward, township or special zone. Null for a body not named by its unit ("Văn phòng Chính phủ").
 */
function administrativeUnit(issuer: string): { level: string; name: string } | null {
  const match = /(?:^|\s)(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+(.+)$/iu.exec(
    issuer,
  );
  return match ? { level: match[1].toLowerCase(), name: match[2] } : null;
}

/**
 * Decree 30 (Appendix I) dates a local body's documents with its unit's name: the province's for a
 * province (`Ủy ban nhân dân tỉnh Kon Tum` → `Kon Tum`), the district's, town's or city's for a
 * district, the commune's, ward's or township's for a commune (`Ủy ban nhân dân xã Ngọc Bay` →
 * `Ngọc Bay`); a unit named by a number keeps its kind (`Ủy ban nhân dân phường 3` → `Phường 3`).
 * A body named otherwise: its whole name.
 */
export function placeOfIssue(issuer: string): string {
  const unit = administrativeUnit(issuer);
  if (!unit) return issuer;
  return /^\d/.test(unit.name)
    ? `${unit.level.charAt(0).toUpperCase()}${unit.level.slice(1)} ${unit.name}`
    : unit.name;
}

/**
 * The place as templates wrote it before the districts and communes were read
 * ({@link beforeAdministrativeUnits}): a province's or city's name, else the whole name.
 */
function placeBeforeAdministrativeUnits(issuer: string): string {
  const match = /(?:tỉnh|thành phố)\s+(.+)$/u.exec(issuer);
  return match ? match[1] : issuer;
}

/**
 * "Nơi nhận"'s line for the body's own leaders: `Lãnh đạo UBND tỉnh`, `Lãnh đạo UBND xã`, by the
 * people's committee's level; `Lãnh đạo cơ quan` for a body that is not one.
 */
export function ownLeadership(issuer: string): string {
  const unit = /^(ủy|uỷ) ban nhân dân\b/iu.test(issuer) ? administrativeUnit(issuer) : null;
  return unit ? `Lãnh đạo UBND ${unit.level}` : 'Lãnh đạo cơ quan';
}

/** What {@link ownLeadership} was before it read the body's level. */
const LEADERSHIP_BEFORE_ADMINISTRATIVE_UNITS = 'Lãnh đạo UBND tỉnh';

/**
 * The first of "Nơi nhận" of a document addressed to someone ("Kính gửi: …"): "- Như trên;", the
 * addressee named above (Decree 30, Appendix I).
 */
export const AS_ADDRESSED = 'Như trên';

/** The line a document's {@link OfficialDocument.addressee} prints: "Kính gửi: Sở Khoa học và Công nghệ.". */
export function addresseeLine(addressee: string): string {
  return `Kính gửi: ${addressee}.`;
}

/** "- Như Điều 4;" … "- Lưu: VT, ISO." */
export function recipientLines(recipients: string[]): string[] {
  return recipients.map((item, i) => `- ${item}${i === recipients.length - 1 ? '.' : ';'}`);
}

/**
 * A file name every browser and mail client keeps: Vietnamese letters folded to ASCII (Đ → D), any
 * other run of characters to one dash. `123/QĐ-UBND` of 2024 → `QD-123-UBND-2024`.
 */
export function safeFileBaseName(text: string): string {
  return text
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `123/QĐ-UBND` of 2024 → `QD-123-UBND-2024` (type symbol first, as offices name their files). */
export function documentFileBaseName(numberAndSymbol: string, year: number): string {
  const match = /^(\d+)\/([^-]+)-(.+)$/.exec(numberAndSymbol);
  const ordered = match ? `${match[2]}-${match[1]}-${match[3]}` : numberAndSymbol;
  return safeFileBaseName(`${ordered}-${year}`);
}

/**
 * The abbreviations of the document types qcycle issues (Decree 30/2020/NĐ-CP, Appendix III): the
 * first part of a symbol, `123/QĐ-UBND`. A form of the QMS (`PHIẾU` báo cáo sự không phù hợp) is a
 * record, not one of the decree's types, and carries no number.
 */
export const DOCUMENT_TYPE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  'QUYẾT ĐỊNH': 'QĐ',
  'KẾ HOẠCH': 'KH',
  'BÁO CÁO': 'BC',
  'BIÊN BẢN': 'BB',
};

/** The number left for the clerical office (văn thư) to write by hand when it registers and sends the document. */
export const BLANK_NUMBER = '\u00a0'.repeat(8);

/**
 * "Số:         /BC-UBND": the number and symbol of a document the clerical office numbers when it
 * sends it (qcycle holds no number for it), from the type's abbreviation and the issuer's.
 */
export function blankNumberAndSymbol(documentType: string, issuerSymbol: string): string {
  const abbreviation = DOCUMENT_TYPE_ABBREVIATIONS[documentType];
  if (!abbreviation) throw new Error(`No Decree 30 abbreviation for the document type ${documentType}`);
  return `${BLANK_NUMBER}/${abbreviation}-${issuerSymbol}`;
}

/**
 * The types that gained their blank "Số:" line with the Decree 30 review (docs/documents.md
 * "Thể thức"): before it, the reports, the audit plan and the minutes were printed without one.
 */
const BLANK_NUMBER_SINCE_DECREE_30_REVIEW = new Set(['BÁO CÁO', 'KẾ HOẠCH', 'BIÊN BẢN']);

/** Before the Decree 30 review: no blank "Số:" line on the reports, the audit plan and the minutes. */
function beforeBlankNumber(document: OfficialDocument): OfficialDocument | null {
  const { numberAndSymbol, ...header } = document.header;
  if (
    numberAndSymbol?.startsWith(BLANK_NUMBER) &&
    BLANK_NUMBER_SINCE_DECREE_30_REVIEW.has(document.documentType)
  )
    return { ...document, header };
  return null;
}

/**
 * A document's number and symbol, as a table cites it: `123/QĐ-UBND`, `16/BC-UBND`, its symbol in
 * capitals (a period `2/2024` or a date is not one).
 */
export function isNumberAndSymbol(text: string): boolean {
  return /^\d+\/\p{Lu}+(?:-\p{Lu}+)*$/u.test(text);
}

/** The heading of the audit report's follow-up of the year before's findings, the year after it. */
export const PREVIOUS_FINDINGS_HEADING = 'IV. THEO DÕI CÁC PHÁT HIỆN CỦA LẦN ĐÁNH GIÁ NĂM';

/**
 * Before the internal audit report followed up the year before's findings (audit-documents.ts): no
 * section IV of them, the conclusion section IV. A report registered before keeps its version.
 */
function beforePreviousFindings(document: OfficialDocument): OfficialDocument | null {
  const section = previousFindingsSection(document);
  if (!section) return null;
  const body = [...document.body.slice(0, section.start), ...document.body.slice(section.end)];
  return {
    ...document,
    body: body.map((item) =>
      item.kind === 'heading' && item.text === 'V. KẾT LUẬN' ? { ...item, text: 'IV. KẾT LUẬN' } : item,
    ),
  };
}

/** Where the audit report's follow-up is in its body: its heading, and the next heading (or the end). */
function previousFindingsSection(document: OfficialDocument): { start: number; end: number } | null {
  const start = document.body.findIndex(
    (item) => item.kind === 'heading' && item.text.startsWith(PREVIOUS_FINDINGS_HEADING),
  );
  if (start < 0) return null;
  const next = document.body.findIndex((item, i) => i > start && item.kind === 'heading');
  return { start, end: next < 0 ? document.body.length : next };
}

/**
 * How the audit report's follow-up says that a corrective action of the year before goes on this
 * year: ", chuyển sang năm 2024", after where it stood.
 */
export const CARRIED_FORWARD_MARK = 'chuyển sang năm';

/**
 * Before the audit report's follow-up said which of the year before's corrective actions that
 * year's close carried into this one: "Hành động khắc phục: đang khắc phục." without ", chuyển sang
 * năm 2024". A report registered before keeps its version.
 */
function beforeCarriedForward(document: OfficialDocument): OfficialDocument | null {
  const section = previousFindingsSection(document);
  if (!section) return null;
  const mark = new RegExp(`(Hành động khắc phục: [^.]*), ${CARRIED_FORWARD_MARK} \\d{4}\\.`, 'u');
  let changed = false;
  const body = document.body.map((item, i) => {
    if (i <= section.start || i >= section.end || item.kind !== 'paragraph' || !mark.test(item.text))
      return item;
    changed = true;
    return { ...item, text: item.text.replace(mark, '$1.') };
  });
  return changed ? { ...document, body } : null;
}

/** How the audit plan's schedule marks a step that audits again a finding of the year before. */
export const REAUDIT_MARK = 'đánh giá lại phát hiện năm';

/**
 * Before the internal audit plan marked the steps that audit again what the year before's audit
 * found (audit-documents.ts): its schedule without "; đánh giá lại phát hiện năm …". A plan
 * registered before keeps its version.
 */
function beforeReauditMarks(document: OfficialDocument): OfficialDocument | null {
  if (document.documentType !== 'KẾ HOẠCH') return null;
  const mark = new RegExp(`; ${REAUDIT_MARK} \\d{4} \\([^()]*\\)\\.$`, 'u');
  let changed = false;
  const body = document.body.map((block) => {
    if (block.kind !== 'list' || !block.items.some((item) => mark.test(item))) return block;
    changed = true;
    return { ...block, items: block.items.map((item) => item.replace(mark, '.')) };
  });
  return changed ? { ...document, body } : null;
}

/** The yearly report's column of the documents' numbers (annual-qms-report-document.ts). */
export const DOCUMENT_NUMBER_COLUMN = 'Số, ký hiệu';

/**
 * Before the yearly report cited the number the clerical office gives a document on sending (the
 * register's `dispatchNumber`): every document but the decision and its plan was listed "-". Only
 * the decision is numbered when issued, and its plan carries the decision's number, so a number
 * of another symbol than `QĐ` is one given on sending. This step is also why a number recorded
 * after the report was registered gives the report no new version: the version as registered,
 * and as sent, stands (docs/documents.md "Numbering on sending").
 */
function beforeNumbersOnSending(document: OfficialDocument): OfficialDocument | null {
  const givenOnSending = (cell: string) => cell !== '-' && !/^\d+\/QĐ-/u.test(cell);
  let changed = false;
  const body = document.body.map((block) => {
    if (block.kind !== 'table' || block.columns[1] !== DOCUMENT_NUMBER_COLUMN) return block;
    const rows = block.rows.map((row) => {
      if (!givenOnSending(row[1])) return row;
      changed = true;
      return [row[0], '-', ...row.slice(2)];
    });
    return { ...block, rows };
  });
  return changed ? { ...document, body } : null;
}

/**
 * Before "Kính gửi:" was centred under the summary ({@link OfficialDocument.addressee}): it was the
 * body's first paragraph, indented and justified like the text.
 */
function beforeCentredAddressee(document: OfficialDocument): OfficialDocument | null {
  if (document.addressee === undefined) return null;
  const { addressee, ...addressed } = document;
  return { ...addressed, body: [{ kind: 'paragraph', text: addresseeLine(addressee) }, ...document.body] };
}

/**
 * Before the clerk's review of the closings and the attachment (docs/documents.md "Thể thức"), each
 * of which changed one kind of document: the minutes were signed by the chair alone (a name not
 * recorded left empty) and sent to nobody; the plan issued with the decision printed the
 * place and date line its decision prints; a report addressed by "Kính gửi:" named its addressee
 * in "Nơi nhận" where "Như trên" now stands.
 */
function beforeClerkReview(document: OfficialDocument): OfficialDocument | null {
  if (document.documentType === 'BIÊN BẢN' && document.coSignature && document.signature) {
    const { coSignature: _secretary, recipients: _recipients, ...minutes } = document;
    const { name } = document.signature;
    return {
      ...minutes,
      signature: { ...document.signature, name: name === NAME_WRITTEN_BY_HAND ? '' : name },
    };
  }
  if (document.attachedTo && document.header.place === undefined)
    return {
      ...document,
      header: { ...document.header, place: placeBeforeAdministrativeUnits(document.properties.author) },
    };
  const addressee = document.body
    .map((item) => (item.kind === 'paragraph' ? /^Kính gửi: (.+)\.$/u.exec(item.text)?.[1] : undefined))
    .find((name) => name !== undefined);
  if (addressee && document.recipients?.[0] === AS_ADDRESSED)
    return { ...document, recipients: [addressee, ...document.recipients.slice(1)] };
  return null;
}

/**
 * Before the place and the leaders in "Nơi nhận" were read from the body's administrative unit: a
 * district's or commune's documents were dated with the body's whole name, and the minutes and the
 * audit report were sent to "Lãnh đạo UBND tỉnh" whatever the body. A province's are unchanged.
 */
function beforeAdministrativeUnits(document: OfficialDocument): OfficialDocument | null {
  const issuer = document.properties.author;
  const place = document.header.place === undefined ? undefined : placeBeforeAdministrativeUnits(issuer);
  const leadership = ownLeadership(issuer);
  const recipients = document.recipients?.map((item) =>
    item === leadership ? LEADERSHIP_BEFORE_ADMINISTRATIVE_UNITS : item,
  );
  const changed =
    place !== document.header.place || (recipients ?? []).some((item, i) => item !== document.recipients![i]);
  if (!changed) return null;
  return {
    ...document,
    header: { ...document.header, ...(place === undefined ? {} : { place }) },
    ...(recipients ? { recipients } : {}),
  };
}

/**
 * The template changes that changed models, the latest first: each builds the model as the template
 * before it did, or null when it changed nothing of this model.
 */
const TEMPLATE_CHANGES: ((document: OfficialDocument) => OfficialDocument | null)[] = [
  beforeCarriedForward,
  beforeReauditMarks,
  beforePreviousFindings,
  beforeNumbersOnSending,
  beforeCentredAddressee,
  beforeAdministrativeUnits,
  beforeClerkReview,
  beforeBlankNumber,
];

/**
 * The same records' model as each earlier template built it, the latest first, so that the register
 * answers a version it holds, as registered, although today's template prints the same content
 * with another layout (docs/documents.md "A template change and the register"): a template change
 * gives no document already registered a new version. Empty when no earlier template built this
 * model differently.
 */
export function earlierTemplates(document: OfficialDocument): OfficialDocument[] {
  const earlier: OfficialDocument[] = [];
  let built = document;
  for (const change of TEMPLATE_CHANGES) {
    const before = change(built);
    if (before) earlier.push((built = before));
  }
  return earlier;
}

/** The words on every page of a rehearsal's document: a rehearsal copy, of no legal force. */
export const REHEARSAL_MARK = 'BẢN DIỄN TẬP - KHÔNG CÓ GIÁ TRỊ PHÁP LÝ';

/**
 * A rehearsal's document (a training run, docs/workflows.md): worded and laid out as the real one,
 * so people learn what the year will issue, but marked on every page, and named so in its title
 * and file name, so that no printed or downloaded copy passes for the organisation's own.
 */
export function asRehearsal(document: OfficialDocument): OfficialDocument {
  return {
    ...document,
    rehearsal: true,
    fileBaseName: `${document.fileBaseName}-DIEN-TAP`,
    properties: { ...document.properties, title: `${document.properties.title} (bản diễn tập)` },
  };
}

/**
 * A year-end report before it is issued (docs/documents.md "Drafts and issuing"): the figures so
 * far, worded and laid out as the issued one, but marked on every page "DỰ THẢO" with the day its
 * figures run to (the document's own date: the day of its last record, so the same records give the
 * same file), named so in its title and file name, and never registered. A rehearsal's draft
 * carries both marks.
 */
export function asDraft(document: OfficialDocument): OfficialDocument {
  return {
    ...document,
    draft: true,
    fileBaseName: `${document.fileBaseName}-DU-THAO`,
    properties: { ...document.properties, title: `${document.properties.title} (dự thảo)` },
  };
}

/** A draft awaiting its signature (`header.undated`): no figures to date, only what it is. */
export const UNDATED_DRAFT_MARK = 'DỰ THẢO';

/** "DỰ THẢO - SỐ LIỆU TÍNH ĐẾN NGÀY 05/11/2026": a draft's mark, with the day its figures run to. */
export function draftMark(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `DỰ THẢO - SỐ LIỆU TÍNH ĐẾN NGÀY ${day}/${month}/${year}`;
}

/** The lines printed at the top of every page: a rehearsal's mark, then a draft's; none on an issued document. */
export function pageMarks(document: OfficialDocument): string[] {
  return [
    ...(document.rehearsal ? [REHEARSAL_MARK] : []),
    ...(document.draft
      ? [document.header.undated ? UNDATED_DRAFT_MARK : draftMark(document.header.date)]
      : []),
  ];
}
