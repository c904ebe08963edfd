// The database schema: the single source of truth for tables; migrations in drizzle/ are generated from it.
// Times are integer milliseconds since the Unix epoch (UTC); local dates are 'YYYY-MM-DD' text.
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const schools = sqliteTable('schools', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: integer('created_at').notNull(),
  /** The district office and the like: its posts go to every subscriber, whatever schools they chose. */
  districtWide: integer('district_wide', { mode: 'boolean' }).notNull().default(false),
});

export const sources = sqliteTable(
  'sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id),
    feedUrl: text('feed_url').notNull().unique(),
    siteUrl: text('site_url'),
    title: text('title'),
    platform: text('platform'),
    ownerName: text('owner_name'),
    ownerEmail: text('owner_email'),
    mediaRelease: integer('media_release', { mode: 'boolean' }).notNull().default(false),
    /** 'expired': its review date passed; it is not read until an editor renews or suspends it. */
    authorization: text('authorization', { enum: ['authorized', 'pending', 'suspended', 'expired'] })
      .notNull()
      .default('authorized'),
    authorizedBy: text('authorized_by'),
    authorizedAt: integer('authorized_at'),
    reviewAt: integer('review_at'),
    /** The editor who last renewed the authorization (their label), and when. */
    renewedBy: text('renewed_by'),
    renewedAt: integer('renewed_at'),
    /**
     * The owner address (lower-cased) last welcomed, or passed over while welcomes were off: an authorized
     * source whose owner differs is welcomed by the teachers' round (email/owner-notes-queue.ts).
     */
    welcomedOwner: text('welcomed_owner'),
    /** The owner was told the feed is broken and not yet that it recovered; when that note was queued. */
    brokenNoticeOpen: integer('broken_notice_open', { mode: 'boolean' }).notNull().default(false),
    brokenNoticeAt: integer('broken_notice_at'),
    paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
    etag: text('etag'),
    lastModified: text('last_modified'),
    lastFetchedAt: integer('last_fetched_at'),
    lastSuccessAt: integer('last_success_at'),
    nextFetchAt: integer('next_fetch_at').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    lastError: text('last_error'),
    lastErrorAt: integer('last_error_at'),
    /** What was odd about the feed at its last full read (a JSON list of sentences); a 304 keeps them. */
    lastWarnings: text('last_warnings'),
    /** How long the feed said it stays fresh (RSS <ttl>) at its last full read; a 304 carries no body. */
    ttlMinutes: integer('ttl_minutes'),
    redirectUrl: text('redirect_url'),
    redirectSeen: integer('redirect_seen').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('sources_next_fetch_idx').on(t.nextFetchAt), index('sources_school_idx').on(t.schoolId)],
);

export const items = sqliteTable(
  'items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id),
    guid: text('guid').notNull(),
    url: text('url'),
    canonicalUrl: text('canonical_url'),
    title: text('title').notNull(),
    titleDerived: integer('title_derived', { mode: 'boolean' }).notNull().default(false),
    author: text('author'),
    summary: text('summary').notNull().default(''),
    contentHtml: text('content_html').notNull().default(''),
    imageUrl: text('image_url'),
    imageAlt: text('image_alt'),
    videoUrl: text('video_url'),
    categories: text('categories').notNull().default('[]'),
    publishedAt: integer('published_at').notNull(),
    dateEstimated: integer('date_estimated', { mode: 'boolean' }).notNull().default(false),
    firstSeenAt: integer('first_seen_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('items_source_guid_idx').on(t.sourceId, t.guid),
    index('items_published_idx').on(t.publishedAt),
  ],
);

export const digests = sqliteTable('digests', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  date: text('date').notNull().unique(),
  status: text('status', { enum: ['draft', 'ready', 'published', 'unpublished'] })
    .notNull()
    .default('draft'),
  title: text('title').notNull().default(''),
  intro: text('intro').notNull().default(''),
  version: integer('version').notNull().default(1),
  writeToken: text('write_token'),
  createdAt: integer('created_at').notNull(),
  /** When the current version was saved, and by whom: publishing or taking down changes neither. */
  updatedAt: integer('updated_at').notNull(),
  updatedBy: integer('updated_by'),
  publishedAt: integer('published_at'),
  publishedBy: integer('published_by'),
  correctedAt: integer('corrected_at'),
  correctionNote: text('correction_note'),
  unpublishedAt: integer('unpublished_at'),
  unpublishReason: text('unpublish_reason'),
  /** Set when a contributor hands the draft to editors. */
  submittedBy: integer('submitted_by'),
  submittedAt: integer('submitted_at'),
  /** The version that was submitted: a later one was changed since (null for submissions before 0023). */
  submittedVersion: integer('submitted_version'),
  /** A second person's approval, valid only for the version it was given to. */
  approvedBy: integer('approved_by'),
  approvedVersion: integer('approved_version'),
  /**
   * Where the district requires a second person: a correction proposed and not yet approved (the request as
   * JSON, for the version it was made on), who proposed it and when. It is published only when someone else
   * approves it.
   */
  pendingCorrection: text('pending_correction'),
  pendingCorrectionBy: integer('pending_correction_by'),
  pendingCorrectionAt: integer('pending_correction_at'),
  /** For a ready digest: the publish slot the scheduler publishes it at. */
  scheduledFor: integer('scheduled_for'),
});

