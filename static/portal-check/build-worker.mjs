// Builds the checker's Web Worker (src/worker/check-worker.ts) next to the app, as check-worker.js.
// static/build.mjs calls this after building the app (the same outdir, so the sandbox's build has it
// too). The worker holds the template reader, the rules, SheetJS and the catalogues: it is loaded only
// when a requester picks a file, so it does not count against the app's budget on open.
//
// The reader is Node code; in the browser its few Node imports are swapped for stand-ins:
// node:zlib → fflate with the same output cap, node:worker_threads → none (it already is a worker),
// parser-host → a direct call of the same parse script, csv-parse → its browser build, Buffer → the
// `buffer` package.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const APP_DIR = dirname(fileURLToPath(import.meta.url));
const WORKER_DIR = join(APP_DIR, 'src', 'worker');

const browserStandIns = {
  name: 'browser-stand-ins',
  setup(build) {
    build.onResolve({ filter: /^node:zlib$|^zlib$/ }, () => ({ path: join(WORKER_DIR, 'zlib-browser.ts') }));
    build.onResolve({ filter: /^node:worker_threads$/ }, () => ({ path: join(WORKER_DIR, 'worker-threads-browser.ts') }));
    build.onResolve({ filter: /\/parser-host$/ }, () => ({ path: join(WORKER_DIR, 'parser-host-browser.ts') }));
  },
};

/** @param {{ esbuild: typeof import('esbuild'), outdir: string, minify: boolean, tsconfig: string }} options */
export async function buildWorker({ esbuild, outdir, minify, tsconfig }) {
  const result = await esbuild.build({
    entryPoints: { 'check-worker': join(WORKER_DIR, 'check-worker.ts') },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify,
    target: ['chrome111', 'firefox111', 'safari16'],
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'csv-parse': 'csv-parse/browser/esm' },
    inject: [join(WORKER_DIR, 'buffer-global.ts')],
    plugins: [browserStandIns],
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    tsconfig,
  });
  return result.metafile;
}
