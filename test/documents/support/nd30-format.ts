import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  docxParts,
  normalise,
  fontsNotEmbeddedTimes,
  pageNumberLines,
  pdfText,
  wordParagraphs,
} from './document-text';

/**
 * What the clerical office (văn thư) checks before a document leaves: its format (thể thức) as
 * Decree 30/2020/NĐ-CP, Appendix I prescribes it, and its number and symbol (Appendix III).
 */
export interface ClerkExpectation {
  /** The masthead's number line, spaces collapsed: `Số: 123/QĐ-UBND`, `Số: /BC-UBND` (numbered on sending); null: none (an attachment, a form). */
  number: string | null;
  /**
   * The place and date line: `Kon Tum, ngày 05 tháng 3 năm 2024`, once; null: none, an attachment
   * dated by the decision it is issued with, "(Kèm theo Quyết định số … ngày … của …)" under its title.
   */
  placeAndDate: string | null;
  /**
   * Whether it lists its recipients ("Nơi nhận:"): each `- …;`, the last `- Lưu: VT, ….`, and
   * `- Như trên;` first when the document is addressed ("Kính gửi:").
   */
  recipients: boolean;
  /**
   * Signatures side by side, left to right, each title on one line with a name (or a dotted line for
   * it) under it and "Nơi nhận" below them all: a biên bản's `['THƯ KÝ', 'CHỦ TRÌ']` (Appendix III).
   */
  signaturesSideBySide?: string[];
}

/** A4 in points, and the margins Decree 30 allows, in points (1 mm = 72 / 25.4 pt). */
const A4 = { width: 595.28, height: 841.89 };
const mm = (millimetres: number) => (millimetres * 72) / 25.4;
/** Rounding of chromium's and poppler's coordinates. */
const SLACK = 1;
/** The text area's width, and where its left half ends (the column of "Nơi nhận"). */
const TEXT_WIDTH = A4.width - mm(30) - mm(15);
/** "Kon Tum, ngày 05 tháng 3 năm 2024": a place (words in capitals) and a date, as the masthead dates a document. */
const PLACE_AND_DATE = /\p{Lu}\p{L}*(?: \p{Lu}\p{L}*)*, ngày \d{2} tháng \d{1,2} năm \d{4}/gu;
/** An attachment's line under its title: "(Kèm theo Quyết định số 123/QĐ-UBND ngày 15 tháng 01 năm 2024 của …)". */
const ATTACHED_TO = /\(Kèm theo \S.* số \S+ ngày \d{2} tháng \d{1,2} năm \d{4} của [^)]+\)/u;

/**
 * Every deviation a clerk would reject in the PDF and the DOCX of one document; [] when there is
 * none. Each is a sentence naming the rule, so a failing test says what the clerk would say.
 */
export function clerkFindings(pdf: Buffer, docx: Buffer, expected: ClerkExpectation): string[] {
  return [...pdfFindings(pdf, expected), ...docxFindings(docx, expected)];
}

function pdfFindings(pdf: Buffer, expected: ClerkExpectation): string[] {
  const findings: string[] = [];
  const pages = pdfText(pdf)
    .split('\f')
    .filter((page) => page.trim() !== '');
  const first = normalise(pages[0] ?? '');
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(pdfInfo(pdf));
  if (!size || Math.abs(Number(size[1]) - A4.width) > SLACK || Math.abs(Number(size[2]) - A4.height) > SLACK)
    findings.push(`PDF: page size not A4 (${size?.[0] ?? 'unknown'})`);
  const all = normalise(pages.join(' '));
  for (const words of [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    ...(expected.placeAndDate ? [expected.placeAndDate] : []),
  ])
    if (!first.includes(words)) findings.push(`PDF: page 1 lacks "${words}"`);
  findings.push(...datingFindings('PDF', first, all, expected));
  if (expected.number && !first.includes(expected.number))
    findings.push(`PDF: page 1 lacks the number line "${expected.number}"`);
  const mastheadEnd = expected.placeAndDate
    ? first.indexOf(expected.placeAndDate)
    : first.indexOf('(Kèm theo');
  const masthead = first.slice(0, Math.max(0, mastheadEnd));
  if (!expected.number && /(^| )Số:/.test(masthead))
    findings.push('PDF: a number line on a document that carries none');
  const words = pdfWords(pdf);
  if (expected.recipients) {
    const items = pdfRecipients(words);
    if (items === null) findings.push('PDF: no "Nơi nhận:"');
    else findings.push(...recipientFindings('PDF', items, addressed(all)));
  }
  if (addressed(all)) findings.push(...pdfAddresseeFindings(words[0] ?? []));
  if (expected.signaturesSideBySide)
    findings.push(...pdfSideBySideFindings(words, expected.signaturesSideBySide));
  const numbers = pageNumberLines(pdf);
  const wanted = numbers.map((_, i) => (i === 0 ? null : String(i + 1)));
  if (JSON.stringify(numbers) !== JSON.stringify(wanted))
    findings.push(
      `PDF: page numbers ${JSON.stringify(numbers)}, not ${JSON.stringify(wanted)} (from page 2, on top)`,
    );
  findings.push(...marginFindings(pdf));
  findings.push(
    ...fontsNotEmbeddedTimes(pdf).map((font) => `PDF: font ${font} is not embedded Times/Liberation Serif`),
  );
  return findings;
}

