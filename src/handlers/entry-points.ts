/**
 * The functions manifest.yml names, each loading its handler on its first invocation. Every Forge
 * function starts from the same entry point (src/index.ts): with static imports a cold trigger would
 * load the resolvers' use cases, catalogues and schemas too, and a resolver the pipeline's. The handler
 * modules stay as they are (tests call them directly); only what a function loads on its way in changes.
 */
import type * as Consumer from './consumer';
import type * as DailyWatch from './daily-watch';
import type * as PanelResolver from './panel-resolver';
import type * as PortalResolver from './portal-resolver';
import type * as RegistryResolver from './registry-resolver';
import type * as SettingsResolver from './settings-resolver';
import type * as Trigger from './trigger';

export const trigger: typeof Trigger.trigger = async (...args) => (await import('./trigger')).trigger(...args);

export const consumer: typeof Consumer.consumer = async (...args) => (await import('./consumer')).consumer(...args);

export const panelResolver: typeof PanelResolver.panelResolver = async (...args) => (await import('./panel-resolver')).panelResolver(...args);

export const settingsResolver: typeof SettingsResolver.settingsResolver = async (...args) =>
  (await import('./settings-resolver')).settingsResolver(...args);

export const dailyWatch: typeof DailyWatch.dailyWatch = async (...args) => (await import('./daily-watch')).dailyWatch(...args);

export const registryResolver: typeof RegistryResolver.registryResolver = async (...args) =>
  (await import('./registry-resolver')).registryResolver(...args);

export const portalResolver: typeof PortalResolver.portalResolver = async (...args) =>
  (await import('./portal-resolver')).portalResolver(...args);
