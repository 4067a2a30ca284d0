/**
 * The Forge entry point: only re-exports the functions manifest.yml names (`handler: index.<name>`).
 * Nothing else belongs here, so that Forge bundles only what the handlers import; each function loads
 * its own handler on its first invocation (handlers/entry-points.ts).
 */
export { consumer, dailyWatch, panelResolver, portalResolver, registryResolver, settingsResolver, trigger } from './handlers/entry-points';
