import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  WidthType,
  type IBorderOptions,
  type IParagraphOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { CHART_SIZE } from './indicator-chart.svg';
import {
  addresseeLine,
  pageMarks,
  placeAndDate,
  recipientLines,
  type DocumentBlock,
  type OfficialDocument,
  type Signature,
} from './official-document';

/**
 * The document as Office Open XML (the `docx` package), laid out as the HTML page is (Decree
 * 30/2020/NĐ-CP, Appendix I): A4, margins 20/20/30/15 mm, Times New Roman (which LibreOffice shows
 * with Liberation Serif), body 14 pt justified with a 1 cm first-line indent. Same model, same
 * words, same order as {@link renderOfficialDocumentHtml}.
 *
 * The bytes depend only on the model: the core properties carry the document's own date, and every
 * zip entry the fixed time of that date (the `docx` package would stamp both with the clock).
 */
export async function renderOfficialDocumentDocx(
  document: OfficialDocument,
  /** The PNG of each chart block, by its id (drawn by chromium from the same SVG as the PDF's). */
  charts: Readonly<Record<string, Buffer>> = {},
): Promise<Buffer> {
  const { header } = document;
  const dated = placeAndDate(header);
  const chartIds = document.body.flatMap((item) => (item.kind === 'chart' ? [item.id] : []));
  const block = (item: DocumentBlock) => blockOf(item, charts, chartIds);
  const file = new Document({
    creator: document.properties.author,
    title: document.properties.title,
    subject: document.properties.subject,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: pt(14) },
          // Single line spacing, said as such: without the rule LibreOffice reads 240 as exactly 12 pt,
          // under the 14 pt text (Decree 30 asks for single to 1.5 lines).
          paragraph: { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO } },
        },
      },
    },
    sections: [
      {
        properties: {
          // The first page's header differs: no page number on it (Decree 30).
          titlePage: true,
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
            margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
          },
        },
        headers: pageHeaders(document),
        children: [
          twoColumns(ISSUER_WIDTH, [
            [
              ...(header.parentBody ? [centred([run(header.parentBody, { size: pt(13) })])] : []),
              ...header.issuingBody.map((line) => centred([run(line, { bold: true, size: pt(13) })])),
              shortRule(ISSUER_RULE_INDENT),
              ...(header.numberAndSymbol
                ? [centred([run(`Số: ${header.numberAndSymbol}`, { size: pt(13) })])]
                : []),
            ],
            [
              centred([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: pt(12) })]),
              centred([
                run('Độc lập - Tự do - Hạnh phúc', {
                  bold: true,
                  size: pt(13),
                  underline: { type: UnderlineType.SINGLE },
                }),
              ]),
              ...(dated ? [centred([run(dated, { italics: true })], { spacing: { before: 160 } })] : []),
            ],
          ]),
          centred([run(document.documentType, { bold: true })], { spacing: { before: 360 } }),
          ...document.summary.map((line) => centred([run(line, { bold: true })])),
          ...(document.attachedTo ? [centred([run(document.attachedTo, { italics: true })])] : []),
          shortRule(3000, { after: 240 }),
          ...(document.addressee
            ? [centred([run(addresseeLine(document.addressee))], { spacing: { after: 240 } })]
            : []),
          ...(document.authority
            ? [centred([run(document.authority, { bold: true })], { spacing: { after: 240 } })]
            : []),
          ...document.preamble.map((line) => body([run(line, { italics: true })])),
          ...(document.enactingWords
            ? [
                centred([run(document.enactingWords, { bold: true })], {
                  spacing: { before: 120, after: 240 },
                }),
              ]
            : []),
          ...document.body.flatMap(block),
          ...closing(document),
        ],
      },
    ],
  });
  const packed = await Packer.toBuffer(file, false, [
    { path: 'docProps/core.xml', data: coreProperties(document) },
  ]);
  return fixZipTimes(packed, document.properties.date);
}

function blockOf(
  item: DocumentBlock,
  charts: Readonly<Record<string, Buffer>>,
  chartIds: string[],
): Array<Paragraph | Table> {
  switch (item.kind) {
    case 'article':
      return [
        body([run(item.label, { bold: true }), run(` ${item.text}`)]),
        ...(item.items ?? []).map((line) => body([run(line)])),
      ];
    case 'heading':
      return [body([run(item.text, { bold: true })])];
    case 'paragraph':
      return [
        body(item.label ? [run(item.label, { italics: true }), run(` ${item.text}`)] : [run(item.text)]),
      ];
    case 'list':
      return item.items.map((line) => body([run(line)]));
    case 'table':
      return [grid(item.columns, item.rows), new Paragraph({ spacing: { after: 120 } })];
    case 'chart': {
      const png = charts[item.id];
      if (!png) throw new Error(`No PNG for the chart ${item.id}`);
      // An explicit drawing id: the package's own counter runs on across documents (bytes would differ).
      const id = String(chartIds.indexOf(item.id) + 1);
      return [
        centred([
          new ImageRun({
            type: 'png',
            data: png,
            transformation: CHART_SIZE,
            altText: { id, name: `chart-${id}`, title: item.chart.title, description: item.chart.title },
          }),
        ]),
        centred([run(item.chart.title, { italics: true, size: pt(12) })], { spacing: { after: 160 } }),
      ];
    }
  }
}

