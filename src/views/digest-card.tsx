// A digest as a card on the home page, on the model of Casper's post cards: its lead picture, the date, its
// title and intro, its first three headlines and how many more, all leading to the digest's own page.
import { originalLangOf, type DigestContent } from '../publish/digest-content';
import { ChangeNotes } from './digest-article';
import { digestHeading, digestSummary } from './digest-summary';
import { DistrictWords, localPath, textOf, type SiteInfo } from './layout';
import { Picture } from './picture';
import { TranslationNotice } from './translation-notice';

const HEADLINES = 3;

export function DigestCard(props: {
  content: DigestContent;
  site: SiteInfo;
  timezone: string;
  lead?: boolean;
}) {
  const { digest, entries } = props.content;
  const text = textOf(props.site);
  const href = localPath(props.site, `/digests/${digest.date}`);
  const heading = digestHeading(digest, text);
  const pictured = entries.find((entry) => entry.picture);
  const more = entries.length - HEADLINES;
  return (
    <article
      class={['digest-card', props.lead ? 'lead' : '', pictured ? '' : 'words-only']
        .filter(Boolean)
        .join(' ')}
    >
      {pictured ? (
        <a href={href} class="card-picture" tabindex={-1} aria-hidden="true">
          <Picture
            picture={pictured.picture}
            alt=""
            sizes={props.lead ? '(min-width: 64rem) 60rem, 92vw' : '(min-width: 64rem) 29rem, 92vw'}
            eager={props.lead}
          />
        </a>
      ) : null}
      <div class="card-body">
        <p class="kicker">
          {heading.dated ? (
            <time datetime={digest.date}>{text.dayTitle(digest.date)}</time>
          ) : (
            text.t('digest.kicker')
          )}
        </p>
        <h2 class="card-title" lang={heading.dated ? originalLangOf(props.content, 'title') : undefined}>
          <a href={href}>
            {heading.dated ? heading.title : <time datetime={digest.date}>{heading.title}</time>}
          </a>
        </h2>
        <ChangeNotes content={props.content} timezone={props.timezone} text={text} />
        <TranslationNotice content={props.content} site={props.site} />
        {digest.intro ? (
          <p class="card-intro" dir="auto" lang={originalLangOf(props.content, 'intro')}>
            {digest.intro}
          </p>
        ) : null}
        <ul class="card-headlines">
          {entries.slice(0, HEADLINES).map((entry) => (
            <li>
              <span class="school">
                <DistrictWords site={props.site}>{entry.item.schoolName}</DistrictWords>
              </span>{' '}
              <a
                href={`${href}#entry-${entry.itemId}`}
                dir="auto"
                lang={originalLangOf(props.content, `headline:${entry.itemId}`)}
              >
                {entry.headline}
              </a>
            </li>
          ))}
        </ul>
        <p class="card-more">
          <a href={href}>
            {more > 0 ? text.t('card.more', { count: more }) : text.t('card.read')}
            <span class="visually-hidden"> {text.t('card.of', { date: text.longDate(digest.date) })}</span>
          </a>
          <span class="muted"> · {digestSummary(entries, text)}</span>
        </p>
      </div>
    </article>
  );
}
