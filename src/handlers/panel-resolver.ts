// placeholder until the issue panel issue: the real resolver defines the panel's bridge functions.
import Resolver from '@forge/resolver';

/** Resolver of the issue panel (manifest `jira:issuePanel` → function `panelResolver`). */
export const panelResolver = new Resolver().getDefinitions();
