// /api/v1: everything the desk does, for programs, with a bearer token (`npx yesterday token:create`). The same
// desk service answers, so roles, checks and conflicts are the desk's. Errors: { error: { code, message } }.
import { listDigestSocialPosts, type DigestSocialPost } from '../db/social-posts';
import { pictureView } from '../pictures/picture-view';
import { DISK_FULL_MESSAGE, isDiskFull } from '../db/storage-errors';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { authenticateBearer } from '../auth/api-tokens';
import { roleAtLeast } from '../auth/session';
import {
  can,
  DeskError,
  deskDepsOf,
  loadDesk,
  markReady,
  overrideFinding,
  publishDesk,
  saveDesk,
  takeDownEntry,
  takeDownEntryPicture,
  type TellOwner,
  unpublishDesk,
  type DeskActor,
  type DeskState,
  type DraftInput,
} from '../curate/desk';
import {
  approveCorrection,
  correctDesk,
  discardCorrection,
  pendingCorrectionOf,
} from '../curate/correct-digest';
import { NOT_OVERRIDABLE, type Finding } from '../curate/run-checks';
import { listItemsPublishedBetween } from '../db/items';
import { emptyTranslation, translationRevision } from '../db/translations';
import { listSources, type SourceWithSchool } from '../db/sources';
import type { Role } from '../db/users';
import type { AppDeps } from '../deps';
import { ingestDepsOf } from '../jobs/jobs';
import { pollSources } from '../ingest/poll';
import { describeRefresh } from '../ingest/refresh-source';
import { readDistrictSettings } from '../settings/district-settings';
import { addSource } from '../sources/add-source';
import { coverageJson, coverageReport } from '../reports/coverage';
import { cleanJson } from '../text/clean-text';
import {
  draftTranslation,
  settleHeldTranslation,
  saveTranslation,
  type TranslationInput,
} from '../curate/translations';
import { isReviewed, translatedLanguages } from '../curate/translations-checks';
import { dayRange, isLocalDate, localDateOf } from '../time/zoned-time';
import { t } from '../i18n/desk-text';

type ApiEnv = { Variables: { actor: DeskActor } };

function apiError(status: ContentfulStatusCode, code: string, message: string): HTTPException {
  return new HTTPException(status, { res: Response.json({ error: { code, message } }, { status }) });
}

/**
 * The desk's sentence as a program's caller reads it: the desk speaks to the person at it ("Your role", "Both
 * versions are shown"), the API to whoever holds the token.
 */
export function apiSentence(error: DeskError): string {
  if (error.code === 'forbidden')
    return error.message
      .replace(/^Your role/, "This token's role")
      .replace(/ Ask an editor or an administrator\.$/, " Use a token with an editor's role.");
  if (error.details.savedBy) return t('desk.refusals.savedBySomeoneElseApi');
  return error.message;
}

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

function sourceJson(source: SourceWithSchool, now: number, timezone: string) {
  const day = (at: number | null) => (at === null ? null : localDateOf(at, timezone));
  const status = source.paused
    ? 'paused'
    : source.errorCount > 0
      ? 'failing'
      : source.lastSuccessAt
        ? 'ok'
        : 'new';
  return {
    id: source.id,
    url: source.feedUrl,
    title: source.title,
    school: source.schoolName,
    school_slug: source.schoolSlug,
    owner_name: source.ownerName,
    owner_email: source.ownerEmail,
    media_release: source.mediaRelease,
    authorization: source.authorization,
    authorized_by: source.authorizedBy,
    authorized_on: day(source.authorizedAt),
    review_on: day(source.reviewAt),
    renewed_by: source.renewedBy,
    renewed_at: iso(source.renewedAt),
    platform: source.platform,
    health: {
      status,
      last_success_at: iso(source.lastSuccessAt),
      last_error: source.lastError,
      error_count: source.errorCount,
      next_check_at: iso(Math.max(source.nextFetchAt, now)),
    },
  };
}

