// One Jest run for the whole workspace: `npm test` (see README and docs/testing.md).
//  - unit:        *.spec.ts      pure code, no servers;
//  - integration: *.int.spec.ts  real Temporal, PostgreSQL and SQLite, started once by test/setup.
// Suites run in parallel workers; each integration suite gets its own databases, task queue and ids.

// Date logic must not depend on the machine: the domain works in Asia/Ho_Chi_Minh explicitly.
process.env.TZ = 'UTC';
const { readFileSync } = require('node:fs');
const swcConfig = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcConfig.$schema;

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: [
    '<rootDir>/apps',
    '<rootDir>/workflows',
    '<rootDir>/activities',
    '<rootDir>/libs',
    '<rootDir>/test',
  ],
  transform: { '^.+\\.ts$': ['@swc/jest', swcConfig] },
  moduleNameMapper: {
    '^@qcycle/(domain|contracts|config|persistence|testing|task-links)$': '<rootDir>/libs/$1/src',
    '^@qcycle/(activities|workflows)$': '<rootDir>/$1/src',
  },
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  testTimeout: 120_000,
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
  maxWorkers: 2,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '/node_modules/'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['**/*.int.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/quiet-temporal.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
