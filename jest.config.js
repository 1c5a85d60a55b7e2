// One Jest run for the whole workspace: `npm test` (see README). Suites run in parallel workers;
// each suite that needs a server gets its own database / task queue / workflow ids.
// Date logic must not depend on the machine: the domain works in Asia/Ho_Chi_Minh explicitly.
process.env.TZ = 'UTC';
const { readFileSync } = require('node:fs');
const swcConfig = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcConfig.$schema;

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/workflows', '<rootDir>/activities', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swcConfig] },
  moduleNameMapper: {
    '^@qcycle/(domain|contracts|config|persistence|testing)$': '<rootDir>/libs/$1/src',
    '^@qcycle/(activities|workflows)$': '<rootDir>/$1/src',
  },
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  testTimeout: 120_000,
  maxWorkers: 2,
};
