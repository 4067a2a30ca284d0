/**
 * The one fix our build makes to SheetJS's source (scripts/build-parse-worker.js, docs/dependencies.md "Patch
 * to SheetJS"): it still applies to the SheetJS installed, it refuses to build against a SheetJS it no longer
 * matches, and the reader with it reads exactly what SheetJS as published reads, including sheets with
 * content after their cells (merged cells, hyperlinks, margins), which the fix is about.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { read, utils } from 'xlsx';
import { readTemplate } from '../../../src/spreadsheet';
import { PARSE_WORKER_SOURCE } from '../../../src/spreadsheet/generated/parse-worker-source';
import { parseInWorker, stopSpreadsheetParser } from '../../../src/spreadsheet/parser-host';
import { SPREADSHEET_LIMITS } from '../../../src/spreadsheet/limits';
import { allMunicipalitiesSheet } from '../../fixtures/template-rows';
import { workbookFile } from '../../fixtures/workbook-files';

import { patchSheetJs } from '../../../scripts/build-parse-worker';

afterAll(() => stopSpreadsheetParser());

// The ES module the worker's bundle imports (the package's exports map hides the file from require.resolve).
const sheetJsSource = (): string => readFileSync(join(__dirname, '../../../node_modules/xlsx/xlsx.mjs'), 'utf8');

/** A template whose sheet carries, after its cells, what parse_ws_xml looks for in the sheet's tail. */
function templateWithTail(): Uint8Array {
  const parts = unzipSync(workbookFile([{ name: 'e-NOTUM', rows: allMunicipalitiesSheet(40) }], 'xlsx'));
  const name = 'xl/worksheets/sheet1.xml';
  const tail =
    '<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>' +
    '<hyperlinks><hyperlink ref="A3" display="web"/></hyperlinks>' +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  parts[name] = strToU8(strFromU8(parts[name]!).replace('</sheetData>', `</sheetData>${tail}`));
  return zipSync(parts);
}

describe('the SheetJS patch', () => {
  it('applies to the installed SheetJS, once, in parse_ws_xml', () => {
    const source = sheetJsSource();
    const patched = patchSheetJs(source);
    expect(patched).not.toBe(source);
    expect(patched).toContain('var sheetDataAt = data.indexOf(mtch[0]);');
    expect(patched).not.toContain('data1 = data.slice(0, mtch.index);');
  });

  it('is in the worker the reader runs (the bundled script, minified), in place of the code it fixes', () => {
    // The buggy lines as esbuild minifies them (`o=e.slice(0,v.index),l=e.slice(v.index+v[0].length)`),
    // and the fix (`f=e.indexOf(v[0]);o=e.slice(0,f),…`), whatever names the minifier picks.
    const buggy = /\.slice\(0,(\w+)\.index\),\w+=\w+\.slice\(\1\.index\+\1\[0\]\.length\)/;
    const fixed = /(\w+)=(\w+)\.indexOf\((\w+)\[0\]\);\w+=\2\.slice\(0,\1\),\w+=\2\.slice\(\1\+\3\[0\]\.length\)/;
    expect(buggy.test(PARSE_WORKER_SOURCE)).toBe(false);
    expect(fixed.test(PARSE_WORKER_SOURCE)).toBe(true);
  });

  it('stops the build when SheetJS no longer has the code it fixes (an upgrade must be looked at)', () => {
    const upgraded = sheetJsSource().replace('data1 = data.slice(0, mtch.index);', 'data1 = data.slice(0, mtch.at);');
    expect(() => patchSheetJs(upgraded)).toThrow(/does not match the installed SheetJS exactly once: see docs\/dependencies.md/);
  });

  it('reads every cell SheetJS as published reads, on a sheet with merged cells, hyperlinks and margins after its rows', async () => {
    const bytes = templateWithTail();
    const published = read(bytes, { type: 'array', dense: true });
    const expected = utils.sheet_to_json<unknown[]>(published.Sheets['e-NOTUM']!, { header: 1, raw: true, defval: null, blankrows: true });
    const outcome = await parseInWorker({ bytes: bytes.slice(), mode: 'parse', sheetRows: SPREADSHEET_LIMITS.sheetRows, maxColumns: 64 });
    if (!outcome.ok || !('workbook' in outcome)) throw new Error(`not parsed: ${JSON.stringify(outcome)}`);
    const rows = outcome.workbook.sheets[0]!.rows;
    expect(rows.length).toBe(expected.length);
    expect(rows).toEqual(expected.map((row) => trimTrailingNulls(row)));
    const result = await readTemplate({ bytes, fileName: 'plantilla.xlsx' });
    expect(result.entities.filter((e) => e.valid)).toHaveLength(40);
  });
});

function trimTrailingNulls(row: readonly unknown[]): unknown[] {
  const out = [...row];
  while (out.length > 0 && out[out.length - 1] === null) out.pop();
  return out;
}
