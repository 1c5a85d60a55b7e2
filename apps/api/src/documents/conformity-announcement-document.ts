import { signatureBlock, numericDate } from '@qcycle/domain';
import { issuerLines, type DecisionRecord, type DecisionWording } from './decision-document';
import { BLANK_NUMBER, placeOfIssue, type OfficialDocument } from './official-document';

/** Why the year announces its QMS: its first year in qcycle, or a scope other than last year's. */
export type AnnouncementReason = { kind: 'first-year' } | { kind: 'scope-changed'; previousScope: string };

/**
 * The decision announcing that the quality management system conforms to the national standard
 * ("Quyết định công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO
 * 9001:2015"), issued the first year and whenever the scope changes. Decree 30/2020/NĐ-CP form of
 * an individual decision, like the objectives' decision: same issuer, legal bases, signer and date
 * (the scope is approved with the year's objectives). Its number is given by the clerical office on
 * issue: qcycle holds none, so `Số:` is left blank, as drafts circulate.
 */
export function conformityAnnouncementDocument(
  record: DecisionRecord,
  wording: DecisionWording,
  reason: AnnouncementReason,
): OfficialDocument {
  const issuer = wording.organisation.name.vi;
  const scope = wording.scope.vi;
  const standard = wording.standard;
  const subject = `Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia ${standard}`;
  return {
    fileBaseName: `QD-CB-HTQLCL-${wording.year}`,
    properties: {
      title: `Quyết định công bố Hệ thống quản lý chất lượng năm ${wording.year}`,
      subject,
      author: issuer,
      date: record.signingDate,
    },
    header: {
      issuingBody: issuerLines(issuer),
      numberAndSymbol: `${BLANK_NUMBER}/QĐ-UBND`,
      place: placeOfIssue(issuer),
      date: record.signingDate,
    },
    documentType: 'QUYẾT ĐỊNH',
    summary: ['Về việc công bố Hệ thống quản lý chất lượng phù hợp', `Tiêu chuẩn quốc gia ${standard}`],
    authority: issuer.toUpperCase(),
    preamble: [...wording.legalBases, 'Theo đề nghị của Đại diện chất lượng.'],
    enactingWords: 'QUYẾT ĐỊNH:',
    body: [
      {
        kind: 'article',
        label: 'Điều 1.',
        text:
          `Công bố Hệ thống quản lý chất lượng của ${scope} phù hợp Tiêu chuẩn quốc gia ${standard} ` +
          `đối với các hoạt động thuộc phạm vi áp dụng sau:`,
        items: [`- Phạm vi áp dụng: ${scope}.`, `- ${REASON_TEXT(reason, wording.year)}`],
      },
      {
        kind: 'article',
        label: 'Điều 2.',
        text:
          `${wording.qualityRepresentativeTitle} - Đại diện chất lượng có trách nhiệm duy trì, cải tiến Hệ thống ` +
          `quản lý chất lượng; gửi Quyết định này đến Sở Khoa học và Công nghệ để theo dõi, tổng hợp; niêm yết ` +
          'tại trụ sở cơ quan và đăng tải trên Cổng thông tin điện tử.',
      },
      {
        kind: 'article',
        label: 'Điều 3.',
        text:
          record.effectiveDate === record.signingDate
            ? 'Quyết định này có hiệu lực kể từ ngày ký ban hành.'
            : `Quyết định này có hiệu lực kể từ ${numericDate(record.effectiveDate)}.`,
      },
      {
        kind: 'article',
        label: 'Điều 4.',
        text:
          `${wording.qualityRepresentativeTitle}, lãnh đạo các phòng, đơn vị và các cá nhân có liên quan ` +
          'chịu trách nhiệm thi hành Quyết định này./.',
      },
    ],
    recipients: wording.recipients,
    signature: { lines: signatureBlock(wording.signer), name: record.signerName },
  };
}

/** The number's blank: the office writes it in by hand on issue (eight non-breaking spaces). */

const REASON_TEXT = (reason: AnnouncementReason, year: number) =>
  reason.kind === 'first-year'
    ? `Công bố lần đầu, năm ${year}.`
    : `Công bố lại do thay đổi phạm vi áp dụng (phạm vi trước đây: ${reason.previousScope}).`;
