/**
 * The public comment that tells the requester exactly what to correct: for every rejected row, the
 * file, sheet, row, column, value and why, in the requester's language. Null when nothing is rejected.
 */
import { bulletList, doc, paragraph, type AdfDoc, type Inline } from './adf';
import { AGENT_REJECTED } from '../plan/decisions';
import type { EntityProblem, SourcedEntity } from '../plan/types';
import type { ReportContext } from './types';

export interface RejectedRow {
  entity: SourcedEntity;
  problems: readonly EntityProblem[];
}

const FIELD_VALUES = ['name', 'codiEns', 'ine', 'nif', 'dir3', 'productionDate'] as const;

/** The value as the requester wrote it when the reader kept it, else the row's normalised value. */
function valueOf(entity: SourcedEntity, problem: EntityProblem): string | null {
  if (problem.value !== null && problem.value !== '') return problem.value;
  if (problem.field === 'service') return entity.serviceAsWritten;
  return (FIELD_VALUES as readonly string[]).includes(problem.field)
    ? (entity[problem.field as (typeof FIELD_VALUES)[number]] ?? null)
    : null;
}

export function correctionItems(rows: readonly RejectedRow[], { t, describe }: ReportContext): Inline[][] {
  const items: Inline[][] = [];
  for (const { entity, problems } of rows) {
    for (const problem of problems.filter((p) => p.severity === 'error')) {
      if (problem.code === AGENT_REJECTED) {
        // About the whole row, not a column: the agent's reason as they wrote it.
        items.push([t('corrections.itemAgent', { file: entity.fileName, sheet: entity.sheet, row: entity.row, message: describe(problem) })]);
        continue;
      }
      const value = valueOf(entity, problem);
      const fieldKey = `field.${problem.field}`;
      const fieldName = t(fieldKey);
      // The column as the requester named it in the file helps them find it; else our name for it.
      const column = problem.column ?? (fieldName === fieldKey ? problem.field : fieldName);
      const message = problem.code === 'service.missing' ? t('corrections.noService') : describe(problem);
      const params = { file: entity.fileName, sheet: entity.sheet, row: entity.row, column, value, message };
      items.push([value ? t('corrections.item', params) : t('corrections.itemNoValue', params)]);
    }
  }
  return items;
}

/** Jira's comment limit is 32,767 characters; the list stops early with a count of what is left. */
export const CORRECTIONS_BUDGET_CHARS = 28_000;

export function correctionsComment(rows: readonly RejectedRow[], ctx: ReportContext, budget = CORRECTIONS_BUDGET_CHARS): AdfDoc | null {
  const items = correctionItems(rows, ctx);
  if (items.length === 0) return null;
  const build = (count: number) =>
    doc(
      paragraph(ctx.t('corrections.intro')),
      bulletList(items.slice(0, count)),
      count < items.length ? paragraph(ctx.t('corrections.more', { n: items.length - count })) : null,
      paragraph(ctx.t('corrections.outro')),
    );
  let count = items.length;
  // Items are of similar size: shrink proportionally, then step down to the exact fit.
  while (count > 1 && JSON.stringify(build(count)).length > budget) {
    const size = JSON.stringify(build(count)).length;
    count = Math.max(1, Math.min(count - 1, Math.floor((count * budget) / size)));
  }
  return build(count);
}
