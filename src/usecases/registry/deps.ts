import type { JiraPort } from '../../ports/jira';
import type { KeyValueStore } from '../../ports/key-value-store';

export interface RegistryDeps {
  kvs: KeyValueStore;
  /** Jira as the calling user (asUser): its permission scheme decides who is an agent. */
  jira: JiraPort;
}

export interface RegistryCaller {
  accountId: string;
  projectKey: string;
}
