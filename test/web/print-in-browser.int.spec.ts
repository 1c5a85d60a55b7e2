import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOT_DIR, uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import { type DemoOrganisation, type TaskSummary } from '../api/support/demo-organisation';
import { octoberAuditPlan } from '../api/support/year-fixtures';
import { vi } from './support/catalogue';
import { completeTask, octoberRehearsalReported, openTaskOf } from './support/october-rehearsal';
import { browserSuiteConfig, BrowserSession, pagePath, type Tab } from './support/web-suite';

/** Where the PDFs are kept for a person to look at (test-results is git-ignored). */
const PRINT_DIR = join(SCREENSHOT_DIR, '..', 'print');

/** An A4 sheet, portrait, in millimetres. */
const A4 = { width: 210, height: 297 };
const POINT_MM = 25.4 / 72;

/**
 * The height pdftotext gives a word of the pages' h1 printed at its size (1.5rem, 24 px = 18 pt; its
 * box is about 1.1 times that): a page shrunk to fit the sheet has smaller ones.
 */
const H1_HEIGHT = 18;

/** What a person holding the paper has: its sheets' size, and each sheet's text and words with where they are. */
interface Printed {
  name: string;
  /** In points. */
  size: { width: number; height: number };
  /** The collapsed sections were closed again once printed. */
  restored: boolean;
  /** Each sheet's text in the order it was drawn (`pdftotext -raw`: a table row's cells one after the other), its white space collapsed. */
  pages: string[];
  /** Each sheet's words with their boxes (points from the sheet's top left). */
  words: Word[][];
}

