import { CHECK_PROPERTY } from '../../../src/contracts/portal-check-property';
import { invokeResolver, submitRequestProperties, unavailableEnvelope } from '../../shared/bridge';
import { saveFileInBrowser } from '../../shared/browser-files';
import { mountApp } from '../../shared/bootstrap';
import type { CheckApi } from './api';
import { App } from './App';
import { runCheck } from './run-check';

const bridgeApi: CheckApi = {
  call: (fn, payload) => invokeResolver(fn, payload, unavailableEnvelope),
  saveFile: saveFileInBrowser,
  check: (file, lang) => runCheck(file, lang),
  submitSummary: (summary) => submitRequestProperties([{ key: CHECK_PROPERTY, value: summary }]),
};

void mountApp((lang) => <App api={bridgeApi} lang={lang} />);
