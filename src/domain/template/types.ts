/**
 * The template reader's interface. Problem codes are part of it: the CLI's --json output, the ticket
 * comments and the issue panel all key their texts on them (src/i18n/catalog/template.ts).
 */
import type { Service } from '../services';

/** A cell as the spreadsheet layer hands it over: dates are serial numbers (see RawWorkbook.date1904). */
export type RawCell = string | number | boolean | null;

export interface RawSheet {
  name: string;
  /** rows[0] is spreadsheet row 1; a row may be shorter than others (trailing empty cells dropped). */
  rows: readonly (readonly RawCell[])[];
}

export interface RawWorkbook {
  sheets: readonly RawSheet[];
  /** Mac Excel's 1904 date system: serial 0 is 1904-01-01 instead of 1899-12-30/31. */
  date1904: boolean;
}

export const TEMPLATE_FIELDS = [
  'name',
  'codiEns',
  'ine',
  'nif',
  'dir3',
  'service',
  'productionDate',
  'contactName',
  'contactEmail',
  'phone',
  'notes',
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

export type Severity = 'error' | 'warning';

export type RowProblemCode =
  | 'name.missing'
  | 'name.mismatch'
  | 'ine.missing'
  | 'ine.invalid'
  | 'ine.checksum'
  | 'ine.unknown'
  | 'codiEns.invalid'
  | 'codiEns.checksum'
  | 'codiEns.mismatch'
  | 'nif.missing'
  | 'nif.invalid'
  | 'nif.checksum'
  | 'dir3.invalid'
  | 'dir3.mismatch'
  | 'service.missing'
  | 'service.unknown'
  | 'productionDate.invalid'
  | 'entity.duplicate';

export type ProblemParams = Readonly<Record<string, string | number>>;

export interface RowProblem {
  field: TemplateField;
  code: RowProblemCode;
  severity: Severity;
  /** The header text of the column as written in the file; null when the column is absent. */
  column: string | null;
  /** The cell as written (numbers in their plain decimal form); null when empty or absent. */
  value: string | null;
  params: ProblemParams;
}

export type FileProblemCode =
  | 'file.unreadable'
  | 'file.encrypted'
  | 'file.too_large'
  | 'sheet.no_header'
  | 'file.no_rows';

export interface FileProblem {
  code: FileProblemCode;
  severity: 'error';
  params: ProblemParams;
}

export interface TemplateEntity {
  sheet: string;
  /** 1-based spreadsheet row, as Excel numbers it. */
  row: number;
  service: Service | null;
  serviceAsWritten: string | null;
  name: string | null;
  /** INE10, 10 digits; derived from the INE for an ajuntament given only by INE. */
  codiEns: string | null;
  /** 5-digit municipality code; null for non-municipal ens (and when invalid). */
  ine: string | null;
  /** 6-digit municipality code (with control digit). */
  ine6?: string | null;
  nif: string | null;
  dir3: string | null;
  /** yyyy-mm-dd */
  productionDate: string | null;
  contactName: string | null;
  contactEmail: string | null;
  phone: string | null;
  notes: string | null;
  /** False exactly when a problem of severity error is present. */
  valid: boolean;
  problems: RowProblem[];
}

export interface TemplateReadResult {
  file: string;
  /** Canonical services named by the rows, in the app's order (SERVICES: MUX, e-NOTUM, e-TAULER, OVER). */
  services: Service[];
  entities: TemplateEntity[];
  problems: FileProblem[];
  /** False when the file could not be read as a template at all (the CLI exits 2). */
  readable: boolean;
}
