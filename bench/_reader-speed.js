// @ts-check
'use strict';
/**
 * Helper of bench/reader.ts, run by plain `node` (no tsx, in this thread or in the parser's) so that it
 * times the compiled build as it ships:
 *
 *   node bench/_reader-speed.js <dist dir> <template.xlsx> <rounds> <warm-up rounds>
 *
 * Each round times SheetJS alone (the same bounded read options, then rows) and the reader (readTemplate:
 * guard, parser thread, validation), the one first in even rounds and the other in odd ones, then the
 * validation alone (readTemplateWorkbook on the rows the parser thread gave). Prints one JSON line with
 * every round's milliseconds.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { read, utils } = require('xlsx');

/** @param {bigint} started */
function ms(started) {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main() {
  const [dist, file, roundsArg, warmUpArg] = process.argv.slice(2);
  if (!dist || !file) throw new Error('usage: _reader-speed.js <dist dir> <template.xlsx> <rounds> <warm-up rounds>');
  const rounds = Number(roundsArg);
  const warmUp = Number(warmUpArg);
  /** @type {typeof import('../src/spreadsheet/read-template')} */
  const { readTemplate } = require(join(dist, 'spreadsheet/read-template.js'));
  /** @type {typeof import('../src/spreadsheet/parser-host')} */
  const { parseInWorker, stopSpreadsheetParser } = require(join(dist, 'spreadsheet/parser-host.js'));
  /** @type {typeof import('../src/domain/template/read-workbook')} */
  const { readTemplateWorkbook } = require(join(dist, 'domain/template/read-workbook.js'));
  /** @type {typeof import('../src/domain/template/limits')} */
  const { TEMPLATE_LIMITS } = require(join(dist, 'domain/template/limits.js'));
  const sheetRows = TEMPLATE_LIMITS.headerScanRows + TEMPLATE_LIMITS.maxDataRows + 1;

  /** What a caller would do with SheetJS directly: the reader's bounded options, then rows. @param {Uint8Array} bytes */
  const bareSheetJs = (bytes) => {
    const book = read(bytes, {
      type: 'array',
      dense: true,
      sheetRows,
      cellFormula: false,
      cellHTML: false,
      cellText: false,
      cellNF: false,
      cellStyles: false,
      cellDates: false,
      bookVBA: false,
    });
    let rows = 0;
    for (const name of book.SheetNames) {
      const sheet = book.Sheets[name];
      if (sheet) rows += utils.sheet_to_json(sheet, { header: 1, raw: true, defval: null }).length;
    }
    return rows;
  };

  const bytes = new Uint8Array(readFileSync(file));
  const parsed = await parseInWorker({ bytes: bytes.slice(), mode: 'parse', sheetRows, maxColumns: TEMPLATE_LIMITS.maxColumns });
  if (!parsed.ok || !('workbook' in parsed)) throw new Error('the parser thread could not read the bench template');

  /** @type {{ sheetjs: number[], reader: number[], validation: number[] }} */
  const times = { sheetjs: [], reader: [], validation: [] };
  let validEntities = 0;
  try {
    for (let round = 0; round < warmUp + rounds; round++) {
      const keep = round >= warmUp;
      // Each goes first every other round: whatever one leaves behind (garbage, a cold cache) is paid by
      // the other half the time, not always by the reader.
      for (const turn of round % 2 === 0 ? ['sheetjs', 'reader'] : ['reader', 'sheetjs']) {
        const started = process.hrtime.bigint();
        if (turn === 'sheetjs') {
          bareSheetJs(bytes);
          if (keep) times.sheetjs.push(ms(started));
        } else {
          const result = await readTemplate({ bytes, fileName: 'plantilla.xlsx' });
          if (keep) times.reader.push(ms(started));
          validEntities = result.entities.filter((e) => e.valid).length;
        }
      }
      const started = process.hrtime.bigint();
      readTemplateWorkbook(parsed.workbook, { fileName: 'plantilla.xlsx' });
      if (keep) times.validation.push(ms(started));
    }
  } finally {
    await stopSpreadsheetParser();
  }
  const plainNode = process.execArgv.length === 0 && !process.env.NODE_OPTIONS;
  process.stdout.write(`${JSON.stringify({ ...times, validEntities, node: process.version, plainNode })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
