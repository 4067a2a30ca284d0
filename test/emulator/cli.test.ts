import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');

test('npm run emulator prints its base URL and serves the demo site until stopped', async () => {
  const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'src', 'emulator', 'cli.ts'), '--port', '0', '--seed', 'demo'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const lines = createInterface({ input: child.stdout });
    const [firstLine] = (await once(lines, 'line')) as [string];
    expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${firstLine}/rest/api/3/issue/SUP-1?fields=summary`, { headers: { 'X-Emulator-User': 'agent-marta' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { fields: { summary: string } }).fields.summary).toBe('Consulta sobre el tauler electrònic');
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
});
