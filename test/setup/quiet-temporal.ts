import { DefaultLogger, Runtime } from '@temporalio/worker';

// The SDK logs every worker state change at INFO; tests want only warnings and errors.
const runtime = Runtime.install({ logger: new DefaultLogger('WARN') });

// The runtime shuts itself down once its last worker or connection closes, but one that a suite
// never used would keep the Jest worker process alive; shutdown() is a no-op when already done.
afterAll(() => runtime.shutdown());
