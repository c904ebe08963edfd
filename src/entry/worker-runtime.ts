// The Cloudflare Workers runtime (its entry is worker.ts): the same app over D1, Postmark's HTTP API for email,
// WebCrypto PBKDF2 for passwords. Cron Triggers run the publish check and hand due feeds and pending email to a
// Queue in small messages, so no single invocation runs into the platform's CPU or subrequest limits. Nothing
// else in the code base knows about D1, queues or cron.
import { buildApp } from '../app';
import { createPbkdf2Hasher } from '../auth/pbkdf2-hasher';
import { loadSigningKey } from '../auth/signing-key';
import { readAddress } from '../client-address';
import { ConfigError, parseConfig, type Config } from '../config';
import type { Database } from '../db/client';
import { openD1, type D1Like } from '../db/d1';
import { claimDueSources } from '../db/sources';
import { countDueDeliveries, countSendingDeliveries } from '../db/deliveries';
import { countDueMessages } from '../db/messages';
import { systemClock, type AppDeps, type Clock } from '../deps';
import type { Mailer } from '../email/mailer';
import { createNoMailer } from '../email/no-mailer';
import { createPostmarkMailer } from '../email/postmark-mailer';
import { createWorkerFetcher } from '../ingest/fetch-feed-worker';
import { runHousekeeping, runLeaseCheck, runPollJob, runSendJob } from '../jobs/jobs';
import { runTeacherJobs } from '../jobs/teacher-jobs';
import { createLogger } from '../log';
import { workerCodecModules } from '../pictures/codec-modules-worker';
import { createImagesPictureMaker, type ImagesLike } from '../pictures/make-picture-images';
import { createWasmPictureMaker } from '../pictures/make-picture-wasm';
import { createWasmCodecs } from '../pictures/wasm-codecs';
import { MAX_PICTURE_BYTES } from '../pictures/picture-types';
import { r2PictureBytes, type R2Like } from '../pictures/r2-bytes';
import { runPublishJob } from '../publish/publish-job';
import { createSocialFetch } from '../social/social-fetch';
import { libreTranslateProvider, workersAiProvider, type AiBinding } from '../i18n/translate-provider';
import { prepareSocialWork, runSocialJob } from '../social/post-social';

/** One unit of queued work. Each is safe to run twice: sources and deliveries are claimed in the database. */
export type JobMessage =
  { kind: 'ingest'; sourceIds: number[] } | { kind: 'send' } | { kind: 'social' } | { kind: 'housekeeping' };

interface QueueLike<T> {
  send(body: T): Promise<void>;
  sendBatch(messages: { body: T }[]): Promise<void>;
}

export interface WorkerEnv {
  DB: D1Like;
  JOBS: QueueLike<JobMessage>;
  /** R2 bucket for the district's copies of pictures; without it, digests publish without pictures. */
  MEDIA?: R2Like;
  /** Cloudflare Images, to make the pictures' sizes; without it they are made in the Worker (WebAssembly). */
  IMAGES?: ImagesLike;
  /** Workers AI, for machine drafts of translations when TRANSLATE_URL is not set; optional. */
  AI?: AiBinding;
  [setting: string]: unknown;
}

interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
}

/** Sources per queue message: each is one fetch (and its redirects) plus a few D1 writes. */
export const SOURCES_PER_MESSAGE = 10;
/** Emails per queue message invocation: one subrequest each, far inside the paid plan's 10,000. */
export const DELIVERIES_PER_MESSAGE = 200;
/** Senders running side by side for one digest; D1, one database, is the limit beyond a few. */
export const MAX_SEND_CHAINS = 8;
/** Emails in flight at once in one invocation (Workers allow six simultaneous outgoing connections). */
const SEND_CONCURRENCY = 6;
/** Most sources one cron run hands out; the rest are due again at the next run. */
const SOURCES_PER_CRON = 5_000;
/** How long a claimed source waits for its queue message before another cron run may claim it again. */
const INGEST_LEASE_MS = 15 * 60_000;

export interface WorkerOptions {
  clock?: Clock;
  /** The platform's fetch for feeds and the email API (tests pass their own). */
  fetch?: typeof fetch;
}

