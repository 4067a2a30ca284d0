import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** A file under `root`, or null (also for any path that tries to leave `root`). */
export async function readStaticFile(root: string, relativePath: string): Promise<{ bytes: Buffer; type: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relativePath);
  } catch {
    return null;
  }
  const path = normalize(join(root, decoded || 'index.html'));
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    const bytes = await readFile(path);
    return { bytes, type: TYPES[extname(path)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
