import { createRoot } from 'react-dom/client';
import { toLang } from '../../../src/i18n';
import { enableTheme, getUiContext, invokeResolver } from '../../shared/bridge';
import { readFileInBrowser, saveFileInBrowser, type SettingsApi } from './api';
import { App } from './App';

const bridgeApi: SettingsApi = {
  call: (fn, payload) =>
    invokeResolver(fn, payload, () => ({ ok: false as const, error: { code: 'unavailable' as const, message: '' } })),
  saveFile: saveFileInBrowser,
  readFile: readFileInBrowser,
};

async function main(): Promise<void> {
  const [context] = await Promise.all([getUiContext(), enableTheme()]);
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(<App api={bridgeApi} lang={toLang(context.locale)} />);
}

void main();
