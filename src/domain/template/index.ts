export * from './types';
export { TEMPLATE_LIMITS } from './limits';
export { COLUMN_ALIASES, headerKey, matchColumn } from './columns';
export { findHeader, type SheetHeader, type HeaderColumn } from './header';
export { cellText } from './cells';
export { parseDateCell, serialToIso } from './dates';
export { readRow, type RowContext } from './read-row';
export { readTemplateWorkbook, unreadableResult, type ReadWorkbookOptions } from './read-workbook';
