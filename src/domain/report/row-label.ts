import type { SourcedEntity } from '../plan/types';

/** "Full1:5", or "file.xlsx Full1:5" when the rows come from several files. */
export function rowLabel(entity: Pick<SourcedEntity, 'sheet' | 'row' | 'fileName'>, withFile: boolean): string {
  return withFile ? `${entity.fileName} ${entity.sheet}:${entity.row}` : `${entity.sheet}:${entity.row}`;
}

export function distinctFiles(entities: readonly Pick<SourcedEntity, 'fileName'>[]): string[] {
  return [...new Set(entities.map((e) => e.fileName))];
}

/** Shown in a cell where a value is missing, so an empty cell is not mistaken for a rendering fault. */
export const NONE = '—';
