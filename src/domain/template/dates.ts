import type { RawCell } from './types';

const DAY_MS = 86_400_000;
/** Serial 1 is 1900-01-01 in the 1900 system, which also counts a 29 February 1900 that never was. */
const EPOCH_1900 = Date.UTC(1899, 11, 31);
/** From serial 61 (1900-03-01) on, the phantom 29 February is one day too many. */
const EPOCH_1900_AFTER_LEAP_BUG = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 9999-12-31, Excel's last date. */
const MAX_SERIAL_1900 = 2_958_465;

function isoFromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Excel serial date → yyyy-mm-dd (the time of day is ignored), or null if it is no date Excel shows. */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  if (date1904) {
    if (day < 0 || day > MAX_SERIAL_1900 - 1462) return null;
    return isoFromUtc(EPOCH_1904 + day * DAY_MS);
  }
  if (day < 1 || day > MAX_SERIAL_1900 || day === 60) return null;
  return isoFromUtc((day < 60 ? EPOCH_1900 : EPOCH_1900_AFTER_LEAP_BUG) + day * DAY_MS);
}

function isoFromParts(year: number, month: number, day: number): string | null {
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  // Date.UTC rolls 31/02 over into March; a real date survives the round trip.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return isoFromUtc(ms);
}

/**
 * A production date as written: an Excel date (a serial number), day first (dd/mm/yyyy, d-m-yyyy, d.m.yyyy)
 * or year first (yyyy-mm-dd, yyyy/mm/dd as Gnumeric's CSV writes it, one-digit month or day allowed; a
 * time after it, as some exports add, is ignored). Result: yyyy-mm-dd.
 *
 * Whether the year comes first or last is told by its four digits; the order of day and month is never
 * guessed: with the year last the day comes first, so a US-style 3/15/2027 (month 15) is no date, and
 * neither is 3/15/27 (two-digit year). The problem's hint names the format to use.
 */
export function parseDateCell(cell: RawCell, date1904: boolean): string | null {
  if (typeof cell === 'number') return serialToIso(cell, date1904);
  if (typeof cell !== 'string') return null;
  const text = cell.trim();
  const dmy = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(text);
  if (dmy) return isoFromParts(Number(dmy[4]), Number(dmy[3]), Number(dmy[1]));
  const ymd = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (ymd) return isoFromParts(Number(ymd[1]), Number(ymd[3]), Number(ymd[4]));
  return null;
}
