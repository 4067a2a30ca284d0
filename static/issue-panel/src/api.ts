/**
 * What the panel needs from the outside world. `bridgeApi` (index.tsx) implements it with
 * @forge/bridge; the component tests pass a fake.
 */
import type { PanelFunction, PanelPayload, PanelResult } from '../../../src/contracts/panel';

export interface PanelApi {
  call<F extends PanelFunction>(fn: F, payload: PanelPayload<F>): Promise<PanelResult<F>>;
  openIssue(issueKey: string): void;
  /** Hands a file to the browser as a download. */
  saveFile(fileName: string, mimeType: string, contentBase64: string): void;
  copyText(text: string): Promise<boolean>;
}

export async function copyTextInBrowser(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
