// One digest as an article: date, intro, a correction note if any, and its entries as cards.
import type { DigestEntryWithItem } from '../db/digests';
import { translator, type Translator } from '../i18n/translate';
import {
  originalLangOf,
  sourceNameOf,
  type ContentText,
  type DigestContent,
} from '../publish/digest-content';
import { localDateOf } from '../time/zoned-time';
import { digestHeading, digestSummary } from './digest-summary';
import { DistrictWords, localPath, textOf, type SiteInfo } from './layout';
import { Picture } from './picture';
import { TranslationNotice } from './translation-notice';

export function DigestArticle(props: {
  content: DigestContent;
  site: SiteInfo;
  timezone: string;
  asPage: boolean;
}) {
  const { digest, entries } = props.content;
  const text = textOf(props.site);
  const heading = digestHeading(digest, text);
  const title = heading.dated ? heading.title : <time datetime={digest.date}>{heading.title}</time>;
  const titleLang = heading.dated ? originalLangOf(props.content, 'title') : undefined;
  const lang = (which: ContentText) => originalLangOf(props.content, which);
  const header = (
    <>
      <p class="kicker">
        {heading.dated ? (
          <time datetime={digest.date}>{text.dayTitle(digest.date)}</time>
        ) : (
          text.t('digest.kicker')
        )}
      </p>
      {props.asPage ? (
        <h1 lang={titleLang}>{title}</h1>
      ) : (
        <h2 lang={titleLang}>
          <a href={localPath(props.site, `/digests/${digest.date}`)}>{title}</a>
        </h2>
      )}
      <p class="meta">{digestSummary(entries, text)}</p>
    </>
  );
  // Each school's first entry (where its feed links) and the first picture (loaded at once), found once.
  const firstBySchool = new Map<string, (typeof entries)[number]>();
  for (const entry of entries)
    if (!firstBySchool.has(entry.item.schoolSlug)) firstBySchool.set(entry.item.schoolSlug, entry);
  const firstOfSchool = new Set(firstBySchool.values());
  const firstPictured = entries.find((entry) => entry.picture);
  return (
    <article class="digest">
      <header>{header}</header>
      <ChangeNotes content={props.content} timezone={props.timezone} text={text} />
      <TranslationNotice content={props.content} site={props.site} />
      {digest.intro ? (
        <p class="intro" dir="auto" lang={lang('intro')}>
          {digest.intro}
        </p>
      ) : null}
      <ol class="entries">
        {entries.map((entry) => (
          <li class="entry" id={`entry-${entry.itemId}`}>
            {/* A school's feed links its part of the digest here: to the school's first entry. */}
            <p
              class="school"
              id={props.asPage && firstOfSchool.has(entry) ? `school-${entry.item.schoolSlug}` : undefined}
            >
              <a href={localPath(props.site, `/schools/${entry.item.schoolSlug}`)}>
                <DistrictWords site={props.site}>{entry.item.schoolName}</DistrictWords>
              </a>
            </p>
            {props.asPage ? (
              <h2 dir="auto" lang={lang(`headline:${entry.itemId}`)}>
                <a href={entry.item.url ?? '#'}>{entry.headline}</a>
              </h2>
            ) : (
              <h3 dir="auto" lang={lang(`headline:${entry.itemId}`)}>
                <a href={entry.item.url ?? '#'}>{entry.headline}</a>
              </h3>
            )}
            {entry.picture ? (
              <figure>
                <Picture
                  picture={entry.picture}
                  alt={entry.imageAlt ?? ''}
                  lang={lang(`alt:${entry.itemId}`)}
                  sizes="(min-width: 48rem) 42rem, 92vw"
                  eager={props.asPage && entry === firstPictured}
                />
              </figure>
            ) : null}
            {entry.blurb ? (
              <p dir="auto" lang={lang(`blurb:${entry.itemId}`)}>
                {entry.blurb}
              </p>
            ) : null}
            <p class="credit">
              {creditOf(entry, text)}
              {entry.item.url ? ' · ' : ''}
              {entry.item.url ? (
                <a href={entry.item.url}>
                  {text.t('digest.readFull')}
                  <span class="visually-hidden">
                    : <span lang={lang(`headline:${entry.itemId}`)}>{entry.headline}</span>
                  </span>
                </a>
              ) : null}
            </p>
          </li>
        ))}
      </ol>
    </article>
  );
}

/**
 * Who a post is from: the account, and its author when that says something more ("From Room 12, by Ms. Diaz",
 * never "From Oak Hill Robotics, by Oak Hill Robotics").
 */
export function creditOf(entry: DigestEntryWithItem, text: Translator = translator('en')): string {
  const source = sourceNameOf(entry);
  const author = entry.item.author?.trim();
  const same = (a: string, b: string) =>
    a.toLowerCase().replace(/\W+/g, '') === b.toLowerCase().replace(/\W+/g, '');
  if (!author || same(author, source) || same(author, entry.item.schoolName))
    return text.t('digest.from', { source });
  return text.t('digest.fromBy', { source, author });
}

/** Corrections and takedowns, said openly where the digest is read: what changed, and when. */
export function ChangeNotes(props: { content: DigestContent; timezone: string; text?: Translator }) {
  const corrections = props.content.corrections ?? [];
  const removals = props.content.removals ?? [];
  if (corrections.length === 0 && removals.length === 0) return null;
  const text = props.text ?? translator('en');
  const day = (at: number) => text.longDate(localDateOf(at, props.timezone));
  return (
    <div class="changes">
      {corrections.map((c, i) => (
        <p class="correction">
          <strong>{text.t('digest.corrected', { date: day(c.at) })}</strong>{' '}
          <span dir="auto" lang={originalLangOf(props.content, `note:${i}`)}>
            {c.note}
          </span>
        </p>
      ))}
      {removals.length ? (
        <p class="correction removed">
          <strong>{text.t('digest.updated', { date: day(Math.max(...removals.map((r) => r.at))) })}</strong>{' '}
          {text.t('digest.removed', { count: removals.length })} {text.t('digest.sorry')}
        </p>
      ) : null}
    </div>
  );
}
