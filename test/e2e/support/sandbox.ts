import { SAMPLE_REQUESTS } from '../../../src/sandbox/runtime/samples';
import type { RaiseRequestInput } from '../../../src/sandbox/runtime/types';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/sandbox';

/** The sandbox in this test's process, on a free port of 127.0.0.1, with its Custom UI built. */
export async function startTestSandbox(options: Omit<SandboxOptions, 'port'> = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ ...options, port: 0 });
  await sandbox.ui;
  return sandbox;
}

/** A customer of the demo raises a request; resolves with its key once the app has finished with it. */
export async function raiseAndSettle(sandbox: Sandbox, customerAccountId: string, request: RaiseRequestInput): Promise<string> {
  const customer = sandbox.runtime.users.find((u) => u.accountId === customerAccountId)!;
  const { issueKey } = await sandbox.runtime.raiseRequest(customer, request);
  await sandbox.runtime.idle();
  return issueKey;
}

/** The same with one of the sandbox page's sample requests (`mixed`, `hostile`, …). */
export async function raiseSampleAndSettle(sandbox: Sandbox, customerAccountId: string, sampleId: string): Promise<string> {
  const sample = SAMPLE_REQUESTS.find((s) => s.id === sampleId)!;
  return raiseAndSettle(sandbox, customerAccountId, { summary: sample.summary, description: sample.description, files: await sample.files() });
}
