/**
 * The issue panel: loads everything the first screen shows in one resolver call, then lets an agent
 * check, run, confirm rows and act on MUX. Every action answers with the fresh state, so the panel never
 * needs a second round trip, and while a run is queued or running the panel refreshes by itself.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Lang } from '../../../src/i18n';
import type { PanelFunction, PanelState } from '../../../src/contracts/panel';
import { LangProvider } from '../../shared/i18n';
import { LiveMessage } from '../../shared/layout';
import { Loading, LoadFailed, useMounted, type LoadScreen } from '../../shared/screens';
import type { PanelApi } from './api';
import type { Perform } from './perform';
import { PanelBody } from './components/PanelBody';
import { Refused } from './components/Refused';
import { usePanelText } from './i18n';

export interface AppProps {
  api: PanelApi;
  lang: Lang;
  /** How often the panel refreshes while a run is in progress. */
  pollMs?: number;
}

export function App({ api, lang, pollMs = 3000 }: AppProps) {
  return (
    <LangProvider lang={lang}>
      <Panel api={api} pollMs={pollMs} />
    </LangProvider>
  );
}

type Screen = LoadScreen<{ state: PanelState }>;

function Panel({ api, pollMs }: { api: PanelApi; pollMs: number }) {
  const t = usePanelText();
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const [busy, setBusy] = useState<PanelFunction | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mounted = useMounted();

  const messageOf = useCallback(
    (error: { code: string; message: string }) =>
      error.message || (error.code === 'forbidden' ? t('errorForbidden') : error.code === 'unavailable' ? t('errorUnavailable') : t('errorInternal')),
    [t],
  );

  const load = useCallback(async () => {
    const result = await api.call('getPanelState', {});
    if (!mounted.current) return;
    if (result.ok) setScreen({ kind: 'ready', state: result.data });
    else if (result.error.code === 'forbidden') setScreen({ kind: 'refused', message: messageOf(result.error) });
    else setScreen((current) => (current.kind === 'ready' ? current : { kind: 'failed', message: messageOf(result.error) }));
  }, [api, messageOf]);

  useEffect(() => {
    void load();
  }, [load]);

  // A run in progress is only visible by asking again; stop as soon as it is idle.
  const running = screen.kind === 'ready' && screen.state.run.status !== 'idle';
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => void load(), pollMs);
    return () => clearTimeout(timer);
  }, [running, load, pollMs, screen]);

  const perform: Perform = useCallback(
    async (fn, payload, options) => {
      setBusy(fn);
      setActionError(null);
      setNotice(null);
      const result = await api.call(fn, payload);
      if (!mounted.current) return false;
      if (!result.ok) {
        const error = { code: result.error.code, message: messageOf(result.error) };
        // "Forbidden" is either the panel (the agent can no longer edit the ticket) or only this action
        // (the MUX owner changed while the panel was open). Asking for the panel again tells them apart;
        // in the second case the agent keeps the panel, refreshed, and reads why at the action.
        if (error.code === 'forbidden') {
          const fresh = await api.call('getPanelState', {});
          if (!mounted.current) return false;
          if (!fresh.ok && fresh.error.code === 'forbidden') {
            setBusy(null);
            setScreen({ kind: 'refused', message: messageOf(fresh.error) });
            return false;
          }
          if (fresh.ok) setScreen({ kind: 'ready', state: fresh.data });
        }
        setBusy(null);
        if (options?.onError) options.onError(error);
        else setActionError(error.message);
        return false;
      }
      setBusy(null);
      if (options?.onData) options.onData(result.data as never);
      else setScreen({ kind: 'ready', state: result.data as PanelState });
      const success = typeof options?.success === 'function' ? options.success(result.data as never) : options?.success;
      if (success) setNotice(success);
      return true;
    },
    [api, messageOf],
  );

  if (screen.kind === 'loading') return <Loading label={t('loading')} />;
  if (screen.kind === 'refused') return <Refused message={screen.message} />;
  if (screen.kind === 'failed') {
    return <LoadFailed title={t('errorTitle')} message={screen.message} retry={t('retry')} onRetry={() => void load()} />;
  }
  return (
    <PanelBody
      state={screen.state}
      api={api}
      busy={busy}
      perform={perform}
      actionError={actionError}
      onDismissError={() => setActionError(null)}
      notice={<LiveMessage message={notice} />}
    />
  );
}
