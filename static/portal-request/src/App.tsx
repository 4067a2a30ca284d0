/**
 * The request detail panel on the customer portal: where each ens of the request (and of the requests
 * split from it) stands, what to correct, the files that could not be read, and the blank templates.
 * One resolver call; everything is already in the requester's language except the labels below.
 */
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState } from 'react';
import type { RequestStatus } from '../../../src/contracts/portal';
import type { Lang } from '../../../src/i18n';
import { LangProvider } from '../../shared/i18n';
import { Inline, Muted, Stack, Text } from '../../shared/layout';
import { Loading, LoadFailed, useMounted, type LoadScreen } from '../../shared/screens';
import type { PortalApi } from './api';
import { BlankTemplates } from './BlankTemplates';
import { usePortalText, type PortalTranslate } from './i18n';
import { Lines } from './Lines';

type Screen = LoadScreen<{ status: RequestStatus }>;

function Counts({ status, t }: { status: RequestStatus; t: PortalTranslate }) {
  const count = (states: string[]) => status.lines.filter((l) => states.includes(l.state)).length;
  return (
    <Muted>
      {t('requestCounts', { production: count(['production']), waiting: count(['waitDate', 'waitAoc']), correct: count(['correct']) })}
    </Muted>
  );
}

function Ready({ status, api, t, onRefresh }: { status: RequestStatus; api: PortalApi; t: PortalTranslate; onRefresh: () => void }) {
  if (!status.applicable) return <Text>{t('requestNotApplicable')}</Text>;
  return (
    <Stack gap="200">
      <Stack gap="050">
        <Text>{t('requestIntro')}</Text>
        {status.lines.length > 0 ? <Counts status={status} t={t} /> : null}
      </Stack>
      {status.unreadableFiles.length > 0 ? (
        <SectionMessage appearance="warning" title={t('unreadableTitle')}>
          <ul style={{ paddingLeft: token('space.200', '16px') }}>
            {status.unreadableFiles.map((f) => (
              <li key={f.fileName}>{t('unreadableItem', { file: f.fileName, reason: f.reason })}</li>
            ))}
          </ul>
        </SectionMessage>
      ) : null}
      {status.lines.length > 0 ? <Lines lines={status.lines} t={t} /> : <Text>{t('requestNoLines')}</Text>}
      {status.lines.some((l) => l.state === 'correct') ? <Text>{t('correctHowTo')}</Text> : null}
      {status.templates.length > 0 ? <BlankTemplates api={api} services={status.templates} t={t} /> : null}
      <Inline>
        <Button appearance="subtle" onClick={onRefresh}>
          {t('refresh')}
        </Button>
      </Inline>
    </Stack>
  );
}

/** The answer's texts are in the language the resolver chose: the labels around them follow it. */
function ReadyIn({ status, api, onRefresh }: { status: RequestStatus; api: PortalApi; onRefresh: () => void }) {
  return (
    <LangProvider lang={status.lang}>
      <ReadyWithText status={status} api={api} onRefresh={onRefresh} />
    </LangProvider>
  );
}

function ReadyWithText({ status, api, onRefresh }: { status: RequestStatus; api: PortalApi; onRefresh: () => void }) {
  const t = usePortalText();
  return <Ready status={status} api={api} t={t} onRefresh={onRefresh} />;
}

function Panel({ api }: { api: PortalApi }) {
  const t = usePortalText();
  const mounted = useMounted();
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const load = useCallback(async () => {
    setScreen({ kind: 'loading' });
    const answer = await api.call('getRequestStatus', {});
    if (!mounted.current) return;
    if (answer.ok) setScreen({ kind: 'ready', status: answer.data });
    else if (answer.error.code === 'forbidden') setScreen({ kind: 'refused', message: answer.error.message });
    else setScreen({ kind: 'failed', message: answer.error.message || t('errorUnavailable') });
  }, [api, mounted, t]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <main aria-labelledby="portal-request-title">
      <Stack gap="150">
        <h2 id="portal-request-title" style={{ margin: 0, font: token('font.heading.small', '600 16px/20px sans-serif'), color: token('color.text', '#172B4D') }}>
          {t('requestTitle')}
        </h2>
        {screen.kind === 'loading' ? <Loading label={t('requestLoading')} /> : null}
        {screen.kind === 'refused' ? (
          <SectionMessage appearance="warning">
            <Text>{screen.message}</Text>
          </SectionMessage>
        ) : null}
        {screen.kind === 'failed' ? <LoadFailed title={t('requestLoadFailed')} message={screen.message} retry={t('refresh')} onRetry={() => void load()} /> : null}
        {screen.kind === 'ready' ? <ReadyIn status={screen.status} api={api} onRefresh={() => void load()} /> : null}
      </Stack>
    </main>
  );
}

export function App({ api, lang }: { api: PortalApi; lang: Lang }) {
  return (
    <LangProvider lang={lang}>
      <Panel api={api} />
    </LangProvider>
  );
}
