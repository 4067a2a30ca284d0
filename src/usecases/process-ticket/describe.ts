/**
 * Problem explanations and translators for the report builders, per language. The reader explains
 * its own problem codes; the two the plan adds are explained by the pipeline catalogue.
 */
import type { EntityProblem } from '../../domain/plan/types';
import type { ReportContext } from '../../domain/report/types';
import type { RowProblem } from '../../domain/template/types';
import type { Lang } from '../../i18n';
import { pipelineText } from '../../i18n/catalog/pipeline';
import type { TemplatePort } from './deps';

export function reportContext(templates: Pick<TemplatePort, 'describe'>, lang: Lang): ReportContext {
  const t = pipelineText(lang);
  const describe = (problem: EntityProblem): string => {
    if (problem.code === 'column.required') {
      const field = String(problem.params['field'] ?? problem.field);
      const name = t(`field.${field}`);
      return t('problem.columnRequired', { column: name.startsWith('field.') ? field : name });
    }
    if (problem.code === 'entity.duplicate_in_batch') return t('problem.duplicateInBatch', problem.params);
    if (problem.code === 'decision.rejected') {
      const reason = String(problem.params['reason'] ?? '').trim();
      return reason ? t('problem.agentRejected', { reason }) : t('problem.agentRejectedNoReason');
    }
    return templates.describe(problem as RowProblem, lang);
  };
  return { t, describe };
}
