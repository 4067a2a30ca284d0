/**
 * What the registry page needs from the outside world. `bridgeApi` (index.tsx) implements it with
 * @forge/bridge; the component tests pass a fake.
 */
import type { RegistryFunction, RegistryPayload, RegistryResult } from '../../../src/contracts/registry';

export interface RegistryApi {
  call<F extends RegistryFunction>(fn: F, payload: RegistryPayload<F>): Promise<RegistryResult<F>>;
  openIssue(issueKey: string): void;
  /** Hands a file to the browser as a download. */
  saveFile(fileName: string, mimeType: string, contentBase64: string): void;
}
