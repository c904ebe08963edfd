// The HTTP server on Node: the app behind the in-memory public cache, over @hono/node-server, with the
// scheduler started beside it and a stop that lets answers on their way finish.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createAdaptorServer } from '@hono/node-server';
import { buildApp, type BuildOptions } from '../app';
import { ConfigError, type Config } from '../config';
import { createPublicCache } from '../routes/public-cache';
import type { NodeRuntime } from './node';

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** How long stopping waits for answers already on their way before it ends their connections. */
const STOP_GRACE_MS = 3000;

/**
 * How long a client may take to send a request's head, and the whole request. Node's own limits (one and five
 * minutes) let a server without a proxy in front be held by clients that send a byte now and then; these still
 * give the largest upload (a 10 MB subscriber list) two minutes, which a school's slow uplink manages.
 */
const REQUEST_LIMITS = {
  headersTimeout: 20_000,
  requestTimeout: 120_000,
  /** How often Node looks for a connection past those (its default, 30 s, would add up to that much). */
  connectionsCheckingInterval: 5_000,
};
export type RequestLimits = Partial<typeof REQUEST_LIMITS>;

/** Serves the app on config.host:config.port (0 picks a free port) and starts the scheduler. */
export async function startServer(
  runtime: NodeRuntime,
  options: { scheduler?: boolean; requestLimits?: RequestLimits } & BuildOptions = {},
): Promise<RunningServer> {
  const { config } = runtime.deps;
  const app = buildApp(runtime.deps, options);
  // Pages, feeds and the embed come from memory until something public changes (see public-cache.ts).
  const cache = createPublicCache(runtime.deps.db, {
    now: () => runtime.deps.clock.now(),
    gzip: (body) => gzipSync(body, { level: 6 }),
  });
  const server = createAdaptorServer({
    fetch: cache.wrap(app.fetch),
    serverOptions: { ...REQUEST_LIMITS, ...options.requestLimits },
  }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenProblem(error, config)));
    server.listen(config.port, config.host, () => resolve());
  });
  if (options.scheduler !== false) {
    runtime.scheduler.start();
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        // Idle keep-alive connections go now; answers being written get a moment to finish.
        const grace = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
        server.close(() => {
          clearTimeout(grace);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/** What an operator can act on, said as what to change; anything else as it came. */
function listenProblem(error: Error, config: Config): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${config.host}:${config.port}`;
  if (code === 'EADDRINUSE')
    return new ConfigError(
      'PORT',
      `${where} is already in use by another program. Stop that program, or set PORT to a free port.`,
    );
  if (code === 'EACCES')
    return new ConfigError(
      'PORT',
      `this user may not listen on ${where} (ports below 1024 need privileges). Set PORT to 1024 or above and put a reverse proxy in front.`,
    );
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new ConfigError(
      'HOST',
      `${config.host} is not a name this machine can find. Set HOST to one of its addresses (127.0.0.1 behind a proxy on the same machine, 0.0.0.0 for every address).`,
    );
  if (code === 'EADDRNOTAVAIL')
    return new ConfigError(
      'HOST',
      `${config.host} is not an address of this machine. Set HOST to one that is.`,
    );
  return error;
}
