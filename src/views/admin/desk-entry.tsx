// One entry of the digest being curated: its post, editable headline, blurb, image and alt text, what the
// checks found (with the override form for editors), and buttons to move or remove it.
import type { DeskEntry } from '../../curate/desk';
import type { Finding } from '../../curate/run-checks';
import { formatTime } from '../../time/format';

/** Where a button of the desk for `date` posts: one path per action (routes/admin/inbox.tsx). */
export function deskAction(date: string, action: string): string {
  return `/admin/inbox/${date}/${action}`;
}

export interface EntryCardProps {
  date: string;
  entry: DeskEntry;
  position: number;
  count: number;
  canOverride: boolean;
  readOnly: boolean;
  /** In a published digest an entry is corrected or taken down, not moved or removed. */
  published?: boolean;
  timezone: string;
}

const KIND_LABELS: Record<string, string> = {
  'student-name': 'Student name',
  'photo-without-release': 'Photo without release',
  tone: 'Tone',
  'missing-alt-text': 'Missing alt text',
  'unauthorized-source': 'Unauthorized account',
  'outside-day': 'Another day',
  'picture-unavailable': 'Picture not copied',
  'translation-unreviewed': 'Translation not reviewed',
};

/**
 * A picture that could not be copied has nothing to publish: it is resolved by choosing another or none. An
 * unreviewed translation is resolved by reviewing it (or by the district's translation_unreviewed setting).
 */
function overridable(kind: string): boolean {
  return kind !== 'picture-unavailable' && kind !== 'translation-unreviewed';
}

export function EntryCard({
  date,
  entry,
  position,
  count,
  canOverride,
  readOnly,
  published,
  timezone,
}: EntryCardProps) {
  const id = entry.itemId;
  const open = entry.findings.filter((f) => !f.override);
  return (
    <li
      class={`entry-card${open.length ? ' has-findings' : ''}`}
      id={`entry-${id}`}
      data-item={String(id)}
      draggable={readOnly || published ? undefined : 'true'}
    >
      <input type="hidden" name="entry" value={String(id)} />
      <div class="entry-head">
        <span class="entry-number" aria-hidden="true">
          {position + 1}
        </span>
        <div class="entry-source">
          <strong>{entry.item.schoolName}</strong> · {entry.item.sourceTitle ?? entry.item.sourceUrl} ·{' '}
          {formatTime(entry.item.publishedAt, timezone)}
          {entry.item.url ? (
            <>
              {' · '}
              <a href={entry.item.url} target="_blank" rel="noopener noreferrer">
                Original post<span class="visually-hidden"> (opens in a new tab)</span>
              </a>
            </>
          ) : null}
        </div>
      </div>
      <FindingSlot date={date} findings={entry.findings} itemId={id} canOverride={canOverride && !readOnly} />
      <label for={`headline-${id}`}>Headline</label>
      <input
        type="text"
        id={`headline-${id}`}
        name={`headline_${id}`}
        value={entry.headline}
        maxlength={200}
        required
        disabled={readOnly}
      />
      <label for={`blurb-${id}`}>Blurb</label>
      <textarea id={`blurb-${id}`} name={`blurb_${id}`} maxlength={1000} disabled={readOnly}>
        {entry.blurb}
      </textarea>
      {entry.images.length === 0 ? (
        <p class="hint">The post has no images.</p>
      ) : (
        <>
          <fieldset class="image-choice">
            <legend>Image</legend>
            <label class="image-option">
              <input
                type="radio"
                name={`image_${id}`}
                value=""
                checked={!entry.imageUrl}
                disabled={readOnly}
              />{' '}
              No image
            </label>
            {entry.images.map((image, i) => (
              <label class="image-option">
                <input
                  type="radio"
                  name={`image_${id}`}
                  value={image.url}
                  checked={entry.imageUrl === image.url}
                  disabled={readOnly}
                />
                <img src={image.url} alt="" loading="lazy" referrerpolicy="no-referrer" />
                <span class="visually-hidden">Image {i + 1}</span>
              </label>
            ))}
            {!entry.item.mediaRelease ? (
              <p class="hint">
                This account has no media release on file: a photo needs a recorded confirmation.
              </p>
            ) : null}
          </fieldset>
          <label for={`alt-${id}`}>Alt text for the image</label>
          <input
            type="text"
            id={`alt-${id}`}
            name={`alt_${id}`}
            value={entry.imageAlt ?? ''}
            maxlength={500}
            disabled={readOnly}
            aria-describedby={`alt-hint-${id}`}
          />
          <p class="hint" id={`alt-hint-${id}`}>
            What the picture shows, for readers who cannot see it. First names only.
          </p>
        </>
      )}
      {readOnly ? null : published ? (
        <>
          <details class="takedown">
            <summary>Take this post down…</summary>
            <p class="hint">
              It disappears at once from the page, the feeds, the embed and every email not sent yet. Readers
              see that a post was removed, not which or why.
            </p>
            <label for={`takedown-${id}`}>Why (kept in the audit log)</label>
            <textarea id={`takedown-${id}`} name={`takedown_reason_${id}`} maxlength={500}></textarea>
            <button type="submit" formaction={deskAction(date, `entries/${id}/takedown`)} class="danger">
              Take it down
            </button>
          </details>
          {entry.picture ? (
            <details class="takedown">
              <summary>Take only the picture down…</summary>
              <p class="hint">
                The post stays. Its picture is deleted in every size and disappears from the page, the feeds,
                the embed, link previews and emails already delivered, the next time they are opened.
              </p>
              <label for={`picture-takedown-${id}`}>Why (kept in the audit log)</label>
              <textarea
                id={`picture-takedown-${id}`}
                name={`picture_takedown_reason_${id}`}
                maxlength={500}
              ></textarea>
              <button
                type="submit"
                formaction={deskAction(date, `entries/${id}/picture-takedown`)}
                class="danger"
              >
                Take the picture down
              </button>
            </details>
          ) : null}
        </>
      ) : (
        <div class="actions entry-actions">
          <button
            type="submit"
            formaction={deskAction(date, `entries/${id}/up`)}
            class="secondary"
            disabled={position === 0}
            aria-label={`Up: ${entry.headline}`}
          >
            <span aria-hidden="true">↑</span> Up
          </button>
          <button
            type="submit"
            formaction={deskAction(date, `entries/${id}/down`)}
            class="secondary"
            disabled={position === count - 1}
            aria-label={`Down: ${entry.headline}`}
          >
            <span aria-hidden="true">↓</span> Down
          </button>
          <button
            type="submit"
            formaction={deskAction(date, `entries/${id}/remove`)}
            class="secondary"
            aria-label={`Remove: ${entry.headline}`}
          >
            Remove
          </button>
        </div>
      )}
    </li>
  );
}

