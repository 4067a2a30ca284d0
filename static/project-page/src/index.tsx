import { invokeResolver, openIssue, unavailableEnvelope } from '../../shared/bridge';
import { saveFileInBrowser } from '../../shared/browser-files';
import { mountApp } from '../../shared/bootstrap';
import type { RegistryApi } from './api';
import { App } from './App';

const bridgeApi: RegistryApi = {
  call: (fn, payload) => invokeResolver(fn, payload, unavailableEnvelope),
  openIssue: (key) => void openIssue(key),
  saveFile: saveFileInBrowser,
};

void mountApp((lang) => <App api={bridgeApi} lang={lang} />);
