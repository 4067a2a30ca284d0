/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    // Custom UI code and its component tests compile with the browser options (DOM, JSX).
    '/(static|test/unit/panel-ui|test/unit/settings-ui)/.+\\.tsx?$': ['ts-jest', { tsconfig: 'static/tsconfig.json', diagnostics: false }],
    // Type errors are caught by `npm run typecheck`; tests only transpile, which keeps them fast.
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  // Atlaskit components import their precompiled stylesheets; jsdom does not need them.
  moduleNameMapper: { '\\.css$': '<rootDir>/test/unit/panel-ui/style-stub.js' },
  testTimeout: 30000,
  // The machine has two cores; more workers only add contention.
  maxWorkers: 2,
};
