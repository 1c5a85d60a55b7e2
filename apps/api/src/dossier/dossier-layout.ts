import { VIETNAM_UTC_OFFSET_MINUTES } from '@qcycle/domain';
import type { EventSubject } from '@qcycle/persistence';
import { csvText } from '../documents/annual-qms-report.spreadsheet';
import { periodLabel } from '../documents/objectives-report-document';
import { safeFileBaseName } from '../documents/official-document';

/**
 * Where each file of a year's dossier goes in the ZIP and how the index describes it: pure, so the
 * same records always give the same paths, rows and bytes (docs/dossier.md).
 */

/** Whether the year is over: a closed or cancelled year's records are final (docs/evidence.md). */
export type DossierStatus = 'closed' | 'cancelled' | 'running';

export interface DossierFacts {
  organisationCode: string;
  organisationName: string;
  cycleId: string;
  year: number;
  status: DossierStatus;
  rehearsal: boolean;
  /** The instant of the year's latest record: what a dossier of a running year runs to. */
  asOf: string;
}

/** One registered version, without its files. */
export interface DossierDocument {
  id: string;
  type: string;
  version: number;
  number: string;
  title: string;
  fileBaseName: string;
  issuedOn: string;
  signer: string | null;
  registeredBy: string;
}

/** One evidence file's row. */
export interface DossierEvidence {
  id: string;
  recordType: string;
  recordKey: string;
  fileName: string;
  sha256: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string;
}

export type IndexKind = 'document' | 'evidence' | 'event-log' | 'note';
/** `included`, or why a file the records name is not in the ZIP. */
export type IndexStatus = 'included' | 'missing' | 'changed' | 'erased';

/** One line of the index: a file of the ZIP, or one the records name that the store could not give. */
export interface IndexRow {
  path: string;
  kind: IndexKind;
  format: 'pdf' | 'docx' | 'csv' | 'txt' | null;
  /** The register id of a document; `<recordType>:<recordKey>` of an evidence file; the cycle otherwise. */
  belongsTo: string;
  /** A document's number and title; an evidence file's name as uploaded. */
  title: string;
  /** An evidence file's record in words (`eventSubjectText`): "Báo cáo số liệu mục tiêu 4 kỳ 03/2024". */
  about?: string;
  version: number | null;
  /** `YYYY-MM-DD` (a document's own date) or `YYYY-MM-DD HH:mm:ss` in Vietnam time. */
  date: string;
  who: string;
  size: number;
  sha256: string;
  status: IndexStatus;
  /**
   * An evidence file that is a scan of a paper the leader signed (docs/dossier.md): which document,
   * by its register type, and its name in words ("Quyết định số 123/QĐ-UBND").
   */
  signedCopyOf?: SignedPaper;
  /**
   * A scan withdrawn as a signed copy (the wrong paper uploaded): when (Vietnam time), by whom (their
   * name) and why. It is still on its record, so in the dossier.
   */
  withdrawn?: { at: string; by: string; reason: string };
  /** An evidence file whose content was erased (status `erased`): when (Vietnam time), by whom, why. */
  erased?: { at: string; by: string; reason: string };
  /**
   * An evidence file no answer names (no entry of the event log lists it as evidence) and no scan of
   * a signed paper: uploaded to its record and not used, or its task not answered yet.
   */
  unused?: true;
}

/** A paper the leader signs, as the index names it beside its scans. */
export interface SignedPaper {
  type: 'objectives-decision' | 'review-minutes';
  title: string;
}

export const INDEX_CSV = 'MUC-LUC.csv';
export const INDEX_JSON = 'MUC-LUC.json';
export const NOTE_TXT = 'GHI-CHU.txt';
export const EVENT_LOG_CSV = 'NHAT-KY-SU-KIEN.csv';
const DOCUMENTS_FOLDER = 'TAI-LIEU';
const EVIDENCE_FOLDER = 'BANG-CHUNG';

/** The order the year issues its documents in (the documents page's); a type not listed comes after, by name. */
const DOCUMENT_ORDER = [
  'objectives-decision',
  'objectives-plan',
  'audit-plan',
  'audit-report',
  'nonconformity-report',
  'review-minutes',
  'objectives-report',
  'annual-qms-report',
  'conformity-announcement',
];

