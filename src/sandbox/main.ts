/**
 * `npm start`: the local sandbox. Prints the URL to open; Ctrl+C stops everything.
 * `PORT` chooses the port (default 3000; a taken port falls back to a free one).
 */
import { startSandbox } from './sandbox';
import { portFromEnv } from './web/listen';

async function main(): Promise<void> {
  const started = Date.now();
  const sandbox = await startSandbox({
    port: portFromEnv(process.env),
    log: (line) => console.log(line),
    // `SANDBOX_REGISTRY=5000 npm start`: the registry project page on a registry SetDIBA's size.
    registryEntries: Math.max(0, Math.min(50_000, Number(process.env['SANDBOX_REGISTRY'] ?? 0) || 0)),
  });
  console.log(`\nIntegracions SetDIBA sandbox: ${sandbox.url}  (started in ${Date.now() - started} ms)\n`);
  for (const part of sandbox.runtime.parts) {
    console.log(`  ${part.ok ? '✓' : '·'} ${part.name}: ${part.detail}`);
  }
  sandbox.ui.then(
    (builds) => {
      for (const [resource, build] of Object.entries(builds)) {
        console.log(`  ${'dir' in build ? '✓' : '·'} Custom UI ${resource}: ${'dir' in build ? 'built' : build.missing}`);
      }
    },
    (error: unknown) => console.error('  · Custom UI build failed:', error),
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the sandbox…');
    sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('The sandbox could not start:', error);
  process.exit(1);
});