/** A ruled table, 12 pt, the header row bold and centred, its columns as wide as they need. */
function grid(columns: string[], rows: string[][]): Table {
  const line: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: line, bottom: line, left: line, right: line };
  const widths = columnWidths(columns, rows);
  const cell = (text: string, header: boolean, column: number) =>
    new TableCell({
      borders,
      width: { size: widths[column], type: WidthType.DXA },
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(text, { bold: header, size: pt(12) })],
        }),
      ],
    });
  return new Table({
    layout: TableLayoutType.AUTOFIT,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c, i) => cell(c, true, i)) }),
      ...rows.map((row) => new TableRow({ children: row.map((c, i) => cell(c, false, i)) })),
    ],
  });
}

/** A cell's margins and borders, in twips. */
const CELL_MARGINS = 230;
/** A cell this short (a number and symbol, a date, "Ban hành mới") is kept on one line if the page allows. */
const SHORT_CELL = 16;
/** A longer paragraph counts as this many characters when the spare width is shared. */
const LONG_CELL = 80;

/** About how wide a text is in 12 pt Times, in twips: a capital 0.7 em, another letter or digit 0.5 em; bold a tenth more. */
function textWidth(text: string, bold: boolean): number {
  const ems = [...text].reduce((width, c) => width + (c !== c.toLowerCase() ? 0.7 : 0.5), 0);
  return Math.ceil(ems * 240 * (bold ? 1.1 : 1));
}

/**
 * Each column's width (twips), as the PDF's table lays it out: a column of short cells on one line,
 * any other as wide as its longest word (so that "STT", a date or a number and symbol is never
 * broken), and the rest of the text width shared by how much more each column holds, so a title
 * takes the room (equal columns left a title four words a line beside an empty "STT").
 */
function columnWidths(columns: string[], rows: string[][]): number[] {
  const sum = (widths: number[]) => widths.reduce((a, b) => a + b, 0);
  const widest = (texts: string[], bold = false) =>
    Math.max(0, ...texts.map((text) => textWidth(text, bold)));
  const wordsOf = (text: string) => text.split(/\s+/u);
  // Each column's widest word (its header's in bold), its widest cell and its share, in twips; the
  // header may wrap, as in the PDF ("Ngày ban" above "hành").
  const widths = columns.map((header, i) => {
    const cells = rows.map((row) => row[i] ?? '');
    const word = Math.max(widest(wordsOf(header), true), widest(cells.flatMap(wordsOf)));
    const short = Math.max(0, ...cells.map((text) => text.length)) <= SHORT_CELL;
    return {
      word: word + CELL_MARGINS,
      line: Math.max(word, widest(cells)) + CELL_MARGINS,
      short,
      more: widest(cells.map((text) => text.slice(0, LONG_CELL))) + CELL_MARGINS,
    };
  });
  const shortOnOneLine = widths.map((w) => (w.short ? w.line : w.word));
  const minimum = sum(shortOnOneLine) <= TEXT_WIDTH ? shortOnOneLine : widths.map((w) => w.word);
  // Too many long words for the page: their minimums, scaled to its width.
  if (sum(minimum) > TEXT_WIDTH)
    return minimum.map((width) => Math.floor((width * TEXT_WIDTH) / sum(minimum)));
  const more = widths.map((w, i) => Math.max(0, w.more - minimum[i]));
  const spare = TEXT_WIDTH - sum(minimum);
  return minimum.map((width, i) =>
    Math.floor(width + (sum(more) === 0 ? spare / more.length : (spare * more[i]) / sum(more))),
  );
}

/**
 * The page headers, as the PDF's top margin: a rehearsal's and a draft's marks on every page, and
 * from page 2 the page number (Decree 30: centred, 13 pt, upright; none on the first page).
 */
function pageHeaders(document: OfficialDocument): { default: Header; first: Header } {
  const marks = pageMarks(document).map((mark) =>
    centred([run(mark, { bold: true, size: pt(13), color: 'C00000' })]),
  );
  return {
    first: new Header({ children: marks.length > 0 ? marks : [new Paragraph({})] }),
    default: new Header({
      children: [
        ...marks,
        centred([new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })]),
      ],
    }),
  };
}

