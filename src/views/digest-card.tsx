// A digest as a card on the home page, on the model of Casper's post cards: its lead picture, the date, its
// title and intro, its first three headlines and how many more, all leading to the digest's own page.
import { formatLongDate, type DigestContent } from '../publish/digest-content';
import { plural } from '../text/plural';
import { digestHeading, digestSummary } from './digest-summary';
import { ChangeNotes } from './digest-article';
import { Picture } from './picture';

const HEADLINES = 3;

export function DigestCard(props: { content: DigestContent; timezone: string; lead?: boolean }) {
  const { digest, entries } = props.content;
  const href = `/digests/${digest.date}`;
  const heading = digestHeading(digest);
  const pictured = entries.find((entry) => entry.picture);
  const more = entries.length - HEADLINES;
  return (
    <article class={props.lead ? 'digest-card lead' : 'digest-card'}>
      {pictured ? (
        <a href={href} class="card-picture" tabindex={-1} aria-hidden="true">
          <Picture
            picture={pictured.picture}
            alt=""
            sizes={props.lead ? '(min-width: 64rem) 60rem, 92vw' : '(min-width: 64rem) 29rem, 92vw'}
          />
        </a>
      ) : null}
      <div class="card-body">
        <p class="kicker">
          {heading.dated ? (
            <time datetime={digest.date}>{formatLongDate(digest.date)}</time>
          ) : (
            'The daily digest'
          )}
        </p>
        <h2 class="card-title">
          <a href={href}>
            {heading.dated ? heading.title : <time datetime={digest.date}>{heading.title}</time>}
          </a>
        </h2>
        <ChangeNotes content={props.content} timezone={props.timezone} />
        {digest.intro ? <p class="card-intro">{digest.intro}</p> : null}
        <ul class="card-headlines">
          {entries.slice(0, HEADLINES).map((entry) => (
            <li>
              <span class="school">{entry.item.schoolName}</span>{' '}
              <a href={`${href}#entry-${entry.itemId}`}>{entry.headline}</a>
            </li>
          ))}
        </ul>
        <p class="card-more">
          <a href={href}>
            {more > 0 ? `${plural(more, 'more post')} in this digest` : 'Read the digest'}
            <span class="visually-hidden"> of {formatLongDate(digest.date)}</span>
          </a>
          <span class="muted"> · {digestSummary(entries)}</span>
        </p>
      </div>
    </article>
  );
}
