import { availableParallelism } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Browser } from 'playwright-core';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';

/** Debian's chromium, as `apt-get install chromium` puts it. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags the API starts chromium with: no window, no sandbox (containers), no GPU, no calls home. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

/**
 * Pages chromium lays out at once (one per core, at least two); the next waits its turn. Each takes
 * a renderer process (a few hundred megabytes while it lays out) and a core: a year's documents
 * asked for all at once (the end of the year, a closed year's first dossier, many people on one
 * morning) would otherwise open as many pages as there are requests, and the machine's memory with
 * them (docs/documents.md "PDF: why chromium").
 */
export const PAGES_AT_ONCE = Math.max(2, availableParallelism());

/**
 * Prints HTML to PDF with a real browser engine: Debian's chromium driven by playwright-core (the
 * library only, no downloaded browser). One browser is started on first use and kept for the API's
 * life; each document gets its own page, {@link PAGES_AT_ONCE} at a time. The page never loads
 * anything from outside (the HTML is self-contained; every request is refused).
 */
@Injectable()
export class PdfPrinter implements OnApplicationShutdown {
  private readonly logger = new Logger(PdfPrinter.name);
  private browser?: Promise<Browser>;
  private readonly pages = new Turns(PAGES_AT_ONCE);

  constructor(@Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig) {}

  get executablePath(): string {
    return this.config.documents?.chromiumPath ?? DEFAULT_CHROMIUM_PATH;
  }

  /**
   * The PDF of `html`, with its creation and modification dates set to `date` (`YYYY-MM-DD`, the
   * document's own date) so that printing the same page again gives the same bytes.
   */
  async print(html: string, date: string): Promise<Buffer> {
    const browser = await this.browserOrUnavailable();
    return this.pages.take(async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        await page.route('**/*', (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        return fixPdfDates(pdf, date);
      } finally {
        await context.close();
      }
    });
  }

  /**
   * A PNG of `svg` (a self-contained SVG of `size` CSS pixels) drawn by the same chromium at twice
   * that size: the DOCX embeds it where the PDF draws the SVG itself, so both show the same chart.
   */
  async png(svg: string, size: { width: number; height: number }): Promise<Buffer> {
    const browser = await this.browserOrUnavailable();
    return this.pages.take(async () => {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: size,
        deviceScaleFactor: 2,
      });
      try {
        const page = await context.newPage();
        await page.route('**/*', (route) => route.abort());
        await page.setContent(
          `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}svg{display:block}</style></head><body>${svg}</body></html>`,
          { waitUntil: 'load' },
        );
        return await againIfRefused(() =>
          page.screenshot({ clip: { x: 0, y: 0, ...size }, type: 'png', animations: 'disabled' }),
        );
      } finally {
        await context.close();
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }

  /** The running chromium, started on first use; DOCUMENTS_UNAVAILABLE (503) when it cannot start. */
  private async browserOrUnavailable(): Promise<Browser> {
    try {
      return await this.start();
    } catch {
      throw new QcycleError(QcycleErrorCode.DocumentsUnavailable);
    }
  }

  private start(): Promise<Browser> {
    if (!this.browser) {
      const executablePath = this.executablePath;
      this.browser = import('playwright-core').then(({ chromium }) =>
        chromium.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true }),
      );
      this.browser.then(
        (browser) =>
          browser.on('disconnected', () => {
            this.browser = undefined;
          }),
        (error: Error) => {
          this.logger.error(`chromium at ${executablePath} did not start: ${error.message}`);
          this.browser = undefined;
        },
      );
    }
    return this.browser;
  }
}

/**
 * Chromium now and then refuses a capture ("Protocol error (Page.captureScreenshot): Unable to
 * capture screenshot", under load, the page drawn) and takes the very same picture when asked again
 * a moment later: asked up to `attempts` times, `pauseMs` apart, before the refusal stands. Any other
 * error stands at once.
 */
export async function againIfRefused<T>(capture: () => Promise<T>, attempts = 3, pauseMs = 100): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await capture();
    } catch (error) {
      const refused = error instanceof Error && error.message.includes('Unable to capture screenshot');
      if (!refused || attempt >= attempts) throw error;
      await new Promise((resume) => setTimeout(resume, pauseMs));
    }
  }
}

/** At most `size` tasks run at once; the others wait, first come first served. */
class Turns {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async take<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((turn) => this.waiting.push(turn));
    else this.running++;
    try {
      return await task();
    } finally {
      // The turn passes straight to the next in line (the count stays), or is given back.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/**
 * Skia writes the print time as `/CreationDate (D:20261130054645+00'00')` and `/ModDate (…)`; the
 * rest of its output depends only on the page. The same-length replacement keeps every xref offset.
 */
export function fixPdfDates(pdf: Buffer, date: string): Buffer {
  const stamp = `D:${date.replace(/-/g, '')}000000+00'00'`;
  const text = pdf.toString('latin1');
  const fixed = text.replace(
    /\/(CreationDate|ModDate) \(D:\d{14}[-+Z]\d{2}'\d{2}'\)/g,
    (match, key: string) => {
      const replacement = `/${key} (${stamp})`;
      return replacement.length === match.length ? replacement : match;
    },
  );
  return Buffer.from(fixed, 'latin1');
}
