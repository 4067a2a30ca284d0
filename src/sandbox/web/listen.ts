import type { Server } from 'node:http';

/**
 * Listens on 127.0.0.1 at the preferred port; when that port is taken (another sandbox, another dev
 * server), falls back to a free port chosen by the OS rather than failing — the printed URL says which.
 * Port 0 asks for a free port directly (tests).
 */
export async function listenOnLoopback(server: Server, preferredPort: number): Promise<number> {
  try {
    return await listen(server, preferredPort);
  } catch (error) {
    if (preferredPort !== 0 && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      return listen(server, 0);
    }
    throw error;
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/** `PORT` from the environment, else the default; an unusable value falls back to the default. */
export function portFromEnv(env: NodeJS.ProcessEnv, fallback = 3000): number {
  const raw = env['PORT'];
  if (raw === undefined || raw.trim() === '') return fallback;
  const port = Number(raw);
  return Number.isInteger(port) && port >= 0 && port < 65536 ? port : fallback;
}
