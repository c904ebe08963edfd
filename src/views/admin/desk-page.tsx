// The desk: one day's digest being curated (title, intro, ordered entries with their checks) beside the day's
// posts from authorized accounts. One form, so every button, with or without JavaScript, sends all edits; each
// button posts to its own action's path (formaction), and pressing Enter saves the draft.
import { SocialPostsPanel } from './social-posts';
import { can, type DeskState } from '../../curate/desk';
import type { Role } from '../../db/users';
import type { InboxItem } from '../../db/items';
import { formatLongDate } from '../../publish/digest-content';
import { formatDateTime, formatTime } from '../../time/format';
import { plural } from '../../text/plural';
import type { QuietSchools } from '../../reports/quiet-schools';
import { assetUrl } from '../assets';
import { CsrfField } from '../admin-layout';
import { deskAction, EntryCard, FindingSlot } from './desk-entry';
import { TranslationTabs } from './desk-translation-page';

export interface DeskPageProps {
  state: DeskState;
  role: Role;
  userId: number;
  csrfToken: string;
  previousDate: string;
  nextDate: string;
  /** Set when a save was refused: the stored version, shown beside the user's unsaved one. */
  theirs?: DeskState;
  names: Map<number, string>;
  /** A correction note typed before the correction was refused, shown again. */
  correctionNote?: string;
  /** No email provider is configured: publishing puts the digest on the site and in the feeds only. */
  emailOff?: boolean;
  /**
   * When the scheduler would publish this digest: its own slot, said in full ("Fri, Dec 4, 7:00 AM"), or, once
   * that has passed, late: the desk then offers Publish now instead of a later day's slot.
   */
  schedule?: { slotLabel: string } | { lateSince: string };
  /** Schools not featured for some weeks, by name, labelled so the coordinator's eye goes there first. */
  quiet?: QuietSchools;
}

/** The desk's one-line verdict of the checks: "1 open finding", "All checks pass". */
export function checksLabel(open: number): string {
  return open ? plural(open, 'open finding') : 'All checks pass';
}

