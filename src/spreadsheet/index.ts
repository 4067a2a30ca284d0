export { readTemplate, type ReadTemplateInput, type ReadTemplateOptions } from './read-template';
export { writeTableWorkbook, writeTemplateWorkbook, type WriteTemplateWorkbookInput } from './write-workbook';
export { isSpreadsheetFileName, spreadsheetFormatOf, SPREADSHEET_FORMATS, type SpreadsheetFormat } from './file-names';
export { SPREADSHEET_LIMITS } from './limits';
export { stopSpreadsheetParser } from './parser-host';
