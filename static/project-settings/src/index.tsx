import { invokeResolver, unavailableEnvelope } from '../../shared/bridge';
import { saveFileInBrowser } from '../../shared/browser-files';
import { mountApp } from '../../shared/bootstrap';
import { readFileInBrowser, type SettingsApi } from './api';
import { App } from './App';

const bridgeApi: SettingsApi = {
  call: (fn, payload) => invokeResolver(fn, payload, unavailableEnvelope),
  saveFile: saveFileInBrowser,
  readFile: readFileInBrowser,
};

void mountApp((lang) => <App api={bridgeApi} lang={lang} />);