function findingJson(finding: Finding) {
  return {
    item_id: finding.itemId,
    kind: finding.kind,
    message: finding.message,
    // Whether findings/resolve takes a reason for it, or only a change does.
    overridable: !NOT_OVERRIDABLE.has(finding.kind),
    ...(finding.override ? { overridden: true, reason: finding.override.reason } : { overridden: false }),
  };
}

/** The published copy of an entry's picture, or null when it has none (yet). */
function imageJson(entry: DeskState['entries'][number], publicUrl: string) {
  const view = entry.picture && pictureView(entry.picture, publicUrl);
  if (!view) return null;
  return {
    src: view.src,
    width: view.width,
    height: view.height,
    alt: entry.imageAlt ?? '',
    sizes: view.sizes.map(({ url, width, type }) => ({ url, width, type })),
  };
}

/** The digest's posts on the district's social accounts (replies to corrections included, each with its key). */
function socialJson(posts: DigestSocialPost[]) {
  return posts.map((p) => ({
    network: p.network,
    account: p.account,
    kind: p.key,
    state: p.state,
    url: p.url,
  }));
}

function digestJson(state: DeskState, publicUrl: string) {
  return {
    date: state.date,
    status: state.digest?.status ?? 'empty',
    title: state.digest?.title ?? '',
    intro: state.digest?.intro ?? '',
    version: state.digest?.version ?? 0,
    approved: state.approval.approved,
    scheduled_for: state.digest?.status === 'ready' ? iso(state.digest.scheduledFor) : null,
    published_at: iso(state.digest?.publishedAt),
    entries: state.entries.map((e) => ({
      item_id: e.itemId,
      headline: e.headline,
      blurb: e.blurb,
      image_url: e.imageUrl,
      image_alt: e.imageAlt,
      image: imageJson(e, publicUrl),
      school: e.item.schoolName,
    })),
    findings: state.findings.map(findingJson),
    translations: translationsJson(state),
    pending_correction: pendingCorrectionJson(state),
  };
}

/** The correction waiting for a second person's approval, if any: its note, whether it is emailed, who and when. */
function pendingCorrectionJson(state: DeskState) {
  const pending = pendingCorrectionOf(state.digest);
  return pending
    ? {
        id: pending.id,
        note: pending.request.note,
        note_translations: pending.request.noteTranslations ?? {},
        email: pending.request.email,
        title: pending.request.title ?? null,
        intro: pending.request.intro ?? null,
        // As proposed: a field left out keeps the published text, and is left out here too; an `image_url` of
        // null takes the picture away.
        entries: pending.request.entries.map((e) => ({
          item_id: e.itemId,
          headline: e.headline,
          blurb: e.blurb,
          image_url: e.imageUrl,
          image_alt: e.imageAlt,
        })),
        proposed_by: pending.by,
        proposed_at: iso(pending.at),
        // Made on an earlier version (a post taken down since): it can only be discarded.
        stale: pending.request.version !== state.digest?.version,
      }
    : null;
}

/** Each offered language but the district's own: its text, whether it is reviewed, which fields are machine drafts. */
function translationsJson(state: DeskState) {
  const digest = state.digest;
  return Object.fromEntries(
    translatedLanguages(state.settings).map((lang) => {
      const t = state.translations.get(lang);
      const machine = [
        ...(t?.machine ?? []),
        ...[...(t?.entries.values() ?? [])].flatMap((e) =>
          e.machine.map((f) => `entries.${e.itemId}.${f === 'imageAlt' ? 'image_alt' : f}`),
        ),
      ];
      return [
        lang,
        {
          title: t?.title ?? '',
          intro: t?.intro ?? '',
          correction_note: t?.correctionNote ?? null,
          entries: state.entries.map((e) => {
            const entry = t?.entries.get(e.itemId);
            return {
              item_id: e.itemId,
              headline: entry?.headline ?? '',
              blurb: entry?.blurb ?? '',
              image_alt: entry?.imageAlt ?? '',
            };
          }),
          reviewed: !!digest && isReviewed(t, digest),
          reviewed_at: t?.reviewedAt != null && digest && isReviewed(t, digest) ? iso(t.reviewedAt) : null,
          // Changed after publishing where a second person is required: its readers get the district's text
          // until someone who changed none of it marks it reviewed.
          held: !!t?.held && !(digest && isReviewed(t, digest)),
          revision: translationRevision(t ?? emptyTranslation(digest?.id ?? 0, lang)),
          machine,
        },
      ];
    }),
  );
}

