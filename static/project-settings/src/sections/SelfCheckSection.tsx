import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { SelfCheckItemView } from '../../../../src/contracts/settings';
import { selfCheckMessages } from '../../../../src/i18n/catalog/settings-self-check';
import { Muted, Stack } from '../../../shared/layout';
import { useTranslate } from '../../../shared/i18n';
import { Section } from '../fields';
import type { Act } from './types';

const STATUS_COLOUR: Record<SelfCheckItemView['status'], string> = { ok: '#216e4e', failed: '#ae2a19', manual: '#5e4db2' };

/** Runs the Self-check on demand and lists each check: status, what it found, the fix or manual step. */
export function SelfCheckSection({ act, busy }: { act: Act; busy: string | null }) {
  const t = useTranslate(selfCheckMessages);
  const [checks, setChecks] = useState<SelfCheckItemView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setError(null);
    const answer = await act('runSelfCheck', {});
    if ('error' in answer) return setError(answer.error);
    setChecks(answer.data.checks);
  };

  const statusText = (status: SelfCheckItemView['status']) =>
    status === 'ok' ? t('selfCheckOk') : status === 'failed' ? t('selfCheckFailed') : t('selfCheckManual');

  return (
    <Section id="self-check" title={t('selfCheckTitle')} description={t('selfCheckIntro')}>
      <Stack gap="100">
        <div>
          <Button onClick={() => void run()} isDisabled={busy !== null} isLoading={busy === 'runSelfCheck'}>
            {busy === 'runSelfCheck' ? t('selfCheckRunning') : t('selfCheckRun')}
          </Button>
        </div>
        {error && <p role="alert">{error}</p>}
        {checks && (
          <ul aria-label={t('selfCheckTitle')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {checks.map((check) => (
              <li key={check.id} data-check={check.id} data-status={check.status} style={{ marginBottom: 8 }}>
                <strong>{check.title}</strong>{' '}
                <span style={{ color: STATUS_COLOUR[check.status], fontWeight: 600 }}>{statusText(check.status)}</span>
                {check.found && <Muted>{t('selfCheckFound', { found: check.found })}</Muted>}
                {check.fix && <div>{check.status === 'manual' ? check.fix : t('selfCheckFix', { fix: check.fix })}</div>}
              </li>
            ))}
          </ul>
        )}
      </Stack>
    </Section>
  );
}