/**
 * Every word of the page inside the text area (left 30 mm, right 15 mm, top and bottom 20 mm), but
 * what the top margin holds: the page number (and a rehearsal's or draft's mark).
 */
function marginFindings(pdf: Buffer): string[] {
  const findings: string[] = [];
  pdfWords(pdf).forEach((words, i) => {
    const body = words.filter((w) => w.yMax > mm(20));
    if (body.length === 0) return;
    const left = Math.min(...body.map((w) => w.xMin));
    const right = Math.max(...body.map((w) => w.xMax));
    const top = Math.min(...body.map((w) => w.yMin));
    const bottom = Math.max(...body.map((w) => w.yMax));
    if (left < mm(30) - SLACK)
      findings.push(`PDF page ${i + 1}: left margin ${(left / mm(1)).toFixed(1)} mm < 30 mm`);
    if (right > A4.width - mm(15) + SLACK)
      findings.push(`PDF page ${i + 1}: right margin ${((A4.width - right) / mm(1)).toFixed(1)} mm < 15 mm`);
    if (top < mm(20) - SLACK) findings.push(`PDF page ${i + 1}: top margin < 20 mm`);
    if (bottom > A4.height - mm(20) + SLACK) findings.push(`PDF page ${i + 1}: bottom margin < 20 mm`);
  });
  return findings;
}