/** The records evidence belongs to (docs/evidence.md), in the year's order, with their folder and label. */
const RECORD_TYPES: Record<string, { folder: string; label: string }> = {
  approval: { folder: 'PHE-DUYET-MUC-TIEU', label: 'Phê duyệt mục tiêu chất lượng' },
  measurement: { folder: 'BAO-CAO-SO-LIEU', label: 'Báo cáo số liệu' },
  'audit-step': { folder: 'DANH-GIA-NOI-BO', label: 'Bước đánh giá nội bộ' },
  'corrective-action': { folder: 'HANH-DONG-KHAC-PHUC', label: 'Hành động khắc phục' },
  review: { folder: 'XEM-XET-CUA-LANH-DAO', label: 'Xem xét của lãnh đạo' },
};
const RECORD_ORDER = Object.keys(RECORD_TYPES);

/** The ZIP's name: `HO-SO-ISO-2024-kontum`, `-DIEN-TAP` for a rehearsal, `-DU-THAO` while the year runs. */
export function dossierBaseName(
  facts: Pick<DossierFacts, 'year' | 'organisationCode' | 'rehearsal' | 'status'>,
): string {
  return [
    `HO-SO-ISO-${facts.year}-${safeFileBaseName(facts.organisationCode)}`,
    facts.rehearsal ? 'DIEN-TAP' : null,
    isFinal(facts) ? null : 'DU-THAO',
  ]
    .filter(Boolean)
    .join('-');
}

export const isFinal = (facts: Pick<DossierFacts, 'status'>) => facts.status !== 'running';

/** The register's versions in the year's order: type, file name, version. */
export function orderDocuments<T extends Pick<DossierDocument, 'type' | 'fileBaseName' | 'version'>>(
  documents: readonly T[],
): T[] {
  const rank = (type: string) => {
    const at = DOCUMENT_ORDER.indexOf(type);
    return at < 0 ? DOCUMENT_ORDER.length : at;
  };
  return [...documents].sort(
    (a, b) =>
      rank(a.type) - rank(b.type) ||
      compareText(a.type, b.type) ||
      compareText(a.fileBaseName, b.fileBaseName) ||
      a.version - b.version,
  );
}

/** `TAI-LIEU/QD-123-UBND-2024-v1.pdf`: the register's own file name, with its version. */
export function documentPath(
  document: Pick<DossierDocument, 'fileBaseName' | 'version'>,
  format: 'pdf' | 'docx',
) {
  const base = safeFileBaseName(document.fileBaseName) || 'van-ban';
  return `${DOCUMENTS_FOLDER}/${base}-v${document.version}.${format}`;
}

/** The evidence files in the order of their records (type, key), then as uploaded. */
export function orderEvidence<
  T extends Pick<DossierEvidence, 'recordType' | 'recordKey' | 'uploadedAt' | 'id'>,
>(files: readonly T[]): T[] {
  const rank = (type: string) => {
    const at = RECORD_ORDER.indexOf(type);
    return at < 0 ? RECORD_ORDER.length : at;
  };
  return [...files].sort(
    (a, b) =>
      rank(a.recordType) - rank(b.recordType) ||
      compareText(a.recordType, b.recordType) ||
      compareText(a.recordKey, b.recordKey) ||
      compareText(a.uploadedAt, b.uploadedAt) ||
      compareText(a.id, b.id),
  );
}

/**
 * Each file's path: a folder per record type and per record (its key without the cycle's workflow id),
 * the name as uploaded in ASCII (Vietnamese letters folded, `Sổ theo dõi.pdf` → `So-theo-doi.pdf`); two
 * files of one record whose names fold to the same (in any letter case, as Windows compares) get
 * `-2`, `-3`… in the order they were uploaded. `files` in {@link orderEvidence}'s order.
 */
