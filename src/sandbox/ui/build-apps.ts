import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { UI_RESOURCES, type UiResource } from '../runtime/types';

const run = promisify(execFile);

/**
 * Runs in the child: builds each app on its own, so one app that does not build (yet) does not keep the
 * other from being served, and prints `{ app: null | "why it failed" }`.
 */
const BUILD_SCRIPT = `
const { buildUi } = await import(process.argv[1]);
const options = JSON.parse(process.argv[2]);
const failures = {};
for (const app of options.apps) {
  try {
    await buildUi({ ...options, apps: [app] });
    failures[app] = null;
  } catch (error) {
    failures[app] = String((error && error.message) || error);
  }
}
process.stdout.write(JSON.stringify(failures));
`;

export type UiBuild = { dir: string } | { missing: string };

/**
 * Builds the Custom UI apps the way `npm run build:ui` does (static/build.mjs, the panel engineer's
 * `buildUi`), with one difference: `@forge/bridge` is aliased to the sandbox's stand-in. The result is
 * cached under `.sandbox/ui/<hash of the inputs>` so a restart with nothing changed skips the build.
 *
 * The build runs in a child Node process because static/build.mjs is an ES module, which the
 * CommonJS world of ts-jest cannot import; it also keeps esbuild's work off the sandbox's own process.
 */
export async function buildSandboxUi(repoRoot: string): Promise<Record<UiResource, UiBuild>> {
  const builder = join(repoRoot, 'static', 'build.mjs');
  const result = {} as Record<UiResource, UiBuild>;
  const apps: UiResource[] = [];
  for (const resource of UI_RESOURCES) {
    if (!existsSync(builder)) result[resource] = { missing: 'static/build.mjs does not exist yet' };
    else if (!existsSync(join(repoRoot, 'static', resource, 'src', 'index.tsx'))) {
      result[resource] = { missing: `static/${resource}/src/index.tsx does not exist yet` };
    } else apps.push(resource);
  }
  if (apps.length === 0) return result;

  const hash = await inputsHash(repoRoot);
  const cacheRoot = join(repoRoot, '.sandbox', 'ui');
  const outRoot = join(cacheRoot, hash);
  const ready = apps.every((app) => existsSync(join(outRoot, app, 'index.html')));
  if (!ready) {
    await pruneOldBuilds(cacheRoot, hash);
    // Built beside the final folder and renamed into place, so two sandboxes starting together (two
    // browser test files) never serve a half-written build.
    const tmpRoot = `${outRoot}.tmp-${process.pid}-${Date.now()}`;
    const options = {
      apps,
      outRoot: tmpRoot,
      alias: { '@forge/bridge': join(repoRoot, 'src', 'sandbox', 'bridge-standin', 'index.ts') },
      quiet: true,
    };
    let failures: Record<string, string | null>;
    try {
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', BUILD_SCRIPT, pathToFileURL(builder).href, JSON.stringify(options)], {
        cwd: repoRoot,
        maxBuffer: 10 * 1024 * 1024,
      });
      failures = JSON.parse(stdout) as Record<string, string | null>;
    } catch (error) {
      failures = Object.fromEntries(apps.map((app) => [app, (error as Error).message]));
    }
    const built = apps.filter((app) => !failures[app]);
    for (const app of apps) {
      const failure = failures[app];
      if (failure) result[app] = { missing: `the UI build failed: ${failure}`.slice(0, 2000) };
    }
    if (built.length < apps.length) {
      // A failed app is not cached: the next start tries again. The apps that built are served from tmp.
      for (const app of built) result[app] = { dir: join(tmpRoot, app) };
      return result;
    }
    await mkdir(cacheRoot, { recursive: true });
    await rename(tmpRoot, outRoot).catch(async () => {
      // Another sandbox renamed the same build first: theirs is identical.
      await rm(tmpRoot, { recursive: true, force: true });
    });
    await pruneOldBuilds(cacheRoot, hash);
  }
  for (const app of apps) result[app] = { dir: join(outRoot, app) };
  return result;
}

const HASHED_ROOTS = ['static', 'src', 'package-lock.json'];
const SKIPPED_DIRS = new Set(['build', 'node_modules', '.sandbox']);

/** Content hash of everything a UI bundle can be built from (the UI imports contracts and catalogues from src/). */
async function inputsHash(repoRoot: string): Promise<string> {
  const hash = createHash('sha256');
  const visit = async (path: string): Promise<void> => {
    const info = await stat(path).catch(() => null);
    if (!info) return;
    if (info.isDirectory()) {
      const entries = (await readdir(path)).sort();
      for (const entry of entries) if (!SKIPPED_DIRS.has(entry)) await visit(join(path, entry));
      return;
    }
    hash.update(relative(repoRoot, path));
    hash.update('\0');
    hash.update(await readFile(path));
    hash.update('\0');
  };
  for (const root of HASHED_ROOTS) await visit(join(repoRoot, root));
  return hash.digest('hex').slice(0, 16);
}

/** A build folder still being written by another sandbox is younger than this. */
const STALE_TMP_MS = 10 * 60 * 1000;

/**
 * Keeps the cache from growing with every edit: only the current build stays, plus temporary folders
 * recent enough to belong to a build in progress (a failed build leaves its temporary folder behind).
 */
async function pruneOldBuilds(cacheRoot: string, keep: string): Promise<void> {
  const entries = await readdir(cacheRoot).catch(() => [] as string[]);
  await Promise.all(
    entries.map(async (entry) => {
      if (entry === keep) return;
      const path = join(cacheRoot, entry);
      if (entry.includes('.tmp-')) {
        const info = await stat(path).catch(() => null);
        if (info && Date.now() - info.mtimeMs < STALE_TMP_MS) return;
      }
      await rm(path, { recursive: true, force: true });
    }),
  );
}