interface Word {
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  height: number;
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * `tab`'s page as Ctrl+P prints it: the print media, the browser's own default paper (Letter, as
 * an English chromium has it), so that an A4 sheet is the page's doing (`@page`); no background
 * graphics, as the print dialog's default. The PDF is kept in test-results/print, its first sheet
 * as test-results/screenshots/print-<name>.png.
 */
async function print(tab: Tab, name: string): Promise<Printed> {
  await tab.settled();
  const closed = () => tab.page.locator('details:not([open])').count();
  const closedBefore = await closed();
  await tab.page.emulateMedia({ media: 'print' });
  let pdf: Buffer;
  try {
    // Chromium fires beforeprint and afterprint around it, as around Ctrl+P.
    pdf = await tab.page.pdf({ format: 'Letter', preferCSSPageSize: true });
  } finally {
    await tab.page.emulateMedia({ media: null });
  }
  const restored = (await closed()) === closedBefore;
  mkdirSync(PRINT_DIR, { recursive: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(PRINT_DIR, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', [
    '-r',
    '60',
    '-png',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    file,
    join(SCREENSHOT_DIR, `print-${name}`),
  ]);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  const count = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const pages: string[] = [];
  const words: Printed['words'] = [];
  for (let page = 1; page <= count; page++) {
    const range = ['-f', String(page), '-l', String(page)];
    pages.push(collapse(execFileSync('pdftotext', [...range, '-raw', file, '-'], { encoding: 'utf8' })));
    const boxes = execFileSync('pdftotext', [...range, '-bbox', file, '-'], { encoding: 'utf8' });
    words.push(
      [
        ...boxes.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map(([, xMin, yMin, xMax, yMax, text]) => ({
        page,
        text: decodeEntities(text),
        xMin: Number(xMin),
        xMax: Number(xMax),
        height: Number(yMax) - Number(yMin),
      })),
    );
  }
  return { name, size: { width: Number(width), height: Number(height) }, restored, pages, words };
}

const decodeEntities = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** Today in Vietnam as the paper says it ("In ngày 01/12/2026"). */
const printDate = () =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date());

/** What the screen shows of the page, read before printing. */
interface OnScreen {
  h1: string;
  /** The words of its menus, links of the top bar and buttons, that say nothing else on the page. */
  controls: string[];
  /** Each table row, as the text of each of its cells (less the buttons and forms in them). */
  rows: string[][];
  /** The h2 and h3 headings. */
  headings: string[];
  /** What each collapsed section (`<details>`) holds below its summary. */
  collapsed: string[];
}

/** Read in the page (a script: the suites have no DOM types). */
const READ_SCREEN = `(() => {
  const text = (element) => (element.textContent ?? '').replace(/\\s+/g, ' ').trim();
  const controls = [...document.querySelectorAll('nav a, header a, header button, main button, .skip-link')].map(text);
  // The page's text outside its controls: a control's words that are also content stay on paper.
  const main = document.querySelector('main').cloneNode(true);
  main.querySelectorAll('nav, button').forEach((element) => element.remove());
  const content = text(main);
  return {
    h1: text(document.querySelector('h1')),
    controls: [...new Set(controls)].filter((words) => words.length > 1 && !content.includes(words)),
    // A row's words less its controls (a row's "Đôn đốc" and its form), which paper leaves out.
    rows: [...document.querySelectorAll('main tr')]
      .map((row) =>
        [...row.querySelectorAll('th, td')]
          .map((cell) => {
            const copy = cell.cloneNode(true);
            copy.querySelectorAll('button, form').forEach((element) => element.remove());
            return text(copy);
          })
          .filter(Boolean),
      )
      .filter((cells) => cells.length > 0),
    headings: [...document.querySelectorAll('main h2, main h3')].map(text).filter(Boolean),
    collapsed: [...document.querySelectorAll('main details:not([open])')].map((details) => {
      const copy = details.cloneNode(true);
      // Less its summary, and what is there for screen readers only (not drawn, on paper either).
      copy.querySelectorAll('summary, .visually-hidden').forEach((element) => element.remove());
      return text(copy);
    }),
  };
})()`;

async function onScreen(tab: Tab): Promise<OnScreen> {
  await tab.settled();
  return tab.page.evaluate<OnScreen>(READ_SCREEN);
}

/**
 * The printed pages (docs/web.md "Printing"): what the Quality Representative prints before the
 * leadership meeting and the management review, as Ctrl+P gives it on A4 in Vietnamese — the cycle's
 * dashboard with its charts, the review pack, the audit, a task with its history, the working
 * calendar. On each, what a person holding the paper checks: A4; the page's title, the organisation
 * and the print date on the first sheet; none of the menus' and buttons' words; the collapsed
 * sections printed open; no table row cut over two sheets, no heading left alone at a sheet's foot;
 * the charts whole within the sheet. The real API serving the built web app, the worker, PostgreSQL
 * and the shared Temporal dev server: a rehearsal of 2024 from October, so that the year's monthly
 * reports (some done, some overdue) and the audit are there as soon as the objectives are assigned.
 */
describe('the pages printed on paper: A4, titled and dated, without the controls (chromium; API, worker, PostgreSQL, Temporal dev server)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let browser: BrowserSession;
  let january: TaskSummary;
  const organisationCode = `print-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const cyclePath = `/cycles/${encodeURIComponent(cycleId)}`;

  const complete = (local: string, taskId: string, outcome: unknown) =>
    completeTask(org, local, taskId, outcome);
  const taskOf = (local: string, kind: string, filter?: (task: TaskSummary) => boolean) =>
    openTaskOf(org, local, kind, filter);

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true, config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    for (const local of [
      'qmr',
      'leader',
      'head.tthc',
      'head.tonghop',
      'lead.auditor',
      'auditor.hcth',
      'auditor.kinhte',
    ])
      await org.tokenOf(local);
    ({ january } = await octoberRehearsalReported(org, organisationCode));
    await complete('lead.auditor', (await taskOf('lead.auditor', 'audit-plan')).id, octoberAuditPlan(org));
    await complete('auditor.hcth', (await taskOf('auditor.hcth', 'audit-step')).id, {
      result: 'conformity',
      evidence: ['Sổ theo dõi nhiệm vụ trọng tâm'],
    });
    browser = await BrowserSession.start(suite.http.baseUrl);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
  });

  const qmr = () => browser.tabOf(org.email('qmr'), DEMO_PASSWORD);

  /** The words of the app's frame, which no printed page has. */
  const frameWords = [
    vi('nav.skipToContent'),
    vi('nav.myTasks'),
    vi('nav.signOut'),
    vi('cycles:nav.all'),
    'English',
  ];

  /**
   * Everything a person holding `printed` checks, against what the screen showed, in one object (so
   * that a failure shows every check that failed, not only the first).
   */
  function expectPaper(
    printed: Printed,
    screen: OnScreen,
    organisationName: string,
    more: { checked?: Record<string, unknown>; expected?: Record<string, unknown> } = {},
  ): void {
    const sheets = printed.pages;
    const all = sheets.join(' ');
    // Compared without white space: pdftotext breaks lines where the sheet does, a cell's blocks
    // are read without a space between them.
    const solid = (text: string) => text.replace(/\s+/g, '');
    const solidSheets = sheets.map(solid);
    const h1 = printed.words[0].find((word) => screen.h1.startsWith(word.text));
    expect({
      name: printed.name,
      sizeMm: {
        width: Math.round(printed.size.width * POINT_MM),
        height: Math.round(printed.size.height * POINT_MM),
      },
      // Printed at its size: the browser shrinks a page that is wider than the sheet.
      fullSize: (h1?.height ?? 0) >= H1_HEIGHT,
      // What and when, on the first sheet.
      onFirstSheet: {
        title: sheets[0].includes(screen.h1),
        organisation: sheets[0].includes(organisationName),
        printedOn: sheets[0].includes(vi('print.printedOn', { date: printDate() })),
      },
      // Nothing of the menus and buttons.
      controls: [...frameWords, ...screen.controls].filter((words) => all.includes(words)),
      // What the screen keeps collapsed, printed, and collapsed again on the screen.
      collapsed: screen.collapsed.filter((text) => !solid(all).includes(solid(text).slice(0, 60))),
      restored: printed.restored,
      // Every row whole on one sheet: its cells' words one after the other there.
      cut: screen.rows.filter((cells) => !solidSheets.some((sheet) => sheet.includes(solid(cells.join(''))))),
      // No heading ends a sheet with its section on the next.
      alone: sheets
        .slice(0, -1)
        .map((_, index) => lastLine(printed, index))
        .filter((last) => screen.headings.some((heading) => last.endsWith(heading))),
      ...more.checked,
    }).toEqual({
      name: printed.name,
      sizeMm: A4,
      fullSize: true,
      onFirstSheet: { title: true, organisation: true, printedOn: true },
      controls: [],
      collapsed: [],
      restored: true,
      cut: [],
      alone: [],
      ...more.expected,
    });
  }

  /** The last line of a sheet's words (the words at the greatest height, in order). */
  function lastLine(printed: Printed, index: number): string {
    return collapse(printed.pages[index]).split(' ').slice(-12).join(' ');
  }

  let organisationName: string;
  const organisation = async () =>
    (organisationName ??= (
      await org.as<{ name: { vi: string } }>('qmr', 'GET', `/api/v1/organisations/${organisationCode}`)
    ).body.name.vi);

  it('prints the dashboard: the objectives, each chart whole within the sheet, the figures open, the overdue tasks', async () => {
    const tab = await qmr();
    await tab.open(cyclePath);
    await tab.page.locator('.indicator-chart svg').first().waitFor();
    const screen = await onScreen(tab);
    const chartLabels = await tab.page
      .locator('.indicator-chart svg text')
      .allTextContents()
      .then((texts) => texts.map((text) => text.trim()).filter(Boolean));
    // The size the charts' words are drawn at on the screen, in points (px × 0.75).
    const chartFontPt = await tab.page.evaluate<number>(
      "parseFloat(getComputedStyle(document.querySelector('.indicator-chart svg text')).fontSize) * 0.75",
    );
    const printed = await print(tab, 'dashboard');
    const all = printed.pages.join(' ');
    // How big the charts' one-word labels (the figures on the axis: "0%", "25%") came out on paper,
    // against the page's own words at that size: the smallest print of each such label is the
    // chart's (the tables print their figures larger).
    const printedHeights = (text: string) =>
      printed.words
        .flat()
        .filter((w) => w.text === text)
        .map((w) => w.height);
    const labelHeights = [...new Set(chartLabels.filter((label) => !/\s/.test(label)))]
      .map((label) => Math.min(...printedHeights(label)))
      .filter(Number.isFinite);
    expectPaper(printed, screen, await organisation(), {
      checked: {
        rows: screen.rows.length > 0,
        // The figures' tables, collapsed on the screen, printed open: each month reported, with its day.
        figures: [vi('cycles:chart.reportedAt'), vi('cycles:period.month', { month: 3, year: 2024 })].filter(
          (words) => !all.includes(words),
        ),
        // The chart: its axes' and target's words on the sheet, none past its edge.
        chartLabels: chartLabels.length > 3,
        chartLabelsMissing: chartLabels.filter((label) => !all.includes(label)),
        pastTheEdge: printed.words
          .flat()
          .filter((w) => w.xMin < 0 || w.xMax > printed.size.width)
          .map((w) => w.text),
        // Readable: at least 85% of their size on the screen (a word's box is about 1.1 times its
        // font's size, H1_HEIGHT). Scaled down from a wide screen's drawing they came out near 60%.
        labelsMeasured: labelHeights.length > 2,
        labelsTooSmall: labelHeights.filter((height) => height < 0.85 * 1.1 * chartFontPt),
      },
      expected: {
        rows: true,
        figures: [],
        chartLabels: true,
        chartLabelsMissing: [],
        pastTheEdge: [],
        labelsMeasured: true,
        labelsTooSmall: [],
      },
    });
  });

  it('prints the review pack: the review, the report so far, without its print button', async () => {
    const tab = await qmr();
    await tab.open(`${cyclePath}/review`);
    await tab.page.getByRole('heading', { level: 1 }).waitFor();
    const screen = await onScreen(tab);
    expectPaper(await print(tab, 'review'), screen, await organisation());
  });

  it('prints the audit: the plan and the checklist per unit', async () => {
    const tab = await qmr();
    await tab.open(`${cyclePath}/audit`);
    await tab.page.getByText('Theo dõi nhiệm vụ trọng tâm').first().waitFor();
    const screen = await onScreen(tab);
    expectPaper(await print(tab, 'audit'), screen, await organisation());
  });

  it('prints a task with its answer and history, without the way back to My tasks', async () => {
    const tab = await qmr();
    await tab.open(pagePath(january.id));
    await tab.page.getByRole('heading', { name: vi('tasks:page.outcome') }).waitFor();
    const screen = await onScreen(tab);
    const printed = await print(tab, 'task');
    expectPaper(printed, screen, await organisation());
  });

  it('prints the working calendar: its days and the cycle’s dates, not the form to save a new version', async () => {
    const tab = await qmr();
    await tab.open('/calendar/2024');
    await tab.page.getByRole('heading', { level: 1 }).waitFor();
    const screen = await onScreen(tab);
    expectPaper(await print(tab, 'calendar'), screen, await organisation());
  });
});
