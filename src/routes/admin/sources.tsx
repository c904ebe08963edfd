// /admin/sources: list feeds with their health, add a feed, fetch one now, check all now, change or remove one.
import { t } from '../../i18n/desk-text';
import { Hono, type Context } from 'hono';
import { listSchools, listSchoolsWithCounts } from '../../db/schools';
import { updateSchool } from '../../sources/update-school';
import {
  findSource,
  listSources,
  makeAllSourcesDue,
  retrySourceNow,
  sourceUsage,
  type SourceWithSchool,
} from '../../db/sources';
import type { AppDeps } from '../../deps';
import { pollSources } from '../../ingest/poll';
import { describeRefresh } from '../../ingest/refresh-source';
import {
  addressKey,
  addSource,
  alreadyASource,
  checkAddition,
  samePostsAs,
  type AddSourceInput,
} from '../../sources/add-source';
import { readDistrictSettings } from '../../settings/district-settings';
import { FeedCheckPage } from '../../views/admin/feed-check-page';
import { SourcesPage, type SourceDraft } from '../../views/admin/sources-page';
import { SourceEditPage } from '../../views/admin/source-edit-page';
import { editSource, type SourceEdit } from '../../sources/edit-source';
import { removeSource, withItsPosts } from '../../sources/remove-source';
import { feedReport } from '../../ingest/feed-report';
import { importSources } from '../../sources/import-sources';
import { readOpmlInSlices, writeOpml } from '../../sources/opml';
import { readFeed, type ReadOutcome } from '../../ingest/read-feed';
import { ingestDepsOf } from '../../jobs/jobs';
import { redirectWith } from '../flash';
import { isReviewDue, suspendSourceAuthorization } from '../../db/source-reviews';
import { optedOutAt } from '../../db/owner-notes';
import { notReadBecause, notReadSentence, REVIEW_NOTICE_MS } from '../../sources/authorization';
import { renewAuthorization } from '../../sources/renew-authorization';
import { readTeacherSettings } from '../../settings/teacher-settings';
import { AuthorizationReview } from '../../views/admin/authorization-review';
import { checkbox, field, readForm, type FormBody } from '../form';
import { actorOf, adminPage, type AdminEnv } from './context';

/** The "Add a source" fields as posted. */
function sourceDraft(form: FormBody): SourceDraft {
  return {
    url: field(form, 'url', 2000),
    school: field(form, 'school', 200),
    ownerName: field(form, 'owner_name', 120),
    ownerEmail: field(form, 'owner', 300),
    mediaRelease: checkbox(form, 'media_release'),
    authorizedBy: field(form, 'authorized_by', 200),
    authorizedOn: field(form, 'authorized_on', 40),
    reviewOn: field(form, 'review_on', 40),
  };
}

/**
 * The source to add from the fields: who authorized it, which the desk asks for (the principal, not whoever
 * adds it), when, if given (else today), and its review date, if given (else the months set in Settings after
 * the authorization).
 */
function additionOf(draft: SourceDraft): AddSourceInput {
  return {
    ...draft,
    authorizedBy: draft.authorizedBy,
    authorizedOn: draft.authorizedOn.trim() || undefined,
    reviewOn: draft.reviewOn.trim() || undefined,
  };
}

