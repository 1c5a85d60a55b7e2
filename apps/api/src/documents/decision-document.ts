import {
  describeTarget,
  FREQUENCY_LABELS,
  signatureBlock,
  type CycleDraft,
  type Objective,
} from '@qcycle/domain';
import {
  asDraft,
  blankNumberAndSymbol,
  blankVietnameseDate,
  documentFileBaseName,
  placeOfIssue,
  vietnameseDate,
  type OfficialDocument,
} from './official-document';

/** What the decision's record holds (the `decisions` row, as `GET /cycles/{id}/decision` answers it). */
export interface DecisionRecord {
  documentNumber: string;
  signerName: string;
  signerTitle: string;
  signingDate: string;
  effectiveDate: string;
  objectives: Objective[];
  /**
   * Not signed yet (a round's draft, {@link decisionDraftDocument}): its number blank and its date's
   * day and month left for the signer, wherever the decision and its plan print them.
   */
  unsigned?: true;
}

/**
 * The wording the leader approved with the objectives: the draft's decision text (legal bases,
 * scope, standard, signer, Quality Representative, recipients). See {@link DecisionWordingSource}.
 */
export type DecisionWording = Pick<
  CycleDraft,
  | 'organisation'
  | 'year'
  | 'scope'
  | 'standard'
  | 'legalBases'
  | 'signer'
  | 'qualityRepresentativeTitle'
  | 'recipients'
> & {
  /** The cycle is a rehearsal: every document of it is marked so (official-document.ts `asRehearsal`). */
  rehearsal?: boolean;
};

/**
 * The decision approving the year's quality objectives (Decree 30/2020/NĐ-CP, Appendix I, form of
 * an individual decision), worded as the Kon Tum 2024 decision: the issuer decides on the legal
 * bases at the Quality Representative's proposal; Article 1 lists the objectives; Article 2 gives
 * them to the Quality Representative; Article 3 the effective date; Article 4 who carries it out.
 */
export function decisionDocument(record: DecisionRecord, wording: DecisionWording): OfficialDocument {
  const year = wording.year;
  const issuer = wording.organisation.name.vi;
  const scope = wording.scope.vi;
  const qualityRepresentative = wording.qualityRepresentativeTitle;
  const subject = `Phê duyệt Mục tiêu chất lượng năm ${year} áp dụng tại ${scope}`;
  return {
    fileBaseName: documentFileBaseName(record.documentNumber, year),
    properties: {
      title: `Quyết định số ${record.documentNumber}`,
      subject,
      author: issuer,
      date: record.signingDate,
    },
    header: {
      issuingBody: issuerLines(issuer),
      numberAndSymbol: record.documentNumber,
      place: placeOfIssue(issuer),
      date: record.signingDate,
      ...(record.unsigned ? { undated: true } : {}),
    },
    documentType: 'QUYẾT ĐỊNH',
    summary: [`Phê duyệt Mục tiêu chất lượng năm ${year} áp dụng tại`, scope],
    authority: upper(issuer),
    preamble: [...wording.legalBases, 'Theo đề nghị của Đại diện chất lượng.'],
    enactingWords: 'QUYẾT ĐỊNH:',
    body: [
      {
        kind: 'article',
        label: 'Điều 1.',
        text:
          `Phê duyệt Mục tiêu chất lượng năm ${year} áp dụng tại ${scope} của Hệ thống quản lý chất lượng ` +
          `theo tiêu chuẩn quốc gia ${wording.standard}, với các nội dung sau:`,
        items: [...record.objectives]
          .sort((a, b) => a.number - b.number)
          .map((objective) => `${objective.number}. ${objective.title.vi}`),
      },
      {
        kind: 'article',
        label: 'Điều 2.',
        text:
          `Giao ${qualityRepresentative} - Đại diện chất lượng của ${scope} tổ chức thực hiện ` +
          `Mục tiêu chất lượng năm ${year} đảm bảo yêu cầu.`,
      },
      {
        kind: 'article',
        label: 'Điều 3.',
        text:
          record.effectiveDate === record.signingDate
            ? 'Quyết định này có hiệu lực kể từ ngày ký ban hành.'
            : `Quyết định này có hiệu lực kể từ ${vietnameseDate(record.effectiveDate)}.`,
      },
      {
        kind: 'article',
        label: 'Điều 4.',
        text:
          `${qualityRepresentative}, lãnh đạo các phòng, đơn vị và các cá nhân có liên quan ` +
          'chịu trách nhiệm thi hành Quyết định này./.',
      },
    ],
    recipients: wording.recipients,
    signature: { lines: signatureBlock(wording.signer), name: record.signerName },
  };
}

