/**
 * `npm run emulator -- --port 0 --seed demo [--random-seed 1] [--latency 50|20-200]`
 * Starts the emulator on its own for exploring with curl, prints its base URL and who can call it,
 * and runs until Ctrl-C. Violations are printed as they happen instead of failing anything.
 */
import { parseArgs } from 'node:util';
import { demoSeed, formatViolation, startJiraEmulator, type LatencySpec } from './index';

function parseLatency(text: string | undefined): LatencySpec | undefined {
  if (!text) return undefined;
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range) return { minMs: Number(range[1]), maxMs: Number(range[2]) };
  if (/^\d+$/.test(text)) return Number(text);
  throw new Error(`--latency takes N or MIN-MAX milliseconds, not ${text}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      seed: { type: 'string', default: 'demo' },
      'random-seed': { type: 'string', default: '1' },
      latency: { type: 'string' },
    },
  });
  const seedName = values.seed;
  if (seedName !== 'demo' && seedName !== 'empty') throw new Error(`--seed must be demo or empty, not ${seedName}`);
  const latency = parseLatency(values.latency);
  const emulator = await startJiraEmulator({
    port: Number(values.port),
    seed: seedName === 'demo' ? (site) => demoSeed(site, { withSampleIssues: true }) : 'empty',
    randomSeed: Number(values['random-seed']),
    ...(latency !== undefined ? { latency } : {}),
    failOnViolations: false,
    onEvent: (event) => console.log(`event ${event.eventType} ${'issue' in event ? event.issue.key : `issue ${event.attachment.issueId}`}`),
  });
  let reported = 0;
  const timer = setInterval(() => {
    for (const v of emulator.violations.slice(reported)) console.error(`VIOLATION ${formatViolation(v)}`);
    reported = emulator.violations.length;
  }, 250);

  console.log(emulator.baseUrl);
  console.log('Call as a user with the header "X-Emulator-User: <accountId>" (or "Authorization: Bearer <accountId>"):');
  for (const user of emulator.site.users.values()) console.log(`  ${user.accountId.padEnd(24)} ${user.accountType.padEnd(9)} ${user.displayName}`);
  console.log(`e.g. curl -H 'X-Emulator-User: agent-marta' ${emulator.baseUrl}/rest/api/3/issue/SUP-1`);

  const shutdown = () => {
    clearInterval(timer);
    void emulator.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
