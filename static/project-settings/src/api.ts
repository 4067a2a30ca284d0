/**
 * What the settings page needs from the outside world. `bridgeApi` (index.tsx) implements it with
 * @forge/bridge and the browser's file APIs; the component tests pass a fake.
 */
import type { SettingsFunction, SettingsPayload, SettingsResult } from '../../../src/contracts/settings';

export interface SettingsApi {
  call<F extends SettingsFunction>(fn: F, payload: SettingsPayload<F>): Promise<SettingsResult<F>>;
  /** Hands a file to the browser as a download. */
  saveFile(fileName: string, mimeType: string, contentBase64: string): void;
  /** Reads a file the admin picked. */
  readFile(file: File): Promise<Uint8Array>;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode with a whole file's bytes as arguments overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function textToBase64(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text));
}

export function readFileInBrowser(file: File): Promise<Uint8Array> {
  // FileReader rather than file.arrayBuffer(): it also works in the component tests' jsdom.
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsArrayBuffer(file);
  });
}
