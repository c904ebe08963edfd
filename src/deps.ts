// Everything the app needs from its runtime, injected by src/entry/node.ts or src/entry/worker.ts.
import type { Context } from 'hono';
import type { PasswordHasher } from './auth/password';
import type { Config } from './config';
import type { Database } from './db/client';
import type { Mailer, OutboxReader } from './email/mailer';
import type { FeedFetcher } from './ingest/fetcher';
import type { FeedProcessor } from './ingest/read-feed';
import type { Logger } from './log';
import type { PictureDeps } from './pictures/copy-pictures';
import type { SocialFetch } from './social/social-fetch';
import type { TranslateProvider } from './i18n/translate-provider';

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Work that runs after a request answers: Node runs it in-process, Workers hand it to a queue. */
export interface Background {
  /** Deliveries were queued; send them soon. */
  wakeSender(): void;
  /** Sources were made due; check them soon. */
  wakePoller(): void;
}

export interface AppDeps {
  config: Config;
  db: Database;
  mailer: Mailer;
  /** Present when email goes to the outbox folder instead of SMTP. */
  outbox?: OutboxReader;
  fetcher: FeedFetcher;
  /** Runs the CPU-heavy ingestion stages (Node: a worker-thread pool); in-process when absent. */
  feedProcessor?: FeedProcessor;
  /**
   * Where chosen pictures are copied, cleaned and kept (Node: sharp and SQLite; Workers: R2). Absent on a
   * Worker without a MEDIA bucket: digests are then published without pictures.
   */
  pictures?: PictureDeps;
  passwords: PasswordHasher;
  /**
   * How the social clients reach the networks (Node: undici checking each address it connects to). Absent,
   * the platform's fetch with the same URL checks (social/social-fetch.ts).
   */
  socialFetch?: SocialFetch;
  /** Machine drafts of translations (LibreTranslate, or Workers AI); absent, the desk offers no Draft button. */
  translation?: TranslateProvider;
  clock: Clock;
  log: Logger;
  /** The district's secret for signed links; see auth/signing-key.ts. */
  signingKey: string;
  background: Background;
  /**
   * The client's address, for throttles and the audit log: on Node the socket's, or the one the proxies that
   * TRUST_PROXY names report (client-address.ts); on Workers, Cloudflare's CF-Connecting-IP.
   */
  clientIp(c: Context): string | null;
  /**
   * Gzips what the app compresses itself (Node: zlib; the stylesheets and scripts under /assets/). Absent on
   * Workers, where Cloudflare compresses what it sends and would gzip gzipped bytes again.
   */
  gzip?: (body: Uint8Array) => Uint8Array;
}