/** A translation's fields from a JSON body, each checked for its type. */
function translationOf(body: Record<string, unknown>): TranslationInput {
  const entries = body.entries ?? [];
  if (!Array.isArray(entries))
    throw apiError(422, 'invalid', 'Give "entries": an array of { item_id, headline?, blurb?, image_alt? }.');
  if (body.reviewed !== undefined && typeof body.reviewed !== 'boolean')
    throw apiError(422, 'invalid', '"reviewed" must be true or false.');
  if (body.version !== undefined && !(Number.isInteger(body.version) && (body.version as number) >= 0))
    throw apiError(422, 'invalid', '"version" must be the digest\'s version number, as GET gave it.');
  if (body.revision !== undefined && typeof body.revision !== 'string')
    throw apiError(422, 'invalid', '"revision" must be the language\'s revision as GET gave it.');
  return {
    version: body.version as number | undefined,
    revision: body.revision as string | undefined,
    title: text(body.title, 'title'),
    intro: text(body.intro, 'intro'),
    correctionNote: text(body.correction_note, 'correction_note'),
    reviewed: body.reviewed as boolean | undefined,
    entries: entries.map((raw: unknown, i: number) => entryOf(raw, i).fields),
  };
}

/** A string field of a JSON body, or undefined when absent or null; anything else is refused with its name. */
function text(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw apiError(422, 'invalid', `"${name}" must be a string.`);
  return value;
}

/** One of `entries`, as a digest and its translations both take them: the post and its texts, checked. */
function entryOf(raw: unknown, i: number) {
  const entry = (raw ?? {}) as Record<string, unknown>;
  if (typeof entry.item_id !== 'number')
    throw apiError(422, 'invalid', `entries[${i}].item_id must be a number.`);
  return {
    entry,
    fields: {
      itemId: entry.item_id,
      headline: text(entry.headline, `entries[${i}].headline`),
      blurb: text(entry.blurb, `entries[${i}].blurb`),
      imageAlt: text(entry.image_alt, `entries[${i}].image_alt`),
    },
  };
}

