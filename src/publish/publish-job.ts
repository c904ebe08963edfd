// The daily schedule, run every half minute by every scheduler there is (the Node process, a cron trigger on
// Workers, a second server by mistake). It decides from the database and the clock, never from a timer's
// memory, so each date is published at most once and nothing is lost to a restart, a clock jump or downtime:
// - a ready digest whose slot has come is published (the desk's rules: checks, approval, the checked
//   version); if it was late because nobody was running at its slot, the log, the audit entry and the editors
//   are told;
// - a ready digest that no longer passes the checks goes back to draft and the editors are told why;
// - a day that is due but not ready gets one reminder to the editors, if anything was posted or selected.
import {
  listDigestsBetween,
  listDueReadyDigests,
  listEntries,
  unreadyDigest,
  type Digest,
} from '../db/digests';
import { listItemsPublishedBetween } from '../db/items';
import { claimJobMark } from '../db/job-marks';
import type { AppDeps } from '../deps';
import { DeskError, deskDepsOf, publishDesk, type DeskActor } from '../curate/desk';
import { notifyEditors } from '../curate/notify-editors';
import { readDistrictSettings, siteOf, type DistrictSettings } from '../settings/district-settings';
import { formatDateTime } from '../time/format';
import { addDays, dayRange, localDateOf } from '../time/zoned-time';
import { plural } from '../text/plural';
import { formatDay, formatLongDate } from './digest-content';
import { dueAt } from './schedule';

/** Later than this after its slot, a publish counts as late (the server was not running at the time). */
export const LATE_AFTER_MS = 5 * 60_000;
/** A reminder for a day that is due but not ready is sent only this soon after its slot. */
export const REMIND_WITHIN_MS = 12 * 60 * 60_000;

export const schedulerActor: DeskActor = {
  type: 'system',
  label: 'scheduler',
  role: 'editor',
  userId: null,
};

export interface PublishJobReport {
  published: { date: string; lateMinutes: number }[];
  returnedToDraft: { date: string; reason: string }[];
  reminded: string[];
}

export async function runPublishJob(deps: AppDeps): Promise<PublishJobReport> {
  const now = deps.clock.now();
  const settings = await readDistrictSettings(deps.db);
  const report: PublishJobReport = { published: [], returnedToDraft: [], reminded: [] };
  for (const digest of await listDueReadyDigests(deps.db, now)) {
    await publishReady(deps, settings, digest, now, report);
  }
  await remindAboutDueDays(deps, settings, now, report);
  return report;
}

async function publishReady(
  deps: AppDeps,
  settings: DistrictSettings,
  digest: Digest,
  now: number,
  report: PublishJobReport,
): Promise<void> {
  const slot = digest.scheduledFor ?? now;
  const lateMs = Math.max(0, now - slot);
  const late = lateMs > LATE_AFTER_MS;
  const lateMinutes = Math.round(lateMs / 60_000);
  try {
    await publishDesk(deskDepsOf(deps), schedulerActor, digest.date, digest.version, {
      scheduledFor: new Date(slot).toISOString(),
      ...(late ? { lateMinutes } : {}),
    });
  } catch (error) {
    if (!(error instanceof DeskError)) throw error;
    // Another scheduler published it, or someone saved a new version: nothing for us to do.
    if (error.code === 'published' || error.code === 'conflict') return;
    if (await unreadyDigest(deps.db, digest.id, digest.version)) {
      report.returnedToDraft.push({ date: digest.date, reason: error.message });
      deps.log.warn('a ready digest could not be published and is a draft again', {
        date: digest.date,
        reason: error.message,
      });
      await tellEditors(deps, settings, `not-published:${digest.date}:${digest.version}`, now, {
        subject: `The digest for ${formatDay(digest.date)} did not go out`,
        heading: `The digest for ${formatLongDate(digest.date)} did not go out`,
        paragraphs: [
          `It was ready for ${formatDateTime(slot, settings.timezone)}, but when its time came it could not be published: ${error.message}`,
          'It is a draft again. Open it, resolve what is open, and publish it or mark it ready again.',
        ],
        action: { label: 'Open the digest', url: `${deps.config.publicUrl}/admin/inbox?date=${digest.date}` },
      });
    }
    return;
  }
  report.published.push({ date: digest.date, lateMinutes: late ? lateMinutes : 0 });
  if (!late) {
    deps.log.info('published the digest at its time', { date: digest.date });
    return;
  }
  deps.log.warn('published a digest late: no scheduler was running at its time', {
    date: digest.date,
    scheduledFor: new Date(slot).toISOString(),
    lateMinutes,
  });
  await tellEditors(deps, settings, `late:${digest.date}`, now, {
    subject: `The digest for ${formatDay(digest.date)} went out late`,
    heading: `The digest for ${formatLongDate(digest.date)} went out late`,
    paragraphs: [
      `It was due ${formatDateTime(slot, settings.timezone)} and went out ${formatDateTime(now, settings.timezone)}, ${plural(lateMinutes, 'minute')} late, because Yesterday was not running at its time.`,
      'Nothing was lost: it was published once, and subscribers get it now. If this keeps happening, ask whoever runs the server to check that it starts on its own.',
    ],
  });
}

