import { token } from '@atlaskit/tokens';
import type { CheckedProblem } from './check-view';
import { Code, Muted, Stack } from '../../shared/layout';
import type { PortalTranslate } from './i18n';

/** One item per problem, as `setdiba check` prints them: where (sheet, row, column, value), what, what to do. */
export function Problems({ problems, more, t }: { problems: readonly CheckedProblem[]; more: number; t: PortalTranslate }) {
  return (
    <section aria-labelledby="check-problems">
      <h3 id="check-problems" style={{ margin: 0, font: token('font.heading.xsmall', '600 14px/16px sans-serif'), color: token('color.text', '#172B4D') }}>
        {t('checkRowsTitle')}
      </h3>
      <ul style={{ margin: 0, padding: 0 }}>
        {problems.map((p, i) => (
          <li
            key={i}
            data-severity={p.severity}
            data-row={p.row}
            style={{ listStyle: 'none', padding: `${token('space.100', '8px')} 0`, borderBottom: `1px solid ${token('color.border', '#091E4224')}` }}
          >
            <Stack gap="050">
              <Muted>
                <strong style={{ color: p.severity === 'error' ? token('color.text.danger', '#AE2E24') : token('color.text.warning', '#A54800') }}>
                  {p.severity === 'error' ? t('severityError') : t('severityWarning')}
                </strong>
                {` · ${t('colSheet')} ${p.sheet} · ${t('colRow')} ${p.row}`}
                {p.column ? ` · ${t('colColumn')} ${p.column}` : ''}
                {p.value ? (
                  <>
                    {` · ${t('colValue')} `}
                    <Code>{p.value}</Code>
                  </>
                ) : null}
                {p.name ? ` · ${p.name}` : ''}
              </Muted>
              <span style={{ color: token('color.text', '#172B4D') }}>{p.message}</span>
              <span style={{ color: token('color.text.subtle', '#44546F') }}>{p.hint}</span>
            </Stack>
          </li>
        ))}
      </ul>
      {more > 0 ? <Muted>{`+ ${more}`}</Muted> : null}
    </section>
  );
}
