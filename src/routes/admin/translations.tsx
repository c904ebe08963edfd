// The desk's language tabs: GET /admin/inbox?date=…&lang=es shows one (see inbox.tsx), and its form's
// buttons post to /admin/translations/DATE/LANG/{save,draft,review,discard,withdraw}, each answered by a
// redirect back to the tab with a sentence (a translation service's failure included, never an error page).
import { t } from '../../i18n/desk-text';
import { Hono, type Context } from 'hono';
import { can, DeskError, deskDepsOf } from '../../curate/desk';
import {
  draftTranslation,
  settleHeldTranslation,
  loadTranslationDesk,
  saveTranslation,
  type SavedTranslation,
  type TranslationDesk,
  type TranslationInput,
} from '../../curate/translations';
import { listUsers } from '../../db/users';
import type { AppDeps } from '../../deps';
import { isLocalDate } from '../../time/zoned-time';
import { DeskTranslationPage } from '../../views/admin/desk-translation-page';
import { redirectWith } from '../flash';
import { field, fields, readForm, type FormBody } from '../form';
import { adminPage, currentUser, deskActorOf, type AdminEnv } from './context';

const DAY = ':date{[0-9]{4}-[0-9]{2}-[0-9]{2}}';
const LANG = ':lang{[a-z]{2,3}}';

const tabPath = (date: string, lang: string) => `/admin/inbox?date=${date}&lang=${lang}`;

/** The tab's fields as a save reads them: only what the form holds (an entry without a picture sends no alt). */
function inputOf(form: FormBody): TranslationInput {
  const optional = (name: string) => (form[name] === undefined ? undefined : field(form, name));
  return {
    title: optional('title'),
    intro: optional('intro'),
    correctionNote: optional('correction_note'),
    version: /^[0-9]{1,12}$/.test(field(form, 'version')) ? Number(field(form, 'version')) : undefined,
    // The language's text as the page showed it; a form without it (an older page) checks nothing.
    revision: form.revision === undefined ? undefined : field(form, 'revision', 40),
    entries: fields(form, 'item_id')
      .filter((id) => /^[0-9]{1,12}$/.test(id))
      .map((id) => ({
        itemId: Number(id),
        headline: optional(`headline_${id}`),
        blurb: optional(`blurb_${id}`),
        imageAlt: optional(`image_alt_${id}`),
      })),
  };
}

/** What a save that took a scheduled digest back to a draft adds to its answer. */
function unscheduledNote(saved: SavedTranslation): string {
  return saved.unscheduled ? ` ${t('desk.translations.unscheduled')}` : '';
}

/**
 * The tab as stored, with what the person typed in place of the stored text: a refused save shows the page
 * again with their words kept, beside the district's text as it is now.
 */
function withTyped(desk: TranslationDesk, typed: TranslationInput): TranslationDesk {
  const stored = desk.translation;
  const entries = new Map(stored.entries);
  for (const entry of typed.entries) {
    const before = entries.get(entry.itemId) ?? {
      itemId: entry.itemId,
      headline: '',
      blurb: '',
      imageAlt: '',
      machine: [],
    };
    entries.set(entry.itemId, {
      ...before,
      headline: entry.headline ?? before.headline,
      blurb: entry.blurb ?? before.blurb,
      imageAlt: entry.imageAlt ?? before.imageAlt,
    });
  }
  return {
    ...desk,
    translation: {
      ...stored,
      title: typed.title ?? stored.title,
      intro: typed.intro ?? stored.intro,
      correctionNote: typed.correctionNote ?? stored.correctionNote,
      entries,
    },
  };
}

/** Renders one language's tab; a language the district does not offer goes back to the desk with a sentence. */
export async function renderTranslationTab(
  deps: AppDeps,
  c: Context<AdminEnv>,
  date: string,
  lang: string,
  refused?: { typed: TranslationInput; error: DeskError },
): Promise<Response> {
  let desk;
  try {
    desk = await loadTranslationDesk(deskDepsOf(deps), date, lang);
  } catch (error) {
    if (!(error instanceof DeskError)) throw error;
    return redirectWith(c, deps.signingKey, `/admin/inbox?date=${date}`, {
      kind: 'error',
      text: error.message,
    });
  }
  const user = currentUser(c);
  const status = desk.state.digest?.status;
  const canEdit =
    status === 'published' ? can(user.role, 'publish') : status !== 'unpublished' && can(user.role, 'curate');
  const names = new Map((await listUsers(deps.db)).map((u) => [u.id, u.name || u.email]));
  return adminPage(deps, c, {
    title: `Inbox: ${desk.label}`,
    section: 'inbox',
    ...(refused && {
      status: refused.error.status === 404 ? 422 : refused.error.status,
      flash: { kind: 'error' as const, text: refused.error.message },
    }),
    body: (
      <DeskTranslationPage
        desk={refused ? withTyped(desk, refused.typed) : desk}
        csrfToken={c.get('csrfToken')}
        provider={deps.translation?.name}
        canEdit={canEdit}
        userId={user.id}
        names={names}
      />
    ),
  });
}

