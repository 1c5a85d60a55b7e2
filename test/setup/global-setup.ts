import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflows } from '../../apps/worker/src/workflow-bundle';
import { prepareBrowserSuites, type JestRun } from './browser-setup';

// CommonJS helpers shared with the start/test scripts (Node builtins only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveTemporalCli, resolveTestServer } = require('../../scripts/lib/temporal-tools.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startThrowawayPostgres } = require('../../scripts/lib/postgres.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { reservedFreePort, waitForPort } = require('../../scripts/lib/net.cjs');

export interface TestServers {
  stopPostgres?: () => void;
  temporalDevServer?: ChildProcess;
  /** Temporary folder of the workflow bundle, removed by the teardown. */
  bundleDir?: string;
  /** This run's copy of the built web app (browser suites only), removed by the teardown. */
  webDistDir?: string;
}

declare global {
  // Kept between globalSetup and globalTeardown (same process).
  var __QCYCLE_TEST_SERVERS__: TestServers | undefined;
}

/**
 * Starts the real servers every suite shares: a throwaway PostgreSQL (unless
 * QCYCLE_TEST_POSTGRES_URL names one), one Temporal dev server (suites use their own task queues
 * and workflow ids), and bundles the workflow code once. The time-skipping test server is per suite
 * (its clock is global), started by libs/testing.
 */
export default async function globalSetup(
  globalConfig?: JestRun['globalConfig'],
  projectConfig?: JestRun['projectConfig'],
): Promise<void> {
  const servers: TestServers = {};
  globalThis.__QCYCLE_TEST_SERVERS__ = servers;
  // The browser suites' web app and chromium, when this run has one (test/setup/browser-setup.ts).
  servers.webDistDir = prepareBrowserSuites({
    globalConfig: globalConfig ?? {},
    projectConfig: projectConfig ?? {},
  });

  const cli: string = resolveTemporalCli();
  process.env.QCYCLE_TEST_TIME_SKIPPING_SERVER = resolveTestServer();

  if (!process.env.QCYCLE_TEST_POSTGRES_URL) {
    const postgres = await startThrowawayPostgres();
    servers.stopPostgres = postgres.stop;
    process.env.QCYCLE_TEST_POSTGRES_URL = postgres.url;
  }

  // Reserved: the dev server picks free ports of its own beside these (scripts/lib/net.cjs).
  const port: number = await reservedFreePort();
  const uiPort: number = await reservedFreePort();
  servers.temporalDevServer = spawn(
    cli,
    [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--ui-port',
      String(uiPort),
      '--log-level',
      'error',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], detached: false },
  );
  await waitForPort(port, { timeoutMs: 60_000, what: 'Temporal dev server' });
  process.env.QCYCLE_TEST_TEMPORAL_ADDRESS = `127.0.0.1:${port}`;

  servers.bundleDir = mkdtempSync(join(tmpdir(), 'qcycle-bundle-'));
  const bundlePath = join(servers.bundleDir, 'workflow-bundle.js');
  writeFileSync(bundlePath, (await bundleWorkflows()).code);
  process.env.QCYCLE_TEST_WORKFLOW_BUNDLE = bundlePath;
}