function closing(document: OfficialDocument): Array<Paragraph | Table> {
  if (!document.recipients && !document.signature) return [];
  const recipients = document.recipients
    ? [
        new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: pt(12) })] }),
        ...recipientLines(document.recipients).map(
          (line) => new Paragraph({ children: [run(line, { size: pt(11) })] }),
        ),
      ]
    : [new Paragraph({})];
  const start = new Paragraph({ spacing: { before: 120 } });
  if (document.coSignature) {
    // A biên bản: the two signatures side by side, "Nơi nhận" under them (Decree 30, Appendix III),
    // the signatures kept on the page of their "Nơi nhận".
    const keep = { keepNext: true };
    const signatures: [Paragraph[], Paragraph[]] = [
      signed(document.coSignature, keep),
      document.signature ? signed(document.signature, keep) : [new Paragraph(keep)],
    ];
    const below: [Paragraph[], Paragraph[]] = [
      document.recipients ? [new Paragraph({}), ...recipients] : [new Paragraph({})],
      [new Paragraph({})],
    ];
    return [start, twoColumns(TEXT_WIDTH / 2, signatures, below)];
  }
  const signature = document.signature ? signed(document.signature) : [new Paragraph({})];
  return [start, twoColumns(TEXT_WIDTH / 2, [recipients, signature])];
}

/** A signature: its lines, the space to sign in, the name; all bold and centred. */
function signed(signature: Signature, options: Partial<IParagraphOptions> = {}): Paragraph[] {
  return [
    ...signature.lines.map((line) => centred([run(line, { bold: true })], options)),
    ...Array.from({ length: 4 }, () => new Paragraph(options)),
    centred([run(signature.name, { bold: true })], options),
  ];
}

/**
 * A borderless two-column table: the masthead, and "Nơi nhận" beside the signature (or a biên
 * bản's two signatures, "Nơi nhận" on the row below).
 */
function twoColumns(leftWidth: number, ...rows: [Paragraph[], Paragraph[]][]): Table {
  const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const borders = { top: none, bottom: none, left: none, right: none };
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, TEXT_WIDTH - leftWidth],
    borders: { ...borders, insideHorizontal: none, insideVertical: none },
    rows: rows.map(
      ([left, right]) =>
        // A row is never split over two pages: the signature stays whole, beside its "Nơi nhận".
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({ width: { size: leftWidth, type: WidthType.DXA }, borders, children: left }),
            new TableCell({
              width: { size: TEXT_WIDTH - leftWidth, type: WidthType.DXA },
              borders,
              children: right,
            }),
          ],
        }),
    ),
  });
}

/** The short line under the issuer and under the summary: an empty paragraph's top border, indented. */
function shortRule(indent: number, spacing: { after?: number } = {}): Paragraph {
  return new Paragraph({
    indent: { left: indent, right: indent },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    spacing: { before: 20, after: spacing.after ?? 120 },
  });
}

function centred(children: ParagraphChild[], options: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children, ...options });
}

/** A body paragraph: justified, 1 cm first-line indent, 6 pt after. */
function body(children: TextRun[]): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(10) },
    spacing: { after: 120 },
    children,
  });
}

function run(text: string, options: Omit<IRunOptions, 'text'> = {}): TextRun {
  return new TextRun({ text, font: FONT, ...options });
}

/** docProps/core.xml with the document's own date instead of the clock's. */
function coreProperties(document: OfficialDocument): string {
  const at = `${document.properties.date}T00:00:00Z`;
  const { title, subject, author } = document.properties;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xml(title)}</dc:title><dc:subject>${xml(subject)}</dc:subject>` +
    `<dc:creator>${xml(author)}</dc:creator><cp:lastModifiedBy>${xml(author)}</cp:lastModifiedBy>` +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/**
 * Sets every entry's DOS time and date (local header and central directory) to midnight of `date`:
 * the zip writer stamps them with the clock. Same length, so nothing else moves.
 */
export function fixZipTimes(zip: Buffer, date: string): Buffer {
  const [year, month, day] = date.split('-').map(Number);
  const dosDate = ((year - 1980) << 9) | (month << 5) | day;
  const out = Buffer.from(zip);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('Not a zip file: no end of central directory');
  const entries = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error('Not a zip file: bad central directory');
    out.writeUInt16LE(0, at + 12);
    out.writeUInt16LE(dosDate, at + 14);
    const local = out.readUInt32LE(at + 42);
    out.writeUInt16LE(0, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

const xml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

const FONT = 'Times New Roman';
/** Twentieths of a point (twips) per millimetre. */
const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);
/** Half-points, the unit of run sizes. */
const pt = (points: number) => points * 2;
const A4 = { width: mm(210), height: mm(297) };
const TEXT_WIDTH = A4.width - mm(30) - mm(15);
const ISSUER_WIDTH = Math.round(TEXT_WIDTH * 0.38);
/** The rule under the issuer, 35% of its column as in the HTML: 1/3 to 1/2 of the issuer's line (Decree 30). */
const ISSUER_RULE_INDENT = Math.round((ISSUER_WIDTH * 0.65) / 2);
