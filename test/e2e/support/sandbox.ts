import { startSandbox, type Sandbox } from '../../../src/sandbox/sandbox';

/** The sandbox in this test's process, on a free port of 127.0.0.1, with its Custom UI built. */
export async function startTestSandbox(): Promise<Sandbox> {
  const sandbox = await startSandbox({ port: 0 });
  await sandbox.ui;
  return sandbox;
}
