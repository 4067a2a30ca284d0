/** The formats the template reader accepts, by file extension. */
export const SPREADSHEET_FORMATS = ['xlsx', 'xlsm', 'xls', 'ods', 'csv'] as const;
export type SpreadsheetFormat = (typeof SPREADSHEET_FORMATS)[number];

export function spreadsheetFormatOf(fileName: string): SpreadsheetFormat | null {
  const match = /\.([A-Za-z]+)\s*$/.exec(fileName);
  const extension = match?.[1]?.toLowerCase();
  return (SPREADSHEET_FORMATS as readonly string[]).includes(extension ?? '') ? (extension as SpreadsheetFormat) : null;
}

/** Whether an attachment is worth handing to the reader (the pipeline picks templates with it). */
export function isSpreadsheetFileName(fileName: string): boolean {
  return spreadsheetFormatOf(fileName) !== null;
}
