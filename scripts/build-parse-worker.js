// @ts-check
/**
 * Bundles the spreadsheet parse worker (src/spreadsheet/parse-worker.js) and the parts of SheetJS it uses
 * into one self-contained script, and writes it as a CommonJS module exporting that script's text:
 * src/spreadsheet/generated/parse-worker-source.js (git-ignored). parser-host.ts imports that module and
 * starts the thread with `new Worker(PARSE_WORKER_SOURCE, { eval: true })`.
 *
 * Why: a worker loaded by path (`new Worker(file)`) is invisible to the Forge bundler (webpack), and inside
 * the deployed bundle there is no node_modules/xlsx for such a file to require. An ordinary import of a
 * module holding the worker's text is bundled like any other code, and the text needs nothing at run time
 * but Node's built-ins: it works wherever the host code is, bundled or not.
 *
 * The output records a hash of every file that went into it (esbuild's list of inputs, plus this script and
 * esbuild's version), so `ensureParseWorkerSource()` rebuilds only when one of them changed. It runs before
 * `tsc` in `npm run build` (and so on `npm ci`), before `npm start` and `npm run bench`, and as jest's
 * globalSetup (the module's export), so a test never runs against a stale or missing worker.
 *
 * CommonJS, like the other scripts: the typecheck (module commonjs) covers it, and jest loads it as is.
 *
 * Usage: node scripts/build-parse-worker.js [--force]
 */
'use strict';
const esbuild = require('esbuild');
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

const SCRIPT = __filename;
const ROOT = join(__dirname, '..');
const ENTRY = join(ROOT, 'src', 'spreadsheet', 'parse-worker.js');
const OUTPUT = join(ROOT, 'src', 'spreadsheet', 'generated', 'parse-worker-source.js');
const INPUTS_MARKER = '// inputs: ';

/**
 * One hash over the given files (relative to the root), this script and esbuild's version.
 * @param {string[]} files
 */
function hashInputs(files) {
  const hash = createHash('sha256');
  hash.update(`esbuild ${esbuild.version}\0`);
  for (const file of [relative(ROOT, SCRIPT), ...files]) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(ROOT, file)));
  }
  return hash.digest('hex');
}

/** Whether OUTPUT exists and was built from the files it lists, as they are now. */
function isCurrent() {
  if (!existsSync(OUTPUT)) return false;
  const line = readFileSync(OUTPUT, 'utf8').split('\n', 3).find((l) => l.startsWith(INPUTS_MARKER));
  if (!line) return false;
  try {
    const recorded = /** @type {{ hash: string, files: string[] }} */ (JSON.parse(line.slice(INPUTS_MARKER.length)));
    if (!recorded.files.every((file) => existsSync(join(ROOT, file)))) return false;
    return hashInputs(recorded.files) === recorded.hash;
  } catch {
    return false;
  }
}

/**
 * Fixes made to SheetJS's source as it is bundled into the worker (docs/dependencies.md, "Patch to SheetJS").
 * Each must match the installed source exactly once, or the build fails: an upgrade of SheetJS then makes
 * someone look again (drop the patch if upstream fixed it, or move it), instead of it silently not applying.
 */
const SHEETJS_PATCHES = [
  {
    // parse_ws_xml takes the position of <sheetData> from str_match_xml_ns, whose result (since 0.20.x) is a
    // plain array without `.index`: the "head" and "tail" of the sheet are then the whole sheet, and about ten
    // regular expressions meant for a few hundred bytes run over all of it (~7% of a template's read, more
    // on large sheets). The first occurrence of the matched text is where the match starts.
    name: 'parse_ws_xml: head and tail around <sheetData>',
    from: 'data1 = data.slice(0, mtch.index);\n\t\tdata2 = data.slice(mtch.index + mtch[0].length);',
    to: 'var sheetDataAt = data.indexOf(mtch[0]);\n\t\tdata1 = data.slice(0, sheetDataAt);\n\t\tdata2 = data.slice(sheetDataAt + mtch[0].length);',
  },
];