/** Each correction of a published digest, shown with it wherever it is read. */
export const digestCorrections = sqliteTable(
  'digest_corrections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    digestId: integer('digest_id')
      .notNull()
      .references(() => digests.id),
    at: integer('at').notNull(),
    note: text('note').notNull(),
    userId: integer('user_id'),
    /** Whether a correction email went to the people who received the original. */
    emailed: integer('emailed', { mode: 'boolean' }).notNull().default(false),
    /**
     * The schools whose posts it changed or removed, as a JSON array: only their pages, feeds and embeds, and
     * the subscribers who follow them, are told. Null for a correction of the whole digest (its title or
     * intro, a district-wide post, or only its note or order), which everyone is told of.
     */
    schoolIds: text('school_ids', { mode: 'json' }).$type<number[]>(),
    /**
     * The write token of the batch that recorded it (db/digests.ts, claimOf), so that the batch can tell it was
     * recorded even when another write has claimed the digest since. Null for corrections made before 0020.
     */
    writeToken: text('write_token'),
  },
  (t) => [index('digest_corrections_digest_idx').on(t.digestId, t.at)],
);

/** Things that must happen once per key across every process (a reminder for a date): insert wins. */
export const jobMarks = sqliteTable('job_marks', {
  key: text('key').primaryKey(),
  at: integer('at').notNull(),
});

/** Small shared counters; 'public_revision' moves whenever anything the public pages show changes. */
export const siteState = sqliteTable('site_state', {
  key: text('key').primaryKey(),
  value: integer('value').notNull(),
});

export const digestEntries = sqliteTable(
  'digest_entries',
  {
    digestId: integer('digest_id')
      .notNull()
      .references(() => digests.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id),
    position: integer('position').notNull(),
    headline: text('headline').notNull(),
    blurb: text('blurb').notNull().default(''),
    imageUrl: text('image_url'),
    imageAlt: text('image_alt'),
    removedAt: integer('removed_at'),
    removedReason: text('removed_reason'),
    /** When the entry's picture alone was taken down: feeds say the entry changed then. */
    pictureRemovedAt: integer('picture_removed_at'),
    /**
     * The account's name, the post's address and its author as they were when the entry was saved ('' for
     * none), so that what was checked is what readers get, whatever the feed says later (0031 took them for
     * entries saved before it as they were then). Null only for an entry written otherwise: the feed's own.
     */
    sourceTitle: text('source_title'),
    postUrl: text('post_url'),
    postAuthor: text('post_author'),
  },
  // By picture address too: the posts that share a copy are found when a desk is shown and a picture taken down.
  (t) => [
    primaryKey({ columns: [t.digestId, t.itemId] }),
    index('digest_entries_image_url_idx').on(t.imageUrl),
  ],
);

/**
 * A digest in one of the district's other languages: its title and intro, which fields are machine drafts,
 * who reviewed it for which version, and a translated correction note (optional; else the original shows).
 */
