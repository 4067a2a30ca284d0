import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

/** The page's own stylesheet and script, prepared once per process (the script is TypeScript). */
export interface ShellAssets {
  css: string;
  js: string;
}

let cached: Promise<ShellAssets> | null = null;

export function shellAssets(): Promise<ShellAssets> {
  cached ??= (async () => {
    const [css, bundle] = await Promise.all([
      readFile(join(__dirname, 'assets', 'sandbox.css'), 'utf8'),
      build({
        entryPoints: [join(__dirname, 'client', 'shell.ts')],
        bundle: true,
        write: false,
        format: 'iife',
        target: ['chrome111', 'firefox111', 'safari16'],
        logLevel: 'silent',
      }),
    ]);
    return { css, js: bundle.outputFiles[0]?.text ?? '' };
  })();
  return cached;
}
