import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REHEARSAL_MARK, UNDATED_DRAFT_MARK } from '../../../apps/api/src/documents/official-document';

/** Where the test run leaves each document and the PNG of its first page (git-ignored). */
export const DOCUMENT_RESULTS_DIR = join(__dirname, '../../../test-results/documents');

/** One space between words, no space before punctuation that a line break may have split off. */
export function normalise(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * Keeps the PDF and DOCX in test-results/documents/, and renders page 1 of the PDF to
 * `<name>-1.png` with poppler's pdftoppm (the same command docs/documents.md gives).
 */
export function keepDocument(name: string, files: { pdf: Buffer; docx: Buffer }): { png: string } {
  mkdirSync(DOCUMENT_RESULTS_DIR, { recursive: true });
  const pdfPath = join(DOCUMENT_RESULTS_DIR, `${name}.pdf`);
  writeFileSync(pdfPath, files.pdf);
  writeFileSync(join(DOCUMENT_RESULTS_DIR, `${name}.docx`), files.docx);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '100',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdfPath,
    join(DOCUMENT_RESULTS_DIR, `${name}-1`),
  ]);
  return { png: join(DOCUMENT_RESULTS_DIR, `${name}-1.png`) };
}

/**
 * `pdftotext -layout` of the PDF; with `layout: false`, in reading order instead, which keeps each
 * table cell's text together (the layout puts a wrapped cell's lines beside its neighbours').
 */
export function pdfText(pdf: Buffer, options: { layout?: boolean } = {}): string {
  const layout = options.layout === false ? [] : ['-layout'];
  return withFile(pdf, '.pdf', (path) =>
    execFileSync('pdftotext', [...layout, '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }),
  );
}

/**
 * A rehearsal's PDF text without its marks, after checking that each is where a reader sees it:
 * the first line of every page of the PDF, and the DOCX's page header (printed on every page). What
 * remains compares with the DOCX body's words as a real year's document does.
 */
export function rehearsalPdfText(pdf: Buffer, docx: Buffer): string {
  const text = pdfText(pdf);
  const pages = text.split('\f').filter((page) => page.trim() !== '');
  const unmarked = pages
    .map((page, i) => ({ page: i + 1, first: page.trim().split('\n')[0].trim() }))
    .filter(({ first }) => first !== REHEARSAL_MARK);
  if (pages.length === 0 || unmarked.length > 0)
    throw new Error(`PDF pages without the rehearsal mark on top: ${JSON.stringify(unmarked)}`);
  const parts = docxParts(docx);
  const headers = parts.names.filter((name) => /^word\/header\d*\.xml$/.test(name));
  if (!headers.some((name) => wordParagraphs(parts.read(name)).includes(REHEARSAL_MARK)))
    throw new Error(`no DOCX page header says "${REHEARSAL_MARK}" (${headers.join(', ') || 'no header'})`);
  return withoutPageNumbers(text).split(REHEARSAL_MARK).join('\n');
}

/**
 * `pdftotext -layout` of the PDF less the page numbers Decree 30 prints from page 2, centred on top
 * (the DOCX prints them in its page header, a field, so they are no words of its body).
 */
export function pdfBodyText(pdf: Buffer): string {
  return withoutPageNumbers(pdfText(pdf));
}

/** A page's number, its first line but the rehearsal's and draft's marks (`pdftotext -layout`); null on none. */
export function pageNumberLines(pdf: Buffer): (string | null)[] {
  return pdfText(pdf)
    .split('\f')
    .filter((page) => page.trim() !== '')
    .map((page) => {
      const first = page
        .split('\n')
        .map((line) => line.trim())
        .find((line) => line !== '' && !isPageMark(line));
      return first !== undefined && /^\d+$/.test(first) ? first : null;
    });
}

function withoutPageNumbers(text: string): string {
  return text
    .split('\f')
    .map((page, i) => {
      const lines = page.split('\n');
      const at = lines.findIndex((line) => line.trim() !== '' && !isPageMark(line.trim()));
      if (i > 0 && at >= 0 && lines[at].trim() === String(i + 1)) lines.splice(at, 1);
      return lines.join('\n');
    })
    .join('\f');
}

function isPageMark(line: string): boolean {
  return (
    line === REHEARSAL_MARK ||
    line === UNDATED_DRAFT_MARK ||
    line.startsWith('DỰ THẢO - SỐ LIỆU TÍNH ĐẾN NGÀY')
  );
}

/** The first `lines` lines of each page of the PDF (`pdftotext -layout`), trimmed: what a reader sees on top. */
export function pageTops(pdf: Buffer, lines: number): string[][] {
  return pdfText(pdf)
    .split('\f')
    .filter((page) => page.trim() !== '')
    .map((page) =>
      page
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .slice(0, lines),
    );
}

/**
 * The words of each of the DOCX's page headers (the first page's, and the other pages' with their
 * number), paragraph by paragraph; the paragraph holding the page number field has no words.
 */
export function docxHeaders(docx: Buffer): string[][] {
  const parts = docxParts(docx);
  return parts.names
    .filter((name) => /^word\/header\d*\.xml$/.test(name))
    .map((name) => wordParagraphs(parts.read(name)).filter((paragraph) => paragraph !== ''));
}

/**
 * The PDF's fonts that are not an embedded subset of Times New Roman or of its metric twin
 * Liberation Serif (the decree's font, printed the same on any machine); `['(no fonts)']` for a PDF
 * with none. [] when the document is set as it should be.
 */
export function fontsNotEmbeddedTimes(pdf: Buffer): string[] {
  const fonts = pdfFonts(pdf);
  if (fonts.length === 0) return ['(no fonts)'];
  return fonts
    .filter((font) => !(font.embedded && /^[A-Z]{6}\+(LiberationSerif|TimesNewRoman)/.test(font.name)))
    .map((font) => `${font.name}${font.embedded ? '' : ' (not embedded)'}`);
}

/** `pdffonts`: each font's name and whether it is embedded. */
function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  const listing = withFile(pdf, '.pdf', (path) => execFileSync('pdffonts', [path], { encoding: 'utf8' }));
  return listing
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      // name type… encoding emb sub uni object ID: emb is the fifth column from the end.
      return { name: columns[0], embedded: columns[columns.length - 5] === 'yes' };
    });
}