/**
 * The decision before the leader signs it: worded as it will be issued, from the objectives now in
 * the approval round, for the leader to read as a document (and the Quality Representative to
 * submit with its "tờ trình"); its number ("Số:        /QĐ-UBND") and the day and month of its date
 * left blank, marked "DỰ THẢO" on every page, never registered. `today` gives the date line's year.
 */
export function decisionDraftDocument(
  objectives: Objective[],
  wording: DecisionWording,
  today: string,
): OfficialDocument {
  const worded = decisionDocument(unsignedRecord(objectives, wording, today), wording);
  return asDraft({
    ...worded,
    fileBaseName: `QD-MUC-TIEU-CHAT-LUONG-${wording.year}`,
    properties: {
      ...worded.properties,
      title: `Quyết định phê duyệt Mục tiêu chất lượng năm ${wording.year}`,
    },
  });
}

/** The plan to be issued with that draft decision, citing it by its blank number and date. */
export function planDraftDocument(
  objectives: Objective[],
  wording: DecisionWording,
  today: string,
): OfficialDocument {
  const worded = objectivesPlanDocument(unsignedRecord(objectives, wording, today), wording);
  return asDraft({ ...worded, fileBaseName: `KH-MUC-TIEU-CHAT-LUONG-${wording.year}` });
}

/** A round's objectives as the record of a decision not signed yet: numbered and dated when it is. */
function unsignedRecord(objectives: Objective[], wording: DecisionWording, today: string): DecisionRecord {
  return {
    documentNumber: blankNumberAndSymbol('QUYẾT ĐỊNH', issuerSymbol(wording.organisation.name.vi)),
    signerName: wording.signer.name,
    signerTitle: wording.signer.title,
    signingDate: today,
    effectiveDate: today,
    objectives,
    unsigned: true,
  };
}

/**
 * The objectives' implementation plan (ISO 9001:2015, 6.2.2: what will be done, what resources,
 * who is responsible, when it will be completed, how the results will be evaluated), issued with
 * the decision as its attachment: for each objective of Article 1, its indicators and targets, how
 * often it is measured, and the five answers of the approved draft.
 */
