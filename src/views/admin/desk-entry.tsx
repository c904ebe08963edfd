// One entry of the digest being curated: its post, editable headline, blurb, image and alt text, what the
// checks found (with the override form for editors), and buttons to move or remove it.
import { t } from '../../i18n/desk-text';
import type { DeskEntry } from '../../curate/desk';
import { list, NOT_OVERRIDABLE, type Finding, type FindingKind } from '../../curate/run-checks';
import { formatDay } from '../../publish/digest-content';
import { formatDateTime, formatTime } from '../../time/format';
import { deskPictureAddress } from '../../pictures/desk-pictures';

/** Where a button of the desk for `date` posts: one path per action (routes/admin/inbox.tsx). */
export function deskAction(date: string, action: string): string {
  return `/admin/inbox/${date}/${action}`;
}

/**
 * Texts a refused button carried (a reason too short, say), by form field: shown again in their field, opened,
 * with why beside them, so nothing typed is lost.
 */
export type RefusedTexts = ReadonlyMap<string, { text: string; problem?: string }>;

/** The field of the first text refused with a problem: the one the page opens on. */
function firstRefused(refused: RefusedTexts | undefined): string | undefined {
  for (const [name, kept] of refused ?? []) if (kept.problem) return name;
  return undefined;
}

/** A reason's text box, holding what was typed before a refusal and why it was refused. */
export function ReasonBox(props: {
  id: string;
  name: string;
  maxlength: number;
  refused?: RefusedTexts;
  /** The id of what the reason is for (a finding's words), read out with the field. */
  about?: string;
}) {
  const kept = props.refused?.get(props.name);
  const describedBy = [kept?.problem ? `${props.id}-problem` : '', props.about ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <>
      {kept?.problem ? (
        <p class="field-error" id={`${props.id}-problem`}>
          {kept.problem}
        </p>
      ) : null}
      <textarea
        id={props.id}
        name={props.name}
        maxlength={props.maxlength}
        aria-invalid={kept?.problem ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
        // The page opens on the first reason refused (as the checks list them), its problem read out with it.
        autofocus={kept?.problem && firstRefused(props.refused) === props.name ? true : undefined}
      >
        {kept?.text ?? ''}
      </textarea>
    </>
  );
}

/**
 * Under a takedown's reason: whether to email the feed's owner that it was taken down (yes unless unticked),
 * with words of the coordinator's own; or why nobody is told.
 */
function TellOwnerFields(props: {
  id: number;
  /** '' for the post's takedown, 'picture_' for its picture's. */
  prefix: string;
  owner: DeskEntry['owner'];
  timezone: string;
  refused?: RefusedTexts;
}) {
  const { id, prefix, owner, refused } = props;
  if (owner === undefined) return null;
  if (owner === null) return <p class="hint">{t('desk.entry.noOwner')}</p>;
  const tell = `${prefix}tell_owner_${id}`;
  const kept = refused?.get(tell);
  const base = `${prefix.replace('_', '-')}tell-${id}`;
  return (
    <>
      <label class="check-label">
        <input
          type="checkbox"
          name={tell}
          value="yes"
          checked={kept ? kept.text !== '' : true}
          aria-describedby={`${base}-hint`}
        />{' '}
        {prefix
          ? t('desk.entry.tellOwnerPicture', { email: owner.email })
          : t('desk.entry.tellOwner', { email: owner.email })}
      </label>
      <p class="hint" id={`${base}-hint`}>
        {t('desk.entry.tellOwnerHint')}
        {owner.stoppedAt !== undefined
          ? ` ${t('desk.entry.ownerStopped', {
              email: owner.email,
              when: formatDateTime(owner.stoppedAt, props.timezone),
            })}`
          : ''}
      </p>
      <label for={`${base}-words`}>{t('desk.entry.ownerWords', { email: owner.email })}</label>
      <ReasonBox
        id={`${base}-words`}
        name={`${prefix}owner_words_${id}`}
        maxlength={1000}
        refused={refused}
      />
    </>
  );
}

/** Whether a refused text is among the fields named: its disclosure opens. */
const holds = (refused: RefusedTexts | undefined, name: string) => refused?.has(name) ?? false;

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
  refused?: RefusedTexts;
}