/** The request's JSON object; anything else (null, an array, a bare string) is refused before a route reads it. */
async function json<T extends object>(c: Context): Promise<T> {
  let body: unknown;
  try {
    // Every string is cleaned (text/clean-text.ts) before anything reads it, as form fields are.
    body = cleanJson(await c.req.json());
  } catch {
    throw apiError(
      400,
      'invalid-json',
      'The request body must be JSON, sent with Content-Type: application/json.',
    );
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw apiError(422, 'invalid', 'The body must be a JSON object.');
  return body as T;
}

function dateParam(c: Context): string {
  const date = c.req.param('date') ?? c.req.query('date') ?? '';
  if (!isLocalDate(date))
    throw apiError(
      400,
      'invalid-date',
      /^\d{4}-\d{2}-\d{2}$/.test(date)
        ? `"${date}" is not a day a digest can have: use a real day between the years 1000 and 9998.`
        : `"${date}" is not a date; use YYYY-MM-DD.`,
    );
  return date;
}

function requireRole(c: Context<ApiEnv>, role: Role, doing: string) {
  const actor = c.get('actor');
  if (!roleAtLeast(actor.role, role))
    throw apiError(403, 'forbidden', `This token's role (${actor.role}) cannot ${doing}.`);
}

/** A digest's title, intro, entries and version from a JSON body, each checked for its type. */
function draftOf(body: Record<string, unknown>): DraftInput {
  if (!Array.isArray(body.entries))
    throw apiError(
      422,
      'invalid',
      'Give "entries": an array of { item_id, headline?, blurb?, image_url?, image_alt? }.',
    );
  return {
    title: text(body.title, 'title'),
    intro: text(body.intro, 'intro'),
    version: typeof body.version === 'number' ? body.version : undefined,
    entries: body.entries.map((raw: unknown, i: number) => {
      const { entry, fields } = entryOf(raw, i);
      const imageUrl = entry.image_url === null ? null : text(entry.image_url, `entries[${i}].image_url`);
      return { ...fields, imageUrl };
    }),
  };
}

export function apiRoutes(deps: AppDeps) {
  const app = new Hono<ApiEnv>();
  const desk = deskDepsOf(deps);

  app.use('*', async (c, next) => {
    const token = await authenticateBearer(deps.db, c.req.header('authorization'), deps.clock.now());
    if (!token)
      throw apiError(
        401,
        'unauthorized',
        'Send a valid token: Authorization: Bearer yd_… (make one with npx yesterday token:create).',
      );
    c.set('actor', {
      type: 'api',
      id: token.id,
      label: token.person ? `API token “${token.name}” of ${token.person.name}` : `API token “${token.name}”`,
      role: token.role,
      // A person's token saves as that person: approving it then takes someone else (curate/approval.ts).
      userId: token.userId,
      ip: deps.clientIp(c),
    });
    await next();
  });

  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    if (error instanceof DeskError) {
      return c.json(
        {
          error: { code: error.code, message: apiSentence(error) },
          ...(error.details.findings ? { findings: error.details.findings.map(findingJson) } : {}),
          ...(error.details.current
            ? { current: digestJson(error.details.current, deps.config.publicUrl) }
            : {}),
        },
        error.status,
      );
    }
    if (isDiskFull(error)) {
      deps.log.error('the database could not grow: the disk (or its quota) is full', {
        path: new URL(c.req.url).pathname,
      });
      return c.json({ error: { code: 'disk-full', message: DISK_FULL_MESSAGE } }, 507);
    }
    deps.log.error('unhandled error in API request', { error: (error as Error).stack ?? String(error) });
    return c.json(
      {
        error: {
          code: 'internal',
          message: 'Something went wrong on our side. Please try again in a moment.',
        },
      },
      500,
    );
  });

  app.get('/sources', async (c) => {
    requireRole(c, 'editor', 'list sources');
    const now = deps.clock.now();
    const { timezone } = await readDistrictSettings(deps.db);
    return c.json({ sources: (await listSources(deps.db)).map((s) => sourceJson(s, now, timezone)) });
  });

  app.post('/sources', async (c) => {
    requireRole(c, 'editor', 'add sources');
    const body = await json<{
      url?: unknown;
      school?: unknown;
      owner_email?: unknown;
      owner_name?: unknown;
      media_release?: unknown;
      authorized_by?: unknown;
      authorized_on?: unknown;
      review_on?: unknown;
    }>(c);
    if (typeof body.url !== 'string' || typeof body.school !== 'string')
      throw apiError(422, 'invalid', 'Give "url" and "school" as strings.');
    const added = await addSource(
      deps.db,
      {
        url: body.url,
        school: body.school,
        ownerEmail: typeof body.owner_email === 'string' ? body.owner_email : undefined,
        ownerName: typeof body.owner_name === 'string' ? body.owner_name : undefined,
        mediaRelease: body.media_release === true,
        authorizedBy: typeof body.authorized_by === 'string' ? body.authorized_by : undefined,
        authorizedOn: typeof body.authorized_on === 'string' ? body.authorized_on : undefined,
        reviewOn: typeof body.review_on === 'string' ? body.review_on : undefined,
      },
      c.get('actor'),
      deps.clock.now(),
    );
    if (!added.ok)
      throw /already a source/.test(added.message)
        ? apiError(409, 'already-a-source', added.message)
        : apiError(422, 'invalid', added.message);
    const source = (await listSources(deps.db)).find((s) => s.id === added.source.id)!;
    const { timezone } = await readDistrictSettings(deps.db);
    return c.json(sourceJson(source, deps.clock.now(), timezone), 201);
  });

  app.get('/reports/coverage', async (c) => {
    requireRole(c, 'editor', 'read the coverage report');
    const from = c.req.query('from');
    const to = c.req.query('to');
    if (!from || !to)
      throw apiError(
        422,
        'invalid',
        'Give the period as ?from=YYYY-MM-DD&to=YYYY-MM-DD, e.g. from=2026-11-01&to=2026-11-30.',
      );
    const { timezone } = await readDistrictSettings(deps.db);
    const outcome = await coverageReport(deps.db, {
      choice: 'custom',
      from,
      to,
      timezone,
      now: deps.clock.now(),
    });
    if (!outcome.ok) throw apiError(422, 'invalid', outcome.message);
    return c.json(coverageJson(outcome.report.schools));
  });

  app.post('/ingest', async (c) => {
    requireRole(c, 'editor', 'check feeds');
    const outcomes = await pollSources(ingestDepsOf(deps));
    return c.json({
      outcomes: outcomes.map((o) => ({
        source_id: o.sourceId,
        status: o.status,
        message: describeRefresh(o),
        ...(o.status === 'updated' ? { items: o.items, new_items: o.newItems } : {}),
      })),
    });
  });

  app.get('/items', async (c) => {
    const date = dateParam(c);
    const { timezone } = await readDistrictSettings(deps.db);
    const { start, end } = dayRange(date, timezone);
    const items = await listItemsPublishedBetween(deps.db, start, end);
    return c.json({
      items: items.map((item) => ({
        id: item.id,
        source_id: item.sourceId,
        school: item.schoolName,
        title: item.title,
        title_derived: item.titleDerived,
        url: item.url,
        published_at: iso(item.publishedAt),
        summary: item.summary,
        image_url: item.imageUrl,
        image_alt: item.imageAlt,
      })),
    });
  });

  app.get('/digests/:date', async (c) => {
    const state = await loadDesk(desk, dateParam(c));
    return c.json({
      ...digestJson(state, deps.config.publicUrl),
      social: state.digest ? socialJson(await listDigestSocialPosts(deps.db, state.digest.id)) : [],
    });
  });

  app.put('/digests/:date', async (c) => {
    const date = dateParam(c);
    const body = await json<Record<string, unknown>>(c);
    return c.json(
      digestJson(await saveDesk(desk, c.get('actor'), date, draftOf(body)), deps.config.publicUrl),
    );
  });

  app.put('/digests/:date/translations/:lang', async (c) => {
    const date = dateParam(c);
    const body = await json<Record<string, unknown>>(c);
    const saved = await saveTranslation(desk, c.get('actor'), date, c.req.param('lang'), translationOf(body));
    return c.json(digestJson(saved.state, deps.config.publicUrl));
  });

  app.post('/digests/:date/translations/:lang/draft', async (c) => {
    const date = dateParam(c);
    const outcome = await draftTranslation(desk, c.get('actor'), date, c.req.param('lang'), deps.translation);
    if (!outcome.ok)
      throw apiError(
        deps.translation ? 502 : 409,
        deps.translation ? 'translation-failed' : 'no-provider',
        outcome.message,
      );
    return c.json({ ...digestJson(outcome.desk.state, deps.config.publicUrl), filled: outcome.filled });
  });

  for (const action of ['discard', 'withdraw'] as const)
    app.post(`/digests/:date/translations/:lang/${action}`, async (c) => {
      const date = dateParam(c);
      const body = await json<{ version?: unknown; revision?: unknown }>(c);
      const tab = await settleHeldTranslation(desk, c.get('actor'), date, c.req.param('lang'), action, {
        version: typeof body.version === 'number' ? body.version : undefined,
        revision: typeof body.revision === 'string' ? body.revision : undefined,
      });
      return c.json(digestJson(tab.state, deps.config.publicUrl));
    });

  app.post('/digests/:date/publish', async (c) => {
    const date = dateParam(c);
    const body = c.req.header('content-type')?.includes('json') ? await json<{ version?: unknown }>(c) : {};
    const { queued } = await publishDesk(
      desk,
      c.get('actor'),
      date,
      typeof body.version === 'number' ? body.version : undefined,
    );
    return c.json({
      published: true,
      queued_emails: queued,
      digest: digestJson(await loadDesk(desk, date), deps.config.publicUrl),
    });
  });

  app.post('/digests/:date/corrections', async (c) => {
    const date = dateParam(c);
    const body = await json<{ note?: unknown; email?: unknown } & Record<string, unknown>>(c);
    if (typeof body.note !== 'string')
      throw apiError(422, 'invalid', 'Give "note": what was wrong and what changed, shown with the digest.');
    const translations = body.note_translations ?? {};
    if (
      typeof translations !== 'object' ||
      translations === null ||
      Array.isArray(translations) ||
      Object.values(translations).some((text) => typeof text !== 'string')
    )
      throw apiError(
        422,
        'invalid',
        'Give "note_translations" as an object of the note in other languages, for example { "es": "…" }.',
      );
    const draft = draftOf(body);
    const { emails, pending } = await correctDesk(desk, c.get('actor'), date, {
      ...draft,
      note: body.note,
      noteTranslations: translations as Record<string, string>,
      email: body.email === true,
    });
    // Where a second person is required, the correction waits for them: accepted, not yet published.
    return c.json(
      {
        corrected: !pending,
        pending: pending === true,
        queued_emails: emails,
        digest: digestJson(await loadDesk(desk, date), deps.config.publicUrl),
      },
      pending ? 202 : 200,
    );
  });

  app.post('/digests/:date/corrections/pending/approve', async (c) => {
    const date = dateParam(c);
    const { emails } = await approveCorrection(desk, c.get('actor'), date, await proposalIdOf(c));
    return c.json({
      corrected: true,
      queued_emails: emails,
      digest: digestJson(await loadDesk(desk, date), deps.config.publicUrl),
    });
  });

  app.post('/digests/:date/corrections/pending/discard', async (c) => {
    const date = dateParam(c);
    await discardCorrection(desk, c.get('actor'), date, await proposalIdOf(c));
    return c.json(digestJson(await loadDesk(desk, date), deps.config.publicUrl));
  });

  app.post('/digests/:date/entries/:item{[0-9]+}/takedown', async (c) => {
    const date = dateParam(c);
    const body = await json<TakedownBody>(c);
    if (typeof body.reason !== 'string')
      throw apiError(422, 'invalid', 'Give "reason": why the post is taken down (kept in the audit log).');
    const { digestTakenDown, ownerTold, socialReplaced } = await takeDownEntry(
      desk,
      c.get('actor'),
      date,
      Number(c.req.param('item')),
      body.reason,
      tellOwnerOf(body),
    );
    return c.json({
      taken_down: true,
      digest_taken_down: digestTakenDown,
      owner_told: ownerTold,
      social_posts: {
        posted_again: socialReplaced.again,
        deleted: socialReplaced.deleted,
        to_delete_by_hand: socialReplaced.byHand,
      },
      digest: digestJson(await loadDesk(desk, date), deps.config.publicUrl),
    });
  });

  app.post('/digests/:date/entries/:item{[0-9]+}/picture/takedown', async (c) => {
    const date = dateParam(c);
    const body = await json<TakedownBody>(c);
    if (typeof body.reason !== 'string')
      throw apiError(422, 'invalid', 'Give "reason": why the picture is taken down (kept in the audit log).');
    const { ownerTold, otherPosts, otherOwnersTold, socialReplaced, lookAlikes } = await takeDownEntryPicture(
      desk,
      c.get('actor'),
      date,
      Number(c.req.param('item')),
      body.reason,
      tellOwnerOf(body),
    );
    return c.json({
      taken_down: true,
      owner_told: ownerTold,
      other_posts: otherPosts,
      other_owners_told: otherOwnersTold,
      social_posts: {
        posted_again: socialReplaced.again,
        deleted: socialReplaced.deleted,
        to_delete_by_hand: socialReplaced.byHand,
      },
      look_alikes: lookAlikes.map((alike) => ({ date: alike.date, item_id: alike.itemId })),
      digest: digestJson(await loadDesk(desk, date), deps.config.publicUrl),
    });
  });

  app.post('/digests/:date/unpublish', async (c) => {
    const date = dateParam(c);
    const body = await json<{ reason?: unknown }>(c);
    if (typeof body.reason !== 'string')
      throw apiError(422, 'invalid', 'Give "reason": why the digest is taken down (kept in the audit log).');
    await unpublishDesk(desk, c.get('actor'), date, body.reason);
    return c.json(digestJson(await loadDesk(desk, date), deps.config.publicUrl));
  });

  app.post('/digests/:date/ready', async (c) => {
    const date = dateParam(c);
    await markReady(desk, c.get('actor'), date);
    return c.json(digestJson(await loadDesk(desk, date), deps.config.publicUrl));
  });

  app.post('/digests/:date/findings/resolve', async (c) => {
    const date = dateParam(c);
    const body = await json<{ item_id?: unknown; kind?: unknown; reason?: unknown }>(c);
    if (
      typeof body.item_id !== 'number' ||
      typeof body.kind !== 'string' ||
      typeof body.reason !== 'string'
    ) {
      throw apiError(422, 'invalid', 'Give "item_id" (0 for the digest itself), "kind" and "reason".');
    }
    if (!can(c.get('actor').role, 'override'))
      throw apiError(
        403,
        'forbidden',
        `This token's role (${c.get('actor').role}) cannot override findings.`,
      );
    return c.json(
      digestJson(
        await overrideFinding(desk, c.get('actor'), date, {
          itemId: body.item_id,
          kind: body.kind,
          reason: body.reason,
        }),
        deps.config.publicUrl,
      ),
    );
  });

  return app;
}

type TakedownBody = { reason?: unknown; tell_owner?: unknown; owner_words?: unknown };

/** A takedown's `tell_owner` (true to email the feed's owner) and `owner_words` (what to add), checked. */
function tellOwnerOf(body: TakedownBody): TellOwner {
  if (body.tell_owner !== undefined && typeof body.tell_owner !== 'boolean')
    throw apiError(
      422,
      'invalid',
      'Give "tell_owner" as true or false: whether the feed’s owner is emailed.',
    );
  if (body.owner_words !== undefined && typeof body.owner_words !== 'string')
    throw apiError(422, 'invalid', 'Give "owner_words" as text: the words for the feed’s owner.');
  return { owner: body.tell_owner === true, words: body.owner_words ?? '' };
}

/**
 * The `id` of the waiting correction a client read (the digest's `pending_correction.id`): approving or
 * discarding acts on that proposal, not on one that replaced it since.
 */
async function proposalIdOf(c: Context): Promise<string> {
  const body = await json<{ id?: unknown }>(c);
  if (typeof body.id !== 'string' || !body.id)
    throw apiError(
      422,
      'invalid',
      'Give "id": the id of the digest’s pending_correction you read, so that exactly that correction is approved or discarded.',
    );
  return body.id;
}
