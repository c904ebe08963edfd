// /admin/inbox: the desk for one day. GET shows it; POST saves every edit in the form, then does what the
// pressed button asks (add, remove, move, override, submit, approve, schedule, publish, preview, unpublish).
// JSON requests (the autosave script) get JSON answers.
import { Hono, type Context } from 'hono';
import {
  approveDesk,
  correctDesk,
  DeskError,
  loadDesk,
  markReady,
  overrideFinding,
  publishDesk,
  saveDesk,
  sendTestEmail,
  submitForReview,
  takeDownEntry,
  unpublishDesk,
  deskDepsOf,
  type DeskActor,
  type DeskState,
  type DraftInput,
} from '../../curate/desk';
import { imagesOf } from '../../curate/item-images';
import { findDigest } from '../../db/digests';
import { findItemsByIds } from '../../db/items';
import { listUsers } from '../../db/users';
import type { AppDeps } from '../../deps';
import { readDistrictSettings, siteOf } from '../../settings/district-settings';
import { formatDateTime } from '../../time/format';
import { addDays, isLocalDate, localDateOf } from '../../time/zoned-time';
import { DeskPage } from '../../views/admin/desk-page';
import { PreviewPage } from '../../views/admin/preview-page';
import { DigestPage } from '../../views/public-pages';
import { renderPage } from '../../views/render';
import { renderDigestEmail } from '../../email/render-digest-email';
import { redirectWith } from '../flash';
import { field, fields, readForm, type FormBody } from '../form';
import { actorOf, adminPage, currentUser, type AdminEnv } from './context';
import { emailIsOn } from '../../email/no-mailer';

export function deskActorOf(deps: AppDeps, c: Context<AdminEnv>): DeskActor {
  const user = currentUser(c);
  return { ...actorOf(deps, c), role: user.role, userId: user.id, email: user.email };
}

/** The draft a submitted desk form describes, in the order its entries appear, with one operation applied. */
/** What can be done to a digest once it is published: everything else would be a silent edit. */
const PUBLISHED_OPS = new Set(['correct', 'takedown', 'unpublish', 'override', 'preview']);

export function draftFromForm(form: FormBody): { draft: DraftInput; op: string } {
  const op = field(form, 'op') || 'save';
  let ids = fields(form, 'entry').map(Number).filter(Number.isSafeInteger);
  const [verb, arg] = op.split(':');
  const target = Number(arg);
  if (verb === 'add' && !ids.includes(target)) ids.push(target);
  if (verb === 'remove') ids = ids.filter((id) => id !== target);
  const at = ids.indexOf(target);
  if (verb === 'up' && at > 0) [ids[at - 1], ids[at]] = [ids[at]!, ids[at - 1]!];
  if (verb === 'down' && at !== -1 && at < ids.length - 1) [ids[at], ids[at + 1]] = [ids[at + 1]!, ids[at]!];
  const has = (name: string) => form[name] !== undefined;
  return {
    op,
    draft: {
      title: has('title') ? field(form, 'title', 1000) : undefined,
      intro: has('intro') ? field(form, 'intro', 5000) : undefined,
      version: /^\d+$/.test(field(form, 'version')) ? Number(field(form, 'version')) : undefined,
      entries: ids.map((itemId) => ({
        itemId,
        headline: has(`headline_${itemId}`) ? field(form, `headline_${itemId}`, 1000) : undefined,
        blurb: has(`blurb_${itemId}`) ? field(form, `blurb_${itemId}`, 5000) : undefined,
        imageUrl: has(`image_${itemId}`) ? field(form, `image_${itemId}`, 2000) || null : undefined,
        imageAlt: has(`alt_${itemId}`) ? field(form, `alt_${itemId}`, 2000) : undefined,
      })),
    },
  };
}

