import { invokeResolver, openIssue, unavailableEnvelope } from '../../shared/bridge';
import { saveFileInBrowser } from '../../shared/browser-files';
import { mountApp } from '../../shared/bootstrap';
import { copyTextInBrowser, type PanelApi } from './api';
import { App } from './App';

const bridgeApi: PanelApi = {
  call: (fn, payload) => invokeResolver(fn, payload, unavailableEnvelope),
  openIssue: (key) => void openIssue(key),
  saveFile: saveFileInBrowser,
  copyText: copyTextInBrowser,
};

void mountApp((lang) => <App api={bridgeApi} lang={lang} />);