export const digestTranslations = sqliteTable(
  'digest_translations',
  {
    digestId: integer('digest_id')
      .notNull()
      .references(() => digests.id),
    lang: text('lang').notNull(),
    title: text('title').notNull().default(''),
    intro: text('intro').notNull().default(''),
    /** JSON array of the digest-level fields ('title', 'intro') filled by a translation service, unedited. */
    machineFields: text('machine_fields').notNull().default('[]'),
    /** The digest version a person reviewed this language for; reviewed while it is the current version. */
    reviewedVersion: integer('reviewed_version'),
    reviewedBy: integer('reviewed_by'),
    reviewedAt: integer('reviewed_at'),
    correctionNote: text('correction_note'),
    /**
     * Changed after publishing where the district requires a second person: a JSON array of the people who
     * changed it since (none for a program's token). Its readers keep what they had (`shown`) until someone
     * not among them marks it reviewed. Null: not held.
     */
    heldBy: text('held_by'),
    /**
     * While held: the language as its readers had it when it was first held (JSON: title, intro, reviewed
     * version, the latest correction's note and the entries' texts by item id), which they keep reading;
     * a correction published meanwhile changes it as it changes the language. Null: they had none of it
     * (they read the district's own text), or it is not held.
     */
    shown: text('shown'),
    updatedAt: integer('updated_at').notNull(),
    updatedBy: integer('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.digestId, t.lang] })],
);

/**
 * An earlier correction's note in one of the district's other languages. The latest correction's is
 * `digest_translations.correction_note`, which the translation tab edits; a later correction moves it here, so
 * that readers in that language keep reading every correction in it.
 */
export const correctionNoteTranslations = sqliteTable(
  'correction_note_translations',
  {
    correctionId: integer('correction_id')
      .notNull()
      .references(() => digestCorrections.id),
    lang: text('lang').notNull(),
    note: text('note').notNull(),
  },
  (t) => [primaryKey({ columns: [t.correctionId, t.lang] })],
);

/** One entry's headline, blurb and picture alt text in one of the district's other languages. */
export const digestEntryTranslations = sqliteTable(
  'digest_entry_translations',
  {
    digestId: integer('digest_id')
      .notNull()
      .references(() => digests.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id),
    lang: text('lang').notNull(),
    headline: text('headline').notNull().default(''),
    blurb: text('blurb').notNull().default(''),
    imageAlt: text('image_alt').notNull().default(''),
    /** JSON array of the fields ('headline', 'blurb', 'imageAlt') filled by a translation service, unedited. */
    machineFields: text('machine_fields').notNull().default('[]'),
  },
  (t) => [primaryKey({ columns: [t.digestId, t.lang, t.itemId] })],
);

export const findingOverrides = sqliteTable(
  'finding_overrides',
  {
    digestId: integer('digest_id')
      .notNull()
      .references(() => digests.id),
    itemId: integer('item_id').notNull(),
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    userId: integer('user_id'),
    createdAt: integer('created_at').notNull(),
    /**
     * What the finding said (and of a picture, which picture) when the reason was given: the reason covers that
     * and nothing else, so a name or word added later opens the finding again. Null for reasons given before
     * this was kept (see db/findings.ts).
     */
    covers: text('covers'),
  },
  (t) => [primaryKey({ columns: [t.digestId, t.itemId, t.kind] })],
);

/**
 * How a name list's hash was made: `folded` when from the name as `foldName` keeps it (no accents, one
 * apostrophe, lower case), so "Nunez" finds Núñez; otherwise from a list loaded before names were folded (lower
 * case only, and composed for first names), which matches as it was loaded until it is loaded again.
 */
const nameListColumns = () => ({
  hash: text('hash').primaryKey(),
  folded: integer('folded', { mode: 'boolean' }).notNull().default(false),
});

/** Student surnames for matching, kept only as keyed hashes so the roster cannot be read back. */
export const rosterSurnames = sqliteTable('roster_surnames', nameListColumns());

/**
 * First names of students without a media release (the office's list), kept only as keyed hashes like the
 * roster: a picture whose post names one of them is held for a person to look at.
 */
export const noReleaseNames = sqliteTable('no_release_names', nameListColumns());

export const subscribers = sqliteTable(
  'subscribers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    emailKey: text('email_key').notNull().unique(),
    status: text('status', { enum: ['pending', 'confirmed', 'unsubscribed', 'suspended'] })
      .notNull()
      .default('pending'),
    tokenNonce: text('token_nonce').notNull(),
    consentAt: integer('consent_at'),
    consentText: text('consent_text'),
    consentSource: text('consent_source'),
    /** The schools (slugs, JSON) the subscriber chose when consenting. */
    consentSchools: text('consent_schools'),
    /** A new address asked for on the preferences page, waiting for its own confirmation. */
    pendingEmail: text('pending_email'),
    /** The language the subscriber reads (a code from i18n/languages.ts), for every email sent to them. */
    language: text('language').notNull().default('en'),
    confirmSentAt: integer('confirm_sent_at'),
    confirmedAt: integer('confirmed_at'),
    unsubscribedAt: integer('unsubscribed_at'),
    bounceCount: integer('bounce_count').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('subscribers_status_idx').on(t.status, t.id)],
);

export const subscriberSchools = sqliteTable(
  'subscriber_schools',
  {
    subscriberId: integer('subscriber_id')
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.subscriberId, t.schoolId] })],
);

