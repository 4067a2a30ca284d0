/**
 * How much work an untrusted file may cause before it is refused. Called directly, every spreadsheet
 * library runs out of memory, hangs or loops on some small crafted file; these bounds come first.
 * Goal they serve (issue 11): a whole `setdiba check` process answers any file within 5 s and under
 * 300 MB peak RSS (measured by `npm run bench` and `npm run fuzz`, not by timed tests).
 */
import { TEMPLATE_LIMITS } from '../domain/template/limits';

const MiB = 1024 * 1024;

/** Rows the parser is asked for: a header anywhere in the scanned top rows plus one past the data-row limit. */
const SHEET_ROWS = TEMPLATE_LIMITS.headerScanRows + TEMPLATE_LIMITS.maxDataRows + 1;

export const SPREADSHEET_LIMITS = {
  /** The file itself. */
  maxFileBytes: 5 * MiB,
  /** Real inflated bytes of one zip part (a sheet, the shared strings…), whatever the zip declares. */
  maxPartBytes: 16 * MiB,
  /** Real inflated bytes of all parts together. */
  maxTotalInflatedBytes: 32 * MiB,
  /**
   * The parser thread is terminated after this long (a crafted .xls loops forever). The process's own
   * start-up (~0.4 s) + the thread's (~0.15 s; a thread not up within 4 s is taken as sick, parser-host.ts)
   * + 3 s + validation keep the whole `setdiba check` answer within 5 s; a real 5,000-row template takes
   * 0.5-0.9 s of CPU to parse.
   */
  parseTimeoutMs: 3000,
  /** Heap of the parser thread: a memory blow-up kills the thread, not the process. */
  parserHeapMb: 192,
  /** Rows asked of the parser. */
  sheetRows: SHEET_ROWS,
  /**
   * Characters of one XML text run or attribute value. Excel holds at most 32,767 characters in a cell;
   * escaped as XML (`&amp;`, `&#x…;`) that is at most about 8 bytes each.
   */
  maxXmlTextRun: 32_767 * 8,
  /** Attributes on one XML element: the busiest in real files (namespace declarations) have under 100. */
  maxXmlAttributes: 1000,
  /** Digits of an .ods number style (`number:decimal-places`…): LibreOffice allows 20 decimals. */
  maxNumberFormatDigits: 255,
  /** The grid of Excel and LibreOffice: no repeat in a real .ods goes past it. */
  maxGridRows: 1_048_576,
  maxGridColumns: 16_384,
  /**
   * Cells the parser would build (in .ods, once repeats are expanded): twice what the reader could ever use
   * (every asked row × 64 columns), so styled empty cells to the right never count against a template.
   */
  maxMaterialisedCells: 2 * SHEET_ROWS * TEMPLATE_LIMITS.maxColumns,
  /** Sheets in a workbook: templates have one per service, Excel's users rarely pass a few dozen. */
  maxSheets: 256,
  /**
   * Characters the sheets' uses of shared strings add up to: 5,000 rows × 64 cells of 50 characters is
   * 16 M; a real template is under 2 M.
   */
  maxSharedStringExpansion: 16 * MiB,
  /** Characters of the parser's answer (cell texts, 8 per other cell): what the main thread copies, bounded like the rest. */
  maxAnswerChars: 16 * MiB,
} as const;

export const MiB_BYTES = MiB;