export const KIND_LABELS: Record<string, () => string> = {
  'student-name': () => t('desk.entry.kinds.studentName'),
  'photo-without-release': () => t('desk.entry.kinds.photoWithoutRelease'),
  tone: () => t('desk.entry.kinds.tone'),
  'missing-alt-text': () => t('desk.entry.kinds.missingAltText'),
  'unauthorized-source': () => t('desk.entry.kinds.unauthorizedSource'),
  'outside-day': () => t('desk.entry.kinds.outsideDay'),
  'picture-unavailable': () => t('desk.entry.kinds.pictureUnavailable'),
  'picture-like-taken-down': () => t('desk.entry.kinds.pictureLikeTakenDown'),
  'picture-not-in-post': () => t('desk.entry.kinds.pictureNotInPost'),
  'translation-unreviewed': () => t('desk.entry.kinds.translationUnreviewed'),
  'correction-note': () => t('desk.entry.kinds.correctionNote'),
};

/** Whether a reason can resolve a finding of this kind (see NOT_OVERRIDABLE). */
function overridable(kind: FindingKind): boolean {
  return !NOT_OVERRIDABLE.has(kind);
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
  refused,
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
                {t('desk.entry.original')}
                <span class="visually-hidden">{t('desk.entry.newTab')}</span>
              </a>
            </>
          ) : null}
        </div>
      </div>
      {entry.changedAfterPublishing ? (
        <p class="flash warn" id={`changed-${id}`}>
          {entry.changedAfterPublishing.pictureGone
            ? t('desk.entry.changedPictureGone', {
                day: formatDateTime(entry.changedAfterPublishing.at, timezone),
              })
            : t('desk.entry.changedAfterPublishing', {
                day: formatDateTime(entry.changedAfterPublishing.at, timezone),
              })}
        </p>
      ) : null}
      <FindingSlot
        date={date}
        findings={entry.findings}
        itemId={id}
        canOverride={canOverride && !readOnly}
        askAnEditor={!canOverride && !readOnly}
        refused={refused}
        withCorrection={published}
      />
      <label for={`headline-${id}`}>{t('desk.entry.headline')}</label>
      <input
        type="text"
        id={`headline-${id}`}
        name={`headline_${id}`}
        value={entry.headline}
        maxlength={200}
        required
        disabled={readOnly}
      />
      <label for={`blurb-${id}`}>{t('desk.entry.blurb')}</label>
      <textarea id={`blurb-${id}`} name={`blurb_${id}`} maxlength={1000} disabled={readOnly}>
        {entry.blurb}
      </textarea>
      {entry.images.length === 0 ? (
        <p class="hint">{t('desk.entry.noImages')}</p>
      ) : (
        <>
          <fieldset class="image-choice">
            <legend>{t('desk.entry.image')}</legend>
            <label class="image-option">
              <input
                type="radio"
                name={`image_${id}`}
                value=""
                checked={!entry.imageUrl}
                disabled={readOnly}
              />{' '}
              {t('desk.entry.noImage')}
            </label>
            {entry.images.map((image, i) => (
              <label class="image-option">
                <input
                  type="radio"
                  name={`image_${id}`}
                  value={image.url}
                  checked={entry.imageUrl === image.url}
                  // A picture taken down is not offered again; one still chosen stays, with its finding.
                  disabled={readOnly || (image.takenDownAt !== undefined && entry.imageUrl !== image.url)}
                />
                <img src={deskPictureAddress(id, image.url)} alt="" loading="lazy" />
                <span class="visually-hidden">
                  {image.alt.trim()
                    ? t('desk.entry.imageNumberDescribed', { number: i + 1, alt: image.alt.trim() })
                    : t('desk.entry.imageNumber', { number: i + 1 })}
                </span>
                {image.takenDownAt !== undefined ? (
                  <span class="badge warn">
                    <span class="visually-hidden">. </span>
                    {t('desk.entry.pictureWasTakenDown', {
                      when: formatDateTime(image.takenDownAt, timezone),
                    })}
                  </span>
                ) : null}
              </label>
            ))}
            {!entry.item.mediaRelease ? <p class="hint">{t('desk.entry.noRelease')}</p> : null}
          </fieldset>
          <label for={`alt-${id}`}>{t('desk.entry.alt')}</label>
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
            {t('desk.entry.altHint')}
          </p>
        </>
      )}
      {readOnly ? null : published ? (
        <>
          <details class="takedown" open={holds(refused, `takedown_reason_${id}`)}>
            <summary>
              {t('desk.entry.takeDown')}
              <span class="visually-hidden"> ({entry.headline})</span>
            </summary>
            <p class="hint">{t('desk.entry.takeDownHint')}</p>
            <label for={`takedown-${id}`}>{t('desk.entry.why')}</label>
            <ReasonBox
              id={`takedown-${id}`}
              name={`takedown_reason_${id}`}
              maxlength={500}
              refused={refused}
            />
            <TellOwnerFields id={id} prefix="" owner={entry.owner} timezone={timezone} refused={refused} />
            <button
              type="submit"
              formaction={`${deskAction(date, `entries/${id}/takedown`)}#entry-${id}`}
              class="danger"
            >
              {t('desk.entry.takeItDown')}
              <span class="visually-hidden"> ({entry.headline})</span>
            </button>
          </details>
          {entry.picture ? (
            <details class="takedown" open={holds(refused, `picture_takedown_reason_${id}`)}>
              <summary>
                {t('desk.entry.takePictureDown')}
                <span class="visually-hidden"> ({entry.headline})</span>
              </summary>
              <p class="hint">{t('desk.entry.takePictureDownHint')}</p>
              {entry.sharesPicture?.length ? (
                <p class="hint">
                  {t('desk.entry.pictureShared', {
                    count: entry.sharesPicture.length,
                    days: daysOf(entry.sharesPicture),
                  })}
                </p>
              ) : null}
              <label for={`picture-takedown-${id}`}>{t('desk.entry.why')}</label>
              <ReasonBox
                id={`picture-takedown-${id}`}
                name={`picture_takedown_reason_${id}`}
                maxlength={500}
                refused={refused}
              />
              <TellOwnerFields
                id={id}
                prefix="picture_"
                owner={entry.owner}
                timezone={timezone}
                refused={refused}
              />
              <button
                type="submit"
                formaction={`${deskAction(date, `entries/${id}/picture-takedown`)}#entry-${id}`}
                class="danger"
              >
                {t('desk.entry.takeThePictureDown')}
                <span class="visually-hidden"> ({entry.headline})</span>
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
            aria-label={t('desk.entry.upNamed', { headline: entry.headline })}
          >
            <span aria-hidden="true">↑</span> {t('desk.entry.up')}
          </button>
          <button
            type="submit"
            formaction={deskAction(date, `entries/${id}/down`)}
            class="secondary"
            disabled={position === count - 1}
            aria-label={t('desk.entry.downNamed', { headline: entry.headline })}
          >
            <span aria-hidden="true">↓</span> {t('desk.entry.down')}
          </button>
          <button
            type="submit"
            formaction={deskAction(date, `entries/${id}/remove`)}
            class="secondary"
            aria-label={t('desk.entry.removeNamed', { headline: entry.headline })}
          >
            {t('desk.entry.remove')}
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
  /** Someone who edits but may not record a reason (a contributor): told who can. */
  askAnEditor?: boolean;
  refused?: RefusedTexts;
  /** A published digest's: a reason goes with the correction, not on its own (there is no draft to hold it). */
  withCorrection?: boolean;
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
      ? String(
          <FindingList
            date={date}
            findings={own}
            itemId={itemId}
            canOverride={canOverride}
            askAnEditor={!canOverride}
          />,
        )
      : '';
  }
  return slots;
}

export function FindingList({
  date,
  findings,
  itemId,
  canOverride,
  askAnEditor,
  refused,
  withCorrection,
}: {
  date: string;
  findings: Finding[];
  itemId: number;
  canOverride: boolean;
  askAnEditor?: boolean;
  refused?: RefusedTexts;
  withCorrection?: boolean;
}) {
  if (findings.length === 0) return null;
  return (
    <ul class="findings" aria-label={t('desk.entry.findings')}>
      {findings.map((finding) => (
        <li
          class={finding.override ? 'finding resolved' : 'finding'}
          // The finding's own post: the preview lists every post's findings in one list.
          id={`finding-${finding.itemId}-${finding.kind}`}
        >
          <span class={`badge ${finding.override ? 'neutral' : 'warn'}`}>
            {KIND_LABELS[finding.kind]?.() ?? finding.kind}
          </span>{' '}
          <span id={`finding-text-${finding.itemId}-${finding.kind}`}>{finding.message}</span>
          {finding.override ? (
            <p class="small muted">
              {t('desk.entry.recordedFine', { reason: withoutOwnQuotes(finding.override.reason) })}
            </p>
          ) : finding.earlier ? (
            <p class="small muted">
              {t('desk.entry.earlierReason', { reason: withoutOwnQuotes(finding.earlier.reason) })}
            </p>
          ) : null}
          {finding.override ? null : canOverride && overridable(finding.kind) ? (
            <details open={holds(refused, `reason_${itemId}_${finding.kind}`)}>
              {/* Which finding the reason is for, said with the disclosure, the field and the button: on a post
                  with two findings, a reason typed under the wrong one would be recorded for it. */}
              <summary>
                {t('desk.entry.recordWhy')}
                <span class="visually-hidden"> ({KIND_LABELS[finding.kind]?.() ?? finding.kind})</span>
              </summary>
              <label for={`reason-${itemId}-${finding.kind}`}>{t('desk.entry.reason')}</label>
              <ReasonBox
                id={`reason-${itemId}-${finding.kind}`}
                name={`reason_${itemId}_${finding.kind}`}
                maxlength={500}
                refused={refused}
                about={`finding-text-${finding.itemId}-${finding.kind}`}
              />
              {withCorrection ? (
                <p class="hint">{t('desk.entry.reasonWithCorrection')}</p>
              ) : (
                <button
                  type="submit"
                  formaction={`${deskAction(date, `findings/${itemId}/${finding.kind}/override`)}#finding-${itemId}-${finding.kind}`}
                  class="secondary"
                  aria-describedby={`finding-text-${finding.itemId}-${finding.kind}`}
                >
                  {t('desk.entry.recordOverride')}
                  <span class="visually-hidden"> ({KIND_LABELS[finding.kind]?.() ?? finding.kind})</span>
                </button>
              )}
            </details>
          ) : askAnEditor && overridable(finding.kind) ? (
            <p class="small muted">{t('desk.entry.askAnEditor')}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** A reason typed inside quote marks of its own, shown once quoted rather than twice. */
export function withoutOwnQuotes(text: string): string {
  const pairs: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '«': '»', '„': '“' };
  const trimmed = text.trim();
  const close = pairs[trimmed[0] ?? ''];
  if (!close || trimmed.length < 2 || !trimmed.endsWith(close)) return text;
  const inner = trimmed.slice(1, -1);
  // "a" and "b" is two quotations, not one; the apostrophe in 'It's fine' is no quote mark.
  const marks = inner.replace(/(?<=\p{L})['’](?=\p{L})/gu, '');
  return marks.includes(trimmed[0]!) || marks.includes(close) ? text : inner;
}

/** The days of other posts, each named once, in a list ("Thursday, November 12 and Friday, November 13"). */
export function daysOf(others: readonly { date: string }[]): string {
  return list([...new Set(others.map((other) => formatDay(other.date)))]);
}
