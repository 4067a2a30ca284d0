/**
 * src/spreadsheet/parser-host.ts for the browser: the checker's whole read already runs inside a Web
 * Worker, which the page terminates when it overruns its time (static/portal-check/src/run-check.ts), so
 * the parse worker's `handle()` is called directly here; its answer is read the same way.
 */
import type { RawWorkbook } from '../../../../src/domain/template/types';
import type { ParseOutcome, ParseRequest } from '../../../../src/spreadsheet/parser-host';
// The same script the Node thread runs (SheetJS with the same read options and cell limits).
import { handle } from '../../../../src/spreadsheet/parse-worker.js';
import { SPREADSHEET_LIMITS } from '../../../../src/spreadsheet/limits';

// The same request and answer as the Node host: type-only, so nothing of node:worker_threads is bundled.
export type { ParseOutcome, ParseRequest } from '../../../../src/spreadsheet/parser-host';

export class ParserUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParserUnavailableError';
  }
}

export function setParserSystemLog(): void {}

export async function stopSpreadsheetParser(): Promise<void> {}

export async function parseInWorker(request: ParseRequest): Promise<ParseOutcome> {
  const maxAnswerChars = request.maxAnswerChars ?? SPREADSHEET_LIMITS.maxAnswerChars;
  // Bounded as the parser builds it (maxAnswerChars), as in the Node host.
  const data = handle({ ...request, maxAnswerChars }) as
    | { ok: true; sheets: RawWorkbook['sheets']; date1904: boolean }
    | { ok: true; encrypted: false }
    | { ok: false; reason: 'encrypted' | 'corrupt' | 'too_large'; detail: string };
  if (!data.ok) return data;
  if ('encrypted' in data) return data;
  return { ok: true, workbook: { sheets: data.sheets, date1904: data.date1904 } };
}