export function DeskPage(props: DeskPageProps) {
  const { state, role } = props;
  const { digest } = state;
  const published = digest?.status === 'published';
  // A published digest is corrected (with a note) by those who may publish; nobody edits a taken-down one.
  const readOnly = digest?.status === 'unpublished' || (published && !can(role, 'publish'));
  const correcting = published && !readOnly;
  const selected = new Set(state.entries.map((e) => e.itemId));
  const digestFindings = state.findings.filter((f) => f.itemId === 0);
  const canApprove =
    can(role, 'approve') &&
    state.approval.required &&
    !state.approval.approved &&
    !!digest &&
    digest.updatedBy !== props.userId;
  return (
    <>
      <h1>Inbox for {formatLongDate(state.date)}</h1>
      <div class="datebar">
        <a href={`/admin/inbox?date=${props.previousDate}`}>← Previous day</a>
        <form method="get" action="/admin/inbox">
          <label for="date" class="muted inline-label">
            Day
          </label>
          <input type="date" id="date" name="date" value={state.date} required />
          <button type="submit" class="secondary">
            Show
          </button>
        </form>
        <a href={`/admin/inbox?date=${props.nextDate}`}>Next day →</a>
        <span class="muted small">Days run midnight to midnight, {state.settings.timezone}.</span>
      </div>
      <TranslationTabs date={state.date} languages={state.settings.languages} />
      <StatusLine {...props} />
      {props.theirs ? <ConflictPanel theirs={props.theirs} /> : null}
      <form
        method="post"
        action={deskAction(state.date, 'save')}
        class="desk"
        id="desk"
        data-autosave={readOnly || published ? undefined : 'on'}
      >
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="version" value={String((props.theirs ?? state).digest?.version ?? 0)} />
        <div class="desk-main">
          {readOnly || published ? null : <Toolbar {...props} canApprove={canApprove} />}
          {correcting ? <CorrectionPanel {...props} /> : null}
          <SocialPostsPanel posts={props.state.social} />
          <section class="card" aria-labelledby="digest-heading">
            <h2 id="digest-heading" class="card-heading">
              The digest
            </h2>
            <FindingSlot
              date={state.date}
              findings={digestFindings}
              itemId={0}
              canOverride={can(role, 'override') && !readOnly}
            />
            <label for="title">Title</label>
            <input
              type="text"
              id="title"
              name="title"
              value={digest?.title ?? ''}
              placeholder={state.settings.siteTitle}
              maxlength={200}
              disabled={readOnly}
            />
            <label for="intro">Intro</label>
            <textarea id="intro" name="intro" maxlength={1000} disabled={readOnly}>
              {digest?.intro ?? ''}
            </textarea>
            <p class="hint">A sentence or two that opens the digest.</p>
          </section>
          {state.entries.length === 0 ? (
            <div class="card">
              <p>No posts selected yet. Add posts from the list of the day’s posts.</p>
            </div>
          ) : (
            <ol class="entry-list" aria-label="Posts in the digest, in order">
              {state.entries.map((entry, position) => (
                <EntryCard
                  date={state.date}
                  entry={entry}
                  position={position}
                  count={state.entries.length}
                  canOverride={can(role, 'override')}
                  readOnly={readOnly}
                  published={published}
                  timezone={state.settings.timezone}
                />
              ))}
            </ol>
          )}
          {published && can(role, 'publish') ? (
            <section class="card" aria-labelledby="unpublish-heading">
              <h2 id="unpublish-heading" class="card-heading">
                Take this digest down
              </h2>
              <label for="unpublish-reason">Why (kept in the audit log)</label>
              <textarea id="unpublish-reason" name="unpublish_reason" maxlength={500}></textarea>
              <div class="actions">
                <button type="submit" formaction={deskAction(state.date, 'unpublish')} class="danger">
                  Unpublish
                </button>
              </div>
            </section>
          ) : null}
        </div>
        <aside class="desk-items" aria-labelledby="posts-heading">
          <h2 id="posts-heading">The day’s posts</h2>
          {state.items.length === 0 ? (
            <p class="card">
              No posts from authorized accounts on this day. Feeds are checked every half hour;{' '}
              <a href="/admin/sources">check them now</a>.
            </p>
          ) : (
            groupBySchool(state.items).map(([school, items]) => (
              <section class="school-group" aria-label={school}>
                <h3>
                  {school} <span class="muted small">({items.length})</span>{' '}
                  <QuietLabel school={school} quiet={props.quiet} />
                </h3>
                {items.map((item) => (
                  <ItemRow
                    date={state.date}
                    item={item}
                    selected={selected.has(item.id)}
                    readOnly={readOnly || published}
                    timezone={state.settings.timezone}
                  />
                ))}
              </section>
            ))
          )}
        </aside>
      </form>
      <script src={assetUrl('desk.js')} defer></script>
    </>
  );
}

function StatusLine(props: DeskPageProps) {
  const { state, names } = props;
  const { digest } = state;
  if (!digest) return <p class="status-line muted">Nothing saved for this day yet.</p>;
  const parts: string[] = [];
  if (digest.status === 'published')
    parts.push(
      `Published ${digest.publishedAt ? formatDateTime(digest.publishedAt, state.settings.timezone) : ''}`,
    );
  else if (digest.status === 'ready')
    parts.push(
      `Ready: goes out ${digest.scheduledFor ? formatDateTime(digest.scheduledFor, state.settings.timezone) : `at ${state.settings.publishTime}`}`,
    );
  else if (digest.status === 'unpublished') parts.push(`Taken down: ${digest.unpublishReason ?? ''}`);
  else parts.push('Draft');
  parts.push(
    `version ${digest.version}, saved ${formatDateTime(digest.updatedAt, state.settings.timezone)}${digest.updatedBy ? ` by ${names.get(digest.updatedBy) ?? 'someone'}` : ''}`,
  );
  if (digest.submittedAt)
    parts.push(
      `submitted for review by ${digest.submittedBy ? (names.get(digest.submittedBy) ?? 'someone') : 'the API'}`,
    );
  if (state.approval.required)
    parts.push(
      state.approval.approved
        ? `approved by ${names.get(digest.approvedBy!) ?? 'someone'}`
        : 'needs a second person’s approval',
    );
  return (
    <p class="status-line" role="status" id="desk-status">
      <span>{parts.join(' · ')}</span>
      {digest.status !== 'published' ? (
        <span class={state.open.length ? 'badge warn' : 'badge ok'} id="desk-checks">
          {checksLabel(state.open.length)}
        </span>
      ) : (
        <a href={`/digests/${state.date}`}>View it on the public site</a>
      )}
    </p>
  );
}

