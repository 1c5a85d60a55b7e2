import { isIsoDate, type IsoDate } from '@qcycle/domain';
import { issuerSymbol } from './decision-document';
import {
  BLANK_NUMBER,
  blankNumberAndSymbol,
  DOCUMENT_TYPE_ABBREVIATIONS,
  type OfficialDocument,
} from './official-document';

/**
 * Numbering on sending (docs/documents.md "Numbering on sending"): the reports, the audit plan, the
 * minutes and the announcement are printed with a blank `Số:         /BC-UBND`, and the clerical
 * office (văn thư) writes the number on the signed paper when it registers and sends it. These pure
 * rules say which registered versions take such a number and what a number given to one must look
 * like; DocumentDispatchService records it.
 */

/** What a version's number on sending is, from its register row. */
export type DispatchSymbol =
  /** It takes one: the part after the digits, as its blank line prints it (`/BC-UBND`). */
  | { symbol: string }
  /**
   * It takes none: `numbered` carries a number from its issue (the decision's `123/QĐ-UBND`, which
   * its plan carries too); `no-number` is no type of Decree 30 (the nonconformity form, a record).
   */
  | { refused: 'numbered' | 'no-number' };

/**
 * The symbol a registered version's number on sending takes, read from its stored model: the blank
 * line it was printed with (`blankNumberAndSymbol`), or, for a version registered under a template
 * that printed no `Số:` line yet, the line today's template prints for the same type and issuer.
 */
export function dispatchSymbol(row: { number: string; content: string }): DispatchSymbol {
  if (row.number !== '') return { refused: 'numbered' };
  const model = JSON.parse(row.content) as Partial<
    Pick<OfficialDocument, 'header' | 'documentType' | 'attachedTo'>
  >;
  // A row without its model (a register written by hand, a test's filler) lists as taking none,
  // rather than failing the whole page of the register.
  if (!model.header || !model.documentType) return { refused: 'no-number' };
  const printed = model.header.numberAndSymbol;
  if (printed?.startsWith(BLANK_NUMBER)) return { symbol: printed.slice(BLANK_NUMBER.length) };
  if (printed !== undefined || model.attachedTo !== undefined) return { refused: 'numbered' };
  if (!DOCUMENT_TYPE_ABBREVIATIONS[model.documentType]) return { refused: 'no-number' };
  const issuer = issuerSymbol(model.header.issuingBody.join(' '));
  return { symbol: blankNumberAndSymbol(model.documentType, issuer).slice(BLANK_NUMBER.length) };
}

/** `15/BC-UBND`: the office's running number (Arabic digits, from 1) and the version's own symbol. */
const NUMBER_OF_THE_YEAR = /^(\d{1,6})(\/.+)$/u;

/** What is recorded for a version: the number given and the day the paper was sent. */
export interface DispatchRecord {
  number: string;
  dispatchedOn: IsoDate;
}

/**
 * Why a number and date cannot be recorded on this version, by field (empty: they can): the number
 * must be digits and the version's symbol; the date a calendar day, not before the version's own
 * date (it is sent after it is signed), not after today in Vietnam (it is sent already).
 */
export function dispatchProblems(
  record: DispatchRecord,
  symbol: string,
  issuedOn: IsoDate,
  today: IsoDate,
): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const number = NUMBER_OF_THE_YEAR.exec(record.number);
  if (!number || number[2] !== symbol || Number(number[1]) < 1)
    problems.number = [
      `number must be the number the office gave it followed by ${symbol}, e.g. 15${symbol}`,
    ];
  if (!isIsoDate(record.dispatchedOn))
    problems.dispatchedOn = ['dispatchedOn must be a calendar day YYYY-MM-DD'];
  else if (record.dispatchedOn < issuedOn)
    problems.dispatchedOn = [`dispatchedOn must not be before the document's date ${issuedOn}`];
  else if (record.dispatchedOn > today)
    problems.dispatchedOn = [`dispatchedOn must not be after today in Vietnam (${today})`];
  return problems;
}