export function objectivesPlanDocument(record: DecisionRecord, wording: DecisionWording): OfficialDocument {
  const year = wording.year;
  const issuer = wording.organisation.name.vi;
  const unitName = new Map(wording.organisation.units.map((u) => [u.code, u.name.vi]));
  const objectives = [...record.objectives].sort((a, b) => a.number - b.number);
  const subject = `Thực hiện Mục tiêu chất lượng năm ${year} của ${wording.scope.vi}`;
  const signed = record.unsigned
    ? blankVietnameseDate(record.signingDate)
    : vietnameseDate(record.signingDate);
  const decisionRef = `(Kèm theo Quyết định số ${record.documentNumber} ${signed} của ${issuer})`;
  return {
    fileBaseName: documentFileBaseName(record.documentNumber, year).replace(/^QD-/, 'KH-QD-'),
    properties: {
      title: `Kế hoạch thực hiện Mục tiêu chất lượng năm ${year}`,
      subject,
      author: issuer,
      date: record.signingDate,
    },
    // An attachment: no number, and no place and date line of its own; the decision's line under
    // the title dates it (Decree 30, Appendix III).
    header: {
      issuingBody: issuerLines(issuer),
      date: record.signingDate,
      ...(record.unsigned ? { undated: true } : {}),
    },
    documentType: 'KẾ HOẠCH',
    summary: [subject],
    attachedTo: decisionRef,
    preamble: [],
    body: [
      { kind: 'heading', text: 'I. MỤC ĐÍCH, YÊU CẦU' },
      {
        kind: 'paragraph',
        text:
          `Cụ thể hóa việc thực hiện các Mục tiêu chất lượng năm ${year} đã được phê duyệt tại Quyết định số ` +
          `${record.documentNumber}: xác định nội dung công việc, nguồn lực, trách nhiệm, thời hạn và cách thức ` +
          `đánh giá kết quả của từng mục tiêu theo yêu cầu tại điều 6.2.2 của tiêu chuẩn ${wording.standard}.`,
      },
      { kind: 'heading', text: 'II. NỘI DUNG THỰC HIỆN' },
      ...objectives.flatMap((objective) => {
        const indicators = objective.indicators.map((indicator) => {
          const target = describeTarget(indicator);
          return `- Chỉ số: ${indicator.label.vi}${target ? ` (chỉ tiêu: ${target})` : ''}.`;
        });
        return [
          { kind: 'heading' as const, text: `${objective.number}. ${objective.title.vi}` },
          { kind: 'list' as const, items: indicators },
          {
            kind: 'paragraph' as const,
            text:
              `Đơn vị chủ trì: ${unitName.get(objective.ownerUnitCode) ?? objective.ownerUnitCode}; ` +
              `tần suất theo dõi, đo lường: ${lowerFirst(FREQUENCY_LABELS[objective.frequency]?.vi ?? objective.frequency)}.`,
          },
          { kind: 'paragraph' as const, label: 'a) Nội dung công việc:', text: objective.plan.what },
          { kind: 'paragraph' as const, label: 'b) Nguồn lực:', text: objective.plan.resources },
          { kind: 'paragraph' as const, label: 'c) Trách nhiệm thực hiện:', text: objective.plan.who },
          { kind: 'paragraph' as const, label: 'd) Thời gian hoàn thành:', text: objective.plan.when },
          {
            kind: 'paragraph' as const,
            label: 'đ) Cách thức đánh giá kết quả:',
            text: objective.plan.howEvaluated,
          },
        ];
      }),
      { kind: 'heading', text: 'III. TỔ CHỨC THỰC HIỆN' },
      {
        kind: 'paragraph',
        text:
          `${wording.qualityRepresentativeTitle} - Đại diện chất lượng chủ trì, theo dõi, đôn đốc việc thực hiện ` +
          'Kế hoạch; các phòng, đơn vị được giao báo cáo kết quả đo lường theo tần suất đã định, kèm bằng chứng; ' +
          'kết quả thực hiện được báo cáo tại cuộc họp xem xét của lãnh đạo.',
      },
    ],
  };
}

/**
 * The issuer's name as the masthead prints it, the kind of body on the first line:
 * `Ủy ban nhân dân tỉnh Kon Tum` → `['ỦY BAN NHÂN DÂN', 'TỈNH KON TUM']`.
 */
export function issuerLines(issuer: string): string[] {
  const match = /^(ủy ban nhân dân|uỷ ban nhân dân)\s+(.+)$/iu.exec(issuer);
  return match ? [upper(match[1]), upper(match[2])] : [upper(issuer)];
}

/**
 * The issuer's part of a symbol (Decree 30, Appendix III): `UBND` for a people's committee (`123/QĐ-UBND`),
 * else the initials of its name.
 */
export function issuerSymbol(issuer: string): string {
  if (/^(ủy|uỷ) ban nhân dân\b/iu.test(issuer)) return 'UBND';
  return issuer
    .split(/\s+/)
    .map((word) => word.charAt(0))
    .join('')
    .replace(/đ/g, 'Đ')
    .toUpperCase();
}

/** `Ủy ban nhân dân tỉnh Kon Tum` → `ỦY BAN NHÂN DÂN TỈNH KON TUM` (Unicode default mapping, no locale). */
function upper(text: string): string {
  return text.toUpperCase();
}

/** `Hằng tháng` → `hằng tháng`, inside a sentence. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
