// Sends queued deliveries: each one is claimed (queued → sending) before its message leaves, and its outcome
// is recorded right after, so a crash can neither skip a subscriber nor send twice. Messages are rendered
// once per distinct school selection per digest and personalized per recipient by swapping in links.
import { isLanguage, type Language } from '../i18n/languages';
import { senderOf } from './email-address';
import type { Database } from '../db/client';
import {
  claimDelivery,
  listDueDeliveries,
  markDeliveryFailed,
  markDeliveryRetry,
  markDeliverySent,
  type PendingDelivery,
} from '../db/deliveries';
import { listSchools } from '../db/schools';
import { clearBounces, recordHardBounce } from '../db/subscribers';
import { readPublicRevision } from '../db/site-state';
import { runWithConcurrency } from '../ingest/poll';
import type { Logger } from '../log';
import { loadPublishedDigest, type DigestContent } from '../publish/digest-content';
import { newMessageId, type Mailer, type SendOutcome } from './mailer';
import {
  personalize,
  renderCorrectionEmail,
  renderDigestEmail,
  type EmailSite,
  type RenderedDigestEmail,
} from './render-digest-email';
import { subscriptionToken } from './subscription-tokens';
import { localizeContents } from '../publish/localize-content';
import type { TranslationUnreviewed } from '../settings/district-settings';
import { languageParameter, siteIn } from '../i18n/site-language';
import { localDateOf } from '../time/zoned-time';
import { sortByName } from '../text/names-order';

export interface SendDeps {
  db: Database;
  mailer: Mailer;
  now: () => number;
  log: Logger;
  site: EmailSite;
  /** What readers of a language nobody reviewed get (the district's translation_unreviewed setting). */
  translationUnreviewed?: TranslationUnreviewed;
  mailFrom: string;
  signingKey: string;
}

const ORIGINAL_IN_FLIGHT = 'Waiting for the digest email it corrects, which is still going out.';

export interface SendReport {
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  /** Addresses suspended by this pass after repeated hard bounces. */
  suspended: number;
  /** Renders performed: at most one per distinct school selection per digest. */
  renders: number;
  /** Stopped at maxDeliveries with more still due. */
  more: boolean;
}

export const MAX_ATTEMPTS = 5;
const REVISION_CHECK_MS = 100;
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];

