// /admin/inbox/preview: the digest as the blog page, the email and its plain text, before it goes out, and a
// test email to the person asking.
import { t } from '../../i18n/desk-text';
import { previewSocialPosts } from '../../social/preview-posts';
import { Hono, type Context } from 'hono';
import {
  assertPublishable,
  can,
  DeskError,
  deskDepsOf,
  loadDesk,
  sendTestEmail,
  translationsSeen,
  type DeskState,
} from '../../curate/desk';
import { countWouldReceive } from '../../db/digests';
import { listSocialAccounts } from '../../db/social-accounts';
import type { AppDeps } from '../../deps';
import { emailIsOn } from '../../email/no-mailer';
import { renderDigestEmail } from '../../email/render-digest-email';
import { siteOf } from '../../settings/district-settings';
import { siteIn } from '../../i18n/site-language';
import { localizeContents } from '../../publish/localize-content';
import { isLocalDate, localDateOf } from '../../time/zoned-time';
import { PreviewPage } from '../../views/admin/preview-page';
import { dayIs, type PublishAsk } from '../../views/admin/publish-confirm-page';
import { formatSlot } from '../../time/format';
import { DigestPage } from '../../views/public-pages';
import { renderPage } from '../../views/render';
import { redirectWith } from '../flash';
import { IMAGE_SOURCES } from '../response-headers';
import { adminPage, currentUser, deskActorOf, type AdminEnv } from './context';

/** `path` for the day asked, or for no day (the inbox opens on today) when what was asked is not a date. */
function dayAddress(path: string, date: string | undefined, lang?: string): string {
  if (date === undefined || !isLocalDate(date)) return path;
  return `${path}?date=${date}${lang ? `&lang=${lang}` : ''}`;
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
    // One of the district's other languages, as its readers would get it (or the district's own).
    const asked = c.req.query('lang');
    const lang = settings.languages.find((offered) => offered === asked) ?? settings.languages[0]!;
    const site = siteIn(siteOf(settings, deps.config.publicUrl), lang);
    const [content] = await localizeContents(
      deps.db,
      [{ digest: state.digest, entries: state.entries }],
      lang,
      settings,
    );
    // As it goes out: published, scheduled, or published now. A digest of an older day names its day.
    const goesOut = state.digest.publishedAt ?? state.digest.scheduledFor ?? deps.clock.now();
    const email = renderDigestEmail(
      content!,
      { schoolIds: [], schoolNames: [] },
      site,
      localDateOf(goesOut, settings.timezone),
    )!;
    const social = await previewSocialPosts(
      deps.db,
      { digest: state.digest, entries: state.entries },
      deps.config.publicUrl,
      goesOut,
    );
    const other = lang === settings.languages[0] ? undefined : lang;
    return { date, state, site, email, social, content: content!, lang: other };
  };

  /**
   * What publishing the version shown would do, when the person looking can publish it now: a draft or a
   * digest marked ready, nothing open, approved where the district asks for a second person.
   */
  const publishAsk = async (c: Context<AdminEnv>, state: DeskState): Promise<PublishAsk | undefined> => {
    const { digest } = state;
    if (!digest || (digest.status !== 'draft' && digest.status !== 'ready')) return undefined;
    if (!can(deskActorOf(deps, c).role, 'publish')) return undefined;
    try {
      assertPublishable(state, digest.version);
    } catch (error) {
      if (error instanceof DeskError) return undefined;
      throw error;
    }
    const timezone = state.settings.timezone;
    const day = dayIs(state.date, localDateOf(deps.clock.now(), timezone), timezone);
    // A day that has not begun where the district is would be refused (a mistyped year, say).
    if (day?.when === 'later') return undefined;
    return {
      date: state.date,
      version: digest.version,
      translationsSeen: translationsSeen(state),
      entries: state.entries.length,
      recipients: emailIsOn(deps.mailer) ? await countWouldReceive(deps.db, digest.id) : 0,
      accounts: (await listSocialAccounts(deps.db)).filter((a) => a.status === 'active').length,
      emailOn: emailIsOn(deps.mailer),
      dayIs: day,
      schedule:
        digest.status === 'ready' && digest.scheduledFor !== null
          ? {
              when: formatSlot(digest.scheduledFor, timezone),
              kept: true,
              overdue: digest.scheduledFor <= deps.clock.now(),
            }
          : undefined,
    };
  };

  app.get('/', async (c) => {
    const prepared = await prepare(c);
    if (!prepared)
      return redirectWith(c, deps.signingKey, dayAddress('/admin/inbox', c.req.query('date')), {
        kind: 'error',
        text: t('desk.publish.preview.selectFirst'),
      });
    return adminPage(deps, c, {
      title: t('desk.publish.preview.title'),
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
          social={prepared.social}
          lang={prepared.lang}
          publish={await publishAsk(c, prepared.state)}
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
      `default-src 'self'; img-src ${IMAGE_SOURCES.join(' ')}; style-src 'self'; frame-src https://www.youtube-nocookie.com https://player.vimeo.com; frame-ancestors 'self'`,
    );
    return renderPage(
      c,
      <DigestPage
        site={prepared.site}
        content={prepared.content}
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
    const back = dayAddress('/admin/inbox/preview', c.req.query('date'), prepared?.lang);
    if (!prepared)
      return redirectWith(c, deps.signingKey, back, {
        kind: 'error',
        text: t('desk.publish.preview.selectBeforeTest'),
      });
    try {
      const to = await sendTestEmail(desk, deskActorOf(deps, c), prepared.date, prepared.site, prepared.lang);
      return redirectWith(c, deps.signingKey, back, {
        kind: 'ok',
        text: t('desk.publish.preview.testSent', { to }),
      });
    } catch (error) {
      if (error instanceof DeskError)
        return redirectWith(c, deps.signingKey, back, { kind: 'error', text: error.message });
      throw error;
    }
  });

  return app;
}
