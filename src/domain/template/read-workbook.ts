/**
 * Raw sheets → validated template: finds the header of every sheet, reads its rows, then applies the
 * rules that span rows (duplicates, the row limit). Sheets without a recognisable header (instructions,
 * lists of values) are skipped; the file is unreadable as a template only when no sheet has one.
 */
import { findServicesInText, parseService, SERVICES, type ExtraAliases, type Service } from '../services';
import { cellText } from './cells';
import { findHeader } from './header';
import { TEMPLATE_LIMITS } from './limits';
import type { HeaderColumn } from './header';
import { readRow, type RowContext } from './read-row';
import type { FileProblem, FileProblemCode, ProblemParams, RawCell, RawWorkbook, TemplateEntity, TemplateField, TemplateReadResult } from './types';

export interface ReadWorkbookOptions {
  fileName: string;
  /** Fallback service when neither a row nor its sheet's name gives one (the ticket's, `--service`). */
  service?: Service | null;
  extraAliases?: ExtraAliases;
}

/** A result for a file that could not be read as a template at all. */
export function unreadableResult(fileName: string, code: FileProblemCode, params: ProblemParams = {}): TemplateReadResult {
  return { file: fileName, services: [], entities: [], problems: [{ code, severity: 'error', params }], readable: false };
}

/** "e-NOTUM", "Plantilla MUX", "EACAT (OVER)"… name one service; "Full1" or "MUX i OVER" name none. */
function serviceOfSheet(sheetName: string, extra: ExtraAliases): { service: Service; asWritten: string } | null {
  const exact = parseService(sheetName, extra);
  if (exact) return { service: exact, asWritten: sheetName };
  const named = findServicesInText(sheetName, extra);
  return named.length === 1 ? { service: named[0]!, asWritten: sheetName } : null;
}

export function readTemplateWorkbook(workbook: RawWorkbook, options: ReadWorkbookOptions): TemplateReadResult {
  const extraAliases = options.extraAliases ?? {};
  const serviceOf = new Map<string, Service | null>();
  const memoParseService = (written: string): Service | null => {
    if (!serviceOf.has(written)) serviceOf.set(written, parseService(written, extraAliases));
    return serviceOf.get(written) ?? null;
  };
  const entities: TemplateEntity[] = [];
  /** Where each entity was read from, in the same order as `entities`. */
  const sources: RowSource[] = [];
  let sheetsWithHeader = 0;
  for (const sheet of workbook.sheets) {
    const header = findHeader(sheet.rows);
    if (!header) continue;
    sheetsWithHeader++;
    // One context per sheet, its row number moved along: readRow keeps nothing of it but values.
    const context: RowContext = {
      sheet: sheet.name,
      row: 0,
      columns: header.columns,
      sheetService: serviceOfSheet(sheet.name, extraAliases),
      fallbackService: options.service ?? null,
      extraAliases,
      date1904: workbook.date1904,
      parseService: memoParseService,
    };
    for (let index = header.rowIndex + 1; index < sheet.rows.length; index++) {
      const cells = sheet.rows[index] ?? [];
      context.row = index + 1;
      const entity = readRow(context, cells);
      if (!entity) continue;
      if (entities.length === TEMPLATE_LIMITS.maxDataRows) {
        return unreadableResult(options.fileName, 'file.too_large', { limit: TEMPLATE_LIMITS.maxDataRows, unit: 'rows' });
      }
      entities.push(entity);
      sources.push({ cells, columns: header.columns });
    }
  }
  if (sheetsWithHeader === 0) {
    return unreadableResult(options.fileName, 'sheet.no_header', {
      sheets: workbook.sheets.map((s) => s.name).join(', '),
      scanRows: TEMPLATE_LIMITS.headerScanRows,
    });
  }
  markDuplicates(entities, sources);
  const problems: FileProblem[] = entities.length === 0 ? [{ code: 'file.no_rows', severity: 'error', params: {} }] : [];
  const named = new Set(entities.map((e) => e.service).filter((s): s is Service => s !== null));
  return {
    file: options.fileName,
    services: SERVICES.filter((s) => named.has(s)),
    entities,
    problems,
    readable: true,
  };
}

/** Where an entity was read from, to point a later problem at the cell as written. */
interface RowSource {
  cells: readonly RawCell[];
  columns: ReadonlyMap<TemplateField, HeaderColumn>;
}

/** The same ens (codi d'ens, else INE) for the same service on an earlier row is an error on the later one. */
function markDuplicates(entities: readonly TemplateEntity[], sources: readonly RowSource[]): void {
  const first = new Map<string, TemplateEntity>();
  entities.forEach((entity, index) => {
    const identity = entity.codiEns ?? entity.ine;
    if (entity.service === null || identity === null) return;
    const key = `${entity.service}\u0000${identity}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, entity);
      return;
    }
    // Point at the cell the user wrote the identity in: the codi d'ens when given, else the INE.
    const codiEns = writtenCell(sources[index], 'codiEns');
    const cell = codiEns?.value ? codiEns : writtenCell(sources[index], 'ine');
    entity.problems.push({
      field: codiEns?.value ? 'codiEns' : 'ine',
      code: 'entity.duplicate',
      severity: 'error',
      column: cell?.column ?? null,
      value: cell?.value ?? identity,
      params: { firstRow: earlier.row, firstSheet: earlier.sheet },
    });
    entity.valid = false;
  });
}

/** A cell's header and text as written, or null when the sheet has no such column. */
function writtenCell(source: RowSource | undefined, field: 'codiEns' | 'ine'): { column: string; value: string | null } | null {
  const column = source?.columns.get(field);
  return source && column ? { column: column.header, value: cellText(source.cells[column.index]) } : null;
}