export async function sendDueDeliveries(
  deps: SendDeps,
  options: {
    digestId?: number;
    batchSize?: number;
    concurrency?: number;
    /** Most deliveries to take on in this call (a Workers invocation's subrequest budget); `more` says if some wait. */
    maxDeliveries?: number;
    /**
     * Aborted when the process is asked to stop: nothing more is claimed, messages already on the wire finish
     * and are recorded, and the rest stay queued for the next start.
     */
    signal?: AbortSignal;
  } = {},
): Promise<SendReport> {
  const report: SendReport = {
    sent: 0,
    retried: 0,
    failed: 0,
    skipped: 0,
    suspended: 0,
    renders: 0,
    more: false,
  };
  const schoolNames = new Map((await listSchools(deps.db)).map((s) => [s.id, s.name]));
  const contents = new Map<string, DigestContent | undefined>();
  const renders = new Map<string, RenderedDigestEmail | undefined>();
  /** Each digest in each language it is sent in, by `date:lang`. */
  const localized = new Map<string, DigestContent>();
  const batchSize = options.batchSize ?? 200;

  // Rendered content is reused only while nothing public changed: a takedown or a correction made while a
  // send is under way reaches every message that starts going out a moment later. The revision is read at
  // most every REVISION_CHECK_MS (real time), not once per message: on D1 each read is a round trip.
  let revision = await readPublicRevision(deps.db);
  let checkedAt = performance.now();
  const dropStaleRenders = async () => {
    if (performance.now() - checkedAt < REVISION_CHECK_MS) return;
    checkedAt = performance.now();
    const now = await readPublicRevision(deps.db);
    if (now === revision) return;
    revision = now;
    contents.clear();
    localized.clear();
    renders.clear();
  };

  const offered = deps.site.languages ?? ['en'];
  const languageFor = (language: string): Language =>
    isLanguage(language) && offered.includes(language) ? language : offered[0]!;

  const renderFor = async (delivery: PendingDelivery) => {
    if (!contents.has(delivery.digestDate)) {
      contents.set(delivery.digestDate, await loadPublishedDigest(deps.db, delivery.digestDate));
    }
    const original = contents.get(delivery.digestDate);
    if (!original) return undefined;
    // One render per digest, language and school selection: the subscriber's language if still offered.
    const lang = languageFor(delivery.language);
    const localizedKey = `${delivery.digestDate}:${lang}`;
    if (!localized.has(localizedKey)) {
      const [content] = await localizeContents(deps.db, [original], lang, {
        languages: offered,
        translationUnreviewed: deps.translationUnreviewed ?? 'hold',
      });
      localized.set(localizedKey, content!);
    }
    const content = localized.get(localizedKey)!;
    const key = `${delivery.digestId}:${lang}:${delivery.kind}:${delivery.correctionId ?? ''}:${delivery.schoolIds.join(',')}`;
    if (!renders.has(key)) {
      report.renders++;
      const names = sortByName(
        delivery.schoolIds.map((id) => schoolNames.get(id)).filter((n): n is string => !!n),
        (name) => name,
      );
      const site = siteIn(deps.site, lang);
      renders.set(
        key,
        delivery.kind === 'correction'
          ? renderCorrectionEmail(content, delivery, site)
          : renderDigestEmail(
              content,
              { schoolIds: delivery.schoolIds, schoolNames: names },
              site,
              // Said as on the day it was published, however late a retry or a resumed send goes out.
              localDateOf(content.digest.publishedAt ?? deps.now(), site.timezone),
            ),
      );
    }
    return renders.get(key);
  };

  const sendOne = async (delivery: PendingDelivery) => {
    if (options.signal?.aborted) return;
    if (!(await claimDelivery(deps.db, delivery.id, deps.now()))) return; // another sender has it
    if (delivery.subscriberStatus !== 'confirmed') {
      await markDeliveryFailed(
        deps.db,
        delivery.id,
        { state: 'skipped', error: `The subscriber is ${delivery.subscriberStatus} now.` },
        deps.now(),
      );
      report.skipped++;
      return;
    }
    // A correction email follows the digest email it corrects, and only one that reached the subscriber: one still
    // going out is waited for; one not gone yet will show the correction itself; one that failed needs none.
    if (delivery.kind === 'correction' && delivery.originalState !== 'sent') {
      if (delivery.originalState === 'sending') {
        const now = deps.now();
        await markDeliveryRetry(deps.db, delivery.id, ORIGINAL_IN_FLIGHT, now + 60_000, now);
        report.retried++;
        return;
      }
      await markDeliveryFailed(
        deps.db,
        delivery.id,
        {
          state: 'skipped',
          error:
            delivery.originalState === 'queued'
              ? 'The digest email it corrects has not gone yet, and will show the correction itself.'
              : 'The digest email it corrects did not reach this subscriber.',
        },
        deps.now(),
      );
      report.skipped++;
      return;
    }
    await dropStaleRenders();
    const rendered = await renderFor(delivery);
    if (!rendered) {
      await markDeliveryFailed(
        deps.db,
        delivery.id,
        {
          state: 'skipped',
          error: !contents.get(delivery.digestDate)
            ? 'The digest was taken down before this email was sent.'
            : delivery.kind === 'correction'
              ? 'The correction is about posts of schools this subscriber does not follow.'
              : 'Nothing in this digest for the schools chosen.',
        },
        deps.now(),
      );
      report.skipped++;
      return;
    }
    const [unsubscribe, preferences] = await Promise.all([
      subscriptionToken(deps.signingKey, 'unsubscribe', {
        id: delivery.subscriberId,
        tokenNonce: delivery.tokenNonce,
        email: delivery.email,
      }),
      subscriptionToken(deps.signingKey, 'preferences', {
        id: delivery.subscriberId,
        tokenNonce: delivery.tokenNonce,
        email: delivery.email,
      }),
    ]);
    // The email's language rides along, so a link cut short still says so in it (routes/subscribe.tsx).
    const inLanguage = languageParameter(languageFor(delivery.language), offered);
    const unsubscribeUrl = `${deps.site.publicUrl}/unsubscribe?${inLanguage}token=${unsubscribe}`;
    const body = personalize(rendered, {
      unsubscribeUrl,
      preferencesUrl: `${deps.site.publicUrl}/preferences?${inLanguage}token=${preferences}`,
    });
    const outcome = await deps.mailer
      .send({
        from: senderOf(deps.mailFrom, deps.site.districtName),
        to: delivery.email,
        subject: rendered.subject,
        html: body.html,
        text: body.text,
        messageId: newMessageId(deps.mailFrom, `${delivery.kind}-${delivery.digestDate}-${delivery.id}`),
        headers: {
          'List-Unsubscribe': `<${unsubscribeUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          // The list's name as its reader's mail program shows it, in the email's language; the id stays one.
          'List-Id': `${listIdName(siteIn(deps.site, languageFor(delivery.language)).siteTitle)} <digest.${new URL(deps.site.publicUrl).hostname}>`,
          'Content-Language': languageFor(delivery.language),
        },
        recipientTokens: [unsubscribe, preferences],
        subscriberId: delivery.subscriberId,
      })
      .catch((error: unknown): SendOutcome => ({
        ok: false,
        permanent: false,
        reason: (error as Error).message,
      }));
    const now = deps.now();
    if (outcome.ok) {
      await markDeliverySent(
        deps.db,
        delivery.id,
        { messageId: outcome.messageId, schoolIds: delivery.schoolIds },
        now,
      );
      if (delivery.bounceCount > 0) await clearBounces(deps.db, delivery.subscriberId);
      report.sent++;
    } else if (!outcome.permanent && delivery.attempts + 1 < MAX_ATTEMPTS) {
      const delay = RETRY_DELAYS_MS[Math.min(delivery.attempts, RETRY_DELAYS_MS.length - 1)]!;
      await markDeliveryRetry(deps.db, delivery.id, outcome.reason, now + delay, now);
      report.retried++;
    } else {
      await markDeliveryFailed(
        deps.db,
        delivery.id,
        { state: outcome.bounce ? 'bounced' : 'failed', error: outcome.reason },
        now,
      );
      report.failed++;
      deps.log.warn('delivery failed', { delivery: delivery.id, reason: outcome.reason });
      if (outcome.bounce && (await recordHardBounce(deps.db, delivery.subscriberId, now))) {
        report.suspended++;
        deps.log.warn('address suspended after repeated hard bounces', { subscriber: delivery.subscriberId });
      }
    }
  };

  let budget = options.maxDeliveries ?? Infinity;
  while (!options.signal?.aborted) {
    if (budget <= 0) {
      report.more =
        (await listDueDeliveries(deps.db, { now: deps.now(), limit: 1, digestId: options.digestId })).length >
        0;
      break;
    }
    const due = await listDueDeliveries(deps.db, {
      now: deps.now(),
      limit: Math.min(batchSize, budget),
      digestId: options.digestId,
    });
    if (due.length === 0) break;
    budget -= due.length;
    await runWithConcurrency(due, options.concurrency ?? deps.mailer.inFlight, sendOne);
    // Deliveries retried in this pass are not due again yet, so the loop ends when nothing due is left.
  }
  return report;
}

/** The List-Id header's name for the list: the site's title, quoted, or in encoded words outside ASCII. */
export function listIdName(title: string): string {
  // At most 60 characters: the header stays one short line however long the site's title in any script.
  const plain = [...title.replace(/["\\\r\n]/g, '')].slice(0, 60).join('');
  if (/^[\x20-\x7e]*$/.test(plain)) return `"${plain}"`;
  // A header is ASCII: a title in another script or with accents goes as RFC 2047 encoded words (a header
  // given whole is not encoded for us), each within 75 characters, cut between characters.
  const encoder = new TextEncoder();
  const words: number[][] = [[]];
  for (const character of plain) {
    const bytes = encoder.encode(character);
    if (words.at(-1)!.length + bytes.length > 45) words.push([]);
    words.at(-1)!.push(...bytes);
  }
  return words.map((bytes) => `=?UTF-8?B?${btoa(String.fromCharCode(...bytes))}?=`).join(' ');
}
