// /embed: the latest digest (or the latest few, or one date, or one school's slice) in a compact card made
// to sit in an iframe on the district's site. Links open in a new tab; the frame reports its height.
import { TranslationNotice } from './translation-notice';
import { Picture } from './picture';
import type { Child } from 'hono/jsx';
import { originalLangOf, type DigestContent } from '../publish/digest-content';
import { assetUrl } from './assets';
import { ChangeNotes, creditOf } from './digest-article';
import { BrandStylesheet, DistrictWords, localPath, subscribeHref, textOf, type SiteInfo } from './layout';
import { AddressSuggestion } from './subscribe-pages';

export function EmbedPage(props: {
  site: SiteInfo;
  contents: DigestContent[];
  school?: { slug: string; name: string };
  /** No header of its own: for district sites that have theirs (data-theme="plain"). */
  plain?: boolean;
  /** What this embed shows (embedQuery), for the way back from its sign-up's answer. */
  back?: string;
  /** Its address names a school or a date there is nothing for: said inside the frame, not as a broken box. */
  nothingHere?: boolean;
}) {
  const { site } = props;
  const text = textOf(site);
  const out = { target: '_blank', rel: 'noopener' };
  const page = (path: string) => `${site.publicUrl}${localPath(site, path)}`;
  const home = props.school ? page(`/schools/${props.school.slug}`) : page('/');
  return (
    <EmbedDocument title={`${site.siteTitle} · ${site.districtName}`} site={site}>
      <main class={props.plain ? 'embed plain' : 'embed'}>
        {props.plain ? (
          <h1 class="visually-hidden">{site.siteTitle}</h1>
        ) : (
          <header>
            <span class="district">
              <DistrictWords site={site}>
                {props.school ? `${site.districtName} · ${props.school.name}` : site.districtName}
              </DistrictWords>
            </span>
            <h1>
              <a href={home} {...out}>
                {site.siteTitle}
              </a>
            </h1>
          </header>
        )}
        {props.contents.length === 0 ? (
          <p class="empty">{props.nothingHere ? text.t('embed.nothingHere') : text.t('embed.empty')}</p>
        ) : null}
        {props.contents.map((content) => {
          const { digest, entries } = content;
          const url = page(`/digests/${digest.date}`);
          return (
            <section class="day" aria-label={text.longDate(digest.date)}>
              {/* A titled digest says its day above the title, as the blog does: readers on the district's
                  site must see which day they are reading. */}
              {digest.title.trim() ? <p class="when">{text.dayTitle(digest.date)}</p> : null}
              <h2 lang={digest.title.trim() ? originalLangOf(content, 'title') : undefined}>
                <a href={url} {...out}>
                  {digest.title.trim() || text.dayTitle(digest.date)}
                </a>
              </h2>
              <ChangeNotes content={content} timezone={site.timezone} text={text} />
              <TranslationNotice content={content} site={site} />
              {digest.intro ? (
                <p class="intro" dir="auto" lang={originalLangOf(content, 'intro')}>
                  {digest.intro}
                </p>
              ) : null}
              <ul class="posts">
                {entries.map((entry) => (
                  <li class="post">
                    <Picture
                      picture={entry.picture}
                      alt={entry.imageAlt ?? ''}
                      lang={originalLangOf(content, `alt:${entry.itemId}`)}
                      sizes="88px"
                    />
                    <div>
                      <p class="school">
                        <DistrictWords site={site}>{entry.item.schoolName}</DistrictWords>
                      </p>
                      <h3 dir="auto" lang={originalLangOf(content, `headline:${entry.itemId}`)}>
                        <a href={entry.item.url ?? url} {...out}>
                          {entry.headline}
                        </a>
                      </h3>
                      <p>{creditOf(entry, text)}</p>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
        <footer>
          <a href={home} {...out}>
            {text.t('embed.more', { title: site.siteTitle })}
          </a>
          <EmbedSubscribeForm site={site} school={props.school} back={props.back} />
        </footer>
      </main>
    </EmbedDocument>
  );
}

/** The embed's own parameters, as its address carries them; anything else (a frame id, a typo) left out. */
const EMBED_PARAMETERS: Record<string, RegExp> = {
  count: /^\d{1,2}$/,
  school: /^[a-z0-9-]{1,80}$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  theme: /^plain$/,
  lang: /^[a-z]{2,3}$/,
};

/** The query that shows this embed again ("count=1&school=lincoln"), from an address or a form's field. */
export function embedQuery(raw: string | URLSearchParams | undefined): string {
  const given = raw instanceof URLSearchParams ? raw : new URLSearchParams(raw ?? '');
  const kept = new URLSearchParams();
  for (const [key, pattern] of Object.entries(EMBED_PARAMETERS)) {
    const value = given.get(key);
    if (value && pattern.test(value)) kept.set(key, value);
  }
  return kept.toString();
}

/** Sign-up inside the embed: one field, posted to this site (the frame), answered by a compact page. */
export function EmbedSubscribeForm(props: {
  site: SiteInfo;
  school?: { slug: string; name: string };
  email?: string;
  error?: string;
  /** The address the parent probably meant (address-typos.ts). */
  suggestion?: string;
  back?: string;
}) {
  const { site, school } = props;
  const text = textOf(site);
  return (
    <form class="subscribe" method="post" action="/subscribe?embed=1" novalidate>
      <input type="hidden" name="language" value={text.lang} />
      <input type="hidden" name="form_language" value={text.lang} />
      {props.back ? <input type="hidden" name="embed_back" value={props.back} /> : null}
      <label for="embed-email">
        {school ? text.t('embed.byEmailFor', { school: school.name }) : text.t('embed.byEmail')}
      </label>
      {props.error ? (
        <p class="error" role="alert" id="embed-email-error">
          {props.error}
        </p>
      ) : null}
      <div class="row">
        <input
          type="email"
          dir="ltr"
          id="embed-email"
          name="email"
          autocomplete="email"
          required
          value={props.email ?? ''}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={
            props.error
              ? 'embed-email-error embed-consent'
              : props.suggestion
                ? 'embed-email-suggestion embed-consent'
                : 'embed-consent'
          }
        />
        {school ? <input type="hidden" name="schools" value={school.slug} /> : null}
        {props.suggestion ? null : <button type="submit">{text.t('subscribe.button')}</button>}
      </div>
      {props.suggestion ? (
        <AddressSuggestion
          site={site}
          id="embed-email-suggestion"
          typed={props.email ?? ''}
          suggested={props.suggestion}
        />
      ) : null}
      <p class="consent" id="embed-consent">
        {text.t('subscribe.consent')} {text.t('embed.confirmFirst')}{' '}
        <a href={`${site.publicUrl}${subscribeHref(site, school?.slug)}`} target="_blank" rel="noopener">
          {text.t('signup.choose')}
        </a>
      </p>
    </form>
  );
}

/** What the embed shows after its form was sent: the outcome, or the form again with what is wrong. */
export function EmbedSubscribePage(props: {
  site: SiteInfo;
  school?: { slug: string; name: string };
  sent?: boolean;
  email?: string;
  error?: string;
  suggestion?: string;
  /** The embed the form was in (embedQuery), to go back to as it was. */
  back?: string;
}) {
  const { site } = props;
  const text = textOf(site);
  const pairs: [string, string][] = [];
  if (props.school) pairs.push(['school', props.school.slug]);
  if (site.lang && site.lang !== site.languages?.[0]) pairs.push(['lang', site.lang]);
  const back = props.back ?? new URLSearchParams(pairs).toString();
  // Framed as the embed it came from: without a header of its own under a district site's (data-theme="plain").
  const plain = new URLSearchParams(back).get('theme') === 'plain';
  const backLink = (
    <p class="back">
      <a href={`/embed${back ? `?${back}` : ''}`}>{text.t('embed.back')}</a>
    </p>
  );
  return (
    <EmbedDocument title={`${text.t('signup.title')} · ${site.districtName}`} site={site}>
      <main class={plain ? 'embed plain' : 'embed'}>
        {plain ? (
          <h1 class="visually-hidden">{site.siteTitle}</h1>
        ) : (
          <header>
            <span class="district">
              <DistrictWords site={site}>{site.districtName}</DistrictWords>
            </span>
            <h1>{site.siteTitle}</h1>
          </header>
        )}
        {props.sent ? (
          <div class="sent" role="status">
            <p>
              <strong>{text.t('subscribe.checkInbox')}</strong> {text.t('subscribe.sent')}
            </p>
            {props.email ? (
              <p>
                {text.t('subscribe.sentTo')}{' '}
                <bdi dir="ltr">
                  <strong>{props.email}</strong>
                </bdi>
              </p>
            ) : null}
            {backLink}
          </div>
        ) : (
          <footer>
            <EmbedSubscribeForm
              site={site}
              school={props.school}
              email={props.email}
              error={props.error}
              suggestion={props.suggestion}
              back={back}
            />
            {backLink}
          </footer>
        )}
      </main>
    </EmbedDocument>
  );
}

/** The frame's document: not indexed, embed styles, and the script that reports its height to the page. */
function EmbedDocument(props: { title: string; site: SiteInfo; children: Child }) {
  const text = textOf(props.site);
  return (
    // A light card on whatever page holds it: the brand's shades for dark pages (brandCss) are not for it.
    <html lang={text.lang} dir={text.dir} class="light-only">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{props.title}</title>
        <link rel="stylesheet" href={assetUrl('embed.css')} />
        <BrandStylesheet site={props.site} />
        <script src={assetUrl('embed-frame.js')} defer></script>
      </head>
      <body>{props.children}</body>
    </html>
  );
}
