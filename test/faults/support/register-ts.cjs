'use strict';
// Runs the TypeScript sources of the worker and the API in a child process, as Jest runs them for
// the in-process suites: @swc/core with the repository's .swcrc (decorator metadata), and the
// tsconfig paths (@qcycle/*). The fault suites start the apps this way so that they can SIGKILL
// them, without a `tsc` build into the shared dist/ that other work in the tree would race.
//   node -r test/faults/support/register-ts.cjs apps/worker/src/main.ts
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const swc = require('@swc/core');
const tsconfigPaths = require('tsconfig-paths');

const root = join(__dirname, '../../..');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

tsconfigPaths.register({
  baseUrl: root,
  paths: JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths,
});

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = readFileSync(filename, 'utf8');
  const { code } = swc.transformSync(source, { ...swcrc, filename, swcrc: false, configFile: false });
  module._compile(code, filename);
};
