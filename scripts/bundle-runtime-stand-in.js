// @ts-check
/**
 * LOCAL STAND-IN for the Forge Node runtime wrapper. `forge deploy` downloads the real one from
 * Atlassian's CDN (forge-node-runtime.*.atl-paas.net; @forge/bundler's NetworkWrapperProvider) and
 * ships it as `__forge__.cjs` next to the bundled functions; on Forge it is the process's entry point:
 * it sets `__forge_runtime__` and `__forge_fetch__` and calls `index.<function>`. `npm run bundle`
 * builds offline, so scripts/bundle.js puts this file there instead. It cannot stand in for the
 * runtime at run time: the artifact test (test/artifact/) provides those globals itself and loads
 * `index.cjs` directly. Never deploy a bundle built by `npm run bundle`; deploy with `forge deploy`.
 */
'use strict';

throw new Error(
  'This is a local stand-in for the Forge runtime wrapper (scripts/bundle-runtime-stand-in.js), not the runtime: build with `forge deploy` to deploy.',
);
