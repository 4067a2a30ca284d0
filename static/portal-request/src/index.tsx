import { invokeResolver, unavailableEnvelope } from '../../shared/bridge';
import { saveFileInBrowser } from '../../shared/browser-files';
import { mountApp } from '../../shared/bootstrap';
import type { PortalApi } from './api';
import { App } from './App';

const bridgeApi: PortalApi = {
  call: (fn, payload) => invokeResolver(fn, payload, unavailableEnvelope),
  saveFile: saveFileInBrowser,
};

void mountApp((lang) => <App api={bridgeApi} lang={lang} />);
