// @ts-check
'use strict';
/**
 * Helper of bench/cold-start.ts: the reference process for `setdiba check`. Plain node, SheetJS alone:
 * require it, read the file, turn every sheet into rows.  node bench/_sheetjs-parse.js <file>
 */
const { readFileSync } = require('node:fs');
const { read, utils } = require('xlsx');

const file = process.argv[2];
if (!file) throw new Error('usage: _sheetjs-parse.js <file>');
const book = read(new Uint8Array(readFileSync(file)), { type: 'array', dense: true, cellFormula: false, cellHTML: false, cellText: false });
let rows = 0;
for (const name of book.SheetNames) {
  const sheet = book.Sheets[name];
  if (sheet) rows += utils.sheet_to_json(sheet, { header: 1, raw: true, defval: null }).length;
}
process.stdout.write(`${rows}\n`);
