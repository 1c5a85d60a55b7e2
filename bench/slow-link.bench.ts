/**
 * qcycle opened on a slow mobile link, as a civil servant in a commune office meets it: the
 * sign-in page, a task link from an e-mail, the dashboard of a running cycle, each cold (a browser
 * that never saw qcycle) and again (its cache). Debian's chromium, driven through playwright-core,
 * on a link emulated with DevTools' own throttling (CDP `Network.emulateNetworkConditions`):
 * QCYCLE_BENCH_LINK=3g (the default: 400 ms round trip, 750 kbit/s down, 250 up), `slow` (400 kbit/s
 * down) or `4g` (DevTools' "Slow 4G": 562 ms, 1440 kbit/s). QCYCLE_BENCH_RUNS loads of each (3).
 *
 * Every load is made twice in the same run, on the same build and server, in fresh browser contexts:
 *  - `raw`: the browser asks for no encoding (`Accept-Encoding: identity`), so every file and every
 *    answer travels as it is: the baseline, what the same pages cost with nothing compressed;
 *  - `compressed`: the browser as it is (`gzip, deflate, br, zstd`).
 * For each: the requests that reached the server, the bytes on the wire (headers included, as the
 * browser counts them), and the time from the navigation's start until the page was usable (its
 * heading and content shown, nothing "Đang tải…", the dashboard's charts drawn), then until its last
 * response. Figures only: nothing is asserted about time. Run with `npm run bench -- slow-link`.
 *
 * The stack is the integration suites' own: the real API serving the built web app (built when
 * stale, `node scripts/build-web.mjs`, or the build QCYCLE_TEST_WEB_DIST names; copied so that a
 * rebuild cannot change it under the bench), the real worker, PostgreSQL, and the time-skipping
 * Temporal server; a 2024 rehearsal from 3 June, so that January to May's reports are open at once
 * and three are answered: the dashboard has charts, the e-mailed link opens April's report.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { TaskLinkSigner } from '@qcycle/task-links';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../test/api/support/api-suite';
import { signIn, taskPath, type DemoOrganisation } from '../test/api/support/demo-organisation';
import { YearOverHttp } from '../test/api/support/year-over-http';
import { launchChromium, SlowLinkTab, type LinkProfile, type Usable, type Visit } from './support/slow-link';

const ROOT = join(__dirname, '..');
const LINKS: Record<string, LinkProfile> = {
  '3g': { name: '3G (400 ms, 750 kbit/s down, 250 up)', latencyMs: 400, downKbps: 750, upKbps: 250 },
  slow: { name: 'slow 3G (400 ms, 400 kbit/s down, 200 up)', latencyMs: 400, downKbps: 400, upKbps: 200 },
  // DevTools' own "Slow 4G" preset: a longer wait, twice the bandwidth.
  '4g': { name: 'slow 4G (562 ms, 1440 kbit/s down, 675 up)', latencyMs: 562.5, downKbps: 1440, upKbps: 675 },
};
const LINK = LINKS[process.env.QCYCLE_BENCH_LINK ?? '3g'];
if (!LINK) throw new Error(`QCYCLE_BENCH_LINK must be one of ${Object.keys(LINKS).join(', ')}`);
/** Loads per page and variant; the emulated link makes them nearly alike, the median is printed. */
const RUNS = Number(process.env.QCYCLE_BENCH_RUNS ?? 3);

const VARIANTS = { raw: 'identity', compressed: undefined } as const;
type Variant = keyof typeof VARIANTS;