export function translationRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  const desk = deskDepsOf(deps);

  /** One button: the form read, the work done, a refusal turned into the tab with its sentence. */
  const act =
    (work: (date: string, lang: string, form: FormBody, c: Context<AdminEnv>) => Promise<string>) =>
    async (c: Context<AdminEnv>) => {
      const date = c.req.param('date') ?? '';
      const lang = c.req.param('lang') ?? '';
      if (!isLocalDate(date))
        return redirectWith(c, deps.signingKey, '/admin/inbox', {
          kind: 'error',
          text: t('desk.translations.badDate'),
        });
      const form = await readForm(c);
      try {
        const text = await work(date, lang, form, c);
        return redirectWith(c, deps.signingKey, tabPath(date, lang), { kind: 'ok', text });
      } catch (error) {
        if (!(error instanceof DeskError)) throw error;
        // Refused (text too long, the district's text changed meanwhile, a review that is someone else's to
        // make): the page again, with what was typed. A review refused because someone saved meanwhile goes
        // to the tab as saved now, since that is what is to be reviewed.
        if (
          error.code !== 'translation-saved' &&
          (error.status === 409 || error.status === 422 || error.code === 'second-person')
        )
          return renderTranslationTab(deps, c, date, lang, { typed: inputOf(form), error });
        return redirectWith(c, deps.signingKey, tabPath(date, lang), { kind: 'error', text: error.message });
      }
    };

  app.post(
    `/${DAY}/${LANG}/save`,
    act(async (date, lang, form, c) => {
      const saved = await saveTranslation(desk, deskActorOf(deps, c), date, lang, inputOf(form));
      return (
        (saved.reviewed
          ? t('desk.translations.saved', { language: saved.label })
          : saved.translation.held
            ? t('desk.translations.savedHeld', { language: saved.label })
            : t('desk.translations.savedNotReviewed', { language: saved.label })) + unscheduledNote(saved)
      );
    }),
  );

  app.post(
    `/${DAY}/${LANG}/review`,
    act(async (date, lang, form, c) => {
      const saved = await saveTranslation(desk, deskActorOf(deps, c), date, lang, {
        ...inputOf(form),
        reviewed: true,
      });
      return (
        (saved.reviewed
          ? t('desk.translations.savedReviewed', { language: saved.label })
          : saved.othersChecked
            ? t('desk.translations.savedOthersChecked', { language: saved.label })
            : t('desk.translations.savedOwnChanges', { language: saved.label })) + unscheduledNote(saved)
      );
    }),
  );

  // Changes that wait for a second person: discarded, or its readers given the district's text meanwhile.
  for (const action of ['discard', 'withdraw'] as const)
    app.post(
      `/${DAY}/${LANG}/${action}`,
      act(async (date, lang, form, c) => {
        const { version, revision } = inputOf(form);
        const tab = await settleHeldTranslation(desk, deskActorOf(deps, c), date, lang, action, {
          version,
          revision,
        });
        const language = tab.label;
        if (action === 'withdraw') return t('desk.translations.withdrawn', { language });
        return tab.readersHadNone
          ? t('desk.translations.discardedToNothing', { language })
          : t('desk.translations.discarded', { language });
      }),
    );

  app.post(
    `/${DAY}/${LANG}/draft`,
    act(async (date, lang, form, c) => {
      const actor = deskActorOf(deps, c);
      // What the person typed is kept first, so the draft fills only what is still empty.
      await saveTranslation(desk, actor, date, lang, inputOf(form));
      const outcome = await draftTranslation(desk, actor, date, lang, deps.translation);
      if (!outcome.ok) throw new DeskError(422, 'translation-failed', outcome.message);
      return outcome.filled
        ? t('desk.translations.drafted', { count: outcome.filled, provider: deps.translation!.name })
        : t('desk.translations.nothingDrafted');
    }),
  );

  // A button's address opened again from the history (a GET changes nothing): the language's tab.
  app.get(`/${DAY}/${LANG}/*`, (c) => c.redirect(tabPath(c.req.param('date'), c.req.param('lang')), 303));

  return app;
}