/**
 * SheetJS's ES module source with SHEETJS_PATCHES applied.
 * @param {string} source
 */
function patchSheetJs(source) {
  let patched = source;
  for (const patch of SHEETJS_PATCHES) {
    const at = patched.indexOf(patch.from);
    if (at === -1 || patched.indexOf(patch.from, at + 1) !== -1) {
      throw new Error(`SheetJS patch "${patch.name}" does not match the installed SheetJS exactly once: see docs/dependencies.md`);
    }
    patched = patched.slice(0, at) + patch.to + patched.slice(at + patch.from.length);
  }
  return patched;
}

/** @type {import('esbuild').Plugin} */
const sheetJsPatches = {
  name: 'sheetjs-patches',
  setup(build) {
    build.onLoad({ filter: /[\\/]xlsx[\\/]xlsx\.mjs$/ }, (args) => ({ contents: patchSheetJs(readFileSync(args.path, 'utf8')), loader: 'js' }));
  },
};

async function bundle() {
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    bundle: true,
    // Node's built-ins (node:worker_threads) stay `require` calls: an eval'd worker runs as CommonJS.
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    // SheetJS's licence header is kept; ASCII output keeps the embedded text free of encoding surprises.
    legalComments: 'inline',
    charset: 'ascii',
    // SheetJS prints warnings with console.*: in a worker they reach the process's stdout/stderr (breaking
    // `setdiba check --json`), in-process they would reach the host's log. A module-scope `console` that
    // says nothing shadows the global one for all of the bundle's code.
    banner: { js: "'use strict'; var console = { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {}, dir() {}, table() {} };" },
    plugins: [sheetJsPatches],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output for the parse worker');
  const files = Object.keys(result.metafile.inputs).sort();
  return { code: output.text, files };
}

/**
 * Builds OUTPUT unless it is current (or `force`). Written to a temporary file and renamed, so a test or
 * process reading it meanwhile never sees half a file.
 * @param {{ force?: boolean }} [options]
 * @returns {Promise<'current' | 'built'>}
 */
async function ensureParseWorkerSource(options = {}) {
  if (!options.force && isCurrent()) return 'current';
  const { code, files } = await bundle();
  const header = [
    '// GENERATED by scripts/build-parse-worker.js from src/spreadsheet/parse-worker.js and SheetJS. Do not edit.',
    `${INPUTS_MARKER}${JSON.stringify({ hash: hashInputs(files), files })}`,
    "'use strict';",
    '/** The parse worker and SheetJS as one script, for `new Worker(PARSE_WORKER_SOURCE, { eval: true })`. */',
  ];
  mkdirSync(dirname(OUTPUT), { recursive: true });
  const temporary = `${OUTPUT}.${process.pid}.tmp`;
  writeFileSync(temporary, `${header.join('\n')}\nexports.PARSE_WORKER_SOURCE = ${JSON.stringify(code)};\n`);
  renameSync(temporary, OUTPUT);
  process.stdout.write(`parse worker: bundled ${files.length} files into ${relative(ROOT, OUTPUT)} (${(code.length / 1024).toFixed(0)} KB)\n`);
  return 'built';
}

/** Jest's globalSetup (jest.config.js). */
async function globalSetup() {
  await ensureParseWorkerSource();
}

module.exports = globalSetup;
module.exports.ensureParseWorkerSource = ensureParseWorkerSource;
module.exports.OUTPUT = OUTPUT;
module.exports.patchSheetJs = patchSheetJs;

if (require.main === module) {
  ensureParseWorkerSource({ force: process.argv.includes('--force') }).then(
    (outcome) => {
      if (outcome === 'current') process.stdout.write(`parse worker: ${relative(ROOT, OUTPUT)} is up to date\n`);
    },
    (error) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