/** The parts of the DOCX package (`unzip -Z1`), after `unzip -t` found every entry intact. */
export function docxParts(docx: Buffer): { names: string[]; read(name: string): string } {
  return withFile(docx, '.docx', (path) => {
    execFileSync('unzip', ['-tq', path]);
    const names = execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const contents = new Map(
      names.map((name) => [
        name,
        execFileSync('unzip', ['-p', path, name.replace(/[[\]*?]/g, '\\$&')], {
          encoding: 'utf8',
          maxBuffer: 1 << 26,
        }),
      ]),
    );
    return { names, read: (name: string) => contents.get(name) ?? '' };
  });
}

/** The DOS modification time and date of every zip entry, as `unzip -Z -T` lists them. */
export function zipTimestamps(zip: Buffer): string[] {
  return withFile(zip, '.zip', (path) =>
    execFileSync('unzip', ['-Z', '-T', path], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => /^[-d]/.test(line))
      .map((line) => line.trim().split(/\s+/).slice(-2, -1)[0]),
  );
}

/**
 * The paragraphs of an XML part with `w:p` paragraphs and `w:t` text, after checking that the XML
 * is well formed (every element closed in order, one root). A small checker: no dependency needed.
 */
export function wordParagraphs(xml: string): string[] {
  assertWellFormed(xml);
  const paragraphs: string[] = [];
  for (const match of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)) {
    const text = [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => unescapeXml(m[1]))
      .join('');
    paragraphs.push(text);
  }
  return paragraphs;
}

/** The text of each table row marked to repeat as a header on every page (`w:tblHeader`). */
export function tableHeaderRows(xml: string): string[] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)]
    .map((row) => row[0])
    .filter((row) => /<w:tblHeader(?: [^>]*)?\/>/.test(row))
    .map((row) => wordParagraphs(`<w:tbl>${row}</w:tbl>`).join('\n'));
}

export function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  let roots = 0;
  const body = xml.replace(/^<\?xml[^?]*\?>/, '');
  for (const match of body.matchAll(
    /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<|>/g,
  )) {
    const [token, closing, name, , selfClosing] = match;
    if (token === '<' || token === '>') {
      // A bare < is never allowed in text; a bare > is, but an unparsed tag would leave both.
      if (token === '<') throw new Error(`not well-formed XML at offset ${match.index}`);
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`not well-formed XML: </${name}> closes <${open}>`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
  }
  if (stack.length > 0) throw new Error(`not well-formed XML: <${stack.at(-1)}> is never closed`);
  if (roots !== 1) throw new Error(`not well-formed XML: ${roots} root elements`);
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Every word of a text with how often it occurs: the two formats lay lines out differently. */
export function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of normalise(text).split(' ').filter(Boolean))
    counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** What the seed decision says, read from its Markdown (test/documents/fixtures/). */
export interface SeedDecision {
  legalBases: string[];
  proposal: string;
  articles: string[];
  objectives: string[];
  recipients: string[];
  signature: string[];
}

export function readSeedDecision(): SeedDecision {
  const markdown = readFileSync(
    join(__dirname, '../fixtures/kontum-2024-quality-objectives-decision.vi.md'),
    'utf8',
  );
  const paragraphs = markdown
    .split(/\n\s*\n/)
    .map((p) => normalise(p.replace(/ {2}\n/g, ' ')))
    .filter(Boolean);
  const plain = (p: string) => normalise(p.replace(/\*+/g, ''));
  const italic = paragraphs.filter((p) => /^\*[^*]/.test(p)).map(plain);
  const strongAlone = paragraphs.filter((p) => /^\*\*[^*]+\*\*$/.test(p)).map(plain);
  const signatureStart = strongAlone.indexOf('TM. ỦY BAN NHÂN DÂN');
  return {
    legalBases: italic.filter((p) => p.startsWith('Căn cứ')),
    proposal: italic.find((p) => p.startsWith('Theo đề nghị'))!,
    articles: paragraphs.filter((p) => p.startsWith('**Điều')).map(plain),
    objectives: paragraphs.filter((p) => /^\d\. /.test(p)),
    recipients: markdown
      .split('\n')
      .filter((line) => line.startsWith('- '))
      .map((line) => line.trim()),
    signature: strongAlone.slice(signatureStart),
  };
}

function withFile<T>(data: Buffer, extension: string, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'qcycle-doc-'));
  try {
    const path = join(dir, `file${extension}`);
    writeFileSync(path, data);
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
