/**
 * What the request panel needs from the outside world: `bridgeApi` (index.tsx) implements it with
 * @forge/bridge; tests may pass a fake.
 */
import type { PortalFunction, PortalPayload, PortalResult } from '../../../src/contracts/portal';

export interface PortalApi {
  call<F extends PortalFunction>(fn: F, payload: PortalPayload<F>): Promise<PortalResult<F>>;
  /** Hands a file to the browser as a download. */
  saveFile(fileName: string, mimeType: string, contentBase64: string): void;
}
