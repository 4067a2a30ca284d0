/**
 * What ships is what we test: the bundle `npm run bundle` builds with Atlassian's own bundler (as
 * `forge deploy` does) runs in a separate Node process with only the Forge runtime globals stubbed
 * (forge-runtime-host.js): Jira is the emulator, KVS an in-memory store speaking the wire protocol,
 * queue pushes come back here and are delivered to the consumer. A mixed-service ticket goes trigger →
 * queue → consumer; both resolvers answer. The second run forbids worker threads (Node's permission
 * model, everything else allowed): the ticket must still be processed, and nobody is told a good file
 * is damaged.
 *
 * The bundle is built here when missing or older than its inputs (scripts/bundle.js records a hash),
 * which takes a minute or two; later runs reuse it.
 */
import { execFile, fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { settingsStorageKey, defaultSettings } from '../../src/domain/settings';
import { DEMO, EMULATOR_USER_HEADER, startJiraEmulator, type JiraEmulator, type ProductEvent } from '../../src/emulator';
import type { SiteIssue } from '../../src/emulator/site/model';
import { pipelineMessages } from '../../src/i18n/catalog/pipeline';
import { ajuntament, template } from '../integration/pipeline/fixtures';
import { certificateBlock } from '../integration/pipeline/harness';
import { startKvsWireServer, type KvsWireServer } from './kvs-wire-server';

const ROOT = path.join(__dirname, '../..');
const BUNDLE_DIR = path.join(ROOT, 'forge-bundle');
const HOST = path.join(__dirname, 'forge-runtime-host.js');
const U = DEMO.users;
const BUILD_TIMEOUT_MS = 10 * 60 * 1000;

interface Pushed {
  queueName: string;
  jobId: string;
  payload: { body: Record<string, unknown> }[];
}

interface Envelope {
  ok: boolean;
  data?: Record<string, unknown>;
  error?: { code: string; message: string };
}

/** Node flags that allow everything the permission model can restrict, except worker threads. */
function everythingButWorkers(): string[] {
  const known = process.allowedNodeEnvironmentFlags;
  // Node 22.13+ calls it --permission; Node 20 only knows the experimental name.
  const enable = known.has('--permission') ? '--permission' : '--experimental-permission';
  const allow = ['--allow-fs-read=*', '--allow-fs-write=*', '--allow-child-process', '--allow-addons', '--allow-wasi'];
  return [enable, ...allow.filter((flag) => known.has(flag.split('=')[0]!))];
}

/** The forked host: invoke a bundled function as the platform would, and collect queue pushes. */
class BundleHost {
  readonly pushes: Pushed[] = [];
  readonly output: string[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private constructor(
    private readonly child: ChildProcess,
    readonly workersAllowed: boolean,
  ) {}

  static start(env: Record<string, string>, execArgv: string[]): Promise<BundleHost> {
    const child = fork(HOST, [], { execArgv, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const output: string[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the bundle host exited (${code}) before it was ready:\n${output.join('')}`)));
      child.once('message', (message: { ready?: boolean; workersAllowed?: boolean }) => {
        if (!message.ready) return reject(new Error(`unexpected first message ${JSON.stringify(message)}`));
        const host = new BundleHost(child, message.workersAllowed === true);
        host.output.push(...output);
        child.stdout?.on('data', (chunk: Buffer) => host.output.push(chunk.toString()));
        child.stderr?.on('data', (chunk: Buffer) => host.output.push(chunk.toString()));
        child.removeAllListeners('exit');
        child.on('message', (m: { id?: number; result?: unknown; error?: { message: string; stack?: string }; pushed?: Pushed }) => host.receive(m));
        resolve(host);
      });
    });
  }

  private receive(message: { id?: number; result?: unknown; error?: { message: string; stack?: string }; pushed?: Pushed }): void {
    if (message.pushed) {
      this.pushes.push(message.pushed);
      return;
    }
    const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
    if (!waiting || message.id === undefined) return;
    this.pending.delete(message.id);
    if (message.error) waiting.reject(new Error(`${message.error.message}\n${message.error.stack ?? ''}`));
    else waiting.resolve(message.result);
  }

  invoke(fn: string, args: unknown[], accountId?: string): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, fn, args, ...(accountId ? { accountId } : {}) });
    });
  }

  /** A resolver call as Forge makes it: the definitions function gets the call and the principal. */
  resolve(fn: 'panelResolver' | 'settingsResolver', accountId: string, functionKey: string, context: Record<string, unknown>): Promise<Envelope> {
    return this.invoke(fn, [{ call: { functionKey, payload: {} }, context }, { principal: { accountId } }], accountId) as Promise<Envelope>;
  }

  /** Resolves once the process has exited and its pipes and IPC channel are closed. */
  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null && !this.child.connected) return resolve();
      this.child.once('close', () => resolve());
      this.child.kill();
    });
  }
}

function adfText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const { text, content } = node as { text?: unknown; content?: unknown };
  return `${typeof text === 'string' ? text : ''}${Array.isArray(content) ? content.map(adfText).join(' ') : ''}`;
}

/** How each language's "we could not read the file" comment begins (up to its first placeholder). */
const UNREADABLE_OPENINGS = (['ca', 'es', 'en'] as const).map((lang) => pipelineMessages[lang]['unreadable.intro'].split('{')[0]!.trim());

// `npm run bundle` in its own process: the bundler needs a real `require.main`, which jest's module
// registry does not give. It rebuilds only when its inputs changed.
beforeAll(async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/bundle.js')], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  if (!/is up to date/.test(stdout)) process.stdout.write(stdout);
}, BUILD_TIMEOUT_MS);

describe.each([
  { mode: 'with worker threads', execArgv: [] as string[] },
  { mode: 'with worker threads forbidden', execArgv: everythingButWorkers() },
])('the Forge bundle, $mode', ({ mode, execArgv }) => {
  let emulator: JiraEmulator;
  let kvs: KvsWireServer;
  let host: BundleHost;
  const events: ProductEvent[] = [];

  beforeAll(async () => {
    emulator = await startJiraEmulator({ seed: 'demo', onEvent: (event) => void events.push(event) });
    kvs = await startKvsWireServer();
    const settings = defaultSettings();
    settings.certificate = structuredClone(await certificateBlock());
    settings.services.MUX.ownerAccountId = U.muxOwner;
    kvs.values.set(settingsStorageKey(DEMO.projectKey), { revision: 1, updatedAt: null, updatedBy: null, settings });
    host = await BundleHost.start(
      {
        FORGE_BUNDLE: BUNDLE_DIR,
        JIRA_URL: emulator.baseUrl,
        JIRA_USER_HEADER: EMULATOR_USER_HEADER,
        APP_ACCOUNT_ID: emulator.site.appAccountId,
        KVS_URL: kvs.baseUrl,
      },
      execArgv,
    );
  }, 60_000);

  afterAll(async () => {
    await host?.stop();
    await kvs?.stop();
    await emulator?.stop();
  });

  let original: SiteIssue;

  it('runs in a process where worker threads are as the mode says', () => {
    expect(host.workersAllowed).toBe(mode === 'with worker threads');
  });

  it('splits a mixed SetDIBA ticket: the trigger queues one job, its delivery does the work, a second delivery writes nothing', async () => {
    const issue = emulator.site.createIssue({
      projectKey: DEMO.projectKey,
      summary: 'Alta integracions SetDIBA',
      description: 'Bon dia, us adjuntem la plantilla.',
      requestType: DEMO.requestTypes.altaIntegracio,
      reporter: U.setdibaCustomer,
      organizations: [DEMO.organizations.setdiba],
      attachments: [{ filename: 'alta.xlsx', content: template([ajuntament(0, { service: 'MUX' }), ajuntament(1, { service: 'e-NOTUM' })]) }],
    });
    await emulator.idle();
    const created = events.find((e) => e.eventType === 'avi:jira:created:issue' && e.issue.key === issue.key);
    expect(created).toBeDefined();

    await expect(host.invoke('trigger', [created, {}])).resolves.toBeNull();
    expect(host.pushes).toHaveLength(1);
    const [push] = host.pushes;
    expect(push!.queueName).toBe('setdiba-jobs');
    expect(push!.payload).toEqual([{ body: expect.objectContaining({ issueKey: issue.key }) }]);

    const delivery = { ...push!.payload[0]!, jobId: push!.jobId, eventId: `${push!.jobId}-0` };
    const outcome = await host.invoke('consumer', [delivery, {}]);
    expect({ outcome, output: host.output.join('') }).toMatchObject({ outcome: null });

    original = emulator.site.issue(issue.key)!;
    // First what the customer sees: nobody is told the (good) file could not be read, whether worker
    // threads may start or not.
    const told = (ticket: SiteIssue) =>
      emulator.site
        .commentsOf(ticket)
        .map((comment) => adfText(comment.body))
        .filter((text) => UNREADABLE_OPENINGS.some((opening) => text.includes(opening)));
    expect(told(original)).toEqual([]);

    expect(original.labels).toEqual(expect.arrayContaining(['setdiba', 'setdiba-mux', 'setdiba-pendent-data-pro']));
    expect(original.assigneeAccountId).toBe(U.muxOwner);
    // MUX stays on the original; e-NOTUM went to one linked clone, labelled for its service.
    const links = emulator.site.linksOf(original);
    expect(links).toHaveLength(1);
    const cloneId = links[0]!.inwardIssueId === original.id ? links[0]!.outwardIssueId : links[0]!.inwardIssueId;
    const clone = emulator.site.issue(cloneId)!;
    expect(clone.labels).toEqual(expect.arrayContaining(['setdiba', 'setdiba-e-notum']));
    expect(told(clone)).toEqual([]);
    expect(emulator.site.commentsOf(original).length).toBeGreaterThan(0);
    // The create-once locks went through the real @forge/kvs client as FAIL_IF_EXISTS sets.
    expect(kvs.operations).toContain('set');

    // At-least-once delivery: the same job again writes nothing at all.
    const callsBefore = emulator.calls.length;
    const commentsBefore = emulator.site.commentsOf(original).length;
    await expect(host.invoke('consumer', [delivery, {}])).resolves.toBeNull();
    expect(emulator.calls.slice(callsBefore).filter((c) => c.method !== 'GET')).toEqual([]);
    expect(emulator.site.commentsOf(original)).toHaveLength(commentsBefore);
    expect(emulator.site.linksOf(original)).toHaveLength(1);
    expect(host.pushes).toHaveLength(1);
  }, 120_000);

  it('answers an agent on the issue panel as that user, and refuses a customer', async () => {
    const context = { extension: { issue: { key: original.key } }, locale: 'ca_ES' };
    const agent = await host.resolve('panelResolver', U.agent, 'getPanelState', context);
    expect(agent.ok).toBe(true);
    expect(agent.data?.plan).not.toBeNull();
    const customer = await host.resolve('panelResolver', U.setdibaCustomer, 'getPanelState', context);
    expect(customer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The permission check went to Jira as the user, not as the app.
    expect(emulator.calls.some((c) => c.caller === U.agent)).toBe(true);
  });

  it('shows the project settings to an admin from the KVS', async () => {
    const context = { extension: { project: { key: DEMO.projectKey } }, locale: 'ca_ES' };
    const admin = await host.resolve('settingsResolver', U.admin, 'getSettingsPage', context);
    expect(admin.ok).toBe(true);
    expect(JSON.stringify(admin.data)).toContain(U.muxOwner);
  });
});