/** The Worker's handlers: fetch (the app), scheduled (cron) and queue (the consumer). */
export function createWorker(options: WorkerOptions = {}) {
  const clock = options.clock ?? systemClock;
  // What outlives one invocation (settings, the database handle, the mailer, the signing key) is kept while
  // the isolate lives; the deps and the app are built per invocation, because their background work must be
  // handed to that invocation's waitUntil, not to one that has already answered.
  // Made once per isolate: it makes one picture at a time, whichever request asked (make-picture-wasm.ts).
  const wasmMaker = createWasmPictureMaker(createWasmCodecs(workerCodecModules));
  let shared:
    { env: WorkerEnv; config: Config; db: Database; mailer: Mailer; signingKey: Promise<string> } | undefined;

  async function runtimeFor(env: WorkerEnv, ctx: ExecutionContextLike) {
    if (shared?.env !== env) {
      const config = configOf(env);
      const db = openD1(env.DB);
      shared = {
        env,
        config,
        db,
        mailer: mailerOf(config, options.fetch),
        signingKey: loadSigningKey(db, clock.now()),
      };
      // A failed read is not kept: the next invocation tries again.
      shared.signingKey.catch(() => (shared = undefined));
    }
    const { config, db, mailer } = shared;
    const deps: AppDeps = {
      config,
      db,
      mailer,
      fetcher: createWorkerFetcher({
        publicUrl: config.publicUrl,
        allowPrivateNetworks: config.fetchAllowPrivateNetworks,
        now: () => clock.now(),
        fetch: options.fetch,
      }),
      pictures: env.MEDIA && {
        fetcher: createWorkerFetcher({
          publicUrl: config.publicUrl,
          allowPrivateNetworks: config.fetchAllowPrivateNetworks,
          subject: 'picture',
          limits: { maxBodyBytes: MAX_PICTURE_BYTES, deadlineMs: 30_000 },
          now: () => clock.now(),
          fetch: options.fetch,
        }),
        maker: env.IMAGES ? createImagesPictureMaker(env.IMAGES, wasmMaker.pixels) : wasmMaker,
        bytes: r2PictureBytes(env.MEDIA),
      },
      passwords: createPbkdf2Hasher(),
      socialFetch: createSocialFetch({
        allowPrivateNetworks: config.fetchAllowPrivateNetworks,
        transport: options.fetch,
      }),
      translation: config.translateUrl
        ? libreTranslateProvider({
            url: config.translateUrl,
            apiKey: config.translateApiKey,
            allowPrivateNetworks: config.fetchAllowPrivateNetworks,
            fetch: options.fetch,
          })
        : env.AI
          ? workersAiProvider(env.AI)
          : undefined,
      clock,
      // Workers Logs collect console output: each line under its own level, so Workers Logs can tell routine lines from errors.
      // eslint-disable-next-line no-console -- the console is where a Worker's logs go
      log: createLogger(config.logLevel, (line, at) => console[at](line)),
      signingKey: await shared.signingKey,
      background: {
        wakeSender: () => ctx.waitUntil(startSenders(env, deps)),
        wakePoller: () => ctx.waitUntil(enqueueDueSources(env, deps)),
      },
      // Cloudflare's edge sets it to the address it was connected from; TRUST_PROXY plays no part here.
      clientIp: (c) => readAddress(c.req.header('cf-connecting-ip')),
    };
    return { deps, app: buildApp(deps) };
  }

  /**
   * Starts up to MAX_SEND_CHAINS senders for the email that is due: each queue message sends up to
   * DELIVERIES_PER_MESSAGE and, if more are due, queues its own continuation, so that many chains run side by
   * side until nothing is left. Deliveries are claimed one by one, so chains never send the same email.
   */
  async function startSenders(env: WorkerEnv, deps: AppDeps): Promise<void> {
    const now = deps.clock.now();
    const due = (await countDueDeliveries(deps.db, now)) + (await countDueMessages(deps.db, now));
    const chains = Math.min(MAX_SEND_CHAINS, Math.ceil(due / DELIVERIES_PER_MESSAGE));
    if (chains > 0)
      await env.JOBS.sendBatch(
        Array.from({ length: chains }, () => ({ body: { kind: 'send' } as JobMessage })),
      );
  }

  /** Claims the due sources and hands them to the queue, a few per message. */
  async function enqueueDueSources(env: WorkerEnv, deps: AppDeps): Promise<number> {
    const ids = await claimDueSources(deps.db, deps.clock.now(), SOURCES_PER_CRON, INGEST_LEASE_MS);
    const messages: { body: JobMessage }[] = [];
    for (let i = 0; i < ids.length; i += SOURCES_PER_MESSAGE)
      messages.push({ body: { kind: 'ingest', sourceIds: ids.slice(i, i + SOURCES_PER_MESSAGE) } });
    // sendBatch takes at most 100 messages per call.
    for (let i = 0; i < messages.length; i += 100) await env.JOBS.sendBatch(messages.slice(i, i + 100));
    return ids.length;
  }

  return {
    async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
      try {
        const { app } = await runtimeFor(env, ctx);
        return await app.fetch(request, env, ctx as never);
      } catch (error) {
        if (error instanceof ConfigError)
          return new Response(`Yesterday is not configured: ${error.message}\n`, { status: 500 });
        throw error;
      }
    },

    /** Every cron run: publish what is due (exactly once per date), hand out due feeds and pending email. */
    async scheduled(controller: { cron: string }, env: WorkerEnv, ctx: ExecutionContextLike): Promise<void> {
      const { deps } = await runtimeFor(env, ctx);
      // Each step runs even if one before it failed; a failure is logged and the next minute tries again.
      const step = async (name: string, work: () => Promise<unknown>) => {
        try {
          await work();
        } catch (error) {
          deps.log.error(`the scheduled ${name} failed; it runs again next minute`, { error });
        }
      };
      await step('publish check', () => runPublishJob(deps));
      await step('teachers round', () => runTeacherJobs(deps));
      await step('feed hand-out', () => enqueueDueSources(env, deps));
      await step('sender start', async () => {
        // Sends a dead invocation left in flight become unknown (for a person to decide), as on a server.
        await runLeaseCheck(deps);
        // Retries come due, or a chain of senders broke off: start again, unless senders are at work.
        const now = deps.clock.now();
        if ((await countSendingDeliveries(deps.db, now - 60_000)) === 0) await startSenders(env, deps);
      });
      // Social posts are made by a queue message, like email: one network call each, off the cron's clock.
      await step('social hand-out', async () => {
        const { due, deletions } = await prepareSocialWork(deps, 1);
        if (due.length || deletions.length) await env.JOBS.send({ kind: 'social' });
      });
      if (controller.cron === HOUSEKEEPING_CRON)
        await step('housekeeping hand-out', () => env.JOBS.send({ kind: 'housekeeping' }));
    },

    async queue(
      batch: { messages: readonly { body: JobMessage; ack(): void; retry(): void }[] },
      env: WorkerEnv,
      ctx: ExecutionContextLike,
    ): Promise<void> {
      const { deps } = await runtimeFor(env, ctx);
      for (const message of batch.messages) {
        try {
          await runJob(env, deps, message.body);
          message.ack();
        } catch (error) {
          deps.log.error('a queued job failed; it will be retried', { kind: message.body.kind, error });
          message.retry();
        }
      }
    },

    enqueueDueSources,
  };

  async function runJob(env: WorkerEnv, deps: AppDeps, job: JobMessage): Promise<void> {
    if (job.kind === 'ingest') {
      await runPollJob(deps, { sourceIds: job.sourceIds });
    } else if (job.kind === 'send') {
      const report = await runSendJob(deps, {
        maxDeliveries: DELIVERIES_PER_MESSAGE,
        concurrency: SEND_CONCURRENCY,
      });
      if (report.more) await env.JOBS.send({ kind: 'send' });
    } else if (job.kind === 'social') {
      await runSocialJob(deps);
    } else if (job.kind === 'housekeeping') {
      await runHousekeeping(deps);
    }
  }
}

/** The cron expression (in wrangler.toml) whose runs also do the daily housekeeping. */
export const HOUSEKEEPING_CRON = '17 3 * * *';

function configOf(env: WorkerEnv): Config {
  const strings: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) if (typeof value === 'string') strings[key] = value;
  return parseConfig(strings);
}

/** Postmark when its token is set; otherwise no email at all, so `wrangler dev` serves everything before it is. */
function mailerOf(config: Config, platformFetch: typeof fetch | undefined): Mailer {
  if (!config.postmark) return createNoMailer();
  return createPostmarkMailer({ ...config.postmark, fetch: platformFetch });
}
