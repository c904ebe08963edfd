// `serve`: the web server and the scheduler in one process, until a signal stops it.
import { resolve } from 'node:path';
import { onStopSignal } from './stop-signal';
import { setupLinkIfNeeded } from '../auth/one-time-links';
import { postmarkWarning, publicUrlWarning, trustProxyWarning, type Config } from '../config';
import { smtpServerOf } from '../email/smtp-mailer';
import { createNodeRuntime } from './node';
import { startServer, type RunningServer } from './node-server';

/** How long a stopping server waits for emails already on the wire. */
const STOP_GRACE_MS = 8_000;

export async function serve(config: Config): Promise<void> {
  const runtime = await createNodeRuntime(config);
  let server: RunningServer;
  try {
    server = await startServer(runtime);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  // Listened for before anything is printed: a Ctrl-C the moment the address shows must close the database too.
  // A service manager waits a few seconds after SIGTERM before it kills: stop claiming email at once, let what
  // is on the wire finish and be recorded, and leave the rest queued for the next start. A mail server that
  // does not answer is not waited for past STOP_GRACE_MS; its messages become unknown when their lease ends.
  onStopSignal(async () => {
    console.log('Stopping…');
    const grace = setTimeout(() => {
      console.log('Stopped before every email on the wire was answered; they show as outcome unknown later.');
      process.exit(0);
    }, STOP_GRACE_MS);
    grace.unref();
    // Both at once: the sender stops claiming email while the last requests are answered.
    await Promise.all([runtime.scheduler.stop(), server.close()]);
    await runtime.close();
    process.exit(0);
  });
  console.log(`Yesterday is running at ${server.url} (public address: ${config.publicUrl})`);
  const setupLink = await setupLinkIfNeeded(runtime.deps.db, config.publicUrl, runtime.deps.clock.now());
  if (setupLink)
    console.log(
      `Create the first admin account with this link (it works once, for 24 hours, until the next start, and only while no account exists):\n${setupLink}`,
    );
  const { outboxDir, outboxFromEarlier } = runtime.deps.config;
  if (!config.smtpUrl)
    console.log(
      `No SMTP_URL is set: emails are written to ${resolve(outboxDir)} and listed under Outbox in the admin.` +
        (outboxFromEarlier
          ? ` They stay in the folder earlier versions used, where emails already are; to keep them beside the database, move that folder's files to ${resolve(outboxFromEarlier)}, or set OUTBOX_DIR=${resolve(outboxDir)} to keep them where they are.`
          : ''),
    );
  else {
    console.log(`Emails go through the mail server at ${smtpServerOf(config.smtpUrl)} (SMTP_URL).`);
    // Checked once, beside the start rather than before it: pages are served while a slow mail server answers.
    void runtime.deps.mailer.check?.().then((problem) => {
      if (problem) console.log(`${problem} Emails wait in the queue until it works.`);
    });
  }
  for (const warning of [postmarkWarning(config), publicUrlWarning(config), trustProxyWarning(config)])
    if (warning) console.log(`Warning: ${warning}`);
}
