/**
 * The checker's Web Worker: the same reader as the app and `setdiba check` (src/spreadsheet/read-template,
 * with every guard before SheetJS) and the same rules (src/domain/template), built for the browser by
 * static/portal-check/build-worker.mjs. The page posts the file's bytes and gets the check back; it
 * terminates this worker if the answer takes too long, so a hostile file never freezes the page.
 */
import type { Lang } from '../../../../src/i18n';
import { readTemplate } from '../../../../src/spreadsheet/read-template';
import { checkView, type CheckView } from '../check-view';

export interface CheckRequest {
  bytes: ArrayBuffer;
  fileName: string;
  lang: Lang;
}

export type CheckAnswer = { ok: true; view: CheckView } | { ok: false };

interface WorkerScope {
  onmessage: ((event: { data: CheckRequest }) => void) | null;
  postMessage(message: CheckAnswer): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { bytes, fileName, lang } = event.data;
  readTemplate({ bytes: new Uint8Array(bytes), fileName })
    .then((result) => scope.postMessage({ ok: true, view: checkView(result, lang) }))
    .catch(() => scope.postMessage({ ok: false }));
};
