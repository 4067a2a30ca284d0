import type { FieldErrorView } from '../../../src/contracts/settings';

/** The id of the control that edits `path` (list items point at their list). */
export function fieldId(path: string): string {
  return `f-${fieldPath(path).replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

/** `recognition.reporterDomains.1` → `recognition.reporterDomains`: errors of a list item belong to the list. */
export function fieldPath(path: string): string {
  return path.replace(/(\.\d+)+$/, '');
}

/** The list item an error is about, when it is about one. */
export function itemIndex(path: string): number | null {
  const match = /\.(\d+)$/.exec(path);
  return match ? Number(match[1]) : null;
}

export type ErrorsByField = ReadonlyMap<string, readonly FieldErrorView[]>;

export function groupErrors(errors: readonly FieldErrorView[]): ErrorsByField {
  const grouped = new Map<string, FieldErrorView[]>();
  for (const error of errors) {
    const key = fieldPath(error.path);
    grouped.set(key, [...(grouped.get(key) ?? []), error]);
  }
  return grouped;
}