export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    digestId: integer('digest_id')
      .notNull()
      .references(() => digests.id),
    subscriberId: integer('subscriber_id')
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['digest', 'correction'] })
      .notNull()
      .default('digest'),
    state: text('state', { enum: ['queued', 'sending', 'sent', 'failed', 'bounced', 'unknown', 'skipped'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
    lastError: text('last_error'),
    messageId: text('message_id'),
    queuedAt: integer('queued_at').notNull(),
    sentAt: integer('sent_at'),
    updatedAt: integer('updated_at').notNull(),
    /** For a correction email: the correction it tells of (none for those queued before it was recorded). */
    correctionId: integer('correction_id').references(() => digestCorrections.id),
    /**
     * The schools the subscriber had chosen when the email went ([] for every school), as a JSON array: who a
     * correction concerns, and what its email shows them. Null for emails sent before this was kept.
     */
    schoolIds: text('school_ids', { mode: 'json' }).$type<number[]>(),
  },
  (t) => [
    // One digest email per subscriber, and one email per correction. drizzle-kit writes this expression's SQL
    // wrongly (its quotes split `coalesce(...)`): migration 0016 has it by hand, and a migration generated
    // later that rebuilds this table needs the same mend (the migration tests fail on the broken SQL).
    uniqueIndex('deliveries_once_idx').on(
      t.digestId,
      t.subscriberId,
      t.kind,
      sql`coalesce(${t.correctionId}, 0)`,
    ),
    index('deliveries_state_idx').on(t.state, t.nextAttemptAt),
  ],
);

/**
 * One-off email to one person (a subscription to confirm, a new address to confirm, a password link), queued
 * by the request and sent by the background sender with the same records as a digest delivery. The message is
 * rendered when it is sent, so no link or token waits here in clear.
 */
export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', {
      enum: [
        'subscribe-confirm',
        'subscribe-already',
        'address-confirm',
        'address-moved',
        'password-link',
        'owner-welcome',
        'owner-featured',
        'owner-broken',
        'owner-recovered',
        'owner-taken-down',
        'owner-picture-taken-down',
        'review-notice',
      ],
    }).notNull(),
    /**
     * Owner notes: the source and digest the note is about (no foreign key: removing a source must not wait on
     * its old notes; a note whose source is gone is skipped), and a key that queues it at most once.
     */
    sourceId: integer('source_id'),
    digestId: integer('digest_id'),
    /** A takedown note: the post taken down (no foreign key either). */
    itemId: integer('item_id'),
    /** Words a person wrote for this email: the coordinator's to the teacher whose post was taken down. */
    note: text('note'),
    onceKey: text('once_key').unique(),
    subscriberId: integer('subscriber_id').references(() => subscribers.id, { onDelete: 'cascade' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    toAddress: text('to_address').notNull(),
    state: text('state', { enum: ['queued', 'sending', 'sent', 'failed', 'bounced', 'unknown', 'skipped'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
    lastError: text('last_error'),
    messageId: text('message_id'),
    queuedAt: integer('queued_at').notNull(),
    sentAt: integer('sent_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('messages_state_idx').on(t.state, t.nextAttemptAt)],
);

/**
 * Parents' addresses deleted at their request, kept only as a keyed hash (an HMAC of the lower-cased address
 * with the district's signing key), so that an import never signs them up again while nothing here names them.
 */
export const forgottenAddresses = sqliteTable('forgotten_addresses', {
  keyHash: text('key_hash').primaryKey(),
  at: integer('at').notNull(),
});

/** Owners' addresses (lower-cased) that asked, by a signed one-click link, for no more owner notes. */
export const ownerOptOuts = sqliteTable('owner_opt_outs', {
  emailKey: text('email_key').primaryKey(),
  at: integer('at').notNull(),
});

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name').notNull().default(''),
  role: text('role', { enum: ['admin', 'editor', 'contributor'] }).notNull(),
  passwordHash: text('password_hash'),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
  lastLoginAt: integer('last_login_at'),
});

export const userTokens = sqliteTable('user_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tokenHash: text('token_hash').notNull().unique(),
  purpose: text('purpose', { enum: ['setup', 'set-password'] }).notNull(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});

export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  role: text('role', { enum: ['admin', 'editor', 'contributor'] }).notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: integer('created_at').notNull(),
  lastUsedAt: integer('last_used_at'),
  revokedAt: integer('revoked_at'),
  /** The person the token was given to, whose work it does (their saves are theirs); null: a program's. */
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
});

/** Events counted for rate limits and throttling (failed logins, subscription requests), by key. */
export const rateEvents = sqliteTable(
  'rate_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('rate_events_key_idx').on(t.key, t.at)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorType: text('actor_type', { enum: ['user', 'api', 'cli', 'system', 'public'] }).notNull(),
    actorId: integer('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    details: text('details').notNull().default('{}'),
    ip: text('ip'),
  },
  (t) => [index('audit_at_idx').on(t.at), index('audit_action_idx').on(t.action, t.at)],
);

/**
 * The district's copy of each picture chosen for a digest, by the address it was chosen from. `key` names the
 * copy (a hash of the original bytes): the same photograph chosen from two addresses is one copy.
 */
export const pictures = sqliteTable(
  'pictures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceUrl: text('source_url').notNull().unique(),
    state: text('state', { enum: ['ready', 'failed', 'removed'] }).notNull(),
    /** Failed: what went wrong, as a sentence for the coordinator. */
    reason: text('reason'),
    key: text('key'),
    /** Upright size of the original. */
    width: integer('width'),
    height: integer('height'),
    fetchedAt: integer('fetched_at').notNull(),
    removedAt: integer('removed_at'),
    /**
     * What the copy looks like (pictures/picture-looks.ts): a copy taken down for what it shows is compared
     * with every picture chosen later, so the same photo resized or saved again is found. '' for a picture too
     * even to compare (or whose size could not be read); null for a copy made before this was kept, until
     * housekeeping reads it, and for one taken down with its post or digest rather than for what it shows.
     */
    looks: text('looks'),
  },
  // The desk's checks read the copies taken down on every load, and housekeeping the copies not read yet.
  (t) => [index('pictures_key_idx').on(t.key), index('pictures_state_idx').on(t.state)],
);

