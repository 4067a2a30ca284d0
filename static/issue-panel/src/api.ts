/**
 * What the panel needs from the outside world. `bridgeApi` (index.tsx) implements it with
 * @forge/bridge; the component tests pass a fake.
 */
import type { PanelFunction, PanelPayload, PanelResult } from '../../../src/handlers/panel-contract';

export interface PanelApi {
  call<F extends PanelFunction>(fn: F, payload: PanelPayload<F>): Promise<PanelResult<F>>;
  openIssue(issueKey: string): void;
  /** Hands a file to the browser as a download. */
  saveFile(fileName: string, mimeType: string, contentBase64: string): void;
  copyText(text: string): Promise<boolean>;
}

export function saveFileInBrowser(fileName: string, mimeType: string, contentBase64: string): void {
  const bytes = Uint8Array.from(atob(contentBase64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click has started the download; the URL can go once the event loop turns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export async function copyTextInBrowser(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