function docxFindings(docx: Buffer, expected: ClerkExpectation): string[] {
  const findings: string[] = [];
  const parts = docxParts(docx);
  const document = parts.read('word/document.xml');
  const styles = parts.read('word/styles.xml');
  const text = normalise(document.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, ''));
  const section = /<w:sectPr[\s\S]*?<\/w:sectPr>/.exec(document)?.[0] ?? '';
  const twips = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);
  const attribute = (xml: string, element: string, name: string) =>
    Number(new RegExp(`<w:${element}\\b[^>]*\\bw:${name}="(\\d+)"`).exec(xml)?.[1] ?? NaN);

  if (attribute(section, 'pgSz', 'w') !== twips(210) || attribute(section, 'pgSz', 'h') !== twips(297))
    findings.push('DOCX: page size not A4');
  const margins = {
    top: [20, 25],
    bottom: [20, 25],
    left: [30, 35],
    right: [15, 20],
  } as const;
  for (const [side, [least, most]] of Object.entries(margins)) {
    const value = attribute(section, 'pgMar', side);
    if (!(value >= twips(least) && value <= twips(most)))
      findings.push(`DOCX: ${side} margin ${value} twips, not ${least}–${most} mm`);
  }
  for (const words of [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    ...(expected.placeAndDate ? [expected.placeAndDate] : []),
  ])
    if (!text.includes(words)) findings.push(`DOCX: lacks "${words}"`);
  findings.push(...datingFindings('DOCX', text, text, expected));
  if (expected.number && !text.includes(expected.number))
    findings.push(`DOCX: lacks the number line "${expected.number}"`);

  // Single to 1.5 lines between lines: a line rule that says so (LibreOffice reads a bare 240 as exactly 12 pt).
  const defaults = /<w:pPrDefault>[\s\S]*?<\/w:pPrDefault>/.exec(styles)?.[0] ?? '';
  const line = attribute(defaults, 'spacing', 'line');
  if (!/w:lineRule="auto"/.test(defaults) || line < 240 || line > 360)
    findings.push(
      `DOCX: line spacing not single to 1.5 lines (${/<w:spacing[^>]*>/.exec(defaults)?.[0] ?? 'none'})`,
    );

  // Page numbers from page 2: a different first page, whose header has no PAGE field; the default's has one.
  const headerOf = (type: string) => {
    const id = new RegExp(
      `<w:headerReference[^>]*w:type="${type}"[^>]*r:id="(\\w+)"|<w:headerReference[^>]*r:id="(\\w+)"[^>]*w:type="${type}"`,
    ).exec(section);
    const rels = parts.read('word/_rels/document.xml.rels');
    const target = id && new RegExp(`Id="${id[1] ?? id[2]}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
    return target ? parts.read(`word/${target}`) : null;
  };
  const hasPageField = (xml: string | null) => !!xml && /PAGE/.test(xml.replace(/<w:t[ >][^<]*<\/w:t>/g, ''));
  if (!/<w:titlePg\b/.test(section) || hasPageField(headerOf('first')) || !hasPageField(headerOf('default')))
    findings.push('DOCX: no page number from page 2 (none on the first page)');

  const paragraphs = wordParagraphs(document).map(normalise);
  if (expected.recipients) {
    const title = /<w:r>(?:(?!<w:r>)[\s\S])*?<w:t[^>]*>Nơi nhận:<\/w:t>/.exec(document)?.[0] ?? '';
    if (!/<w:b\/>/.test(title) || !/<w:i\/>/.test(title) || !/<w:sz w:val="24"\/>/.test(title))
      findings.push('DOCX: "Nơi nhận:" not bold italic 12 pt');
    const at = paragraphs.indexOf('Nơi nhận:');
    if (at < 0) findings.push('DOCX: no "Nơi nhận:"');
    else {
      const after = paragraphs.slice(at + 1);
      const end = after.findIndex((paragraph) => !paragraph.startsWith('- '));
      findings.push(...recipientFindings('DOCX', end < 0 ? after : after.slice(0, end), addressed(text)));
    }
  }
  if (addressed(text)) findings.push(...docxAddresseeFindings(document));
  if (expected.signaturesSideBySide)
    findings.push(...docxSideBySideFindings(document, expected.signaturesSideBySide));
  // The signature never split from its "Nơi nhận" over two pages: the closing table's row cannot split.
  const lastTable = document.slice(document.lastIndexOf('<w:tbl>'));
  if (/TM\.|CHỦ|TRƯỞNG|NGƯỜI/.test(lastTable) && !/<w:cantSplit\/>/.test(lastTable))
    findings.push('DOCX: the signature block may split over two pages');
  return findings;
}

/**
 * The document is dated once, by its place and date line under the motto; an attachment has none,
 * its decision dates it, and says so under its title (Appendix III: "(Kèm theo Quyết định số …)").
 */
function datingFindings(
  format: 'PDF' | 'DOCX',
  first: string,
  all: string,
  expected: ClerkExpectation,
): string[] {
  const lines = [...all.matchAll(PLACE_AND_DATE)].map((m) => m[0]);
  if (expected.placeAndDate)
    return lines.length === 1
      ? []
      : [`${format}: ${lines.length} place and date lines, not one: ${JSON.stringify(lines)}`];
  return [
    ...(lines.length > 0
      ? [
          `${format}: a place and date line of its own on an attachment its decision dates: ${JSON.stringify(lines)}`,
        ]
      : []),
    ...(ATTACHED_TO.test(first) ? [] : [`${format}: an attachment without "(Kèm theo … số … ngày … của …)"`]),
  ];
}

/** Whether the document is addressed to someone: a "Kính gửi:" line. */
function addressed(text: string): boolean {
  return /(^| )Kính gửi:/.test(text);
}

/** How far a centred line's middle may stand from the text area's middle: a space's width or so. */
const CENTRED = 4;

/**
 * "Kính gửi: ….", whom the document is sent to: on page 1, on one line of its own, centred in the
 * text area under the summary, before the text begins (Appendix I).
 */
function pdfAddresseeFindings(words: Word[]): string[] {
  const lines = linesOf(words);
  const at = lines.findIndex((line) => line.text.startsWith('Kính gửi:'));
  if (at < 0) return ['PDF: "Kính gửi:" not on page 1'];
  const line = lines[at];
  const findings: string[] = [];
  if (!line.text.endsWith('.') || lines[at + 1]?.text.startsWith('-'))
    findings.push(`PDF: "Kính gửi:" not one line ending "." (${JSON.stringify(line.text)})`);
  const offset = (line.xMin + line.xMax) / 2 - (mm(30) + TEXT_WIDTH / 2);
  if (Math.abs(offset) > CENTRED)
    findings.push(`PDF: "Kính gửi:" not centred in the text area (${(offset / mm(1)).toFixed(1)} mm off)`);
  return findings;
}

/** The DOCX's "Kính gửi:" paragraph: centred, without the text's first-line indent. */
function docxAddresseeFindings(document: string): string[] {
  const paragraph = [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((match) => match[0])
    .find((xml) => wordParagraphs(xml)[0]?.startsWith('Kính gửi:'));
  if (!paragraph) return ['DOCX: no paragraph begins "Kính gửi:"'];
  return /<w:jc w:val="center"\/>/.test(paragraph) && !/<w:ind\b[^>]*w:firstLine=/.test(paragraph)
    ? []
    : ['DOCX: "Kính gửi:" not centred (or indented like the text)'];
}

/** "Nơi nhận": `- …;` each, the last `- Lưu: VT, ….`; addressed ("Kính gửi:"), `- Như trên;` first. */
function recipientFindings(format: 'PDF' | 'DOCX', items: string[], addressedTo: boolean): string[] {
  if (items.length === 0) return [`${format}: "Nơi nhận:" lists nobody`];
  const findings: string[] = [];
  const last = items[items.length - 1];
  if (!/^- Lưu: VT\b.*\.$/u.test(last))
    findings.push(`${format}: "Nơi nhận" does not end with "- Lưu: VT, ….": ${JSON.stringify(last)}`);
  for (const item of items.slice(0, -1))
    if (!/^- \S.*;$/u.test(item)) findings.push(`${format}: recipient ${JSON.stringify(item)} not "- …;"`);
  if (addressedTo && items[0] !== '- Như trên;')
    findings.push(
      `${format}: addressed ("Kính gửi:") but "Nơi nhận" does not begin with "- Như trên;": ${JSON.stringify(items)}`,
    );
  return findings;
}

interface Word {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** Every word of each page with its box, in points from the top left (`pdftotext -bbox`). */
function pdfWords(pdf: Buffer): Word[][] {
  const bbox = withPdf(pdf, (path) => execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' }));
  return bbox
    .split('<page ')
    .slice(1)
    .map((page) =>
      [
        ...page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({ xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4], text: unescapeHtml(m[5]) })),
    );
}

/** The words as lines, top to bottom: words whose tops are within a point or two of each other. */
function linesOf(words: Word[]): Word[] {
  const lines: Word[][] = [];
  for (const word of [...words].sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin)) {
    const line = lines.find((l) => Math.abs(l[0].yMin - word.yMin) <= 2);
    if (line) line.push(word);
    else lines.push([word]);
  }
  return lines.map((line) => {
    const sorted = line.sort((a, b) => a.xMin - b.xMin);
    return {
      xMin: sorted[0].xMin,
      yMin: Math.min(...sorted.map((w) => w.yMin)),
      xMax: sorted[sorted.length - 1].xMax,
      yMax: Math.max(...sorted.map((w) => w.yMax)),
      text: sorted.map((w) => w.text).join(' '),
    };
  });
}

/** Where a run of words (`THƯ KÝ`, `Nơi nhận:`) stands on the page, as one box; null if nowhere. */
function phrase(words: Word[], text: string): Word | null {
  const tokens = text.split(' ');
  for (let i = 0; i + tokens.length <= words.length; i++) {
    const run = words.slice(i, i + tokens.length);
    if (run.every((w, k) => w.text === tokens[k] && Math.abs(w.yMin - run[0].yMin) <= 2))
      return { ...linesOf(run)[0], text };
  }
  return null;
}

/** The items under "Nơi nhận:" in its column (the text area's left half), each `- …` with its wrapped lines; null: none. */
function pdfRecipients(pages: Word[][]): string[] | null {
  for (const words of pages) {
    const title = phrase(words, 'Nơi nhận:');
    if (!title) continue;
    const column = words.filter(
      (w) => w.yMin > title.yMax - SLACK && w.xMin >= title.xMin - SLACK && w.xMax <= mm(30) + TEXT_WIDTH / 2,
    );
    const items: string[] = [];
    let bottom = title.yMax;
    for (const line of linesOf(column)) {
      // A blank line's height ends the list.
      if (line.yMin - bottom > line.yMax - line.yMin) break;
      bottom = line.yMax;
      if (line.text.startsWith('-') || items.length === 0) items.push(line.text);
      else items[items.length - 1] += ` ${line.text}`;
    }
    return items;
  }
  return null;
}

/**
 * Signatures side by side on the last page: the titles on one line, left to right, each in its
 * share of the text area; under each, past the space to sign in, a name or a dotted line for it;
 * "Nơi nhận" below them.
 */
function pdfSideBySideFindings(pages: Word[][], titles: string[]): string[] {
  const words = pages[pages.length - 1] ?? [];
  const found = titles.map((title) => phrase(words, title));
  const missing = titles.filter((_, i) => !found[i]);
  if (missing.length > 0) return [`PDF: no signature ${JSON.stringify(missing)} on the last page`];
  const boxes = found as Word[];
  const findings: string[] = [];
  if (boxes.some((box) => Math.abs(box.yMin - boxes[0].yMin) > SLACK))
    findings.push(`PDF: the signatures ${JSON.stringify(titles)} are not side by side on one line`);
  const share = TEXT_WIDTH / titles.length;
  const names: Word[] = [];
  boxes.forEach((box, i) => {
    const [from, to] = [mm(30) + i * share, mm(30) + (i + 1) * share];
    const centre = (box.xMin + box.xMax) / 2;
    if (centre < from || centre > to)
      findings.push(
        `PDF: signature "${titles[i]}" not in its column (${i + 1} of ${titles.length}, left to right)`,
      );
    // The space to sign in, then the name: the first line of the column at least 2 lines below the title.
    const name = linesOf(
      words.filter((w) => w.yMin > box.yMax + 2 * (box.yMax - box.yMin) && w.xMin >= from && w.xMax <= to),
    )[0];
    if (!name || name.yMin - box.yMax > 150 || /^(Nơi nhận:|-)/.test(name.text))
      findings.push(`PDF: no name (or line for it) under "${titles[i]}", past the space to sign in`);
    else names.push(name);
  });
  const recipients = phrase(words, 'Nơi nhận:');
  if (recipients && names.some((name) => recipients.yMin < name.yMax))
    findings.push('PDF: "Nơi nhận" not below the signatures');
  return findings;
}

/**
 * The DOCX's signatures side by side: one table row, the titles in its cells left to right, each
 * with the space to sign in (empty paragraphs) then a name (or a dotted line for it); "Nơi nhận" after the row.
 */
function docxSideBySideFindings(document: string, titles: string[]): string[] {
  const cellsOf = (row: string) =>
    [...row.matchAll(/<w:tc[ >][\s\S]*?<\/w:tc>/g)].map((cell) => wordParagraphs(cell[0]).map(normalise));
  const row = [...document.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].find((r) =>
    titles.every((title) => cellsOf(r[0]).some((cell) => cell.includes(title))),
  );
  if (!row) return [`DOCX: the signatures ${JSON.stringify(titles)} are not side by side in one row`];
  const cells = cellsOf(row[0]);
  const findings: string[] = [];
  titles.forEach((title, i) => {
    const cell = cells[i] ?? [];
    const at = cell.indexOf(title);
    if (at < 0) {
      findings.push(`DOCX: signature "${title}" not in column ${i + 1} of ${titles.length}, left to right`);
      return;
    }
    const rest = cell.slice(at + 1);
    const space = rest.findIndex((paragraph) => paragraph !== '');
    if (space < 1)
      findings.push(`DOCX: no name (or line for it) under "${title}", past the space to sign in`);
  });
  if (document.indexOf('>Nơi nhận:<') < (row.index ?? 0) + row[0].length)
    findings.push('DOCX: "Nơi nhận" not below the signatures');
  return findings;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function pdfInfo(pdf: Buffer): string {
  return withPdf(pdf, (path) => execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
}

function withPdf<T>(pdf: Buffer, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'qcycle-nd30-'));
  try {
    const path = join(dir, 'document.pdf');
    writeFileSync(path, pdf);
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
