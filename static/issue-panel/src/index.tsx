import { createRoot } from 'react-dom/client';
import { toLang } from '../../../src/i18n';
import { enableTheme, getUiContext, invokeResolver, openIssue } from '../../shared/bridge';
import type { PanelApi } from './api';
import { copyTextInBrowser, saveFileInBrowser } from './api';
import { App } from './App';

const bridgeApi: PanelApi = {
  call: (fn, payload) =>
    invokeResolver(fn, payload, () => ({ ok: false as const, error: { code: 'unavailable' as const, message: '' } })),
  openIssue: (key) => void openIssue(key),
  saveFile: saveFileInBrowser,
  copyText: copyTextInBrowser,
};

async function main(): Promise<void> {
  const [context] = await Promise.all([getUiContext(), enableTheme()]);
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(<App api={bridgeApi} lang={toLang(context.locale)} />);
}

void main();
