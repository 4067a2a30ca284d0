// placeholder until the project settings issue: the real resolver defines the settings page's bridge functions.
import Resolver from '@forge/resolver';

/** Resolver of the project settings page (manifest `jira:projectSettingsPage` → function `settingsResolver`). */
export const settingsResolver = new Resolver().getDefinitions();
