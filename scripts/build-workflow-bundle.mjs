// Writes the prebuilt workflow bundle that production workers load (QCYCLE_WORKFLOW_BUNDLE).
// Run after `tsc -p tsconfig.build.json`: `node scripts/build-workflow-bundle.mjs [out-file]`.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const out = resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
const { bundleWorkflows } = require('../dist/apps/worker/src/workflow-bundle.js');
const { code } = await bundleWorkflows();
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, code);
console.log(`[qcycle] workflow bundle written: ${out} (${Math.round(code.length / 1024)} KiB)`);
