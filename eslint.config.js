// @ts-check
/**
 * ESLint flat config. Besides the recommended rules it enforces the layering of docs/architecture.md
 * with `no-restricted-imports`: the pure domain and the use cases never see Forge, HTTP or the
 * adapters, and nothing the Forge bundle contains reaches the emulator or the sandbox.
 */
const js = require('@eslint/js');
const { defineConfig, globalIgnores } = require('eslint/config');
const globals = require('globals');
const tseslint = require('typescript-eslint');

/** A relative import of a top-level folder of src/, from any depth: `../adapters/x`, `../../ports`. */
const srcFolder = (/** @type {string} */ names) => `^(\\.\\./)+(${names})(/|$)`;

/** Network, processes and the file system: the outside world, reached only through ports. */
const NODE_IO = ['node:http', 'node:https', 'node:net', 'node:tls', 'node:dgram', 'node:child_process', 'node:fs', 'node:fs/promises', 'http', 'https', 'net', 'child_process', 'fs'];

const forge = { group: ['@forge/*'], message: 'Only src/adapters and src/handlers may use Forge packages.' };
const io = NODE_IO.map((name) => ({ name, message: 'I/O goes through a port (src/ports) implemented in src/adapters.' }));

/**
 * @param {string} folders regex alternation of src/ folders that may not be imported
 * @param {string} why
 */
const notFrom = (folders, why) => ({ regex: srcFolder(folders), message: why });

/**
 * A layer's import rule: `files` may not import the modules `paths` names nor those `patterns` match.
 * @param {string[]} files
 * @param {{ paths?: { name: string, message: string }[], patterns: object[] }} restrictions
 */
const layer = (files, restrictions) => ({ files, rules: { 'no-restricted-imports': ['error', restrictions] } });

/**
 * A layer without I/O or Forge that may not import from the folders `patterns` name either.
 * @param {string[]} files
 * @param {...object} patterns
 */
const pureLayer = (files, ...patterns) => layer(files, { paths: io, patterns: [forge, ...patterns] });

module.exports = defineConfig([
  globalIgnores(['node_modules/', 'dist/', 'coverage/', 'static/*/build/', '.sandbox/', 'test-output/', 'forge-bundle/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // House rule: `any` only with a comment saying why, i.e. an eslint-disable line with a reason.
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // With type information, for the server code only (it costs time): a promise nobody awaits dies
    // with the Forge invocation, silently, so it is an error here.
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Node scripts and configs are CommonJS.
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['static/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@forge/*', '!@forge/bridge'],
              message: 'Custom UI talks to the backend only through @forge/bridge.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['static/build.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },

  // ---- Layering (docs/architecture.md "Rules of the house") ----
  pureLayer(
    ['src/domain/**/*.ts'],
    notFrom(
      'adapters|usecases|handlers|contracts|ports|i18n|spreadsheet|emulator|sandbox|cli|composition',
      'The domain is pure: it imports nothing outside src/domain (node built-ins such as crypto excepted).',
    ),
  ),
  pureLayer(
    ['src/usecases/**/*.ts'],
    notFrom('adapters|handlers|spreadsheet|emulator|sandbox|cli|composition', 'Use cases reach the outside only through src/ports; shared contracts live in src/contracts.'),
  ),
  // The resolvers' contracts (panel, settings) are shared by handlers, use cases and the Custom UI:
  // zod and the domain's vocabulary, nothing else.
  pureLayer(
    ['src/contracts/**/*.ts'],
    notFrom('adapters|usecases|handlers|ports|i18n|spreadsheet|emulator|sandbox|cli|composition', 'A contract depends on the domain only.'),
  ),
  pureLayer(
    ['src/ports/**/*.ts'],
    notFrom('adapters|usecases|handlers|emulator|sandbox|cli|composition', 'Ports are interfaces over the domain only.'),
  ),
  layer(['src/adapters/**/*.ts'], {
    patterns: [notFrom('usecases|handlers|emulator|sandbox|cli|composition', 'Adapters implement ports; they do not call up the stack.')],
  }),
  pureLayer(['src/i18n/**/*.ts'], notFrom('adapters|usecases|handlers|emulator|sandbox|cli|composition', 'The catalogue is plain data.')),
  // Everything Forge may bundle: never the emulator, the sandbox or the CLI.
  layer(['src/index.ts', 'src/handlers/**/*.ts', 'src/composition/**/*.ts'], {
    patterns: [notFrom('emulator|sandbox|cli', 'Dev-only code must not reach the Forge bundle.')],
  }),
  {
    files: ['src/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Program > :not(ExportNamedDeclaration[source])',
          message: 'src/index.ts only re-exports the handlers manifest.yml names.',
        },
      ],
    },
  },
]);
