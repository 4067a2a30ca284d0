import type { Server } from 'node:http';
import { join } from 'node:path';
import { startRuntime, type RuntimeOptions } from './runtime/start-runtime';
import type { SandboxRuntime, UiResource } from './runtime/types';
import { buildSandboxUi, type UiBuild } from './ui/build-apps';
import { listenOnLoopback } from './web/listen';
import { createSandboxServer } from './web/server';

export interface SandboxOptions extends RuntimeOptions {
  /** Preferred port; taken → a free one. 0 → a free one (tests). */
  port?: number;
  /** Repository root (static/ and src/ live there); defaults to this checkout. */
  repoRoot?: string;
}

export interface Sandbox {
  url: string;
  runtime: SandboxRuntime;
  /** Resolves when the Custom UI apps are built (the page waits for them on its own). */
  ui: Promise<Record<UiResource, UiBuild>>;
  stop(): Promise<void>;
}

/**
 * Starts the whole sandbox in this process: the emulated Jira with its demo site, the app (trigger,
 * queue consumer, resolvers), the reference integration backend, and the web page on 127.0.0.1.
 * The Custom UI build starts in the background so the URL is printed at once.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const repoRoot = options.repoRoot ?? join(__dirname, '..', '..');
  const runtime = await startRuntime(options);
  const ui = buildSandboxUi(repoRoot);
  const server: Server = createSandboxServer({ runtime, ui });
  let port: number;
  try {
    port = await listenOnLoopback(server, options.port ?? 3000);
  } catch (error) {
    await runtime.stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    runtime,
    ui,
    stop: async () => {
      // Browsers keep connections alive; close them or `close` would wait for them.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ui.catch(() => undefined);
      await runtime.stop();
    },
  };
}