export function evidencePaths(files: readonly DossierEvidence[], workflowId: string): Map<string, string> {
  const taken = new Set<string>();
  const paths = new Map<string, string>();
  for (const file of files) {
    const folder = `${EVIDENCE_FOLDER}/${RECORD_TYPES[file.recordType]?.folder ?? safeFileBaseName(file.recordType).toUpperCase()}/${recordFolder(file.recordKey, workflowId)}`;
    const dot = file.fileName.lastIndexOf('.');
    const extension = dot > 0 ? safeFileBaseName(file.fileName.slice(dot + 1)).toLowerCase() : '';
    const stem = (safeFileBaseName(dot > 0 ? file.fileName.slice(0, dot) : file.fileName) || 'tep').slice(
      0,
      120,
    );
    const suffix = extension ? `.${extension}` : '';
    let path = `${folder}/${stem}${suffix}`;
    for (let n = 2; taken.has(path.toLowerCase()); n++) path = `${folder}/${stem}-${n}${suffix}`;
    taken.add(path.toLowerCase());
    paths.set(file.id, path);
  }
  return paths;
}

/** `quality-cycle/kontum/2024/monitoring/obj-4/measure/2024-03` → `monitoring-obj-4-measure-2024-03`. */
function recordFolder(recordKey: string, workflowId: string): string {
  const own = recordKey.startsWith(`${workflowId}/`) ? recordKey.slice(workflowId.length + 1) : recordKey;
  return (safeFileBaseName(own) || 'ho-so').slice(0, 120);
}

/**
 * `measurement:<key>` as the index shows it to a person: `Báo cáo số liệu: <the record in words>
 * (<key>)`, or with the key alone when the record is no longer there to be named.
 */
function evidenceRecordLabel(belongsTo: string, about: string | undefined): string {
  const at = belongsTo.indexOf(':');
  const type = belongsTo.slice(0, at);
  const key = belongsTo.slice(at + 1);
  return `${RECORD_TYPES[type]?.label ?? type}: ${about ? `${about} (${key})` : key}`;
}

/** `YYYY-MM-DD HH:mm:ss`, Vietnam's wall clock of an instant. */
export function vietnamTime(instant: string): string {
  return new Date(Date.parse(instant) + VIETNAM_UTC_OFFSET_MINUTES * 60_000)
    .toISOString()
    .slice(0, 19)
    .replace('T', ' ');
}

