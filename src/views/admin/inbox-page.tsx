// The inbox: one day's posts from authorized sources, grouped by school, to tick into the digest.
import type { Digest } from '../../db/digests';
import type { InboxItem } from '../../db/items';
import { formatDateTime, formatTime } from '../../time/format';
import { formatLongDate } from '../../publish/digest-content';
import { CsrfField } from '../admin-layout';

export interface SchoolGroup {
  schoolName: string;
  items: InboxItem[];
}

export interface InboxPageProps {
  date: string;
  previousDate: string;
  nextDate: string;
  timezone: string;
  groups: SchoolGroup[];
  digest: Digest | undefined;
  selectedIds: Set<number>;
  csrfToken: string;
  publicUrl: string;
}

export function InboxPage(props: InboxPageProps) {
  const { digest } = props;
  const published = digest?.status === 'published';
  const itemCount = props.groups.reduce((n, g) => n + g.items.length, 0);
  return (
    <>
      <h1>Inbox for {formatLongDate(props.date)}</h1>
      <div class="datebar">
        <a href={`/admin/inbox?date=${props.previousDate}`}>← Previous day</a>
        <form method="get" action="/admin/inbox">
          <label for="date" class="muted" style="margin:0">
            Day
          </label>
          <input type="date" id="date" name="date" value={props.date} required />
          <button type="submit" class="secondary">
            Show
          </button>
        </form>
        <a href={`/admin/inbox?date=${props.nextDate}`}>Next day →</a>
        <span class="muted small">Days run midnight to midnight, {props.timezone}.</span>
      </div>
      {published ? (
        <div class="flash info" role="status">
          This digest was published{' '}
          {digest.publishedAt ? `on ${formatDateTime(digest.publishedAt, props.timezone)}` : ''}.{' '}
          <a href={`/digests/${props.date}`}>View it on the public site</a>.
        </div>
      ) : null}
      <form method="post" action={`/admin/inbox?date=${props.date}`} class="desk">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="version" value={String(digest?.version ?? 0)} />
        <div>
          {itemCount === 0 ? (
            <div class="card">
              <p>No posts were published on this day by authorized sources.</p>
              <p class="muted small">
                Feeds are checked every half hour. To check now, go to <a href="/admin/sources">Sources</a>{' '}
                and press “Fetch now”.
              </p>
            </div>
          ) : (
            props.groups.map((group) => (
              <fieldset class="school-group">
                <legend>
                  {group.schoolName} <span class="muted small">({group.items.length})</span>
                </legend>
                {group.items.map((item) => (
                  <ItemRow
                    item={item}
                    checked={props.selectedIds.has(item.id)}
                    disabled={published}
                    timezone={props.timezone}
                  />
                ))}
              </fieldset>
            ))
          )}
        </div>
        <aside class="card">
          <h2 style="margin-top:0">Digest</h2>
          <p class="muted small">
            {published
              ? 'Published digests are read-only here.'
              : `${props.selectedIds.size} selected. Selected posts appear in the order shown.`}
          </p>
          <label for="title">Title</label>
          <input
            type="text"
            id="title"
            name="title"
            value={digest?.title ?? ''}
            placeholder="What happened yesterday"
            maxlength={200}
            disabled={published}
          />
          <label for="intro">Intro line</label>
          <textarea id="intro" name="intro" maxlength={1000} disabled={published}>
            {digest?.intro ?? ''}
          </textarea>
          <p class="hint">A sentence or two that opens the digest.</p>
          {published ? null : (
            <div class="actions">
              <button type="submit" name="action" value="save" class="secondary">
                Save draft
              </button>
              <button type="submit" name="action" value="publish">
                Publish
              </button>
            </div>
          )}
        </aside>
      </form>
    </>
  );
}

function ItemRow({
  item,
  checked,
  disabled,
  timezone,
}: {
  item: InboxItem;
  checked: boolean;
  disabled: boolean;
  timezone: string;
}) {
  const id = `item-${item.id}`;
  return (
    <div class="item">
      <input
        type="checkbox"
        id={id}
        name="item"
        value={String(item.id)}
        checked={checked}
        disabled={disabled}
        aria-describedby={`${id}-meta`}
      />
      {item.imageUrl ? (
        <img class="thumb" src={item.imageUrl} alt="" loading="lazy" referrerpolicy="no-referrer" />
      ) : (
        <span class="thumb none" aria-hidden="true">
          No image
        </span>
      )}
      <div>
        <h3>
          <label for={id}>{item.title}</label>
          {item.titleDerived ? <span class="badge neutral small"> title from text</span> : null}
        </h3>
        <div class="meta" id={`${id}-meta`}>
          {item.sourceTitle ?? item.sourceUrl} · {formatTime(item.publishedAt, timezone)}
          {item.dateEstimated ? ' (time estimated)' : ''}
          {item.mediaRelease ? '' : ' · no media release'}
        </div>
        {item.summary ? <p class="excerpt">{item.summary.slice(0, 240)}</p> : null}
        {item.url ? (
          <a class="small" href={item.url} target="_blank" rel="noopener noreferrer">
            Open the original post<span class="muted"> (opens in a new tab)</span>
          </a>
        ) : null}
      </div>
    </div>
  );
}
