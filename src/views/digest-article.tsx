// One digest as an article: date, intro, a correction note if any, and its entries as cards.
import { formatLongDate, sourceNameOf, type DigestContent } from '../publish/digest-content';
import { localDateOf } from '../time/zoned-time';
import { Picture } from './picture';

export function DigestArticle(props: {
  content: DigestContent;
  siteTitle: string;
  timezone: string;
  asPage: boolean;
}) {
  const { digest, entries } = props.content;
  // A digest without a title of its own is headed by its date; the site title is already in the masthead.
  const custom = digest.title.trim();
  const dateLabel = formatLongDate(digest.date);
  const label = custom || dateLabel;
  const heading = (
    <>
      {props.asPage ? (
        <h1>{label}</h1>
      ) : (
        <h2>
          <a href={`/digests/${digest.date}`}>{label}</a>
        </h2>
      )}
      {custom ? <time datetime={digest.date}>{dateLabel}</time> : null}
    </>
  );
  return (
    <article class="digest">
      <header>{heading}</header>
      <ChangeNotes content={props.content} timezone={props.timezone} />
      {digest.intro ? <p class="intro">{digest.intro}</p> : null}
      <ol class="entries">
        {entries.map((entry) => (
          <li class="entry" id={`entry-${entry.itemId}`}>
            <p class="school">
              <a href={`/schools/${entry.item.schoolSlug}`}>{entry.item.schoolName}</a>
            </p>
            {props.asPage ? (
              <h2>
                <a href={entry.item.url ?? '#'}>{entry.headline}</a>
              </h2>
            ) : (
              <h3>
                <a href={entry.item.url ?? '#'}>{entry.headline}</a>
              </h3>
            )}
            {entry.picture ? (
              <figure>
                <Picture
                  picture={entry.picture}
                  alt={entry.imageAlt ?? ''}
                  sizes="(min-width: 48rem) 42rem, 92vw"
                />
              </figure>
            ) : null}
            {entry.blurb ? <p>{entry.blurb}</p> : null}
            <p class="credit">
              From {sourceNameOf(entry)}
              {entry.item.author ? `, by ${entry.item.author}` : ''} ·{' '}
              {entry.item.url ? (
                <a href={entry.item.url}>
                  Read the full post<span class="visually-hidden">: {entry.headline}</span>
                </a>
              ) : null}
            </p>
          </li>
        ))}
      </ol>
    </article>
  );
}

/** Corrections and takedowns, said openly where the digest is read: what changed, and when. */
export function ChangeNotes(props: { content: DigestContent; timezone: string }) {
  const corrections = props.content.corrections ?? [];
  const removals = props.content.removals ?? [];
  if (corrections.length === 0 && removals.length === 0) return null;
  const day = (at: number) => formatLongDate(localDateOf(at, props.timezone));
  return (
    <div class="changes">
      {corrections.map((c) => (
        <p class="correction">
          <strong>Corrected on {day(c.at)}:</strong> {c.note}
        </p>
      ))}
      {removals.length ? (
        <p class="correction removed">
          <strong>Updated on {day(Math.max(...removals))}:</strong>{' '}
          {removals.length === 1 ? 'a post was' : `${removals.length} posts were`} removed from this digest.
        </p>
      ) : null}
    </div>
  );
}