/** `dd/mm/yyyy HH:mm`, as a Vietnamese reader writes it. */
function vietnameseDateTime(instant: string): string {
  const [date, time] = vietnamTime(instant).split(' ');
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year} ${time.slice(0, 5)}`;
}

/** One event of the log, with the name of who did it. */
export interface EventLogLine {
  id: string;
  type: string;
  actor: string;
  actorName: string;
  occurredAt: string;
  requestId: string | null;
  payload: Record<string, unknown>;
  /** What the event is about, in words (`eventSubjectText`); empty for the cycle as a whole. */
  about: string;
}

/**
 * The record an event is about as the history names it, in Vietnamese: a task by its title (its
 * period as the documents write it), a corrective action by its unit and nonconformity.
 */
export function eventSubjectText(
  subject: EventSubject | undefined,
  unitName: (code: string) => string,
): string {
  if (subject?.title)
    return subject.periodKey
      ? subject.title.vi.split(subject.periodKey).join(periodLabel(subject.periodKey))
      : subject.title.vi;
  if (subject?.kind === 'corrective-action')
    return `Điểm không phù hợp tại ${subject.unitCode ? unitName(subject.unitCode) : ''}: ${subject.finding ?? ''}`;
  return '';
}

export const EVENT_LOG_COLUMNS = [
  'STT',
  'Thời điểm (giờ Việt Nam)',
  'Thời điểm (UTC)',
  'Loại sự kiện',
  'Người thực hiện',
  'Mã người thực hiện',
  'Mã yêu cầu',
  'Mã sự kiện',
  'Liên quan đến',
  'Nội dung (JSON)',
];

/** The event log's header row: CSV (RFC 4180, CRLF, every field quoted), after a UTF-8 byte-order mark for Excel. */
export function eventLogHead(): Buffer {
  return Buffer.concat([BOM, Buffer.from(csvLine(EVENT_LOG_COLUMNS), 'utf8')]);
}

/** Rows of the event log, numbered from `first`. */
export function eventLogRows(events: readonly EventLogLine[], first: number): Buffer {
  return Buffer.from(
    events
      .map((event, i) =>
        csvLine([
          String(first + i),
          vietnamTime(event.occurredAt),
          event.occurredAt,
          event.type,
          event.actorName,
          event.actor,
          event.requestId ?? '',
          event.id,
          event.about,
          JSON.stringify(event.payload),
        ]),
      )
      .join(''),
    'utf8',
  );
}

const INDEX_COLUMNS = [
  'STT',
  'Tệp trong hồ sơ',
  'Loại',
  'Thuộc về',
  'Tên, tiêu đề',
  'Phiên bản',
  'Ngày',
  'Người',
  'Kích thước (byte)',
  'SHA-256',
  'Ghi chú',
];

const KIND_LABELS: Record<IndexKind, string> = {
  document: 'Văn bản',
  evidence: 'Bằng chứng',
  'event-log': 'Nhật ký sự kiện',
  note: 'Ghi chú hồ sơ',
};

const STATUS_NOTES: Record<IndexStatus, string> = {
  included: '',
  missing: 'THIẾU TỆP: kho bằng chứng không có tệp này; không có trong hồ sơ',
  changed: 'TỆP HỎNG: nội dung trong kho khác SHA-256 ghi khi tải lên; không có trong hồ sơ',
  erased: 'ĐÃ XÓA NỘI DUNG: không có trong hồ sơ',
};

/** How the index notes a signed paper's scan: "Bản đã ký (bản chụp) của Quyết định số 123/QĐ-UBND". */
const signedCopyNote = (paper: SignedPaper) => `Bản đã ký (bản chụp) của ${paper.title}`;

/** How the index notes a scan withdrawn as a signed copy: when, by whom, why. */
const withdrawnNote = (withdrawn: NonNullable<IndexRow['withdrawn']>) =>
  `Đã gỡ khỏi bản đã ký lúc ${withdrawn.at} (${withdrawn.by}): ${withdrawn.reason}`;

/** How the index notes an evidence file whose content was erased: when, by whom, why. */
const erasedNote = (erased: NonNullable<IndexRow['erased']>) =>
  `Xóa lúc ${erased.at} (${erased.by}): ${erased.reason}`;

/** How the index notes an evidence file no answer names. */
const UNUSED_NOTE = 'Không được nêu trong câu trả lời nào';

/** MUC-LUC.csv: every file of the ZIP but the two indexes, and every file the records name that is missing. */
export function indexCsv(rows: readonly IndexRow[]): Buffer {
  const lines = rows.map((row, i) =>
    csvLine([
      String(i + 1),
      row.path,
      row.format && row.kind === 'document'
        ? `${KIND_LABELS[row.kind]} (${row.format.toUpperCase()})`
        : KIND_LABELS[row.kind],
      row.kind === 'evidence' ? evidenceRecordLabel(row.belongsTo, row.about) : row.belongsTo,
      row.title,
      row.version === null ? '' : String(row.version),
      row.date,
      row.who,
      String(row.size),
      row.sha256,
      [
        STATUS_NOTES[row.status],
        row.signedCopyOf && signedCopyNote(row.signedCopyOf),
        row.erased && erasedNote(row.erased),
        row.withdrawn && withdrawnNote(row.withdrawn),
        row.unused && UNUSED_NOTE,
      ]
        .filter(Boolean)
        .join('; '),
    ]),
  );
  return Buffer.concat([BOM, Buffer.from(csvLine(INDEX_COLUMNS) + lines.join(''), 'utf8')]);
}

/** MUC-LUC.json: the same rows, for a program, with what the dossier is. */
export function indexJson(facts: DossierFacts, rows: readonly IndexRow[]): Buffer {
  const manifest = {
    dossier: dossierBaseName(facts),
    organisation: { code: facts.organisationCode, name: facts.organisationName },
    cycleId: facts.cycleId,
    year: facts.year,
    status: facts.status,
    final: isFinal(facts),
    rehearsal: facts.rehearsal,
    asOf: facts.asOf,
    hashAlgorithm: 'SHA-256',
    files: rows,
  };
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

/** What the counts of GHI-CHU.txt are made of. */
export interface DossierCounts {
  documents: number;
  versions: number;
  evidence: number;
  records: number;
  events: number;
  notIncluded: number;
  /** Evidence files that are scans of a paper the leader signed. */
  signedCopies: number;
  /** Evidence files no answer names (`IndexRow.unused`). */
  unused: number;
  /** The papers the leader signed that have no scan in the dossier, named ("Quyết định số 123/QĐ-UBND"). */
  unscanned: string[];
}

/** GHI-CHU.txt: what the dossier is, whether it is final, and how to check it, for the archivist. */
export function noteText(facts: DossierFacts, counts: DossierCounts): Buffer {
  const status =
    facts.status === 'closed'
      ? 'ĐÃ KẾT THÚC NĂM: hồ sơ chính thức, các hồ sơ của năm đã chốt.'
      : facts.status === 'cancelled'
        ? 'CHU KỲ ĐÃ HỦY: các hồ sơ của năm đã chốt tại thời điểm hủy.'
        : `DỰ THẢO - NĂM CHƯA KẾT THÚC: số liệu tính đến ${vietnameseDateTime(facts.asOf)}; ` +
          'số liệu của năm còn thay đổi, không dùng bản này để nộp lưu.';
  // Which of the evidence files the index's "Ghi chú" says more of.
  const evidenceNotes = [
    counts.signedCopies > 0 &&
      `${counts.signedCopies} tệp là bản chụp văn bản lãnh đạo đã ký, cột "Ghi chú" của ${INDEX_CSV} ghi của văn bản nào`,
    counts.unused > 0 &&
      `${counts.unused} tệp không được nêu trong câu trả lời nào (tải lên hồ sơ nhưng không dùng, hoặc việc chưa được trả lời), cột "Ghi chú" ghi rõ`,
  ].filter(Boolean);
  const lines = [
    `HỒ SƠ HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG NĂM ${facts.year}${facts.rehearsal ? ' (BẢN DIỄN TẬP)' : ''}`,
    `Cơ quan: ${facts.organisationName} (${facts.organisationCode})`,
    `Chu kỳ: ${facts.cycleId}`,
    `Tình trạng: ${status}`,
    `Hồ sơ tính đến: ${vietnameseDateTime(facts.asOf)} (giờ Việt Nam), thời điểm của bản ghi sau cùng (sự kiện, tệp tải lên, văn bản đăng ký).`,
    '',
    'Gồm:',
    `- ${DOCUMENTS_FOLDER}/: ${counts.versions} phiên bản của ${counts.documents} văn bản đã đăng ký, mỗi phiên bản bằng PDF và DOCX đúng như khi ban hành (không in lại); bản dự thảo không phải văn bản đã đăng ký nên không có ở đây;`,
    `- ${EVIDENCE_FOLDER}/: ${counts.evidence} tệp bằng chứng của ${counts.records} hồ sơ, mỗi hồ sơ một thư mục, tên tệp như khi tải lên (bỏ dấu)${
      evidenceNotes.length > 0 ? `; trong đó ${evidenceNotes.join('; ')}` : ''
    };`,
    `- ${EVENT_LOG_CSV}: ${counts.events} sự kiện của nhật ký (ai làm gì, khi nào);`,
    `- ${INDEX_CSV} và ${INDEX_JSON}: mục lục mọi tệp, với kích thước và mã SHA-256 của từng tệp.`,
    ...(counts.unscanned.length > 0
      ? [
          '',
          `CHÚ Ý: hồ sơ không có bản đã ký (bản chụp) của ${counts.unscanned.join('; ')}${
            isFinal(facts)
              ? '.'
              : ' (thêm ở trang Văn bản của năm trước khi kết thúc năm; sau đó các hồ sơ của năm đã chốt).'
          }`,
        ]
      : []),
    ...(counts.notIncluded > 0
      ? [
          '',
          `CHÚ Ý: ${counts.notIncluded} tệp bằng chứng không có trong hồ sơ (xem cột "Ghi chú" của ${INDEX_CSV}).`,
        ]
      : []),
    '',
    'Kiểm tra tính toàn vẹn: mã SHA-256 của mỗi tệp phải bằng mã ghi trong mục lục, ví dụ',
    `  sha256sum ${DOCUMENTS_FOLDER}/<tệp>          (Linux)`,
    `  certutil -hashfile ${DOCUMENTS_FOLDER}\\<tệp> SHA256   (Windows)`,
  ];
  return Buffer.concat([BOM, Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const csvLine = (cells: readonly string[]) =>
  `${cells.map((cell) => `"${csvText(cell).replace(/"/g, '""')}"`).join(',')}\r\n`;

/** Code-point order, the same on every machine (localeCompare's depends on ICU data). */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
