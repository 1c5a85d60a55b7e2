// `npm test`: the whole test suite on real servers. Installs what is missing, provisions the
// Temporal servers (cached in .tools/), then runs Jest; Jest's global setup starts a throwaway
// PostgreSQL and a Temporal dev server and stops them at the end. Extra arguments go to Jest.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { ensureDependencies, root } = require('./lib/ensure-deps.cjs');
ensureDependencies();
const { resolveTemporalCli, resolveTestServer } = require('./lib/temporal-tools.cjs');
resolveTemporalCli();
resolveTestServer();
const { ensureDocumentTools } = require('./lib/document-tools.cjs');
ensureDocumentTools();

const jest = join(root, 'node_modules/jest/bin/jest.js');
const result = spawnSync(process.execPath, [jest, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
