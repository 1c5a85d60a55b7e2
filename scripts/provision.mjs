// Provisions the Temporal servers qcycle needs (idempotent; reuses .tools/). `node scripts/provision.mjs`
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { resolveTemporalCli, resolveTestServer } = require('./lib/temporal-tools.cjs');

console.log(`temporal CLI:        ${resolveTemporalCli()}`);
console.log(`time-skipping server: ${resolveTestServer()}`);
