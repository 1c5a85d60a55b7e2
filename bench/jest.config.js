// `npm run bench`: the benchmarks, on the same real servers as the integration suites (never part
// of `npm test`: they print figures and assert no time).
const base = require('../jest.config.js');
const integration = base.projects.find((p) => p.displayName === 'integration');

module.exports = {
  testTimeout: 600_000,
  maxWorkers: 1,
  projects: [
    { ...integration, displayName: 'bench', roots: ['<rootDir>/bench'], testMatch: ['**/*.bench.ts'] },
  ],
};
