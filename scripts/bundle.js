// @ts-check
/**
 * `npm run bundle`: builds the functions manifest.yml names the way `forge deploy` does, offline, into
 * forge-bundle/ (git-ignored), and prints the bundle's size.
 *
 * Same code path as the Forge CLI (@forge/cli 13.3.0, out/deploy/packager/runtime-bundler.js and
 * out/command-line/dependency-injection.js): ConfigFile.getAppHandlers() reads the manifest's
 * `function` handlers, getEntryPoints() turns `index.trigger` into the entry `src/index`, and
 * getNodeBundler() picks the bundler `app.package` asks for (none: webpack + ts-loader/babel, target
 * node18, `[name].cjs`). @forge/bundler is pinned to the version that CLI depends on (7.1.0).
 *
 * Two differences from a deploy, both because a deploy needs the network:
 *  - The runtime wrapper (`__forge__.cjs`) the CLI downloads from Atlassian's CDN is replaced by a local
 *    stand-in (scripts/bundle-runtime-stand-in.js) and `runtime.json` says so. The CLI downloads a
 *    second file, the runtime loader (then shipped as `__forge__.cjs`, the wrapper as
 *    `__forge_wrapper__.cjs`), only when an Atlassian feature gate is on; offline no gate is on, so
 *    there is no loader, as for a CLI whose gate is off.
 *  - Feature gates (Statsig) all read as off.
 * Nothing is archived or uploaded: the folder is what the CLI would zip.
 *
 * The bundle records a hash of its inputs (forge-bundle/inputs.json), so `ensureBundle()` (used by
 * the artifact test) rebuilds only when src/, the manifest, the lockfile, tsconfig.json or these
 * scripts changed.
 *
 * Usage: node scripts/bundle.js [--force]
 */
'use strict';

const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUTPUT = path.join(ROOT, 'forge-bundle');
const INPUTS_FILE = 'inputs.json';
const STAND_IN = path.join(__dirname, 'bundle-runtime-stand-in.js');
/** Files outside src/ that change what the bundler produces. */
const OTHER_INPUTS = ['manifest.yml', 'package-lock.json', 'tsconfig.json', 'scripts/bundle.js', 'scripts/bundle-runtime-stand-in.js'];

/** Every file under `dir`, relative to the root, sorted. @param {string} dir @returns {string[]} */
function filesUnder(dir) {
  /** @type {string[]} */
  const found = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(relative));
    else if (entry.isFile()) found.push(relative);
  }
  return found.sort();
}

