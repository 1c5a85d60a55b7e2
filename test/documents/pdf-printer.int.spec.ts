import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { QcycleConfig } from '@qcycle/config';
import { PAGES_AT_ONCE, PdfPrinter } from '../../apps/api/src/documents/pdf-printer';

/**
 * The printer under a crowd: a year's documents asked for at the same moment are printed, each
 * right, with no more chromium pages open at once than PAGES_AT_ONCE (real chromium, poppler).
 */
describe('the PDF printer: many documents asked for at once (real chromium)', () => {
  const printer = new PdfPrinter({} as QcycleConfig);
  const workDir = mkdtempSync(join(tmpdir(), 'qcycle-printer-'));

  afterAll(async () => {
    await printer.onApplicationShutdown();
    rmSync(workDir, { recursive: true, force: true });
  });

  const html = (n: number) =>
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>@page{size:A4}</style></head>` +
    `<body><h1>Báo cáo số ${n}</h1>${'<p>Kết quả thực hiện mục tiêu chất lượng.</p>'.repeat(200)}</body></html>`;

  const crowd = 3 * PAGES_AT_ONCE;

  it(`prints ${crowd} documents asked for together, each its own, at most ${PAGES_AT_ONCE} pages at a time`, async () => {
    // Started once, so that only the documents' own pages are counted.
    await printer.print(html(0), '2024-12-31');
    // The printer's chromium, read as the test's own window on it: every page lives in a context of its own.
    const browser = await (printer as unknown as { browser: Promise<Browser> }).browser;
    let mostOpen = 0;
    const watch = setInterval(() => (mostOpen = Math.max(mostOpen, browser.contexts().length)), 1);

    const pdfs = await Promise.all(
      Array.from({ length: crowd }, (_, i) => printer.print(html(i + 1), '2024-12-31')),
    ).finally(() => clearInterval(watch));

    const titles = pdfs.map((pdf, i) => {
      const file = join(workDir, `${i + 1}.pdf`);
      writeFileSync(file, pdf);
      return /Báo cáo số \d+/.exec(
        execFileSync('pdftotext', ['-l', '1', file, '-'], { encoding: 'utf8' }),
      )?.[0];
    });
    expect({ titles, mostOpen, openAfter: browser.contexts().length }).toEqual({
      titles: Array.from({ length: crowd }, (_, i) => `Báo cáo số ${i + 1}`),
      mostOpen: PAGES_AT_ONCE,
      openAfter: 0,
    });
  });
});
