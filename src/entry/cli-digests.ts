// Commands for the daily digest: publish what is due, publish one day, send or resume its email.
import type { Config } from '../config';
import { DeskError, deskDepsOf, publishDesk } from '../curate/desk';
import { cliActor } from '../db/audit';
import { countDeliveriesByState } from '../db/deliveries';
import { findDigest } from '../db/digests';
import { runLeaseCheck, runSendJob } from '../jobs/jobs';
import { runPublishJob } from '../publish/publish-job';
import { plural } from '../text/plural';
import { CommandFailed, dateArgument, parse, withRuntime } from './cli-support';

export async function scheduleRun(args: string[], config: Config): Promise<void> {
  parse(args, {});
  await withRuntime(config, async ({ deps }) => {
    const report = await runPublishJob(deps);
    for (const { date, lateMinutes } of report.published)
      console.log(`Published the digest for ${date}${lateMinutes ? `, ${lateMinutes} minutes late` : ''}.`);
    for (const { date, reason } of report.returnedToDraft)
      console.log(`The digest for ${date} could not be published and is a draft again: ${reason}`);
    for (const date of report.reminded) console.log(`Reminded the editors: the digest for ${date} is due.`);
    if (!report.published.length && !report.returnedToDraft.length && !report.reminded.length)
      console.log('Nothing is due.');
  });
}

export async function digestPublish(args: string[], config: Config): Promise<void> {
  await withRuntime(config, async ({ deps }) => {
    const date = await dateArgument(args, deps.db);
    // The same rules as the desk: checks must pass (or be overridden there), approval if required.
    const desk = { ...deskDepsOf(deps), background: { wakeSender() {}, wakePoller() {} } };
    try {
      const { queued } = await publishDesk(desk, { ...cliActor, role: 'admin', userId: null }, date);
      console.log(
        `Published the digest for ${date}; ${plural(queued, 'email')} queued. They go out with the running server, or run: npx yesterday digest:send --date ${date}`,
      );
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      if (error.code === 'published' || error.code === 'empty') {
        console.log(error.message); // running it twice, or on a day with nothing selected, is not a failure
        return;
      }
      const findings =
        error.details.findings
          ?.map((f) => `\n  ${f.kind} (post ${f.itemId || 'digest'}): ${f.message}`)
          .join('') ?? '';
      throw new CommandFailed(`${error.message}${findings}`);
    }
  });
}

export async function digestSend(args: string[], config: Config): Promise<void> {
  await withRuntime(config, async ({ deps }) => {
    const date = await dateArgument(args, deps.db);
    const digest = await findDigest(deps.db, date);
    if (!digest || digest.status !== 'published')
      throw new CommandFailed(`The digest for ${date} is not published, so there is nothing to send.`);
    // Messages a stopped process left in flight past their lease are unknown from now on, and said so.
    await runLeaseCheck(deps);
    // Ctrl-C or a service manager's SIGTERM: finish and record what is on the wire, leave the rest queued.
    // Under npm, Ctrl-C arrives twice within moments (stop-signal.ts): that is one request to stop. One pressed
    // again later means now, with what is on the wire left for the lease check to call unknown.
    const stopping = new AbortController();
    let askedAt = 0;
    const stop = () => {
      if (!stopping.signal.aborted) {
        askedAt = Date.now();
        return stopping.abort();
      }
      if (Date.now() - askedAt < 1000) return;
      console.log(
        'Stopped at once; emails on their way show as outcome unknown ten minutes after they left.',
      );
      process.exit(130);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    const report = await runSendJob(deps, { digestId: digest.id, signal: stopping.signal }).finally(() => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    });
    const left = await countDeliveriesByState(deps.db, digest.id);
    console.log(
      `Digest ${date}: ${report.sent} sent, ${report.retried} to retry later, ${report.failed} failed, ${report.skipped} with nothing for their schools.`,
    );
    const handled = report.sent + report.retried + report.failed + report.skipped;
    if (handled === 0 && left.queued === 0 && left.sent > 0)
      console.log(
        `Nothing was waiting to go: ${plural(left.sent, 'email')} of this digest had been sent already.`,
      );
    if (stopping.signal.aborted && left.queued > 0)
      console.log(
        `Stopped on request; ${plural(left.queued, 'email is', 'emails are')} still queued. Run digest:send again to send them.`,
      );
    if (left.sending > 0)
      console.log(
        `${plural(left.sending, 'email is', 'emails are')} being sent by another process, or were when it stopped: if it stopped, they show as outcome unknown ten minutes after they left.`,
      );
    if (left.unknown > 0)
      console.log(
        `${plural(left.unknown, 'email has', 'emails have')} an unknown outcome (a process stopped while sending them); they are not sent again on their own. See Subscribers → Emails for ${date} in the admin.`,
      );
  });
}