export function inboxRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  const desk = deskDepsOf(deps);

  const dayOf = async (c: Context) => {
    const requested = c.req.query('date');
    if (requested && isLocalDate(requested)) return requested;
    const { timezone } = await readDistrictSettings(deps.db);
    return addDays(localDateOf(deps.clock.now(), timezone), -1);
  };

  const render = async (
    c: Context<AdminEnv>,
    state: DeskState,
    options: {
      theirs?: DeskState;
      status?: 200 | 409 | 422;
      flash?: { kind: 'ok' | 'error'; text: string };
      correctionNote?: string;
    } = {},
  ) => {
    const user = currentUser(c);
    const names = new Map((await listUsers(deps.db)).map((u) => [u.id, u.name || u.email]));
    return adminPage(deps, c, {
      title: 'Inbox',
      section: 'inbox',
      status: options.status,
      flash: options.flash,
      body: (
        <DeskPage
          state={state}
          role={user.role}
          userId={user.id}
          csrfToken={c.get('csrfToken')}
          previousDate={addDays(state.date, -1)}
          nextDate={addDays(state.date, 1)}
          theirs={options.theirs}
          correctionNote={options.correctionNote}
          names={names}
          emailOff={!emailIsOn(deps.mailer)}
        />
      ),
    });
  };

  app.get('/', async (c) => render(c, await loadDesk(desk, await dayOf(c))));

  app.post('/', async (c) => {
    const date = c.req.query('date') ?? '';
    if (!isLocalDate(date))
      return redirectWith(c, deps.signingKey, '/admin/inbox', {
        kind: 'error',
        text: 'That is not a valid date.',
      });
    const back = (anchor = '') => `/admin/inbox?date=${date}${anchor}`;
    const wantsJson = (c.req.header('accept') ?? '').includes('application/json');
    const form = await readForm(c);
    const { draft, op } = draftFromForm(form);
    const actor = deskActorOf(deps, c);
    const [verb, arg, kind] = op.split(':');

    // A published digest is never saved as a draft: it changes only by a correction, a takedown or unpublishing.
    const status = (await findDigest(deps.db, date))?.status;
    const published = status === 'published' || status === 'unpublished';
    try {
      if (published && !PUBLISHED_OPS.has(verb ?? '')) {
        throw new DeskError(
          409,
          'published',
          'This digest is published: change it with a correction note below, or take posts down.',
        );
      }
      if (!published) {
        const saved = await saveDesk(desk, actor, date, draft);
        if (wantsJson)
          return c.json({ ok: true, version: saved.digest?.version ?? 0, openFindings: saved.open.length });
      }
      const version = (await loadDesk(desk, date)).digest?.version;
      switch (verb) {
        case 'publish': {
          const { queued } = await publishDesk(desk, actor, date, version);
          const emails = queued === 1 ? '1 email is' : `${queued} emails are`;
          return redirectWith(c, deps.signingKey, back(), {
            kind: 'ok',
            text: emailIsOn(deps.mailer)
              ? `Published. ${emails} on the way to subscribers.`
              : 'Published on the site and in the feeds. Email is off, so no email was sent.',
          });
        }
        case 'ready': {
          const slot = await markReady(desk, actor, date, version);
          const { timezone } = await readDistrictSettings(deps.db);
          return redirectWith(c, deps.signingKey, back(), {
            kind: 'ok',
            text: `Scheduled: it goes out ${formatDateTime(slot, timezone)}, unless someone changes it first.`,
          });
        }
        case 'approve':
          await approveDesk(desk, actor, date, version);
          return redirectWith(c, deps.signingKey, back(), {
            kind: 'ok',
            text: 'Approved. It can now be published.',
          });
        case 'submit': {
          const settings = await readDistrictSettings(deps.db);
          await submitForReview(desk, actor, date, siteOf(settings, deps.config.publicUrl));
          return redirectWith(c, deps.signingKey, back(), {
            kind: 'ok',
            text: 'Submitted for review. The editors have been told by email.',
          });
        }
        case 'override':
          await overrideFinding(desk, actor, date, {
            itemId: Number(arg),
            kind: kind ?? '',
            reason: field(form, `reason_${arg}_${kind}`, 500),
          });
          return redirectWith(c, deps.signingKey, back(`#entry-${arg}`), {
            kind: 'ok',
            text: 'Recorded. The reason is kept in the audit log.',
          });
        case 'correct': {
          const { emails } = await correctDesk(desk, actor, date, {
            ...draft,
            note: field(form, 'correction_note', 2000),
            email: field(form, 'correction_email') === '1',
          });
          return redirectWith(c, deps.signingKey, back(), {
            kind: 'ok',
            text: `Correction published on the page, in the feeds and in the embed.${
              emails
                ? ` ${emails === 1 ? '1 correction email is' : `${emails} correction emails are`} on the way.`
                : ''
            }`,
          });
        }
        case 'takedown': {
          const { digestTakenDown } = await takeDownEntry(
            desk,
            actor,
            date,
            Number(arg),
            field(form, `takedown_reason_${arg}`, 2000),
          );
          return redirectWith(c, deps.signingKey, back(), {
            kind: 'ok',
            text: digestTakenDown
              ? 'The post is taken down, and with it the digest, since nothing else was left in it.'
              : 'The post is taken down from the page, the feeds, the embed and every email not sent yet.',
          });
        }
        case 'unpublish':
          await unpublishDesk(desk, actor, date, field(form, 'unpublish_reason', 500));
          return redirectWith(c, deps.signingKey, back(), {
            kind: 'ok',
            text: 'The digest is taken down from the site and feeds.',
          });
        case 'preview':
          return c.redirect(`/admin/inbox/preview?date=${date}`, 303);
        case 'add':
        case 'up':
        case 'down':
          return c.redirect(back(`#entry-${arg}`), 303);
        default:
          return redirectWith(c, deps.signingKey, back(), { kind: 'ok', text: 'Draft saved.' });
      }
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      if (wantsJson)
        return c.json({ ok: false, error: { code: error.code, message: error.message } }, error.status);
      if (verb === 'correct' && error.status === 422) {
        // The correction comes back as typed, note included, with what the checks found beside each post.
        const current = await loadDesk(desk, date);
        const mine = await mineOver(current, draft);
        const findings = error.details.findings ?? [];
        return render(
          c,
          {
            ...mine,
            entries: mine.entries.map((e) => ({
              ...e,
              findings: findings.filter((f) => f.itemId === e.itemId),
            })),
            findings,
            open: findings,
          },
          {
            status: 422,
            flash: { kind: 'error', text: `The correction is not published yet. ${error.message}` },
            correctionNote: field(form, 'correction_note', 2000),
          },
        );
      }
      if (error.code === 'conflict' && error.details.current) {
        // Nothing the person typed is lost: the form comes back with their version, beside the stored one.
        return render(c, await mineOver(error.details.current, draft), {
          theirs: error.details.current,
          status: 409,
        });
      }
      return redirectWith(c, deps.signingKey, back(), { kind: 'error', text: error.message });
    }
  });

  /** The user's unsaved draft, laid over the stored state so the form can show it again. */
  async function mineOver(current: DeskState, draft: DraftInput): Promise<DeskState> {
    const items = new Map(
      (
        await findItemsByIds(
          deps.db,
          draft.entries.map((e) => e.itemId),
        )
      ).map((i) => [i.id, i]),
    );
    const stored = new Map(current.entries.map((e) => [e.itemId, e]));
    const entries = draft.entries.flatMap((input) => {
      const item = items.get(input.itemId);
      if (!item) return [];
      const base = stored.get(input.itemId);
      return [
        {
          digestId: current.digest?.id ?? 0,
          itemId: item.id,
          position: 0,
          headline: input.headline ?? base?.headline ?? item.title,
          blurb: input.blurb ?? base?.blurb ?? '',
          imageUrl: input.imageUrl === undefined ? (base?.imageUrl ?? null) : input.imageUrl,
          imageAlt: input.imageAlt === undefined ? (base?.imageAlt ?? null) : input.imageAlt,
          removedAt: null,
          removedReason: null,
          item,
          images: imagesOf(item),
          findings: [],
        },
      ];
    });
    const digest = current.digest
      ? {
          ...current.digest,
          title: draft.title ?? current.digest.title,
          intro: draft.intro ?? current.digest.intro,
        }
      : undefined;
    return { ...current, digest, entries, findings: [], open: [] };
  }

  return app;
}

