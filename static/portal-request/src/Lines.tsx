import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import type { PortalLine, PortalLineState } from '../../../src/contracts/portal';
import { SERVICES, type Service } from '../../../src/domain/services';
import { Code, Muted, Stack } from '../../shared/layout';
import type { PortalTranslate } from './i18n';

const APPEARANCE: Readonly<Record<PortalLineState, 'success' | 'inprogress' | 'moved' | 'removed'>> = {
  production: 'success',
  waitDate: 'moved',
  waitAoc: 'inprogress',
  correct: 'removed',
};

function stateText(line: PortalLine, t: PortalTranslate): string {
  switch (line.state) {
    case 'production':
      return line.since ? t('stateProductionSince', { date: line.since }) : t('stateProduction');
    case 'waitDate':
      return line.productionDate ? t('stateWaitDateOn', { date: line.productionDate }) : t('stateWaitDate');
    case 'correct':
      return t('stateCorrect');
    case 'waitAoc':
      return t('stateWaitAoc');
  }
}

function Line({ line, t }: { line: PortalLine; t: PortalTranslate }) {
  return (
    <li
      data-state={line.state}
      data-codi={line.codiEns ?? ''}
      style={{ padding: `${token('space.100', '8px')} 0`, borderBottom: `1px solid ${token('color.border', '#091E4224')}`, listStyle: 'none' }}
    >
      <Stack gap="050">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100', '8px'), alignItems: 'baseline', justifyContent: 'space-between' }}>
          <span>
            <strong>{line.name}</strong> {line.codiEns ? <Muted><Code>{line.codiEns}</Code></Muted> : null}
          </span>
          <Lozenge appearance={APPEARANCE[line.state]} maxWidth="100%">
            {stateText(line, t)}
          </Lozenge>
        </div>
        {line.corrections.length > 0 ? (
          <ul style={{ paddingLeft: token('space.200', '16px'), margin: 0 }}>
            {line.corrections.map((c, i) => (
              <li key={i} style={{ color: token('color.text', '#172B4D') }}>
                {c.column ? (
                  <Muted>{c.value ? t('correctionWhere', { column: c.column, value: c.value }) : t('correctionColumn', { column: c.column })}</Muted>
                ) : null}
                <div>{c.message}</div>
              </li>
            ))}
          </ul>
        ) : null}
      </Stack>
    </li>
  );
}

/** The lines grouped by service, in the order the app treats services; a service heading above each group. */
export function Lines({ lines, t }: { lines: readonly PortalLine[]; t: PortalTranslate }) {
  const groups = [...SERVICES, null].flatMap((service: Service | null) => {
    const own = lines.filter((l) => l.service === service);
    return own.length > 0 ? [{ service, lines: own }] : [];
  });
  return (
    <Stack gap="150">
      {groups.map((group) => (
        <section key={group.service ?? '-'} aria-labelledby={`service-${group.service ?? 'none'}`}>
          <h3 id={`service-${group.service ?? 'none'}`} style={{ margin: 0, font: token('font.heading.xsmall', '600 14px/16px sans-serif'), color: token('color.text', '#172B4D') }}>
            {group.service ?? '—'}
          </h3>
          <ul style={{ margin: 0, padding: 0 }} aria-label={`${t('colService')}: ${group.service ?? '—'}`}>
            {group.lines.map((line, i) => (
              <Line key={`${line.codiEns ?? line.name}-${i}`} line={line} t={t} />
            ))}
          </ul>
        </section>
      ))}
    </Stack>
  );
}