async function remindAboutDueDays(
  deps: AppDeps,
  settings: DistrictSettings,
  now: number,
  report: PublishJobReport,
): Promise<void> {
  const today = localDateOf(now, settings.timezone);
  // A slot lies at most a week after its day ends, so the last eight days cover every day that can be due.
  const from = addDays(today, -8);
  const digests = new Map((await listDigestsBetween(deps.db, from, today)).map((d) => [d.date, d]));
  for (let date = from; date < today; date = addDays(date, 1)) {
    const due = dueAt(date, settings);
    if (due === undefined || now < due || now - due > REMIND_WITHIN_MS) continue;
    const digest = digests.get(date);
    if (digest && digest.status !== 'draft') continue; // ready, published or taken down: nothing to remind
    const selected = digest ? (await listEntries(deps.db, [digest.id])).length : 0;
    const { start, end } = dayRange(date, settings.timezone);
    const posted = selected ? 0 : (await listItemsPublishedBetween(deps.db, start, end)).length;
    if (selected === 0 && posted === 0) continue; // a quiet day publishes nothing, and nobody is nagged
    const sent = await tellEditors(deps, settings, `reminder:${date}`, now, {
      subject: `The digest for ${formatDay(date)} is due and not ready`,
      heading: `The digest for ${formatLongDate(date)} is not ready`,
      paragraphs: [
        `It was due ${formatDateTime(due, settings.timezone)}. ${
          selected
            ? `${plural(selected, 'post is', 'posts are')} selected, but nobody has published it or marked it ready.`
            : `${plural(posted, 'post was', 'posts were')} shared that day, and none is selected yet.`
        }`,
        'It goes out when an editor publishes it. If the day has nothing worth sharing, you can leave it.',
      ],
      action: { label: 'Open the desk', url: `${deps.config.publicUrl}/admin/inbox?date=${date}` },
    });
    if (sent) report.reminded.push(date);
  }
}

/** Sends a notice once per key, whichever scheduler gets there first; false if another already did. */
async function tellEditors(
  deps: AppDeps,
  settings: DistrictSettings,
  key: string,
  now: number,
  notice: Parameters<typeof notifyEditors>[1],
): Promise<boolean> {
  if (!(await claimJobMark(deps.db, key, now))) return false;
  await notifyEditors(
    {
      db: deps.db,
      mailer: deps.mailer,
      mailFrom: deps.config.mailFrom,
      site: siteOf(settings, deps.config.publicUrl),
    },
    notice,
    key.split(':')[0]!,
  );
  return true;
}
