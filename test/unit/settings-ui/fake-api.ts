import type { SettingsFunction, SettingsPayload, SettingsResult } from '../../../src/contracts/settings';
import { readFileInBrowser, type SettingsApi } from '../../../static/project-settings/src/api';

export interface RecordedCall {
  fn: SettingsFunction;
  payload: unknown;
}

type Answer = { [F in SettingsFunction]?: (payload: SettingsPayload<F>) => SettingsResult<F> };

/** A SettingsApi whose resolver answers are scripted per function and whose calls are recorded. */
export function fakeApi(answers: Answer) {
  const calls: RecordedCall[] = [];
  const saved: { fileName: string; mimeType: string; contentBase64: string }[] = [];
  const api: SettingsApi = {
    async call(fn, payload) {
      calls.push({ fn, payload });
      const answer = answers[fn] as ((p: typeof payload) => SettingsResult<typeof fn>) | undefined;
      if (!answer) return { ok: false, error: { code: 'internal', message: `no answer scripted for ${fn}` } };
      return answer(payload);
    },
    saveFile: (fileName, mimeType, contentBase64) => saved.push({ fileName, mimeType, contentBase64 }),
    readFile: readFileInBrowser,
  };
  return { api, calls, saved };
}
