import type { KeyValueStore } from '../../ports/key-value-store';
import type { JiraPort } from '../../ports/jira';

export interface RegistryDeps {
  kvs: KeyValueStore;
  /** Jira as the calling user (asUser): its permission scheme decides who is an agent. */
  jira: JiraPort;
  /** A plain table as an XLSX workbook (loaded only when an XLSX export is asked for). */
  tableWorkbook(sheetName: string, header: readonly string[], rows: readonly (readonly string[])[]): Promise<Uint8Array>;
  /** The largest file, in base64 characters, the page can receive (default: MAX_EXPORT_BASE64_CHARS). */
  exportLimitChars?: number;
}

export interface RegistryCaller {
  accountId: string;
  projectKey: string;
}
