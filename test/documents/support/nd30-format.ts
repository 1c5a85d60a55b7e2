import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docxParts, normalise, fontsNotEmbeddedTimes, pageNumberLines, pdfText } from './document-text';

/**
 * What the clerical office (văn thư) checks before a document leaves: its format (thể thức) as
 * Decree 30/2020/NĐ-CP, Appendix I prescribes it, and its number and symbol (Appendix III).
 */
export interface ClerkExpectation {
  /** The masthead's number line, spaces collapsed: `Số: 123/QĐ-UBND`, `Số: /BC-UBND` (numbered on sending); null: none (an attachment, a form). */
  number: string | null;
  /** The place and date line: `Kon Tum, ngày 05 tháng 3 năm 2024`. */
  placeAndDate: string;
  /** Whether it lists its recipients ("Nơi nhận:"). */
  recipients: boolean;
}

/** A4 in points, and the margins Decree 30 allows, in points (1 mm = 72 / 25.4 pt). */
const A4 = { width: 595.28, height: 841.89 };
const mm = (millimetres: number) => (millimetres * 72) / 25.4;
/** Rounding of chromium's and poppler's coordinates. */
const SLACK = 1;

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
  for (const words of [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    expected.placeAndDate,
  ])
    if (!first.includes(words)) findings.push(`PDF: page 1 lacks "${words}"`);
  if (expected.number && !first.includes(expected.number))
    findings.push(`PDF: page 1 lacks the number line "${expected.number}"`);
  const masthead = first.slice(0, Math.max(0, first.indexOf(expected.placeAndDate)));
  if (!expected.number && /(^| )Số:/.test(masthead))
    findings.push('PDF: a number line on a document that carries none');
  if (expected.recipients && !normalise(pages.join(' ')).includes('Nơi nhận:'))
    findings.push('PDF: no "Nơi nhận:"');
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
  const bbox = withPdf(pdf, (path) => execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' }));
  bbox
    .split('<page ')
    .slice(1)
    .forEach((page, i) => {
      const words = [
        ...page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({ xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4], text: m[5] }));
      const body = words.filter((w) => w.yMax > mm(20));
      if (body.length === 0) return;
      const left = Math.min(...body.map((w) => w.xMin));
      const right = Math.max(...body.map((w) => w.xMax));
      const top = Math.min(...body.map((w) => w.yMin));
      const bottom = Math.max(...body.map((w) => w.yMax));
      if (left < mm(30) - SLACK)
        findings.push(`PDF page ${i + 1}: left margin ${(left / mm(1)).toFixed(1)} mm < 30 mm`);
      if (right > A4.width - mm(15) + SLACK)
        findings.push(
          `PDF page ${i + 1}: right margin ${((A4.width - right) / mm(1)).toFixed(1)} mm < 15 mm`,
        );
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
    expected.placeAndDate,
  ])
    if (!text.includes(words)) findings.push(`DOCX: lacks "${words}"`);
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

  if (expected.recipients) {
    const title = /<w:r>(?:(?!<w:r>)[\s\S])*?<w:t[^>]*>Nơi nhận:<\/w:t>/.exec(document)?.[0] ?? '';
    if (!/<w:b\/>/.test(title) || !/<w:i\/>/.test(title) || !/<w:sz w:val="24"\/>/.test(title))
      findings.push('DOCX: "Nơi nhận:" not bold italic 12 pt');
  }
  // The signature never split from its "Nơi nhận" over two pages: the closing table's row cannot split.
  const lastTable = document.slice(document.lastIndexOf('<w:tbl>'));
  if (/TM\.|CHỦ|TRƯỞNG|NGƯỜI/.test(lastTable) && !/<w:cantSplit\/>/.test(lastTable))
    findings.push('DOCX: the signature block may split over two pages');
  return findings;
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
