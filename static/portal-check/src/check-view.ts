/**
 * What the checker shows of a template read: the same problems `setdiba check` prints (sheet, row,
 * column, value, what is wrong and what to do, src/cli/check.ts), already in the requester's language,
 * computed inside the Web Worker so the page only renders. Listed problems are capped: a file with
 * thousands of errors is still summarised by the counts.
 */
import type { Service } from '../../../src/domain/services';
import type { TemplateReadResult } from '../../../src/domain/template/types';
import type { Lang } from '../../../src/i18n';
import { describeProblem } from '../../../src/i18n/catalog/template';

export const MAX_LISTED_PROBLEMS = 300;

export interface CheckedProblem {
  severity: 'error' | 'warning';
  sheet: string;
  row: number;
  name: string | null;
  column: string | null;
  value: string | null;
  message: string;
  hint: string;
}

export interface CheckView {
  fileName: string;
  readable: boolean;
  services: Service[];
  rows: number;
  rowsWithErrors: number;
  warnings: number;
  /** Problems of the whole file (unreadable, no header, too large…). */
  fileProblems: { severity: 'error' | 'warning'; message: string; hint: string }[];
  problems: CheckedProblem[];
  /** Problems left out of `problems` past the cap. */
  moreProblems: number;
}

export function checkView(result: TemplateReadResult, lang: Lang): CheckView {
  const all: CheckedProblem[] = result.entities.flatMap((entity) =>
    entity.problems.map((problem) => {
      const text = describeProblem(problem, lang);
      return {
        severity: problem.severity,
        sheet: entity.sheet,
        row: entity.row,
        name: entity.name,
        column: problem.column,
        value: problem.value,
        message: text.message,
        hint: text.hint,
      };
    }),
  );
  // Errors first: they stop an ens; warnings only ask for a look.
  all.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return {
    fileName: result.file,
    readable: result.readable,
    services: [...result.services],
    rows: result.entities.length,
    rowsWithErrors: result.entities.filter((e) => !e.valid).length,
    warnings: all.filter((p) => p.severity === 'warning').length,
    fileProblems: result.problems.map((problem) => {
      const text = describeProblem(problem, lang);
      return { severity: problem.severity, message: text.message, hint: text.hint };
    }),
    problems: all.slice(0, MAX_LISTED_PROBLEMS),
    moreProblems: Math.max(0, all.length - MAX_LISTED_PROBLEMS),
  };
}
