import { token } from '@atlaskit/tokens';
import type { PanelFunction, PanelState } from '../../../../src/contracts/panel';
import { Muted, Stack, Text } from '../../../shared/layout';
import type { Perform } from '../perform';
import { usePanelText } from '../i18n';

/** Assisted mode: the steps an agent does by hand, ticked off here as they are done. */
export function ChecklistTab({ state, busy, perform }: { state: PanelState; busy: PanelFunction | null; perform: Perform }) {
  const t = usePanelText();
  const steps = state.checklist ?? [];
  const allDone = steps.length > 0 && steps.every((step) => step.done);
  return (
    <Stack gap="100">
      <h3 style={{ margin: 0, font: token('font.heading.xsmall', '600 14px/16px sans-serif'), color: token('color.text', '#172B4D') }}>{t('checklistHeading')}</h3>
      {allDone ? <Text>{t('checklistAllDone')}</Text> : null}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {steps.map((step) => (
          <li key={step.id} style={{ padding: '4px 0' }}>
            <label style={{ display: 'inline-flex', gap: 8, alignItems: 'flex-start', color: token('color.text', '#172B4D') }}>
              <input
                type="checkbox"
                checked={step.done}
                disabled={busy !== null}
                onChange={(event) => void perform('markChecklistStep', { stepId: step.id, done: event.target.checked })}
              />
              <span>
                {t('checklistStep', {
                  service: step.service,
                  env: step.environment,
                  name: step.name,
                  codiEns: step.codiEns,
                  nif: step.nif ?? '—',
                  dir3: step.dir3 ?? '—',
                })}
                {step.done && step.doneBy ? (
                  <>
                    {' '}
                    <Muted>{t('checklistDoneBy', { name: step.doneBy.displayName, date: step.doneAt })}</Muted>
                  </>
                ) : null}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </Stack>
  );
}