/** When each page is usable: its content shown, nothing loading. */
const USABLE: Record<'signIn' | 'taskLink' | 'dashboard', Usable> = {
  signIn: { present: ['main h1', 'input[type=email]', 'form button[type=submit]'], absent: [] },
  taskLink: {
    present: ['main h1', 'main form button[type=submit]'],
    absent: ['.loading'],
    linkUsed: true,
  },
  dashboard: { present: ['main h1', '.chart-figure svg'], absent: ['.loading', '.chart-loading'] },
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * A copy of the build the API serves, so that another engineer's rebuild of dist/web cannot change
 * it under the bench: dist/web, built when stale; or the build QCYCLE_TEST_WEB_DIST names (as for
 * the browser suites), served as it is.
 */
function copyOfBuild(): string {
  const given = process.env.QCYCLE_TEST_WEB_DIST;
  if (!given)
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-web.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const source = given ?? join(ROOT, 'dist', 'web');
  const copy = mkdtempSync(join(tmpdir(), 'qcycle-slow-link-web-'));
  for (let attempt = 0; attempt < 20; attempt++) {
    rmSync(copy, { recursive: true, force: true });
    cpSync(source, copy, { recursive: true });
    const index = join(copy, 'index.html');
    const assets = existsSync(index)
      ? [...readFileSync(index, 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1])
      : [];
    if (assets.length > 0 && assets.every((asset) => existsSync(join(copy, asset)))) return copy;
    execFileSync('sleep', ['3']);
  }
  throw new Error(`${source} stayed incomplete (another build kept writing it)`);
}

describe(`qcycle on a slow mobile link: ${LINK.name}`, () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let webDist: string;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let linkTaskId: string;
  let session: Record<string, string>;
  const organisationCode = `sl-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;

  beforeAll(async () => {
    webDist = copyOfBuild();
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({
      worker: true,
      temporal: env,
      config: { http: { webDistDir: webDist, rateLimit: { loginPerMinute: 1000, writesPerMinute: 10_000 } } },
    });
    org = await suite.seedDemoOrganisation(organisationCode);
    const year = new YearOverHttp(org, env);
    await year.start(organisationCode, '2024-06-03');
    await year.approve();
    await year.assignAsProposed();
    await year.acceptUnits();
    // January to March answered: the dashboard draws objective 4's indicators; April's stays open
    // for the e-mailed link.
    for (const [month, numerator] of [
      ['2024-01', 90],
      ['2024-02', 94],
      ['2024-03', 97],
    ] as const) {
      const task = await year.taskOf(
        'qmr',
        'measurement-report',
        0,
        (t) => t.objectiveId === 'obj-4' && t.periodKey === month,
      );
      const detail = await org.as<{ form: { indicators: { id: string }[] } }>(
        'qmr',
        'GET',
        taskPath(task.id),
      );
      const answered = await year.complete('qmr', task.id, {
        figures: detail.body.form.indicators.map((indicator) => ({
          indicatorId: indicator.id,
          numerator,
          denominator: 100,
        })),
        evidence: [`BC-${month}`],
      });
      expect(answered.status).toBe(200);
    }
    linkTaskId = (
      await year.taskOf(
        'qmr',
        'measurement-report',
        0,
        (t) => t.objectiveId === 'obj-4' && t.periodKey === '2024-04',
      )
    ).id;
    const signedIn = await signIn(org.http, org.email('qmr'), DEMO_PASSWORD);
    org.remember('qmr', signedIn);
    const { accessToken, expiresIn, user } = signedIn as unknown as {
      accessToken: string;
      expiresIn: number;
      user: unknown;
    };
    session = {
      'qcycle.session': JSON.stringify({ accessToken, user, expiresAt: Date.now() + expiresIn * 1000 }),
    };
    chromium = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await chromium?.close();
    await suite?.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  const base = () => suite.http.baseUrl;
  const freshLink = () => {
    const { token } = new TaskLinkSigner(suite.config).issue(linkTaskId, org.idOf('qmr'));
    return `${base()}/tasks/${encodeURIComponent(linkTaskId)}?token=${encodeURIComponent(token)}`;
  };

  interface Page {
    name: string;
    url: () => string;
    usable: Usable;
    signedIn?: boolean;
  }
  const pages: Page[] = [
    { name: 'sign-in page', url: () => `${base()}/sign-in`, usable: USABLE.signIn },
    { name: 'e-mailed task link', url: freshLink, usable: USABLE.taskLink },
    {
      name: 'dashboard of a running cycle',
      url: () => `${base()}/cycles/${cycleId}`,
      usable: USABLE.dashboard,
      signedIn: true,
    },
  ];

  const line = (label: string, visits: Visit[]) => {
    const pick = (key: 'requests' | 'fromCache' | 'bytes' | 'usableMs' | 'settledMs') =>
      median(visits.map((v) => v[key]));
    const encodings = Object.entries(visits[0].encodings)
      .map(([encoding, count]) => `${count} ${encoding}`)
      .join(', ');
    return (
      `  ${label.padEnd(18)} ${String(pick('requests')).padStart(3)} requests (` +
      `${pick('fromCache')} from cache)  ${kb(pick('bytes')).padStart(9)}  usable ${seconds(pick('usableMs')).padStart(7)}` +
      `  last response ${seconds(pick('settledMs')).padStart(7)}  scripts/styles: ${encodings || '—'}`
    );
  };

  it.each(pages.map((page) => [page.name, page] as const))('%s', async (_name, page) => {
    const cold: Record<Variant, Visit[]> = { raw: [], compressed: [] };
    const again: Record<Variant, Visit[]> = { raw: [], compressed: [] };
    for (let run = 0; run < RUNS; run++) {
      for (const variant of Object.keys(VARIANTS) as Variant[]) {
        const tab = await SlowLinkTab.open(chromium.browser, LINK, {
          acceptEncoding: VARIANTS[variant],
          localStorage: page.signedIn ? session : undefined,
        });
        try {
          cold[variant].push(await tab.visit(page.url(), page.usable));
          again[variant].push(await tab.visit(page.url(), page.usable));
        } finally {
          await tab.close();
        }
      }
    }
    const waterfall = cold.compressed[0].waterfall
      .map(
        (r) =>
          `    ${String(r.startMs).padStart(6)} → ${String(r.endMs).padStart(6)} ms  ${String(r.status).padStart(3)}  ` +
          `${r.encoding.padEnd(5)} ${kb(r.bytes).padStart(9)}  ${r.method} ${r.type} ${r.url.replace(base(), '').slice(0, 90)}`,
      )
      .join('\n');
    console.log(
      [
        `slow-link: ${page.name} on ${LINK.name}, median of ${RUNS}`,
        ' cold (empty cache):',
        line('raw', cold.raw),
        line('compressed', cold.compressed),
        ' again (same browser):',
        line('raw', again.raw),
        line('compressed', again.compressed),
        ' the compressed cold load, request by request (start → end, status, encoding, bytes on the wire):',
        waterfall,
      ].join('\n'),
    );
    // Figures only; a load that never became usable has already failed the test above.
    expect(cold.compressed.length).toBe(RUNS);
  });
});