export function sourcesRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  const ingestDeps = ingestDepsOf(deps);

  /** The Sources page; after a refused "Add a source", with what was typed kept and why it was refused. */
  const sourcesPage = async (
    c: Context<AdminEnv>,
    refused?: { draft: SourceDraft; message: string; anyway?: 'unreadable' | 'samePosts' },
  ) => {
    const [all, schools, settings] = await Promise.all([
      listSources(deps.db),
      listSchoolsWithCounts(deps.db),
      readDistrictSettings(deps.db),
    ]);
    const now = deps.clock.now();
    const due = all.filter((source) => isReviewDue(source, now, REVIEW_NOTICE_MS));
    const reviewDueOnly = c.req.query('filter') === 'review-due';
    const sources = reviewDueOnly ? due : all;
    return adminPage(deps, c, {
      title: t('desk.sources.title'),
      section: 'sources',
      status: refused ? 422 : undefined,
      flash: refused ? { kind: 'error', text: refused.message } : undefined,
      body: (
        <SourcesPage
          sources={sources}
          schools={schools}
          csrfToken={c.get('csrfToken')}
          timezone={settings.timezone}
          now={now}
          draft={refused?.draft}
          anyway={refused?.anyway}
          reviewDue={{ on: reviewDueOnly, count: due.length }}
        />
      ),
    });
  };

  /** What a feed would give, or why it cannot be read, with the "Add a source" fields carried along. */
  const feedCheckPage = async (c: Context<AdminEnv>, url: string, read: ReadOutcome, draft: SourceDraft) => {
    const [schools, settings, existing] = await Promise.all([
      listSchools(deps.db),
      readDistrictSettings(deps.db),
      listSources(deps.db),
    ]);
    // The feeds a web page links to that are sources already (written any way), named by their school.
    const byAddress = new Map(existing.map((source) => [addressKey(source.feedUrl), source.schoolName]));
    const report = feedReport(url, read);
    const sourceSchools = new Map(
      (report.ok ? [] : report.error.feedLinks).flatMap((link) => {
        const school = byAddress.get(addressKey(link));
        return school === undefined ? [] : [[link, school] as const];
      }),
    );
    return adminPage(deps, c, {
      title: t('desk.sources.check.title'),
      section: 'sources',
      body: (
        <FeedCheckPage
          report={report}
          sourceSchools={sourceSchools}
          draft={draft}
          schools={schools.map((school) => school.name)}
          csrfToken={c.get('csrfToken')}
          timezone={settings.timezone}
        />
      ),
    });
  };

  app.get('/', (c) => sourcesPage(c));

  app.post('/schools/:id{[0-9]+}', async (c) => {
    const form = await readForm(c);
    const outcome = await updateSchool(
      deps.db,
      actorOf(deps, c),
      Number(c.req.param('id')),
      { name: field(form, 'name', 500), districtWide: checkbox(form, 'district_wide') },
      deps.clock.now(),
    );
    return redirectWith(c, deps.signingKey, '/admin/sources#schools', {
      kind: outcome.ok ? 'ok' : 'error',
      text: outcome.message,
    });
  });

  app.post('/', async (c) => {
    const form = await readForm(c);
    const draft = sourceDraft(form);
    const checked = await checkAddition(deps.db, additionOf(draft), deps.clock.now());
    if (!checked.ok) return sourcesPage(c, { draft, message: checked.message });
    // Already a source (as typed, or written another way): said before the wait for the feed.
    const already = await alreadyASource(deps.db, checked.url);
    if (already) return sourcesPage(c, { draft, message: already });
    // Read the address before adding it. A class blog's own page is not a feed, and a source added with it
    // could only fail: nothing is added, and the page offers the feeds the blog links to instead.
    const read = await readFeed(
      deps.fetcher,
      { url: checked.url },
      () => deps.clock.now(),
      deps.feedProcessor,
    );
    if (read.status === 'failed' && read.feedLinks?.length) return feedCheckPage(c, checked.url, read, draft);
    // An address that cannot be read is usually mistyped: nothing is added unless the coordinator says the feed
    // is only down for a while, so a typo does not become a failing source to find and remove.
    if (read.status === 'failed' && !checkbox(form, 'add_anyway'))
      return sourcesPage(c, {
        draft,
        anyway: 'unreadable',
        message: read.lasting
          ? t('desk.sources.flashes.unreadableLasting', { url: checked.url, reason: read.message })
          : t('desk.sources.flashes.unreadable', { url: checked.url, reason: read.message }),
      });
    // The same feed at a second address would put every post in the inbox twice: said, unless the coordinator
    // says it carries other posts too.
    const same =
      read.status === 'read' && !checkbox(form, 'add_twice') && (await samePostsAs(deps.db, read.items));
    if (same) return sourcesPage(c, { draft, anyway: 'samePosts', message: same });
    const added = await addSource(deps.db, additionOf(draft), actorOf(deps, c), deps.clock.now());
    if (!added.ok) return sourcesPage(c, { draft, message: added.message });
    const [outcome] = await pollSources(ingestDeps, { sourceId: added.source.id, read });
    const result = outcome ? describeRefresh(outcome) : '';
    return redirectWith(c, deps.signingKey, '/admin/sources', {
      kind: outcome?.status === 'failed' ? 'error' : 'ok',
      text: t('desk.sources.flashes.added', { url: added.source.feedUrl, result }),
    });
  });

  app.get('/export.opml', async (c) => {
    const settings = await readDistrictSettings(deps.db);
    const opml = writeOpml(
      await listSources(deps.db),
      `${settings.districtName}: ${settings.siteTitle} sources`,
      deps.clock.now(),
      settings.timezone,
    );
    return c.body(opml, 200, {
      'Content-Type': 'text/x-opml; charset=utf-8',
      'Content-Disposition': 'attachment; filename="yesterday-sources.opml"',
    });
  });

  app.post('/import', async (c) => {
    const form = await readForm(c);
    const upload = form.file;
    const file = Array.isArray(upload) ? upload[0] : upload;
    if (!(file instanceof File) || file.size === 0) {
      return redirectWith(c, deps.signingKey, '/admin/sources#import', {
        kind: 'error',
        text: t('desk.sources.flashes.chooseOpml'),
      });
    }
    if (file.size > 5 * 1024 * 1024) {
      return redirectWith(c, deps.signingKey, '/admin/sources#import', {
        kind: 'error',
        text: t('desk.sources.flashes.opmlTooLarge'),
      });
    }
    const read = await readOpmlInSlices(file);
    if (!read.ok)
      return redirectWith(c, deps.signingKey, '/admin/sources#import', { kind: 'error', text: read.message });
    const outcome = await importSources(deps.db, read.feeds, {
      defaultSchool: field(form, 'school', 200) || undefined,
      actor: actorOf(deps, c),
      now: deps.clock.now(),
      welcomeOwners: checkbox(form, 'welcome_owners'),
    });
    if (!outcome.ok) {
      return redirectWith(c, deps.signingKey, '/admin/sources#import', {
        kind: 'error',
        text: t('desk.sources.flashes.nothingImported', {
          problems:
            outcome.problems.slice(0, 5).join(' ') +
            (outcome.problems.length > 5
              ? t('desk.sources.flashes.andMore', { count: outcome.problems.length - 5 })
              : ''),
        }),
      });
    }
    deps.background.wakePoller();
    // Owners the file names, welcomed as asked: the coordinator is told they are about to be written to.
    const welcomes =
      checkbox(form, 'welcome_owners') &&
      outcome.owners > 0 &&
      (await readTeacherSettings(deps.db)).notifyOwnersWelcome;
    return redirectWith(c, deps.signingKey, '/admin/sources', {
      kind: 'ok',
      text:
        t('desk.sources.flashes.imported', { added: outcome.added, skipped: outcome.skipped }) +
        (welcomes ? ` ${t('desk.sources.flashes.importWelcomes', { count: outcome.owners })}` : ''),
    });
  });

  app.post('/test', async (c) => {
    const draft = sourceDraft(await readForm(c));
    const read = await readFeed(deps.fetcher, { url: draft.url }, () => deps.clock.now(), deps.feedProcessor);
    // Not read, and no feed a page links to to offer instead: the Sources page again with the form as typed
    // (the school, the owner, the authorization), to correct the address or add it anyway.
    if (read.status === 'failed' && !read.feedLinks?.length)
      return sourcesPage(c, {
        draft,
        anyway: 'unreadable',
        message: read.lasting
          ? t('desk.sources.flashes.testFailedLasting', { url: draft.url, reason: read.message })
          : t('desk.sources.flashes.testFailed', { url: draft.url, reason: read.message }),
      });
    return feedCheckPage(c, draft.url, read, draft);
  });

  app.post('/fetch-all', async (c) => {
    await makeAllSourcesDue(deps.db, deps.clock.now());
    deps.background.wakePoller();
    return redirectWith(c, deps.signingKey, '/admin/sources', {
      kind: 'info',
      text: t('desk.sources.flashes.checkingAll'),
    });
  });

  /** One source's page; after a refused save, with what was typed kept and why it was refused. */
  const sourceEditPage = async (
    c: Context<AdminEnv>,
    source: SourceWithSchool,
    refused?: { typed?: SourceEdit; renewal?: { authorizedBy: string; reviewOn: string }; message: string },
  ) => {
    const [schools, settings, usage, teacherSettings, ownerStoppedAt] = await Promise.all([
      listSchools(deps.db),
      readDistrictSettings(deps.db),
      sourceUsage(deps.db, source.id),
      readTeacherSettings(deps.db),
      source.ownerEmail ? optedOutAt(deps.db, source.ownerEmail) : undefined,
    ]);
    return adminPage(deps, c, {
      title: source.title ?? t('desk.sources.edit.title'),
      section: 'sources',
      status: refused ? 422 : undefined,
      flash: refused ? { kind: 'error', text: refused.message } : undefined,
      body: (
        <SourceEditPage
          source={source}
          schools={schools}
          csrfToken={c.get('csrfToken')}
          timezone={settings.timezone}
          now={deps.clock.now()}
          usage={usage}
          typed={refused?.typed}
          ownerStoppedAt={ownerStoppedAt}
          review={
            <AuthorizationReview
              source={source}
              renewal={refused?.renewal}
              csrfToken={c.get('csrfToken')}
              timezone={settings.timezone}
              now={deps.clock.now()}
              reviewMonths={teacherSettings.authorizationReviewMonths}
            />
          }
        />
      ),
    });
  };

  /** A refused change shown on the source's page (422), or on the Sources page if the source is gone. */
  const refusedOnSourcePage = async (
    c: Context<AdminEnv>,
    id: number,
    message: string,
    typed?: SourceEdit,
  ) => {
    const source = await findSource(deps.db, id);
    if (source) return sourceEditPage(c, source, { typed, message });
    return redirectWith(c, deps.signingKey, '/admin/sources', { kind: 'error', text: message });
  };

  app.get('/:id{[0-9]+}', async (c) => {
    const source = await findSource(deps.db, Number(c.req.param('id')));
    return source ? sourceEditPage(c, source) : c.notFound();
  });

  app.post('/:id{[0-9]+}', async (c) => {
    const id = Number(c.req.param('id'));
    const form = await readForm(c);
    const settings = await readDistrictSettings(deps.db);
    const typed: SourceEdit = {
      url: field(form, 'url', 2000),
      school: field(form, 'school', 200),
      ownerName: field(form, 'owner_name', 200),
      ownerEmail: field(form, 'owner', 300),
      authorization: field(form, 'authorization'),
      authorizedBy: field(form, 'authorized_by', 200),
      authorizedOn: field(form, 'authorized_on', 20),
      reviewOn: field(form, 'review_on', 20),
      mediaRelease: checkbox(form, 'media_release'),
    };
    const outcome = await editSource(
      deps.db,
      id,
      typed,
      actorOf(deps, c),
      settings.timezone,
      deps.clock.now(),
    );
    if (!outcome.ok) return refusedOnSourcePage(c, id, outcome.message, typed);
    if (outcome.moved) {
      // A new address is read at once, so a mistyped one shows up now rather than at the next pass.
      const [read] = await pollSources(ingestDeps, { sourceId: id });
      return redirectWith(c, deps.signingKey, '/admin/sources', {
        kind: read?.status === 'failed' ? 'error' : 'ok',
        text: read
          ? t('desk.sources.flashes.savedMoved', { result: describeRefresh(read) })
          : t('desk.sources.flashes.savedNotRead'),
      });
    }
    return redirectWith(c, deps.signingKey, '/admin/sources', {
      kind: 'ok',
      text: outcome.changed.length ? t('desk.sources.flashes.saved') : t('desk.sources.flashes.unchanged'),
    });
  });

  // A refused renewal answers at this address; opened again (from the history, say), it is the source's page.
  app.get('/:id{[0-9]+}/renew', (c) => c.redirect(`/admin/sources/${c.req.param('id')}`, 303));

  app.post('/:id{[0-9]+}/renew', async (c) => {
    const id = Number(c.req.param('id'));
    const form = await readForm(c);
    const renewal = {
      authorizedBy: field(form, 'authorized_by', 200),
      reviewOn: field(form, 'review_on', 20),
    };
    const outcome = await renewAuthorization(deps.db, id, renewal, actorOf(deps, c), deps.clock.now());
    if (!outcome.ok) {
      // The renewal as typed, with why, for the date to be put right.
      const source = await findSource(deps.db, id);
      if (source) return sourceEditPage(c, source, { renewal, message: outcome.message });
      return redirectWith(c, deps.signingKey, '/admin/sources', { kind: 'error', text: outcome.message });
    }
    return redirectWith(c, deps.signingKey, `/admin/sources/${id}`, { kind: 'ok', text: outcome.message });
  });

  app.post('/:id{[0-9]+}/suspend', async (c) => {
    const id = Number(c.req.param('id'));
    await readForm(c);
    if (!(await suspendSourceAuthorization(deps.db, id, actorOf(deps, c), deps.clock.now())))
      return redirectWith(c, deps.signingKey, '/admin/sources', {
        kind: 'error',
        text: t('desk.sources.flashes.gone'),
      });
    return redirectWith(c, deps.signingKey, `/admin/sources/${id}`, {
      kind: 'ok',
      text: t('desk.sources.flashes.suspended'),
    });
  });

  app.post('/:id{[0-9]+}/remove', async (c) => {
    const id = Number(c.req.param('id'));
    const form = await readForm(c);
    if (!checkbox(form, 'confirm')) return refusedOnSourcePage(c, id, t('desk.sources.flashes.tickToRemove'));
    const outcome = await removeSource(deps.db, id, actorOf(deps, c), deps.clock.now());
    if (!outcome.ok) return refusedOnSourcePage(c, id, outcome.message);
    return redirectWith(c, deps.signingKey, '/admin/sources', {
      kind: 'ok',
      text: t('desk.sources.flashes.removed', { what: withItsPosts(outcome.label, outcome.posts) }),
    });
  });

  app.post('/:id/fetch', async (c) => {
    const form = await readForm(c);
    const source = await findSource(deps.db, Number(c.req.param('id')));
    if (!source)
      return redirectWith(c, deps.signingKey, '/admin/sources', {
        kind: 'error',
        text: t('desk.sources.flashes.gone'),
      });
    // Read from the source's own page, the outcome (with what was odd about the feed) is shown there.
    const back = field(form, 'back') === 'source' ? `/admin/sources/${source.id}` : '/admin/sources';
    const name = source.title ?? source.feedUrl;
    const notRead = notReadBecause(source, deps.clock.now());
    if (notRead)
      return redirectWith(c, deps.signingKey, back, { kind: 'error', text: notReadSentence(notRead, name) });
    if (source.paused) await retrySourceNow(deps.db, source.id, deps.clock.now());
    const [outcome] = await pollSources(ingestDeps, { sourceId: source.id });
    return redirectWith(c, deps.signingKey, back, {
      kind: outcome?.status === 'failed' ? 'error' : 'ok',
      text: t('desk.sources.flashes.fetched', {
        name,
        result: outcome ? describeRefresh(outcome) : t('desk.sources.flashes.nothingToDo'),
      }),
    });
  });

  return app;
}
