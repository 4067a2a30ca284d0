/**
 * The project settings page: loads everything in one resolver call, then lets a project administrator
 * edit and save the settings (all or nothing), manage the certificate and the backend token, export and
 * import, and read the last changes. Anyone else gets a clear refusal and sees nothing of the settings.
 */
import SectionMessage from '@atlaskit/section-message';
import { useCallback, useEffect, useState } from 'react';
import type { SettingsPage } from '../../../src/contracts/settings';
import type { Lang } from '../../../src/i18n';
import { LangProvider } from '../../shared/i18n';
import { PageMain, Text } from '../../shared/layout';
import { Loading, LoadFailed, useMounted, type LoadScreen } from '../../shared/screens';
import type { SettingsApi } from './api';
import { envelopeMessage } from './envelope-message';
import { useSettingsText } from './i18n';
import { SettingsForm } from './SettingsForm';

export interface AppProps {
  api: SettingsApi;
  lang: Lang;
}

export function App({ api, lang }: AppProps) {
  return (
    <LangProvider lang={lang}>
      <Page api={api} />
    </LangProvider>
  );
}

type Screen = LoadScreen<{ page: SettingsPage }>;

function Page({ api }: { api: SettingsApi }) {
  const t = useSettingsText();
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const mounted = useMounted();

  const load = useCallback(async () => {
    const result = await api.call('getSettingsPage', {});
    if (!mounted.current) return;
    if (result.ok) setScreen({ kind: 'ready', page: result.data });
    else if (result.error.code === 'forbidden') setScreen({ kind: 'refused', message: envelopeMessage(result.error, t) });
    else setScreen({ kind: 'failed', message: envelopeMessage(result.error, t) });
  }, [api, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const refuse = useCallback((message: string) => setScreen({ kind: 'refused', message }), []);

  return (
    <PageMain>
      {screen.kind === 'loading' ? (
        <Loading label={t('loading')} />
      ) : screen.kind === 'refused' ? (
        <SectionMessage appearance="warning" title={t('refusedTitle')}>
          <Text>{screen.message || t('refusedBody')}</Text>
        </SectionMessage>
      ) : screen.kind === 'failed' ? (
        <LoadFailed title={t('resolver_internal')} message={screen.message} retry={t('retry')} onRetry={() => void load()} />
      ) : (
        <SettingsForm
          api={api}
          page={screen.page}
          onPage={(page) => setScreen({ kind: 'ready', page })}
          onRefused={refuse}
          onReload={() => void load()}
        />
      )}
    </PageMain>
  );
}
