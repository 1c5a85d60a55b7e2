// Lets a plain `node` process run the repository's TypeScript as Jest does (the same .swcrc, decorator
// metadata included, and the @qcycle/* paths): for the extra worker processes of
// bench/many-agencies.bench.ts (`node -r ./bench/support/register-ts.cjs bench/support/worker-process.ts`).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = join(__dirname, '..', '..');
const swcConfig = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
delete swcConfig.$schema;
const libs = ['domain', 'contracts', 'config', 'persistence', 'testing', 'task-links'];
const apps = ['activities', 'workflows'];

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const name = request.startsWith('@qcycle/') ? request.slice('@qcycle/'.length) : undefined;
  if (name && libs.includes(name)) request = join(root, 'libs', name, 'src', 'index.ts');
  else if (name && apps.includes(name)) request = join(root, name, 'src', 'index.ts');
  return resolveFilename.call(this, request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    ...swcConfig,
    filename,
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
