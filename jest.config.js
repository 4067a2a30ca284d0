/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    // Type errors are caught by `npm run typecheck` (which checks the Custom UI with static/tsconfig.json);
    // tests only transpile, which keeps them fast. One transform for all: two ts-jest entries with
    // different tsconfigs share ts-jest's cached config within a worker, so .tsx files were sometimes
    // compiled without JSX support depending on which test a worker ran first.
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  // Atlaskit components import their precompiled stylesheets; jsdom does not need them.
  moduleNameMapper: { '\\.css$': '<rootDir>/test/unit/panel-ui/style-stub.js' },
  // The spreadsheet reader's worker is generated code (scripts/build-parse-worker.js); rebuilt here when
  // missing or stale, so `npx jest <file>` works on a fresh clone and never tests an old worker.
  globalSetup: '<rootDir>/scripts/build-parse-worker.js',
  testTimeout: 30000,
  // The machine has two cores; more workers only add contention.
  maxWorkers: 2,
};