function Toolbar(props: DeskPageProps & { canApprove: boolean }) {
  const { role, state } = props;
  const hasEntries = state.entries.length > 0;
  const action = (name: string) => deskAction(state.date, name);
  return (
    <div class="toolbar" role="group" aria-label="Digest actions">
      <button type="submit" formaction={action('save')}>
        Save draft
      </button>
      <button type="submit" formaction={action('preview')} class="secondary" disabled={!hasEntries}>
        Preview
      </button>
      {can(role, 'publish') ? (
        <>
          {props.canApprove ? (
            <button type="submit" formaction={action('approve')} class="secondary">
              Approve this version
            </button>
          ) : null}
          {props.schedule && 'lateSince' in props.schedule ? null : (
            <button type="submit" formaction={action('ready')} class="secondary" disabled={!hasEntries}>
              {props.schedule
                ? `Publish ${props.schedule.slotLabel}`
                : `Publish at ${state.settings.publishTime}`}
            </button>
          )}
          <button type="submit" formaction={action('publish')} disabled={!hasEntries}>
            Publish now
          </button>
        </>
      ) : (
        <button type="submit" formaction={action('submit')} class="secondary" disabled={!hasEntries}>
          Submit for review
        </button>
      )}
      <span class="autosave-status muted small" aria-live="polite"></span>
      {can(role, 'publish') && props.schedule && 'lateSince' in props.schedule ? (
        <p class="small late-notice">
          This digest is late: its publish time, {props.schedule.lateSince}, has passed. Publish it now.
        </p>
      ) : null}
      {props.emailOff ? <EmailOffNotice /> : null}
    </div>
  );
}

function EmailOffNotice() {
  return (
    <p class="hint email-off" role="note">
      Email is off: no email provider is configured, so publishing puts the digest on the site and in the
      feeds, and sends no email.
    </p>
  );
}

/** On a published digest: edits above become a correction, published with a note readers see. */
function CorrectionPanel(props: DeskPageProps) {
  const { state } = props;
  const { corrections } = state;
  const alreadyEmailed = corrections.some((c) => c.emailed);
  return (
    <section class="card correction-panel" aria-labelledby="correction-heading">
      <h2 id="correction-heading" class="card-heading">
        Correct this digest
      </h2>
      <p class="hint">
        It is published. Change the text below, move or take down posts, then explain the correction: readers
        see the note on the page, in the feeds and in the embed.
      </p>
      {corrections.length ? (
        <ul class="small">
          {corrections.map((c) => (
            <li>
              Corrected {formatDateTime(c.at, state.settings.timezone)}: {c.note}
              {c.emailed ? ' (emailed)' : ''}
            </li>
          ))}
        </ul>
      ) : null}
      <label for="correction-note">Correction note</label>
      <textarea
        id="correction-note"
        name="correction_note"
        maxlength={500}
        aria-describedby="correction-note-hint"
      >
        {props.correctionNote ?? ''}
      </textarea>
      <p class="hint" id="correction-note-hint">
        What was wrong and what changed, for example: “An earlier version gave a student’s full name. We are
        sorry.”
      </p>
      <label class="check-label">
        <input
          type="checkbox"
          name="correction_email"
          value="1"
          disabled={alreadyEmailed || state.recipients === 0 || props.emailOff}
        />{' '}
        {props.emailOff
          ? 'Email is off (no email provider is configured), so no correction email can go out.'
          : alreadyEmailed
            ? 'A correction email already went out for this digest; this one shows on the site and in the feeds.'
            : `Email a short correction to the ${state.recipients} ${state.recipients === 1 ? 'person' : 'people'} who received it`}
      </label>
      <div class="actions">
        <button type="submit" formaction={deskAction(state.date, 'correct')}>
          Publish correction
        </button>
      </div>
    </section>
  );
}

