import { escapeHtml } from '@qcycle/domain';
import { indicatorChartSvg } from './indicator-chart.svg';
import {
  addresseeLine,
  isNumberAndSymbol,
  pageMarks,
  placeAndDate,
  recipientLines,
  type DocumentBlock,
  type OfficialDocument,
  type Signature,
} from './official-document';

/**
 * The document as one self-contained HTML page laid out per Decree 30/2020/NĐ-CP, Appendix I: A4,
 * margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman (Liberation Serif, its
 * metric-compatible free twin, where Times is absent); body 14 pt justified with a 1 cm first-line
 * indent and 6 pt between paragraphs; the issuer and the national motto side by side at the top;
 * "Nơi nhận" and the signature side by side at the end. Chromium prints it to the PDF. No script, no
 * outside resource; every word goes through {@link escapeHtml}.
 */
export function renderOfficialDocumentHtml(document: OfficialDocument): string {
  const { header } = document;
  const dated = placeAndDate(header);
  const parts = [
    '<!doctype html>',
    '<html lang="vi"><head><meta charset="utf-8">',
    `<title>${t(document.properties.title)}</title>`,
    `<style>${STYLE}${pageTopStyle(pageMarks(document))}</style>`,
    '</head><body>',
    '<table class="masthead"><tr>',
    '<td class="issuer">',
    header.parentBody ? `<div class="parent">${t(header.parentBody)}</div>` : '',
    ...header.issuingBody.map((line) => `<div class="body-name">${t(line)}</div>`),
    '<div class="rule"></div>',
    header.numberAndSymbol ? `<div class="number">Số: ${t(header.numberAndSymbol)}</div>` : '',
    '</td>',
    '<td class="motto">',
    '<div class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>',
    '<div class="motto-line"><span>Độc lập - Tự do - Hạnh phúc</span></div>',
    dated ? `<div class="place-date">${t(dated)}</div>` : '',
    '</td>',
    '</tr></table>',
    `<div class="type">${t(document.documentType)}</div>`,
    ...document.summary.map((line) => `<div class="summary">${t(line)}</div>`),
    document.attachedTo ? `<div class="attached">${t(document.attachedTo)}</div>` : '',
    '<div class="rule summary-rule"></div>',
    document.addressee ? `<div class="addressee">${t(addresseeLine(document.addressee))}</div>` : '',
    document.authority ? `<div class="authority">${t(document.authority)}</div>` : '',
    ...document.preamble.map((line) => `<p class="basis">${t(line)}</p>`),
    document.enactingWords ? `<div class="enacting">${t(document.enactingWords)}</div>` : '',
    ...document.body.map(block),
    closing(document),
    '</body></html>',
  ];
  return parts.filter((part) => part !== '').join('\n');
}

function block(item: DocumentBlock): string {
  switch (item.kind) {
    case 'article':
      return [
        `<p><b>${t(item.label)}</b> ${t(item.text)}</p>`,
        ...(item.items ?? []).map((line) => `<p>${t(line)}</p>`),
      ].join('\n');
    case 'heading':
      return `<p class="heading">${t(item.text)}</p>`;
    case 'paragraph':
      return item.label ? `<p><i>${t(item.label)}</i> ${t(item.text)}</p>` : `<p>${t(item.text)}</p>`;
    case 'list':
      return item.items.map((line) => `<p>${t(line)}</p>`).join('\n');
    case 'table':
      return [
        '<table class="grid"><thead><tr>',
        ...item.columns.map((column) => `<th>${t(column)}</th>`),
        '</tr></thead><tbody>',
        ...item.rows.map(
          (row) =>
            `<tr>${row.map((cell) => (isNumberAndSymbol(cell) ? `<td class="number">` : '<td>') + `${t(cell)}</td>`).join('')}</tr>`,
        ),
        '</tbody></table>',
      ].join('');
    case 'chart':
      return `<figure class="chart">${indicatorChartSvg(item.chart)}<figcaption>${t(item.chart.title)}</figcaption></figure>`;
  }
}

function closing(document: OfficialDocument): string {
  if (!document.recipients && !document.signature) return '';
  const recipients = document.recipients
    ? [
        '<div class="recipients-title">Nơi nhận:</div>',
        ...recipientLines(document.recipients).map((line) => `<div class="recipient">${t(line)}</div>`),
      ].join('')
    : '';
  const signature = document.signature ? signed(document.signature) : '';
  if (document.coSignature)
    // A biên bản: the two signatures side by side, "Nơi nhận" under them (Decree 30, Appendix III).
    return [
      '<table class="closing">',
      `<tr><td class="signature co-signature">${signed(document.coSignature)}</td><td class="signature">${signature}</td></tr>`,
      recipients ? `<tr><td class="recipients below">${recipients}</td><td></td></tr>` : '',
      '</table>',
    ].join('');
  return `<table class="closing"><tr><td class="recipients">${recipients}</td><td class="signature">${signature}</td></tr></table>`;
}

