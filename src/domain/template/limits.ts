/** Limits of a template, shared by the pure reader and the spreadsheet layer that enforces them early. */
export const TEMPLATE_LIMITS = {
  /** The header is searched for in this many top rows (title rows may sit above it). */
  headerScanRows: 20,
  /** Data rows (non-empty, below the header) over all sheets. */
  maxDataRows: 5000,
  /** Columns read per row; template columns sit far to the left of this. */
  maxColumns: 64,
} as const;
