/**
 * The Forge entry point: only re-exports the functions manifest.yml names (`handler: index.<name>`).
 * Nothing else belongs here, so that Forge bundles only what the handlers import.
 */
export { trigger } from './handlers/trigger';
export { consumer } from './handlers/consumer';
export { panelResolver } from './handlers/panel-resolver';
export { settingsResolver } from './handlers/settings-resolver';
export { dailyWatch } from './handlers/daily-watch';
export { registryResolver } from './handlers/registry-resolver';