/**
 * The sizes made from one copy, served at /media/NAME. On a server the bytes live here, so a backup of the
 * database holds them; on Workers they live in R2 and `bytes` stays empty. A removed copy keeps its names
 * (so /media answers 410 Gone) and loses its bytes.
 */
export const pictureFiles = sqliteTable(
  'picture_files',
  {
    name: text('name').primaryKey(),
    key: text('key').notNull(),
    purpose: text('purpose', { enum: ['web', 'fallback', 'email'] }).notNull(),
    type: text('type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    size: integer('size').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }),
    removedAt: integer('removed_at'),
  },
  (t) => [index('picture_files_key_idx').on(t.key)],
);

/**
 * The district's own social accounts (Mastodon, Bluesky, a Facebook Page), each posting one short note per
 * published digest. `secret` (the access token or app password) is AES-GCM ciphertext (social/secret-box.ts)
 * and is never read back out except to post. A disconnected account keeps its row, without its secret, so the
 * record of what it posted stays readable.
 */
export const socialAccounts = sqliteTable('social_accounts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  network: text('network', { enum: ['mastodon', 'bluesky', 'facebook'] }).notNull(),
  /** The instance address (Mastodon), the PDS address (Bluesky) or the Graph API address (Facebook). */
  server: text('server').notNull(),
  /** The login: a Bluesky handle, a Facebook Page id; empty for Mastodon (the token names the account). */
  login: text('login').notNull().default(''),
  /** The network's own id for the account: Mastodon account id, Bluesky DID, Facebook Page id. */
  remoteId: text('remote_id').notNull(),
  /** What the network calls the account, for people: "@district@social.example", "District Schools". */
  name: text('name').notNull(),
  secret: text('secret'),
  status: text('status', { enum: ['active', 'stopped', 'disconnected'] })
    .notNull()
    .default('active'),
  /** Stopped: why, as a sentence for the administrators. */
  statusReason: text('status_reason'),
  connectedAt: integer('connected_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * One post per digest per account ('digest'), and one reply per correction ('correction:ID'), moving
 * queued → posting → posted (or failed); a posted one whose digest is taken down goes deleting → deleted.
 * The claim (queued → posting) is the same conditional write as email deliveries use.
 */
export const socialPosts = sqliteTable(
  'social_posts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    digestId: integer('digest_id')
      .notNull()
      .references(() => digests.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => socialAccounts.id),
    key: text('key').notNull(),
    correctionId: integer('correction_id').references(() => digestCorrections.id),
    state: text('state', {
      enum: ['queued', 'posting', 'posted', 'failed', 'withdrawn', 'deleting', 'deleted'],
    })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
    lastError: text('last_error'),
    /** The network's id for the post (Mastodon status id, Bluesky at:// URI, Facebook post id) and its page. */
    remoteId: text('remote_id'),
    remoteUrl: text('remote_url'),
    /** Bluesky: the record's CID, which a reply must name. */
    remoteCid: text('remote_cid'),
    queuedAt: integer('queued_at').notNull(),
    postedAt: integer('posted_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('social_posts_once_idx').on(t.digestId, t.accountId, t.key),
    index('social_posts_state_idx').on(t.state, t.nextAttemptAt),
  ],
);