function ConflictPanel({ theirs }: { theirs: DeskState }) {
  return (
    <section class="card conflict" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading" class="card-heading">
        The version someone else saved
      </h2>
      <p>
        Your version is in the form below; the digest as saved now is <strong>theirs</strong>, shown here.
        Compare, then press <em>Save draft</em> to keep your version (it replaces theirs), or{' '}
        <a href={`/admin/inbox?date=${theirs.date}`}>take theirs</a>.
      </p>
      <dl class="kv">
        <dt>Title</dt>
        <dd>{theirs.digest?.title || '(none)'}</dd>
        <dt>Intro</dt>
        <dd>{theirs.digest?.intro || '(none)'}</dd>
        <dt>Posts</dt>
        <dd>
          <ol>
            {theirs.entries.map((e) => (
              <li>
                <strong>{e.headline}</strong>
                {e.blurb ? ` — ${e.blurb}` : ''}
              </li>
            ))}
          </ol>
        </dd>
      </dl>
    </section>
  );
}

function ItemRow({
  date,
  item,
  selected,
  readOnly,
  timezone,
}: {
  date: string;
  item: InboxItem;
  selected: boolean;
  readOnly: boolean;
  timezone: string;
}) {
  return (
    <article class={`item${selected ? ' selected' : ''}`} id={`item-${item.id}`}>
      {item.imageUrl ? (
        <img class="thumb" src={item.imageUrl} alt="" loading="lazy" referrerpolicy="no-referrer" />
      ) : (
        <span class="thumb none" aria-hidden="true">
          No image
        </span>
      )}
      <div>
        <h4>
          {item.title}
          {item.titleDerived ? <span class="badge neutral small"> title from text</span> : null}
        </h4>
        <div class="meta">
          {item.sourceTitle ?? item.sourceUrl} · {formatTime(item.publishedAt, timezone)}
          {item.dateEstimated ? ' (time estimated)' : ''}
          {item.mediaRelease ? '' : ' · no media release'}
        </div>
        {item.summary ? <p class="excerpt">{item.summary.slice(0, 200)}</p> : null}
        <div class="item-actions">
          {item.url ? (
            <a class="small" href={item.url} target="_blank" rel="noopener noreferrer">
              Original post<span class="visually-hidden"> (opens in a new tab)</span>
            </a>
          ) : null}
          {readOnly ? null : selected ? (
            <>
              <span class="badge ok">In the digest</span>
              <button
                type="submit"
                formaction={deskAction(date, `entries/${item.id}/remove`)}
                class="secondary"
                aria-label={`Remove from digest: ${item.title}`}
              >
                Remove from digest
              </button>
            </>
          ) : (
            <button
              type="submit"
              formaction={deskAction(date, `entries/${item.id}/add`)}
              class="secondary"
              aria-label={`Add to digest: ${item.title}`}
            >
              Add to digest
            </button>
          )}
        </div>
      </div>
    </article>
  );
}

function QuietLabel(props: { school: string; quiet?: QuietSchools }) {
  const last = props.quiet?.schools.get(props.school);
  if (last === undefined) return null;
  return (
    <span class="badge warn" title={last ? `Last featured ${formatLongDate(last)}` : 'Never featured'}>
      not featured in {plural(props.quiet!.weeks, 'week')}
    </span>
  );
}

function groupBySchool(items: InboxItem[]): [string, InboxItem[]][] {
  const groups = new Map<string, InboxItem[]>();
  for (const item of items) groups.set(item.schoolName, [...(groups.get(item.schoolName) ?? []), item]);
  return [...groups.entries()];
}