/**
 * Where a record's findings show: the desk's script refills it from the save's answer as the coordinator
 * types (see findingSlotsOf), so a check's verdict does not wait for Save.
 */
export function FindingSlot(props: {
  date: string;
  findings: Finding[];
  itemId: number;
  canOverride: boolean;
}) {
  return (
    <div class="finding-slot" data-findings-for={String(props.itemId)} aria-live="polite">
      <FindingList {...props} />
    </div>
  );
}

/** Each record's findings as the desk shows them, by item (0 for the digest's own title and intro). */
export function findingSlotsOf(
  date: string,
  findings: Finding[],
  itemIds: number[],
  canOverride: boolean,
): Record<string, string> {
  const slots: Record<string, string> = {};
  for (const itemId of [0, ...itemIds]) {
    const own = findings.filter((f) => f.itemId === itemId);
    slots[String(itemId)] = own.length
      ? String(<FindingList date={date} findings={own} itemId={itemId} canOverride={canOverride} />)
      : '';
  }
  return slots;
}

export function FindingList({
  date,
  findings,
  itemId,
  canOverride,
}: {
  date: string;
  findings: Finding[];
  itemId: number;
  canOverride: boolean;
}) {
  if (findings.length === 0) return null;
  return (
    <ul class="findings" aria-label="Check findings">
      {findings.map((finding) => (
        <li class={finding.override ? 'finding resolved' : 'finding'}>
          <span class={`badge ${finding.override ? 'neutral' : 'warn'}`}>
            {KIND_LABELS[finding.kind] ?? finding.kind}
          </span>{' '}
          {finding.message}
          {finding.override ? (
            <p class="small muted">Recorded as fine: “{finding.override.reason}”</p>
          ) : canOverride && overridable(finding.kind) ? (
            <details>
              <summary>Record why this is fine</summary>
              <label for={`reason-${itemId}-${finding.kind}`}>Reason (kept in the audit log)</label>
              <textarea
                id={`reason-${itemId}-${finding.kind}`}
                name={`reason_${itemId}_${finding.kind}`}
                maxlength={500}
              ></textarea>
              <button
                type="submit"
                formaction={deskAction(date, `findings/${itemId}/${finding.kind}/override`)}
                class="secondary"
              >
                Record override
              </button>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
