/**
 * CSV is decoded and split here rather than by SheetJS: SheetJS reads a UTF-8 buffer as Latin-1 and sniffs
 * text starting with "<" as HTML. Excel writes CSV in UTF-8 (with a BOM) or in the Windows code page, with
 * ";" in Catalan and Spanish locales and "," elsewhere; every cell stays text, so "08019" keeps its zero.
 */
import { parse } from 'csv-parse';
import type { RawCell } from '../domain/template/types';

/** UTF-8 (with or without BOM), UTF-16 with BOM, else windows-1252; null when the bytes are not text. */
export function decodeCsvBytes(bytes: Uint8Array): string | null {
  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = decodeOrNull('utf-8', bytes.subarray(3)) ?? '';
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = decodeOrNull('utf-16le', bytes.subarray(2)) ?? '';
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = decodeOrNull('utf-16be', bytes.subarray(2)) ?? '';
  } else {
    text = decodeOrNull('utf-8', bytes) ?? new TextDecoder('windows-1252').decode(bytes);
  }
  // Control characters (NUL, C1 codes that windows-1252 leaves undefined…) mean binary, not a CSV.
  // eslint-disable-next-line no-control-regex
  return text === '' || /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffd]/.test(text) ? null : text;
}

function decodeOrNull(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const DELIMITERS = [';', ',', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * The separator that occurs most often outside quotes in the first lines; ";" wins a tie, being what Excel
 * writes in Catalan and Spanish.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 20; i++) {
    const ch = text[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === '\n') lines++;
    else if (!inQuotes && counts.has(ch as Delimiter)) counts.set(ch as Delimiter, counts.get(ch as Delimiter)! + 1);
  }
  let best: Delimiter = ';';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Rows of text cells (row 0 = line 1, empty cells null), at most `maxRows` of them. */
export function parseCsvText(text: string, maxRows: number): Promise<RawCell[][]> {
  // Excel's "sep=;" first line names the separator and is not shown as a row.
  const sepLine = /^sep=(.)\r?\n/i.exec(text);
  const body = sepLine ? text.slice(sepLine[0].length) : text;
  const delimiter = sepLine ? sepLine[1]! : detectDelimiter(body);
  return new Promise((resolve, reject) => {
    parse(
      body,
      {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        to_line: maxRows,
      },
      (error, records: string[][] | undefined) => {
        if (error) reject(error);
        else resolve((records ?? []).map((record) => record.map((cell) => (cell === '' ? null : cell))));
      },
    );
  });
}
