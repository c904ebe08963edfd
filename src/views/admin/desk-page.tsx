// The desk: one day's digest being curated (title, intro, ordered entries with their checks) beside the day's
// posts from authorized accounts. One form, so every button, with or without JavaScript, sends all edits; each
// button posts to its own action's path (formaction), and pressing Enter saves a draft (on a published digest it
// does nothing).
import { SocialPostsPanel } from './social-posts';
import { can, type DeskState } from '../../curate/desk';
import { pendingCorrectionOf, type CorrectionRequest } from '../../curate/correct-digest';
import { approvalRevision, lastWrote, waitsForYourReview } from '../../curate/approval';
import { roleAtLeast } from '../../auth/session';
import type { Role } from '../../db/users';
import type { InboxListing } from '../../db/items';
import { formatLongDate } from '../../publish/digest-content';
import { formatDateTime, formatTime } from '../../time/format';
import { rich, t } from '../../i18n/desk-text';
import type { QuietSchools } from '../../reports/quiet-schools';
import { assetUrl } from '../assets';
import { CsrfField } from '../admin-layout';
import {
  daysOf,
  deskAction,
  EntryCard,
  FindingSlot,
  KIND_LABELS,
  ReasonBox,
  withoutOwnQuotes,
  type RefusedTexts,
} from './desk-entry';
import { TranslationTabs } from './desk-translation-page';
import { ownSiteTitle } from '../../settings/district-settings';
import { deskPictureAddress } from '../../pictures/desk-pictures';
import { correctedFieldsOf, languageLabel, translatedLanguages } from '../../curate/translations-checks';
import { list, type PostHint } from '../../curate/run-checks';
import { LANGUAGES } from '../../i18n/languages';
import { sortByName } from '../../text/names-order';
import type { JSX } from 'hono/jsx/jsx-runtime';

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
  /** Who may approve (their role allows it, their account is not disabled). */
  approvers?: ReadonlySet<number>;
  /** A correction note typed before the correction was refused, shown again. */
  correctionNote?: string;
  /** Why the note was refused, said beside it (its field is then marked, and focused). */
  correctionNoteProblem?: string;
  /** Its translations as typed, by language, shown again likewise. */
  correctionNotes?: Readonly<Record<string, string>>;
  /** Whether "email this correction" was ticked when it was refused, kept as it was. */
  correctionEmail?: boolean;
  /** No email provider is configured: publishing puts the digest on the site and in the feeds only. */
  emailOff?: boolean;
  /**
   * When the scheduler would publish this digest: its own slot, said in full ("Fri, Dec 4, 7:00 AM"), or, once
   * that has passed, late: the desk then offers Publish now instead of a later day's slot.
   */
  schedule?: { slotLabel: string } | { lateSince: string };
  /** Now, for the status line (a scheduled digest overdue). */
  now?: number;
  /** Schools not featured for some weeks, by name, labelled so the coordinator's eye goes there first. */
  quiet?: QuietSchools;
  /** Reasons a refused button carried, by field, shown again where they were typed. */
  refused?: RefusedTexts;
}

/** The name of the correction note's field in another language: `correction_note_es`. */
export const TRANSLATED_NOTE = 'correction_note_';

/** The desk's one-line verdict of the checks: "1 open finding", "All checks pass". */
export function checksLabel(open: number): string {
  return open ? t('desk.inbox.checks', { count: open }) : t('desk.inbox.allPass');
}