/** One hash over everything that can change the bundle (src/ includes the generated parse worker). */
function inputsHash() {
  const hash = createHash('sha256');
  for (const file of [...OTHER_INPUTS, ...filesUnder('src')]) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** @returns {boolean} whether forge-bundle/ was built from the inputs as they are now */
function isCurrent() {
  try {
    const recorded = JSON.parse(fs.readFileSync(path.join(OUTPUT, INPUTS_FILE), 'utf8'));
    return recorded.hash === inputsHash() && fs.existsSync(path.join(OUTPUT, 'index.cjs'));
  } catch {
    return false;
  }
}

/**
 * Feature gates come from Atlassian's servers; offline, none is on (so no runtime loader and no
 * TypeScript bundler: the gated helpers of StatsigReader go through checkGate).
 */
function offlineStatsig() {
  const { StatsigReader } = require('@forge/cli-shared');
  class OfflineStatsig extends StatsigReader {
    async checkGate() {
      return false;
    }
    async getDynamicConfig() {
      return null;
    }
  }
  return /** @type {import('@forge/cli-shared').StatsigService} */ (/** @type {unknown} */ (new OfflineStatsig()));
}

/** The two scripts @forge/bundler's NetworkWrapperProvider would download, served locally. */
const localWrapperProvider = {
  async getNodeRuntimeWrapper() {
    return { script: fs.readFileSync(STAND_IN, 'utf8'), source: path.relative(ROOT, STAND_IN), version: 'local stand-in (npm run bundle)' };
  },
  /** @returns {Promise<undefined>} no loader, as when the CLI's loader gate is off */
  async getNodeRuntimeLoader() {
    return undefined;
  },
};

/**
 * The CLI's Logger: the bundler reports webpack warnings through `warn`.
 * @type {import('@forge/cli-shared').Logger}
 */
const logger = {
  traceEnabled: false,
  debugEnabled: false,
  info: (message) => console.log(message),
  debug: () => undefined,
  trace: () => undefined,
  warn: (message) => console.warn(`warning: ${message}`),
  error: (error) => console.error(error.message),
};

/** @param {string} dir @returns {{ file: string, bytes: number }[]} */
function sizes(dir) {
  return filesUnder(path.relative(ROOT, dir)).map((file) => ({ file: path.relative(dir, path.join(ROOT, file)), bytes: fs.statSync(path.join(ROOT, file)).size }));
}

/** @param {number} bytes */
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

async function build() {
  // The parse worker is generated code the reader imports; the bundle must carry the current one.
  const worker = spawnSync(process.execPath, [path.join(__dirname, 'build-parse-worker.js')], { cwd: ROOT, stdio: 'inherit' });
  if (worker.status !== 0) throw new Error('scripts/build-parse-worker.js failed');
  const hash = inputsHash();

  const { ConfigFile, FileSystemReader, FileSystemWriter } = require('@forge/cli-shared');
  const { getEntryPoints, getNodeBundler } = require('@forge/bundler');
  // The CLI resolves the manifest and the entry points relative to the working directory.
  process.chdir(ROOT);
  const configFile = new ConfigFile(new FileSystemReader(), new FileSystemWriter());
  const handlers = await configFile.getAppHandlers();
  const entryPoints = getEntryPoints(handlers);
  const bundler = getNodeBundler(logger, localWrapperProvider, configFile, offlineStatsig());
  const started = Date.now();
  const { outputDir, additionalOutputs } = await bundler.bundle({ appDirectory: ROOT, entryPoints });

  // Replaced whole, so a function removed from the manifest does not linger in the folder.
  const staging = `${OUTPUT}.${process.pid}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.cpSync(outputDir, staging, { recursive: true });
  fs.rmSync(outputDir, { recursive: true, force: true });
  for (const [name, content] of additionalOutputs ?? []) {
    fs.mkdirSync(path.dirname(path.join(staging, name)), { recursive: true });
    // A Buffer is the file's content; a string is a path to copy (i18n resources).
    if (typeof content === 'string') fs.copyFileSync(content, path.join(staging, name));
    else fs.writeFileSync(path.join(staging, name), content);
  }
  const entries = entryPoints.map((/** @type {{ name: string }} */ entry) => `${entry.name}.cjs`);
  fs.writeFileSync(
    path.join(staging, INPUTS_FILE),
    `${JSON.stringify({ hash, entries, functions: handlers.map((/** @type {{ module: string, func: string }} */ h) => `${h.module}.${h.func}`) }, null, 2)}\n`,
  );
  fs.rmSync(OUTPUT, { recursive: true, force: true });
  fs.renameSync(staging, OUTPUT);

  const files = sizes(OUTPUT);
  const code = files.filter(({ file }) => file.endsWith('.cjs'));
  const maps = files.filter(({ file }) => file.endsWith('.map'));
  const sum = (/** @type {{ bytes: number }[]} */ list) => list.reduce((total, { bytes }) => total + bytes, 0);
  console.log(`Forge bundle: ${path.relative(ROOT, OUTPUT)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const { file, bytes } of files) console.log(`  ${file.padEnd(32)} ${kib(bytes).padStart(10)}`);
  console.log(`  code ${kib(sum(code))} (functions ${entries.join(', ')}), source maps ${kib(sum(maps))}, total ${kib(sum(files))}`);
}

/**
 * Builds forge-bundle/ unless it is current (or `force`).
 * @param {{ force?: boolean }} [options]
 * @returns {Promise<'current' | 'built'>}
 */
async function ensureBundle(options = {}) {
  if (!options.force && isCurrent()) return 'current';
  await build();
  return 'built';
}

module.exports = { ensureBundle, isCurrent, OUTPUT };

if (require.main === module) {
  ensureBundle({ force: process.argv.includes('--force') }).then(
    (outcome) => {
      if (outcome === 'current') {
        const total = sizes(OUTPUT).reduce((sum, { bytes }) => sum + bytes, 0);
        console.log(`Forge bundle: ${path.relative(ROOT, OUTPUT)}/ is up to date (${kib(total)}; --force rebuilds)`);
      }
    },
    (error) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
}