export function previewRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  const desk = deskDepsOf(deps);

  const prepare = async (c: Context<AdminEnv>) => {
    const date = c.req.query('date') ?? '';
    if (!isLocalDate(date)) return undefined;
    const state = await loadDesk(desk, date);
    if (!state.digest || state.entries.length === 0) return undefined;
    const settings = state.settings;
    const site = siteOf(settings, deps.config.publicUrl);
    const email = renderDigestEmail(
      { digest: state.digest, entries: state.entries },
      { schoolIds: [], schoolNames: [] },
      site,
    )!;
    return { date, state, site, email };
  };

  app.get('/', async (c) => {
    const prepared = await prepare(c);
    if (!prepared)
      return redirectWith(c, deps.signingKey, `/admin/inbox?date=${c.req.query('date') ?? ''}`, {
        kind: 'error',
        text: 'Select at least one post before previewing.',
      });
    return adminPage(deps, c, {
      title: 'Preview',
      section: 'inbox',
      body: (
        <PreviewPage
          state={prepared.state}
          subject={prepared.email.subject}
          text={prepared.email.text
            .replaceAll(prepared.email.markers.unsubscribe, '(unsubscribe link)')
            .replaceAll(prepared.email.markers.preferences, '(preferences link)')}
          csrfToken={c.get('csrfToken')}
          email={currentUser(c).email}
        />
      ),
    });
  });

  // Shown only inside the preview page's frames.
  app.get('/page', async (c) => {
    const prepared = await prepare(c);
    if (!prepared) return c.notFound();
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' https: http: data:; style-src 'self'; frame-src https://www.youtube-nocookie.com https://player.vimeo.com; frame-ancestors 'self'",
    );
    return renderPage(
      c,
      <DigestPage
        site={prepared.site}
        content={{ digest: prepared.state.digest!, entries: prepared.state.entries }}
        timezone={prepared.state.settings.timezone}
      />,
    );
  });

  app.get('/email', async (c) => {
    const prepared = await prepare(c);
    if (!prepared) return c.notFound();
    c.header(
      'Content-Security-Policy',
      "sandbox; default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
    );
    return c.html(
      prepared.email.html
        .replaceAll(prepared.email.markers.unsubscribe, '#')
        .replaceAll(prepared.email.markers.preferences, '#'),
    );
  });

  app.post('/', async (c) => {
    const prepared = await prepare(c);
    const back = `/admin/inbox/preview?date=${c.req.query('date') ?? ''}`;
    if (!prepared)
      return redirectWith(c, deps.signingKey, back, {
        kind: 'error',
        text: 'Select at least one post before sending a test.',
      });
    try {
      const to = await sendTestEmail(desk, deskActorOf(deps, c), prepared.date, prepared.site);
      return redirectWith(c, deps.signingKey, back, {
        kind: 'ok',
        text: `A test email is on its way to ${to}.`,
      });
    } catch (error) {
      if (error instanceof DeskError)
        return redirectWith(c, deps.signingKey, back, { kind: 'error', text: error.message });
      throw error;
    }
  });

  return app;
}