export function DeskPage(props: DeskPageProps) {
  const { state, role } = props;
  const { digest } = state;
  const published = digest?.status === 'published';
  // A published digest is corrected (with a note) by those who may publish; nobody edits a taken-down one.
  const readOnly = digest?.status === 'unpublished' || (published && !can(role, 'publish'));
  const correcting = published && !readOnly;
  const selected = new Set(state.entries.map((e) => e.itemId));
  const takenDown = new Set(state.takenDown.map((e) => e.itemId));
  const groups = groupBySchool(state.items);
  // A post taken down is one of the day's, whose school the list of the day's posts already has.
  const schoolOf = new Map(state.items.map((item) => [item.id, item.schoolName]));
  // A correction note's findings show under the note itself (CorrectionPanel), not again with the digest's.
  const digestFindings = state.findings.filter(
    (f) => f.itemId === 0 && !(correcting && f.kind === 'correction-note'),
  );
  const approver = can(role, 'approve') && state.approval.required && !!digest;
  const approving = approver && !state.approval.approved;
  const wrote = approving ? lastWrote(state, props.userId) : undefined;
  const canApprove = approving && wrote === undefined;
  // Said where the button would be: without it, two editors could each wait for the other. The desk's script
  // shows it once this person's own save makes a new version.
  const notYours = !approver
    ? undefined
    : !approving
      ? ''
      : wrote === 'original'
        ? t('desk.inbox.toolbar.approveNotYoursOriginal') +
          reviewToUnblock(state, props.userId, props.names, props.approvers)
        : wrote
          ? t('desk.inbox.toolbar.approveNotYoursLanguage', { language: languageLabel(wrote) })
          : '';
  return (
    <>
      <h1>{t('desk.inbox.heading', { date: formatLongDate(state.date) })}</h1>
      <div class="datebar">
        <a href={`/admin/inbox?date=${props.previousDate}`}>{t('desk.inbox.previousDay')}</a>
        <form method="get" action="/admin/inbox">
          <label for="date" class="muted inline-label">
            {t('desk.inbox.day')}
          </label>
          <input type="date" id="date" name="date" value={state.date} required />
          <button type="submit" class="secondary">
            {t('desk.inbox.show')}
          </button>
        </form>
        <a href={`/admin/inbox?date=${props.nextDate}`}>{t('desk.inbox.nextDay')}</a>
        <span class="muted small">{t('desk.inbox.days', { timezone: state.settings.timezone })}</span>
      </div>
      <TranslationTabs date={state.date} languages={state.settings.languages} />
      <StatusLine {...props} />
      {props.theirs ? (
        <ConflictPanel theirs={props.theirs} yours={props.theirs.digest?.updatedBy === props.userId} />
      ) : null}
      <form
        method="post"
        action={deskAction(state.date, 'save')}
        class="desk"
        id="desk"
        data-autosave={readOnly || published ? undefined : 'on'}
        data-correcting={correcting ? 'on' : undefined}
        data-timezone={state.settings.timezone}
      >
        <CsrfField token={props.csrfToken} />
        {/* Enter in a field presses the form's first button. A draft's is Save draft; a published digest has no
            saving, so its first button is this disabled one and Enter does nothing: never Publish correction. */}
        {published ? <button type="submit" disabled hidden aria-hidden="true" tabindex={-1}></button> : null}
        <input type="hidden" name="version" value={String((props.theirs ?? state).digest?.version ?? 0)} />
        {/* The languages and the findings' reasons as this page shows them: approving refuses if either changed. */}
        <input type="hidden" name="approval_revision" value={approvalRevision(props.theirs ?? state)} />
        <div class="desk-main">
          {readOnly || published ? null : <Toolbar {...props} canApprove={canApprove} notYours={notYours} />}
          {correcting ? <CorrectionPanel {...props} /> : null}
          {published && readOnly ? (
            // A contributor sees the published digest as it went out; what they can do about a mistake is ask.
            <p class="flash info">
              {state.settings.contactEmail
                ? rich('desk.inbox.askEditorAt', {
                    address: (
                      <a href={`mailto:${state.settings.contactEmail}`}>{state.settings.contactEmail}</a>
                    ),
                  })
                : t('desk.inbox.askEditor')}
            </p>
          ) : null}
          <SocialPostsPanel posts={props.state.social} />
          <section class="card" aria-labelledby="digest-heading">
            <h2 id="digest-heading" class="card-heading">
              {t('desk.inbox.digest')}
            </h2>
            <FindingSlot
              date={state.date}
              findings={digestFindings}
              itemId={0}
              canOverride={can(role, 'override') && !readOnly}
              askAnEditor={!can(role, 'override') && !readOnly}
              refused={props.refused}
              withCorrection={published}
            />
            <label for="title">{t('desk.inbox.digestTitle')}</label>
            <input
              type="text"
              id="title"
              name="title"
              value={digest?.title ?? ''}
              placeholder={ownSiteTitle(state.settings)}
              maxlength={200}
              disabled={readOnly}
              aria-describedby="title-hint"
            />
            <p class="hint" id="title-hint">
              {t('desk.inbox.titleHint')}
            </p>
            <label for="intro">{t('desk.inbox.intro')}</label>
            <textarea id="intro" name="intro" maxlength={1000} disabled={readOnly}>
              {digest?.intro ?? ''}
            </textarea>
            <p class="hint">{t('desk.inbox.introHint')}</p>
          </section>
          {state.entries.length === 0 ? (
            <div class="card">
              <p>{state.takenDown.length > 0 ? t('desk.inbox.allTakenDown') : t('desk.inbox.noEntries')}</p>
            </div>
          ) : (
            <ol class="entry-list" aria-label={t('desk.inbox.entries')}>
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
                  refused={props.refused}
                />
              ))}
            </ol>
          )}
          {state.takenDown.length > 0 ? (
            <section class="card" aria-labelledby="taken-down-heading">
              <h2 id="taken-down-heading" class="card-heading">
                {t('desk.inbox.takenDown.heading', { count: state.takenDown.length })}
              </h2>
              <ul class="taken-down">
                {state.takenDown.map((gone) => (
                  <li id={`entry-${gone.itemId}`}>
                    <strong>{gone.headline}</strong>
                    {schoolOf.has(gone.itemId) ? (
                      <span class="muted"> · {schoolOf.get(gone.itemId)}</span>
                    ) : null}
                    <br />
                    <span class="small">
                      {can(role, 'publish')
                        ? `${t('desk.inbox.takenDown.when', {
                            at: formatDateTime(gone.removedAt, state.settings.timezone),
                          })} ${gone.reason ?? ''}`
                        : t('desk.inbox.takenDown.whenBare', {
                            at: formatDateTime(gone.removedAt, state.settings.timezone),
                          })}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {published && can(role, 'publish') ? (
            <section class="card" aria-labelledby="unpublish-heading">
              <h2 id="unpublish-heading" class="card-heading">
                {t('desk.inbox.takeDown')}
              </h2>
              <p class="hint">{t('desk.inbox.unpublishHint')}</p>
              {sharedPictures(state)}
              <label for="unpublish-reason">{t('desk.inbox.why')}</label>
              <ReasonBox
                id="unpublish-reason"
                name="unpublish_reason"
                maxlength={500}
                refused={props.refused}
              />
              <div class="actions">
                <button
                  type="submit"
                  formaction={`${deskAction(state.date, 'unpublish')}#unpublish-heading`}
                  class="danger"
                >
                  {t('desk.inbox.unpublish')}
                </button>
              </div>
            </section>
          ) : null}
        </div>
        <aside class="desk-items" aria-labelledby="posts-heading">
          <h2 id="posts-heading">{t('desk.inbox.posts')}</h2>
          {state.items.length === 0 ? (
            <p class="card">
              {/* Checking the feeds now is on the Sources page, which is for editors. */}
              {roleAtLeast(props.role, 'editor')
                ? rich('desk.inbox.noPosts', {
                    link: <a href="/admin/sources">{t('desk.inbox.checkNow')}</a>,
                  })
                : t('desk.inbox.noPostsWaiting')}
            </p>
          ) : (
            <>
              <SchoolList groups={groups} />
              {groups.map(([school, items]) => (
                <section class="school-group" aria-label={school} id={`posts-${items[0]!.schoolSlug}`}>
                  <h3>
                    {school} <span class="muted small">({items.length})</span>{' '}
                    <QuietLabel school={school} quiet={props.quiet} />
                  </h3>
                  {items.map((item) => (
                    <ItemRow
                      date={state.date}
                      item={item}
                      selected={selected.has(item.id)}
                      takenDown={takenDown.has(item.id)}
                      readOnly={readOnly || published}
                      timezone={state.settings.timezone}
                      hints={state.hints?.get(item.id)}
                    />
                  ))}
                </section>
              ))}
            </>
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
  if (!digest) return <p class="status-line muted">{t('desk.inbox.status.nothing')}</p>;
  return (
    <p class="status-line" id="desk-status">
      <span id="desk-status-text">{statusSummary(state, names, props.role, props.now)}</span>
      {digest.status === 'published' ? (
        <a href={`/digests/${state.date}`}>{t('desk.inbox.status.viewPublic')}</a>
      ) : digest.status === 'unpublished' ? null : (
        // A digest taken down is not checked for publishing: it cannot be published again.
        <span class={state.open.length ? 'badge warn' : 'badge ok'} id="desk-checks">
          {checksLabel(state.open.length)}
        </span>
      )}
    </p>
  );
}

/**
 * Where the digest stands, in one line: its state, its version and who saved it, and the review and approval it
 * waits on. The desk's script shows it again after each save, so the version never lags behind.
 */
export function statusSummary(
  state: DeskState,
  names: Map<number, string>,
  role: Role,
  /** Now, to say a scheduled digest whose time passed unsent (no scheduler ran) is overdue. */
  now?: number,
): string {
  const { digest } = state;
  if (!digest) return t('desk.inbox.status.nothing');
  const { timezone } = state.settings;
  const someone = (id: number) => names.get(id) ?? t('desk.inbox.status.someone');
  const parts: string[] = [];
  if (digest.status === 'published')
    parts.push(
      t('desk.inbox.status.published', {
        when: digest.publishedAt ? formatDateTime(digest.publishedAt, timezone) : '',
      }),
    );
  else if (digest.status === 'ready')
    parts.push(
      digest.scheduledFor
        ? now !== undefined && digest.scheduledFor <= now
          ? t('desk.inbox.status.readyOverdue', { when: formatDateTime(digest.scheduledFor, timezone) })
          : t('desk.inbox.status.ready', { when: formatDateTime(digest.scheduledFor, timezone) })
        : t('desk.inbox.status.readyAt', { time: state.settings.publishTime }),
    );
  // Why something was taken down can be a family's private matter (consent withdrawn): those who may take
  // things down read it, as they do in the audit log; a contributor learns only that it was.
  else if (digest.status === 'unpublished')
    parts.push(
      can(role, 'publish')
        ? t('desk.inbox.status.takenDown', { reason: digest.unpublishReason ?? '' })
        : t('desk.inbox.status.takenDownBare'),
    );
  else parts.push(t('desk.inbox.status.draft'));
  const saved = { version: digest.version, when: formatDateTime(digest.updatedAt, timezone) };
  parts.push(
    digest.updatedBy
      ? t('desk.inbox.status.versionBy', { ...saved, name: someone(digest.updatedBy) })
      : t('desk.inbox.status.version', saved),
  );
  if (digest.submittedAt) {
    const submitted = {
      name: digest.submittedBy ? someone(digest.submittedBy) : t('desk.inbox.status.api'),
      when: formatDateTime(digest.submittedAt, timezone),
    };
    // Saved again after it was submitted, by anyone: the reviewer is not reviewing what was submitted.
    parts.push(
      digest.submittedVersion !== null && digest.version > digest.submittedVersion
        ? t('desk.inbox.status.submittedChanged', submitted)
        : t('desk.inbox.status.submitted', submitted),
    );
  }
  // Approval is of a version before it goes out; a published digest's corrections are approved on their own.
  if (state.approval.required && (digest.status === 'draft' || digest.status === 'ready'))
    parts.push(
      state.approval.approved
        ? t('desk.inbox.status.approved', { name: someone(digest.approvedBy!) })
        : t('desk.inbox.status.needsApproval'),
    );
  return parts.join(' · ');
}

/**
 * For someone who cannot approve (they wrote the district's text): a language whose writer cannot approve
 * either until someone else reviews it, which this person may do. Empty when there is none.
 */
function reviewToUnblock(
  state: DeskState,
  userId: number | null,
  names: ReadonlyMap<number, string>,
  approvers: ReadonlySet<number> | undefined,
): string {
  const waiting = waitsForYourReview(state, userId);
  if (!waiting || !approvers?.has(waiting.writer)) return '';
  return (
    ' ' +
    t('desk.inbox.toolbar.approveAfterYourReview', {
      name: names.get(waiting.writer) ?? t('desk.inbox.status.someone'),
      language: languageLabel(waiting.lang),
    })
  );
}

/** What publishing waits for, said beside its buttons: open findings, a second person's approval, or both. */
export function publishWaits(state: Pick<DeskState, 'entries' | 'open' | 'approval'>): string | undefined {
  if (state.entries.length === 0) return undefined;
  const findings = state.open.length > 0;
  const approval = state.approval.required && !state.approval.approved;
  if (findings && approval) return t('desk.inbox.toolbar.publishWaitsBoth');
  if (findings) return t('desk.inbox.toolbar.publishWaits');
  if (approval) return t('desk.inbox.toolbar.publishWaitsApproval');
  return undefined;
}

function Toolbar(props: DeskPageProps & { canApprove: boolean; notYours: string | undefined }) {
  const { role, state } = props;
  const hasEntries = state.entries.length > 0;
  // Publishing is refused while findings are open or an approval is missing: the buttons say so beside them,
  // and look it, but stay pressable (the refusal lists each finding with a link to it). The desk's script
  // keeps this in step.
  const waits = publishWaits(state);
  const waiting = waits !== undefined;
  // Described by the note only while it shows: a description is read out even when its element is hidden.
  const describedBy = waiting ? 'publish-waits' : undefined;
  const publishing = { class: waiting ? 'secondary waits' : undefined, 'data-publish-now': '' };
  const action = (name: string) => deskAction(state.date, name);
  return (
    <div class="toolbar" role="group" aria-label={t('desk.inbox.toolbar.label')}>
      <button type="submit" formaction={action('save')}>
        {t('desk.inbox.toolbar.save')}
      </button>
      <button type="submit" formaction={action('preview')} class="secondary" disabled={!hasEntries}>
        {t('desk.inbox.toolbar.preview')}
      </button>
      {can(role, 'publish') ? (
        <>
          {props.canApprove ? (
            <button type="submit" formaction={action('approve')} class="secondary">
              {t('desk.inbox.toolbar.approve')}
            </button>
          ) : null}
          {props.schedule && 'lateSince' in props.schedule ? null : (
            <button
              type="submit"
              formaction={action('ready')}
              class="secondary"
              disabled={!hasEntries}
              aria-describedby={describedBy}
              data-publish-later=""
            >
              {props.schedule
                ? t('desk.inbox.toolbar.publishSlot', { slot: props.schedule.slotLabel })
                : t('desk.inbox.toolbar.publishAt', { time: state.settings.publishTime })}
            </button>
          )}
          <button
            type="submit"
            formaction={action('publish')}
            disabled={!hasEntries}
            aria-describedby={describedBy}
            {...publishing}
          >
            {t('desk.inbox.toolbar.publishNow')}
          </button>
          <span class="small publish-waits" id="publish-waits" hidden={!waiting}>
            {waits}
          </span>
          {props.notYours === undefined ? null : (
            <p class="small approve-not-yours" id="approve-not-yours" hidden={!props.notYours}>
              {props.notYours}
            </p>
          )}
        </>
      ) : (
        <button type="submit" formaction={action('submit')} class="secondary" disabled={!hasEntries}>
          {t('desk.inbox.toolbar.submit')}
        </button>
      )}
      <span class="autosave-status muted small" aria-live="polite"></span>
      {/* A day with no posts at all publishes nothing (README), so it is never late. */}
      {can(role, 'publish') &&
      props.schedule &&
      'lateSince' in props.schedule &&
      (hasEntries || state.items.length > 0) ? (
        <p class="small late-notice">{t('desk.inbox.toolbar.late', { since: props.schedule.lateSince })}</p>
      ) : null}
      {props.emailOff ? <EmailOffNotice /> : null}
    </div>
  );
}

function EmailOffNotice() {
  return (
    <p class="hint email-off" role="note">
      {t('desk.inbox.toolbar.emailOff')}
    </p>
  );
}

/** " (for readers of Lincoln Elementary)" for a correction of one school's posts; nothing for the whole digest. */
function readersOf(schoolIds: number[] | null, names: ReadonlyMap<number, string>): string {
  const named = sortByName(
    (schoolIds ?? []).flatMap((id) => names.get(id) ?? []),
    (name) => name,
  );
  return named.length ? t('desk.inbox.correction.schools', { schools: named.join(', ') }) : '';
}

type PendingCorrection = NonNullable<ReturnType<typeof pendingCorrectionOf>>;

/** On a published digest: edits above become a correction, published with a note readers see. */
function CorrectionPanel(props: DeskPageProps) {
  const { state } = props;
  const { corrections } = state;
  const others = translatedLanguages(state.settings);
  const noteFindings = state.open.filter((f) => f.kind === 'correction-note');
  const schoolNames = new Map(state.items.map((item) => [item.schoolId, item.schoolName]));
  for (const entry of state.entries) schoolNames.set(entry.item.schoolId, entry.item.schoolName);
  const pending = pendingCorrectionOf(state.digest);
  // Its proposer may propose again, in its place (db/digests.ts); anyone else waits for it to be settled.
  const ownPending = !!pending && pending.by !== null && pending.by === props.userId;
  const twoPeople = state.settings.requireApproval;
  return (
    <>
      {pending ? <PendingCorrectionPanel {...props} pending={pending} /> : null}
      <section class="card correction-panel" aria-labelledby="correction-heading">
        <h2 id="correction-heading" class="card-heading">
          {t('desk.inbox.correction.heading')}
        </h2>
        <p class="hint">
          {twoPeople ? t('desk.inbox.correction.hintApproval') : t('desk.inbox.correction.hint')}
        </p>
        <p class="hint">{t('desk.inbox.correction.scope')}</p>
        {others.length ? <p class="hint">{emptiesTranslations(state)}</p> : null}
        {corrections.length ? (
          <ul class="small">
            {corrections.map((c) => (
              <li>
                {t('desk.inbox.correction.corrected', {
                  when: formatDateTime(c.at, state.settings.timezone),
                  note: c.note,
                })}
                {readersOf(c.schoolIds, schoolNames)}
                {c.emailed ? t('desk.inbox.correction.emailed') : ''}
              </li>
            ))}
          </ul>
        ) : null}
        <label for="correction-note">{t('desk.inbox.correction.note')}</label>
        {props.correctionNoteProblem ? (
          <p class="field-error" id="correction-note-problem">
            {props.correctionNoteProblem}
          </p>
        ) : null}
        <textarea
          id="correction-note"
          name="correction_note"
          maxlength={500}
          aria-invalid={props.correctionNoteProblem ? 'true' : undefined}
          aria-describedby={
            props.correctionNoteProblem
              ? 'correction-note-problem correction-note-hint'
              : 'correction-note-hint'
          }
          // The one thing to mend: the page opens there, without a script.
          autofocus={props.correctionNoteProblem ? true : undefined}
        >
          {props.correctionNote ?? ''}
        </textarea>
        <p class="hint" id="correction-note-hint">
          {t('desk.inbox.correction.noteHint')}
        </p>
        {others.map((lang) => (
          <>
            <label for={`correction-note-${lang}`}>
              {t('desk.inbox.correction.noteIn', { language: languageLabel(lang) })}
            </label>
            <textarea
              id={`correction-note-${lang}`}
              name={`${TRANSLATED_NOTE}${lang}`}
              lang={lang}
              dir={LANGUAGES[lang].dir}
              maxlength={500}
              aria-describedby="correction-notes-hint"
            >
              {props.correctionNotes?.[lang] ?? ''}
            </textarea>
          </>
        ))}
        {others.length ? (
          <p class="hint" id="correction-notes-hint">
            {t('desk.inbox.correction.noteInHint', {
              languages: list(others.map(languageLabel)),
              own: languageLabel(state.settings.languages[0]!),
            })}
          </p>
        ) : null}
        {/* What the checks found in the notes of a refused correction, right under them (each finding names the
          language's note it is in). */}
        {noteFindings.length ? (
          <ul class="findings" id="correction-note-findings">
            {noteFindings.map((finding) => (
              <li class="finding">
                <span class="badge warn">{t('desk.entry.kinds.correctionNote')}</span> {finding.message}
              </li>
            ))}
          </ul>
        ) : null}
        <label class="check-label">
          <input
            type="checkbox"
            name="correction_email"
            value="1"
            checked={props.correctionEmail}
            disabled={state.recipients === 0 || props.emailOff}
          />{' '}
          {props.emailOff
            ? t('desk.inbox.correction.emailOff')
            : state.recipients === 0 && state.waiting > 0
              ? t('desk.inbox.correction.emailNobodyYet')
              : state.recipients === 0
                ? t('desk.inbox.correction.emailNobody')
                : t('desk.inbox.correction.email', { count: state.recipients })}
        </label>
        {!props.emailOff && state.waiting > 0 ? (
          <p class="hint">{t('desk.inbox.correction.waiting', { count: state.waiting })}</p>
        ) : null}
        <div class="actions">
          {/* One proposal waits at a time: the button says so, and the server refuses a second all the same. */}
          <button
            type="submit"
            formaction={deskAction(state.date, 'correct')}
            disabled={!!pending && !ownPending}
            aria-describedby={pending ? 'correction-waits' : undefined}
          >
            {twoPeople ? t('desk.inbox.correction.propose') : t('desk.inbox.correction.publish')}
          </button>
          {pending ? (
            <span class="small" id="correction-waits">
              {ownPending ? t('desk.inbox.correction.replacesYours') : t('desk.inbox.correction.oneAtATime')}
            </span>
          ) : null}
        </div>
      </section>
    </>
  );
}

/**
 * A correction waiting for a second person (the district requires one): what it changes, its note, who
 * proposed it; approving publishes it exactly so, for anyone but its proposer; anyone who may publish can
 * discard it.
 */
function PendingCorrectionPanel(props: DeskPageProps & { pending: PendingCorrection }) {
  const { state, pending } = props;
  const mine = pending.by === props.userId;
  const stale = pending.request.version !== state.digest?.version;
  const changes = pendingChanges(state, pending.request);
  const notes = Object.entries(pending.request.noteTranslations ?? {}).filter(([, note]) => note.trim());
  const others = translatedLanguages(state.settings);
  return (
    <section class="card pending-correction" aria-labelledby="pending-correction-heading">
      <h2 id="pending-correction-heading" class="card-heading">
        {t('desk.inbox.correction.pendingHeading')}
      </h2>
      <p>
        {t('desk.inbox.correction.pendingBy', {
          name: (pending.by !== null && props.names.get(pending.by)) || t('desk.inbox.correction.someone'),
          when: formatDateTime(pending.at, state.settings.timezone),
        })}
      </p>
      {/* Approve and discard act on this proposal only, not on one that replaced it after the page was shown. */}
      <input type="hidden" name="pending_id" value={pending.id} />
      <dl class="kv">
        <dt>{t('desk.inbox.correction.note')}</dt>
        <dd>{pending.request.note}</dd>
        {notes.map(([lang, note]) => (
          <>
            <dt>{t('desk.inbox.correction.noteIn', { language: languageLabel(lang) })}</dt>
            <dd lang={lang}>{note}</dd>
          </>
        ))}
        <dt>{t('desk.inbox.correction.pendingChanges')}</dt>
        <dd>
          {changes.length ? (
            <ul class="small">
              {changes.map((change) => (
                <li>{change}</li>
              ))}
            </ul>
          ) : (
            t('desk.inbox.correction.noteOnly')
          )}
          {others.length && changesText(state, pending.request) ? (
            <p class="small">{emptiesTranslations(state)}</p>
          ) : null}
        </dd>
        {pending.request.reasons?.length ? (
          <>
            <dt>{t('desk.inbox.correction.pendingReasons')}</dt>
            <dd>
              <ul class="small">
                {pending.request.reasons.map((given) => (
                  <li>
                    {t('desk.inbox.correction.pendingReason', {
                      kind: KIND_LABELS[given.kind]?.() ?? given.kind,
                      // As the correction would call the post.
                      post:
                        pending.request.entries.find((e) => e.itemId === given.itemId)?.headline ||
                        state.entries.find((e) => e.itemId === given.itemId)?.headline ||
                        t('desk.inbox.correction.theDigest'),
                      reason: withoutOwnQuotes(given.reason),
                    })}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>{t('desk.inbox.correction.pendingEmail')}</dt>
        <dd>
          {!pending.request.email
            ? t('desk.inbox.correction.no')
            : props.emailOff
              ? t('desk.inbox.correction.yesButOff')
              : t('desk.inbox.correction.yes')}
        </dd>
      </dl>
      {stale ? (
        <p class="finding">{t('desk.refusals.pendingCorrectionStale')}</p>
      ) : mine ? (
        <p class="hint">{t('desk.inbox.correction.pendingMine')}</p>
      ) : null}
      <div class="actions">
        {!mine && !stale && can(props.role, 'approve') ? (
          <button type="submit" formaction={deskAction(state.date, 'correction/approve')}>
            {t('desk.inbox.correction.approve')}
          </button>
        ) : null}
        <button type="submit" class="secondary" formaction={deskAction(state.date, 'correction/discard')}>
          {t('desk.inbox.correction.discard')}
        </button>
      </div>
    </section>
  );
}

/**
 * Taking the digest down takes its pictures down everywhere: where other published posts show the same photo,
 * the desk says so before (they lose it too).
 */
function sharedPictures(state: DeskState) {
  // Posts of other days, each once (two of this digest's own posts sharing a photo both come down with it).
  const others = [
    ...new Map(
      state.entries
        .flatMap((entry) => entry.sharesPicture ?? [])
        .filter((other) => other.date !== state.date)
        .map((other) => [`${other.date}:${other.itemId}`, other]),
    ).values(),
  ];
  if (!others.length) return null;
  return (
    <p class="hint">
      {t('desk.inbox.unpublishShared', {
        count: others.length,
        days: daysOf(others),
      })}
    </p>
  );
}

/** What a waiting correction changes in the digest as it stands, each in a sentence. */
function pendingChanges(state: DeskState, request: CorrectionRequest): (string | JSX.Element)[] {
  const digest = state.digest!;
  const changes: (string | JSX.Element)[] = [];
  if (request.title !== undefined && request.title.trim() !== digest.title)
    changes.push(t('desk.inbox.correction.changesTitle', { text: request.title.trim() }));
  if (request.intro !== undefined && request.intro.trim() !== digest.intro)
    changes.push(t('desk.inbox.correction.changesIntro', { text: request.intro.trim() }));
  const proposed = new Map(request.entries.map((e) => [e.itemId, e]));
  for (const entry of state.entries) {
    const next = proposed.get(entry.itemId);
    if (!next) {
      changes.push(t('desk.inbox.correction.changesRemoved', { headline: entry.headline }));
      continue;
    }
    if (next.headline !== undefined && next.headline.trim() !== entry.headline)
      changes.push(
        t('desk.inbox.correction.changesHeadline', { headline: entry.headline, text: next.headline.trim() }),
      );
    if (next.blurb !== undefined && next.blurb.trim() !== entry.blurb)
      changes.push(
        t('desk.inbox.correction.changesBlurb', { headline: entry.headline, text: next.blurb.trim() }),
      );
    const alt = (next.imageAlt === undefined ? entry.imageAlt : next.imageAlt)?.trim() ?? '';
    if (next.imageUrl !== undefined && next.imageUrl !== entry.imageUrl)
      changes.push(
        next.imageUrl ? (
          // The approver sees the picture itself (a media release is theirs to think of too) and its words.
          <>
            {t('desk.inbox.correction.changesPicture', { headline: entry.headline })}
            <img
              class="pending-picture"
              src={deskPictureAddress(entry.itemId, next.imageUrl)}
              alt=""
              loading="lazy"
            />
            {alt
              ? t('desk.inbox.correction.describedAs', { text: alt })
              : t('desk.inbox.correction.notDescribed')}
          </>
        ) : (
          t('desk.inbox.correction.changesPictureNone', { headline: entry.headline })
        ),
      );
    else if (next.imageAlt !== undefined && alt !== (entry.imageAlt?.trim() ?? ''))
      changes.push(
        alt
          ? t('desk.inbox.correction.changesAlt', { headline: entry.headline, text: alt })
          : t('desk.inbox.correction.changesAltNone', { headline: entry.headline }),
      );
  }
  const order = request.entries
    .map((e) => e.itemId)
    .filter((id) => state.entries.some((e) => e.itemId === id));
  const kept = state.entries.map((e) => e.itemId).filter((id) => proposed.has(id));
  if (order.join() !== kept.join()) changes.push(t('desk.inbox.correction.changesOrder'));
  return changes;
}

/** What a correction does to the district's other languages: the texts it changes are emptied there. */
function emptiesTranslations(state: DeskState): string {
  return t('desk.inbox.correction.emptiesTranslations', {
    languages: list(translatedLanguages(state.settings).map(languageLabel)),
    own: languageLabel(state.settings.languages[0]!),
  });
}

/** Whether a correction changes any text a language translates (not only removing or moving posts, or pictures). */
function changesText(state: DeskState, request: CorrectionRequest): boolean {
  const digest = state.digest!;
  const stored = new Map(state.entries.map((e) => [e.itemId, e]));
  // The proposal as correcting it would store it (a field left out keeps its text), read as the correction does.
  const corrected = correctedFieldsOf(
    { title: digest.title, intro: digest.intro, entries: state.entries },
    {
      title: (request.title ?? digest.title).trim(),
      intro: (request.intro ?? digest.intro).trim(),
      entries: request.entries.flatMap((next) => {
        const was = stored.get(next.itemId);
        return was
          ? [
              {
                itemId: next.itemId,
                headline: (next.headline ?? was.headline).trim(),
                blurb: (next.blurb ?? was.blurb).trim(),
                imageAlt: next.imageAlt === undefined ? was.imageAlt : (next.imageAlt?.trim() ?? null),
              },
            ]
          : [];
      }),
    },
  );
  return corrected.title || corrected.intro || corrected.entries.size > 0;
}

/** Both versions of a refused save; `yours` when the saved one is the same person's, from another tab. */
function ConflictPanel({ theirs, yours }: { theirs: DeskState; yours: boolean }) {
  return (
    <section class="card conflict" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading" class="card-heading">
        {yours ? t('desk.inbox.conflict.headingYours') : t('desk.inbox.conflict.heading')}
      </h2>
      <p>
        {yours
          ? rich('desk.inbox.conflict.textYours', {
              theirs: <strong>{t('desk.inbox.conflict.theirsYours')}</strong>,
              save: <em>{t('desk.inbox.conflict.save')}</em>,
              take: <a href={`/admin/inbox?date=${theirs.date}`}>{t('desk.inbox.conflict.takeYours')}</a>,
            })
          : rich('desk.inbox.conflict.text', {
              theirs: <strong>{t('desk.inbox.conflict.theirs')}</strong>,
              save: <em>{t('desk.inbox.conflict.save')}</em>,
              take: <a href={`/admin/inbox?date=${theirs.date}`}>{t('desk.inbox.conflict.take')}</a>,
            })}
      </p>
      <dl class="kv">
        <dt>{t('desk.inbox.conflict.title')}</dt>
        <dd>{theirs.digest?.title || t('desk.inbox.conflict.none')}</dd>
        <dt>{t('desk.inbox.conflict.intro')}</dt>
        <dd>{theirs.digest?.intro || t('desk.inbox.conflict.none')}</dd>
        <dt>{t('desk.inbox.conflict.posts')}</dt>
        <dd>
          <ol>
            {theirs.entries.map((e) => (
              <li>
                <strong>{e.headline}</strong>
                {e.blurb ? t('desk.inbox.conflict.blurb', { blurb: e.blurb }) : ''}
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
  takenDown,
  readOnly,
  timezone,
  hints,
}: {
  date: string;
  item: InboxListing;
  /** What the checks would find in it once added (only for a post not in the digest). */
  hints?: PostHint[];
  selected: boolean;
  /** Taken down from the published digest: said so, and it offers nothing to press. */
  takenDown: boolean;
  readOnly: boolean;
  timezone: string;
}) {
  return (
    <article class={`item${selected ? ' selected' : ''}`} id={`item-${item.id}`}>
      {item.imageUrl ? (
        <img class="thumb" src={deskPictureAddress(item.id, item.imageUrl)} alt="" loading="lazy" />
      ) : (
        <span class="thumb none" aria-hidden="true">
          {t('desk.inbox.item.noImage')}
        </span>
      )}
      <div>
        <h4>
          {item.title}
          {item.titleDerived ? (
            <span class="badge neutral small">{t('desk.inbox.item.titleFromText')}</span>
          ) : null}
        </h4>
        {item.imageUrl ? (
          // Whether a post has a photo, and of what, is what a media release is about: said after the post's
          // heading, where moving by headings arrives, and not only shown.
          <p class="visually-hidden">
            {item.imageAlt?.trim()
              ? t('desk.inbox.item.photo', { alt: item.imageAlt.trim() })
              : t('desk.inbox.item.photoUndescribed')}
          </p>
        ) : null}
        <div class="meta">
          {item.sourceTitle ?? item.sourceUrl} · {formatTime(item.publishedAt, timezone)}
          {item.dateEstimated ? t('desk.inbox.item.timeEstimated') : ''}
          {item.mediaRelease ? '' : t('desk.inbox.item.noRelease')}
        </div>
        {item.summary ? <p class="excerpt">{item.summary.slice(0, 200)}</p> : null}
        {hints?.length ? (
          <p class="hints small">
            {hints.map((hint) => (
              <span class="badge warn">
                {hint === 'student-name' ? t('desk.inbox.item.hintName') : t('desk.inbox.item.hintTone')}
              </span>
            ))}
          </p>
        ) : null}
        <div class="item-actions">
          {item.url ? (
            <a class="small" href={item.url} target="_blank" rel="noopener noreferrer">
              {t('desk.inbox.item.original')}
              <span class="visually-hidden">{t('desk.inbox.item.newTab')}</span>
            </a>
          ) : null}
          {takenDown ? <span class="badge warn">{t('desk.inbox.item.takenDown')}</span> : null}
          {readOnly ? null : selected ? (
            <>
              <a
                class="badge ok"
                href={`#entry-${item.id}`}
                aria-label={t('desk.inbox.item.inDigestNamed', { title: item.title })}
              >
                {t('desk.inbox.item.inDigest')}
              </a>
              <button
                type="submit"
                formaction={deskAction(date, `entries/${item.id}/remove`)}
                class="secondary"
                aria-label={t('desk.inbox.item.removeNamed', { title: item.title })}
              >
                {t('desk.inbox.item.remove')}
              </button>
            </>
          ) : (
            <button
              type="submit"
              formaction={deskAction(date, `entries/${item.id}/add`)}
              class="secondary"
              aria-label={t('desk.inbox.item.addNamed', { title: item.title })}
            >
              {t('desk.inbox.item.add')}
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
  // A school never featured is said so: "not featured in 3 weeks" would be untrue on a district's first days.
  if (!last) return <span class="badge warn">{t('desk.inbox.item.neverFeatured')}</span>;
  return (
    <span class="badge warn" title={t('desk.inbox.item.lastFeatured', { date: formatLongDate(last) })}>
      {t('desk.inbox.item.quiet', { count: props.quiet!.weeks })}
    </span>
  );
}

/**
 * The schools that posted, each a link to its posts below: a district of sixty schools has hundreds of posts a
 * day in the column. The list is folded away when it is long.
 */
function SchoolList({ groups }: { groups: [string, InboxListing[]][] }) {
  if (groups.length < 2) return null;
  return (
    <details class="school-jump" open={groups.length <= SCHOOLS_SHOWN_OPEN}>
      <summary>{t('desk.inbox.schoolsWithPosts', { count: groups.length })}</summary>
      <ul>
        {groups.map(([school, items]) => (
          <li>
            <a href={`#posts-${items[0]!.schoolSlug}`}>{school}</a>{' '}
            <span class="muted small">({items.length})</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Up to this many schools, their list shows open above the posts; more, and it is one line until opened. */
const SCHOOLS_SHOWN_OPEN = 8;

function groupBySchool(items: InboxListing[]): [string, InboxListing[]][] {
  const groups = new Map<string, InboxListing[]>();
  for (const item of items) groups.set(item.schoolName, [...(groups.get(item.schoolName) ?? []), item]);
  return [...groups.entries()];
}
