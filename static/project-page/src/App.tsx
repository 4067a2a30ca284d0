/**
 * The registry project page: every ens × service the app has integrated or is integrating, one page at
 * a time, with a search, filters by service and state, and the filtered set as a file. Only the
 * project's agents and admins get an answer; anyone else sees a refusal and nothing of the registry.
 */
import SectionMessage from '@atlaskit/section-message';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RegistryPage } from '../../../src/contracts/registry';
import type { Lang } from '../../../src/i18n';
import { LangProvider } from '../../shared/i18n';
import { LiveMessage, Muted, PageMain, Stack, Text } from '../../shared/layout';
import { Loading, LoadFailed, useMounted, type LoadScreen } from '../../shared/screens';
import type { RegistryApi } from './api';
import { ExportButtons } from './components/ExportButtons';
import { Filters, NO_FILTERS, type RegistryFilters } from './components/Filters';
import { Pager } from './components/Pager';
import { RegistryTable } from './components/RegistryTable';
import { useRegistryText, type RegistryText } from './i18n';

export interface AppProps {
  api: RegistryApi;
  lang: Lang;
  pageSize?: number;
}

export function App({ api, lang, pageSize = 50 }: AppProps) {
  return (
    <LangProvider lang={lang}>
      <Registry api={api} pageSize={pageSize} />
    </LangProvider>
  );
}

type Screen = LoadScreen<{ result: RegistryPage }>;

function messageOf(error: { code: string; message: string }, t: RegistryText): string {
  if (error.message) return error.message;
  return t(error.code === 'forbidden' ? 'resolver_forbidden' : error.code === 'unavailable' ? 'resolver_unavailable' : 'resolver_internal');
}

/** The query the page asks for: the resolver wants no empty strings, only what is set. */
function queryOf(filters: RegistryFilters) {
  return {
    ...(filters.search.trim() ? { search: filters.search.trim() } : {}),
    ...(filters.service ? { service: filters.service } : {}),
    ...(filters.state ? { state: filters.state } : {}),
  };
}

function Registry({ api, pageSize }: { api: RegistryApi; pageSize: number }) {
  const t = useRegistryText();
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const [filters, setFilters] = useState<RegistryFilters>(NO_FILTERS);
  const [page, setPage] = useState(0);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const mounted = useMounted();
  // Answers can come back out of order when someone types fast: only the latest one is shown.
  const asked = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++asked.current;
    setBusy(true);
    const result = await api.call('queryRegistry', { ...queryOf(filters), page, pageSize });
    if (!mounted.current || ticket !== asked.current) return;
    setBusy(false);
    if (result.ok) setScreen({ kind: 'ready', result: result.data });
    else if (result.error.code === 'forbidden') setScreen({ kind: 'refused', message: messageOf(result.error, t) });
    else setScreen({ kind: 'failed', message: messageOf(result.error, t) });
  }, [api, filters, page, pageSize, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const download = useCallback(
    async (format: 'csv' | 'xlsx') => {
      setActionError(null);
      setNotice(null);
      const result = await api.call('exportRegistry', { ...queryOf(filters), format });
      if (!mounted.current) return;
      if (!result.ok) {
        if (result.error.code === 'forbidden') setScreen({ kind: 'refused', message: messageOf(result.error, t) });
        else setActionError(messageOf(result.error, t));
        return;
      }
      api.saveFile(result.data.fileName, result.data.mimeType, result.data.contentBase64);
      setNotice(t('exported', { fileName: result.data.fileName }));
    },
    [api, filters, t],
  );

  const onFilters = (next: RegistryFilters) => {
    setFilters(next);
    setPage(0);
  };

  return (
    <PageMain>
      {screen.kind === 'loading' ? (
        <Loading label={t('loading')} />
      ) : screen.kind === 'refused' ? (
        <SectionMessage appearance="warning" title={t('refusedTitle')}>
          <Text>{screen.message}</Text>
        </SectionMessage>
      ) : screen.kind === 'failed' ? (
        <LoadFailed title={t('errorTitle')} message={screen.message} retry={t('retry')} onRetry={() => void load()} />
      ) : (
        <Stack gap="200">
          <Muted>{t('intro')}</Muted>
          <Filters value={filters} onChange={onFilters} />
          <RegistryTable result={screen.result} busy={busy} filtered={queryOf(filters)} onOpen={api.openIssue} />
          <Pager result={screen.result} busy={busy} onPage={setPage} />
          <ExportButtons total={screen.result.total} onDownload={download} />
          {actionError ? (
            <SectionMessage appearance="error" title={t('errorTitle')}>
              <Text>{actionError}</Text>
            </SectionMessage>
          ) : null}
          <LiveMessage message={notice} />
        </Stack>
      )}
    </PageMain>
  );
}
