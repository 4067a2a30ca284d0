import type { PanelFunction, PanelPayload, PanelResult } from '../../../src/contracts/panel';
import type { PanelApi } from '../../../static/issue-panel/src/api';

export interface RecordedCall {
  fn: PanelFunction;
  payload: unknown;
}

type Answer = { [F in PanelFunction]?: (payload: PanelPayload<F>) => PanelResult<F> };

/** A PanelApi whose resolver answers are scripted per function and whose calls are recorded. */
export function fakeApi(answers: Answer) {
  const calls: RecordedCall[] = [];
  const opened: string[] = [];
  const saved: { fileName: string; mimeType: string; contentBase64: string }[] = [];
  const copied: string[] = [];
  const api: PanelApi = {
    async call(fn, payload) {
      calls.push({ fn, payload });
      const answer = answers[fn] as ((p: typeof payload) => PanelResult<typeof fn>) | undefined;
      if (!answer) return { ok: false, error: { code: 'internal', message: `no answer scripted for ${fn}` } };
      return answer(payload);
    },
    openIssue: (key) => opened.push(key),
    saveFile: (fileName, mimeType, contentBase64) => saved.push({ fileName, mimeType, contentBase64 }),
    copyText: async (text) => {
      copied.push(text);
      return true;
    },
  };
  return { api, calls, opened, saved, copied };
}