function signed(signature: Signature): string {
  return [
    ...signature.lines.map((line) => `<div class="sign-line">${t(line)}</div>`),
    '<div class="sign-space"></div>',
    `<div class="sign-name">${t(signature.name)}</div>`,
  ].join('');
}

const t = escapeHtml;

const STYLE = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
html { -webkit-print-color-adjust: exact; }
body { margin: 0; font-family: "Times New Roman", "Liberation Serif", serif; font-size: 14pt;
  line-height: 1.2; color: #000; }
table { border-collapse: collapse; width: 100%; }
td { vertical-align: top; padding: 0; }
.masthead .issuer { width: 38%; text-align: center; font-size: 13pt; }
.masthead .motto { text-align: center; font-size: 13pt; }
.parent { font-weight: normal; }
.body-name { font-weight: bold; }
.rule { width: 35%; margin: 1pt auto 6pt; border-top: 0.75pt solid #000; }
.number { font-size: 13pt; }
.nation { font-weight: bold; font-size: 12pt; white-space: nowrap; }
.motto-line { font-weight: bold; font-size: 13pt; }
.motto-line span { display: inline-block; border-bottom: 0.75pt solid #000; padding-bottom: 1pt; }
.place-date { font-style: italic; font-size: 14pt; margin-top: 8pt; }
.type { text-align: center; font-weight: bold; font-size: 14pt; margin-top: 18pt; }
.summary { text-align: center; font-weight: bold; font-size: 14pt; }
.attached { text-align: center; font-style: italic; font-size: 14pt; }
.summary-rule { margin-top: 2pt; margin-bottom: 12pt; }
.addressee { text-align: center; font-size: 14pt; margin-bottom: 12pt; }
.authority { text-align: center; font-weight: bold; font-size: 14pt; margin-bottom: 12pt; }
p { margin: 0 0 6pt; text-align: justify; text-indent: 1cm; }
p.basis { font-style: italic; }
p.heading { font-weight: bold; }
.enacting { text-align: center; font-weight: bold; margin: 6pt 0 12pt; }
.closing { margin-top: 12pt; page-break-inside: avoid; }
.closing .recipients, .closing .co-signature { width: 50%; }
.closing .below { padding-top: 12pt; }
.recipients-title { font-weight: bold; font-style: italic; font-size: 12pt; }
.recipient { font-size: 11pt; }
.closing .signature { text-align: center; font-weight: bold; font-size: 14pt; }
.sign-space { height: 72pt; }
table.grid { margin: 0 0 6pt; font-size: 12pt; page-break-inside: auto; }
table.grid th, table.grid td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: middle; }
table.grid th { font-weight: bold; text-align: center; }
table.grid tr { page-break-inside: avoid; }
/* A document's number and symbol on one line: "123/QĐ-" above "UBND" reads as two numbers. */
table.grid td.number { white-space: nowrap; }
figure.chart { margin: 0 0 8pt; text-align: center; page-break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; }
figure.chart figcaption { font-style: italic; font-size: 12pt; }
`;

/**
 * The top margin of every page: the page number from page 2 (Decree 30, Appendix I: Arabic
 * numerals, 13 pt, upright, centred in the top margin, none on the first page), and a rehearsal's or
 * a draft's marks above it on every page (a page margin box, one line each), so that no page of it,
 * printed or cut out, passes for the organisation's issued document; the page itself is laid out as
 * the issued one.
 */
function pageTopStyle(marks: string[]): string {
  // CSS strings side by side, a line break ("\A") between them; the marks hold no quote or backslash.
  const lines = marks.map((mark) => JSON.stringify(mark));
  const box = (content: string[]) =>
    content.length === 0 ? 'content: none;' : `content: ${content.join(' "\\A" ')}; white-space: pre;`;
  const font = 'font-family: "Times New Roman", "Liberation Serif", serif; font-size: 13pt;';
  const marked = marks.length > 0 ? ' color: #c00000; font-weight: bold;' : '';
  return `
@page { @top-center { ${box([...lines, 'counter(page)'])} ${font}${marked} } }
@page :first { @top-center { ${box(lines)} } }
`;
}
