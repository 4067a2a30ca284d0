/**
 * MUX production dates are per ens. Each MUX row's date comes, in this order, from an agent's explicit
 * choice for that row in the panel, the template's own column, or the date recorded in the panel for
 * the ens that have none. Pure: the panel shows it and the decision run releases rows by it, so both
 * always agree on which ens are due.
 */
import type { SourcedEntity } from './types';

/**
 * The calendar day (yyyy-mm-dd) in Barcelona: a MUX production date is reached at local midnight, not
 * UTC's. The decision run, the panel's resolver and its date field all decide with this one.
 */
export function calendarDayInMadrid(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** What the panel recorded: the date for ens without one, and dates chosen row by row. */
export interface MuxDates {
  defaultDate: string | null;
  /** Row id (`<attachmentId>:<sheet>:<row>`) → yyyy-mm-dd. */
  rowDates: Readonly<Record<string, string>>;
}

export type MuxDateSource = 'row' | 'template' | 'panel';

export interface MuxRowDate {
  date: string | null;
  source: MuxDateSource | null;
}

export const NO_MUX_DATES: MuxDates = { defaultDate: null, rowDates: {} };

export function muxRowDate(rowId: string, entity: Pick<SourcedEntity, 'productionDate'>, dates: MuxDates): MuxRowDate {
  const chosen = dates.rowDates[rowId];
  if (chosen) return { date: chosen, source: 'row' };
  if (entity.productionDate) return { date: entity.productionDate, source: 'template' };
  if (dates.defaultDate) return { date: dates.defaultDate, source: 'panel' };
  return { date: null, source: null };
}

/** A row is due once its date is today or past (both yyyy-mm-dd on the Madrid calendar). */
export function muxRowDue(date: string | null, today: string): boolean {
  return date !== null && date <= today;
}
