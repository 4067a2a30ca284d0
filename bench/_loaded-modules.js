// @ts-check
'use strict';
/**
 * Helper of bench/cold-start.ts: which modules a Forge function loads on its way in. Requires the entry
 * point, then what the named handler loads lazily on its first call (without calling Forge), and prints
 * one JSON line: the module count and whether SheetJS or the parse-worker source is among them.
 *
 *   node bench/_loaded-modules.js <dist dir> <module under dist>…
 */
const { join } = require('node:path');

const [dist, ...modules] = process.argv.slice(2);
if (!dist) throw new Error('usage: _loaded-modules.js <dist dir> <module>…');
require(join(dist, 'index.js'));
for (const module of modules) require(join(dist, module));
const loaded = Object.keys(require.cache);
process.stdout.write(
  `${JSON.stringify({
    modules: loaded.length,
    sheetjs: loaded.some((f) => /[\\/]xlsx[\\/]/.test(f)),
    parseWorker: loaded.some((f) => /parse-worker/.test(f)),
    zod: loaded.some((f) => /[\\/]zod[\\/]/.test(f)),
  })}\n`,
);
