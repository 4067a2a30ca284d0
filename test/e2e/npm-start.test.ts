/**
 * The README's promise: `npm start` prints a URL that answers, on the port asked for or, when that one
 * is taken, on a free one; Ctrl+C (SIGTERM here) stops everything. No browser needed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');

function startMain(env: Record<string, string>): { child: ChildProcess; url: Promise<string>; output: () => string } {
  const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/sandbox/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /sandbox: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited (${String(code)}) before printing a URL:\n${text}`)));
  });
  return { child, url, output: () => text };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('npm start', () => {
  let blocker: Server | null = null;

  afterEach(async () => {
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    blocker = null;
  });

  it('prints a URL on 127.0.0.1 that serves the sandbox, and stops cleanly', async () => {
    const main = startMain({ PORT: '0' });
    try {
      const url = await main.url;
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Jira local (sandbox)');
      expect(main.output()).toContain('Jira emulator');
    } finally {
      expect(await stop(main.child)).toBe(0);
    }
  });

  it('falls back to a free port when the one asked for is taken', async () => {
    blocker = createServer((_req, res) => res.end('someone else'));
    const port = await new Promise<number>((resolve) => blocker!.listen(0, '127.0.0.1', () => resolve((blocker!.address() as { port: number }).port)));
    const main = startMain({ PORT: String(port) });
    try {
      const url = await main.url;
      expect(url).not.toContain(`:${port}/`);
      expect((await fetch(url)).status).toBe(200);
    } finally {
      await stop(main.child);
    }
  });
});
