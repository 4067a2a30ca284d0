/**
 * What the registry project page can ask: one page of integrated ens, or all of them as a file, for
 * agents of the project.
 */
import type { RegistryPage, RegistryQuery } from '../../contracts/registry';
import { assertAgent } from './authorize';
import type { RegistryCaller, RegistryDeps } from './deps';
import { filterRegistry } from './filter-registry';
import { readRegistry } from './read-registry';

export { assertAgent, RegistryForbiddenError } from './authorize';
export type { RegistryCaller, RegistryDeps } from './deps';
export { exportRegistry, registryTable, RegistryExportTooLargeError } from './export-registry';

export async function queryRegistry(deps: RegistryDeps, caller: RegistryCaller, query: RegistryQuery): Promise<RegistryPage> {
  await assertAgent(deps.jira, caller.projectKey);
  const entries = await readRegistry(deps.kvs, { environment: query.environment, service: query.service });
  return filterRegistry(entries, query);
}
