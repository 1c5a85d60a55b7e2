import { rmSync } from 'node:fs';
import type {} from './global-setup';

/** Stops what test/setup/global-setup.ts started. */
export default async function globalTeardown(): Promise<void> {
  const servers = globalThis.__QCYCLE_TEST_SERVERS__;
  if (!servers) return;
  const devServer = servers.temporalDevServer;
  if (devServer && devServer.exitCode === null) {
    const exited = new Promise((resolve) => devServer.once('exit', resolve));
    devServer.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
    clearTimeout(timer);
    if (devServer.exitCode === null) devServer.kill('SIGKILL');
  }
  servers.stopPostgres?.();
  if (servers.bundleDir) rmSync(servers.bundleDir, { recursive: true, force: true });
  if (servers.webDistDir) rmSync(servers.webDistDir, { recursive: true, force: true });
}
