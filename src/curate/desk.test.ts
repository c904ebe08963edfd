// The desk's rules, against a real database: roles, approval by a second person, scheduling, taking down,
// resolution by edit, the roster.
import { createLogger } from '../log';
import { beforeEach, describe, expect, it } from 'vitest';
import { addSchoolWithSource, item, storeItems } from '../../test/fixtures';
import { createTestDatabase } from '../../test/database';
import { listAudit } from '../db/audit';
import type { Database } from '../db/client';
import { findDigest } from '../db/digests';
import { listItemsPublishedBetween } from '../db/items';
import { countNameList, nameListWordsAmong, replaceNameList } from '../db/roster';
import { rosterSurnames } from '../db/schema';
import { sign } from '../auth/tokens';
import { createOutboxMailer } from '../email/outbox-mailer';
import { changeSetting, readDistrictSettings, siteOf } from '../settings/district-settings';
import { approvalRevision, approveDesk } from './approval';
import { saveTranslation } from './translations';
import {
  DeskError,
  loadDesk,
  markReady,
  overrideFinding,
  publishDesk,
  saveDesk,
  submitForReview,
  unpublishDesk,
  type DeskActor,
  type DeskDeps,
} from './desk';

const NOON = Date.parse('2026-11-20T18:00:00Z');
const person = (userId: number, role: DeskActor['role']): DeskActor => ({
  type: 'user',
  id: userId,
  userId,
  label: `user ${userId}`,
  role,
});
const dana = person(1, 'editor');
const lee = person(2, 'editor');
const cam = person(3, 'contributor');

describe('the desk', () => {
  let db: Database;
  let deps: DeskDeps;
  let ids: number[];

  beforeEach(async () => {
    db = createTestDatabase().database;
    deps = {
      db,
      now: () => NOON + 86_400_000,
      log: createLogger('error'),
      signingKey: 'test-key',
      background: { wakeSender() {}, wakePoller() {} },
      publicUrl: 'https://digest.example',
      mailer: createOutboxMailer('/tmp/yesterday-desk-test-outbox'),
      mailFrom: 'Digest <d@example.org>',
    };
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, source.id, [
      item({ guid: 'a', title: 'Kites', publishedAt: NOON }),
      item({ guid: 'b', title: 'Poems', publishedAt: NOON + 1000, summary: 'Emma Nguyen read a poem.' }),
    ]);
    ids = (await listItemsPublishedBetween(db, 0, NOON * 2)).map((i) => i.id).sort();
  });

  /** The one post, the kites, as the digest's only entry with this blurb. */
  const kites = (blurb: string) => [{ itemId: ids[0]!, blurb }];
  /** The day published with the kites and a blurb no check finds anything in; approved first where asked. */
  const publishKites = async (day: string, options: { approvedBy?: DeskActor } = {}) => {
    await saveDesk(deps, dana, day, { entries: kites('Room 4 flew kites.') });
    if (options.approvedBy) await approveDesk(deps, options.approvedBy, day);
    await publishDesk(deps, dana, day);
  };

  const refusal = async (work: Promise<unknown>) => {
    try {
      await work;
    } catch (error) {
      if (error instanceof DeskError) return { status: error.status, code: error.code };
      throw error;
    }
    throw new Error('expected a refusal');
  };

  it('opens a finding again when a name or word is added after its reason, before publishing and in a correction', async () => {
    const day = '2026-11-20';
    await saveDesk(deps, dana, day, { entries: kites('Maya Lopez flew the highest kite.') });
    await overrideFinding(deps, dana, day, {
      itemId: ids[0]!,
      kind: 'student-name',
      reason: 'Her family asked us to use her full name.',
    });
    expect((await loadDesk(deps, day)).open).toEqual([]);
    // A contributor then adds two more names: the reason was given for Maya alone.
    await saveDesk(deps, cam, day, {
      entries: kites('Maya Lopez and Ethan Brooks flew; Ava Patel watched.'),
    });
    const reopened = await loadDesk(deps, day);
    expect(reopened.open.map((f) => f.kind)).toEqual(['student-name']);
    expect(reopened.open[0]!.message).toContain('Ethan Brooks');
    // The desk shows the earlier reason beside it, so nobody types one blind.
    expect(reopened.open[0]!.earlier?.reason).toBe('Her family asked us to use her full name.');
    expect(await refusal(publishDesk(deps, dana, day))).toEqual({ status: 422, code: 'findings' });
    // A reason for the three of them covers them, and any of them taken out again.
    await overrideFinding(deps, dana, day, {
      itemId: ids[0]!,
      kind: 'student-name',
      reason: 'All three families asked for full names.',
    });
    await saveDesk(deps, dana, day, { entries: kites('Maya Lopez and Ethan Brooks flew the kites.') });
    expect((await loadDesk(deps, day)).open).toEqual([]);
    await publishDesk(deps, dana, day);
    // A correction that takes a name out goes out (the README's own example)...
    const { correctDesk } = await import('./correct-digest');
    const correcting = (blurb: string, note: string) =>
      correctDesk(deps, dana, day, { entries: kites(blurb), note, email: false });
    await correcting(
      'Maya Lopez flew the kites with a friend.',
      'We took out a name we should not have used.',
    );
    expect((await loadDesk(deps, day)).open).toEqual([]);
    // ...and one that adds a name is checked against the reason too.
    expect(
      await refusal(
        correcting('Maya Lopez and Noah Kim flew the highest kites.', 'We named the second flyer.'),
      ),
    ).toEqual({ status: 422, code: 'findings' });
    expect((await loadDesk(deps, day)).entries.map((e) => e.blurb)).toEqual([
      'Maya Lopez flew the kites with a friend.',
    ]);
  });

  it('records a reason typed for a finding in a correction with the correction, and with nothing if refused', async () => {
    const day = '2026-11-20';
    await publishKites(day);
    const { correctDesk } = await import('./correct-digest');
    const { listOverrides } = await import('../db/findings');
    const digestId = (await findDigest(db, day))!.id;
    const note = 'We named the child whose kite flew highest.';
    const named = kites('Maya Lopez flew the highest kite.');
    const reason = (text: string) => [{ itemId: ids[0]!, kind: 'student-name', reason: text }];
    expect(await refusal(correctDesk(deps, dana, day, { entries: named, note, email: false }))).toEqual({
      status: 422,
      code: 'findings',
    });
    // Too short: refused, the findings given back to show again, and no reason kept.
    const short = await correctDesk(deps, dana, day, {
      entries: named,
      note,
      email: false,
      reasons: reason('ok'),
    })
      .then(() => undefined)
      .catch((error: DeskError) => error);
    expect(short).toMatchObject({
      code: 'reason-required',
      details: { field: `reason_${ids[0]}_student-name` },
    });
    expect(short!.details.findings!.map((f) => f.kind)).toEqual(['student-name']);
    // A reason for another kind of finding resolves nothing here.
    expect(
      await refusal(
        correctDesk(deps, dana, day, {
          entries: named,
          note,
          email: false,
          reasons: [{ itemId: ids[0]!, kind: 'tone', reason: 'Not a tone word at all, honestly.' }],
        }),
      ),
    ).toEqual({ status: 422, code: 'findings' });
    expect(await listOverrides(db, digestId)).toEqual([]);
    await correctDesk(deps, dana, day, {
      entries: named,
      note,
      email: false,
      reasons: reason('Her family asked us to use her full name.'),
    });
    const after = await loadDesk(deps, day);
    expect(after.entries.map((e) => e.blurb)).toEqual(['Maya Lopez flew the highest kite.']);
    expect(after.open).toEqual([]);
    expect(await listOverrides(db, digestId)).toMatchObject([
      {
        itemId: ids[0],
        kind: 'student-name',
        reason: 'Her family asked us to use her full name.',
        userId: 1,
      },
    ]);
    expect((await listAudit(db, { limit: 10 })).map((e) => e.action)).toContain('finding.override');
    // It covers Maya, as a reason given on a draft would: a second name in a later correction is checked again.
    expect(
      await refusal(
        correctDesk(deps, dana, day, {
          entries: kites('Maya Lopez and Noah Kim flew the highest kites.'),
          note: 'We named the second flyer too.',
          email: false,
        }),
      ),
    ).toEqual({ status: 422, code: 'findings' });
  });

  it('gives back every finding a reason was typed against when a correction is refused for something else', async () => {
    const day = '2026-11-20';
    await changeSetting(db, 'tone_words', 'lazy', 1);
    await publishKites(day);
    const { correctDesk } = await import('./correct-digest');
    const refused = (note: string) =>
      correctDesk(deps, dana, day, {
        entries: kites('Maya Lopez was never lazy about kites.'),
        note,
        email: false,
        reasons: [
          { itemId: ids[0]!, kind: 'student-name', reason: 'Her family asked us to use her full name.' },
        ],
      })
        .then(() => undefined)
        .catch((error: DeskError) => error);
    // Another finding still open: both come back, the one with a reason too, so its box is drawn again.
    const open = await refused('We named the child whose kite flew highest.');
    expect(open).toMatchObject({ code: 'findings', message: expect.stringContaining('One check finding') });
    expect(open!.details.findings!.map((f) => f.kind).sort()).toEqual(['student-name', 'tone']);
    // A note too short: the same, so nothing typed under a finding is dropped.
    const short = await refused('Oops');
    expect(short).toMatchObject({ code: 'note-required' });
    expect(short!.details.findings!.map((f) => f.kind).sort()).toEqual(['student-name', 'tone']);
  });

  it('does not let a waiting correction’s reason cover a finding that appeared after it was proposed', async () => {
    const day = '2026-11-20';
    await changeSetting(db, 'require_approval', 'true', 1);
    await publishKites(day, { approvedBy: lee });
    const { approveCorrection, correctDesk, pendingCorrectionOf } = await import('./correct-digest');
    await correctDesk(deps, dana, day, {
      entries: kites('Maya Lopez flew a brutal kite.'),
      note: 'We named the child whose kite flew highest.',
      email: false,
      reasons: [
        { itemId: ids[0]!, kind: 'student-name', reason: 'Her family asked us to use her full name.' },
        // Typed for a finding the text does not have: kept with nothing.
        { itemId: ids[0]!, kind: 'tone', reason: 'Brutal is the kite’s brand name, honestly.' },
      ],
    });
    const pending = pendingCorrectionOf(await findDigest(db, day))!;
    expect(pending.request.reasons!.map((r) => r.kind)).toEqual(['student-name']);
    // The district adds a word to its tone list: the proposal now has a finding nobody gave a reason for.
    await changeSetting(db, 'tone_words', 'brutal', 1);
    expect(await refusal(approveCorrection(deps, lee, day, pending.id))).toEqual({
      status: 422,
      code: 'findings',
    });
    expect((await loadDesk(deps, day)).entries.map((e) => e.blurb)).toEqual(['Room 4 flew kites.']);
  });

  it('keeps a correction’s reasons with it while it waits for a second person, and records them when approved', async () => {
    const day = '2026-11-20';
    await changeSetting(db, 'require_approval', 'true', 1);
    await publishKites(day, { approvedBy: lee });
    const { approveCorrection, correctDesk, pendingCorrectionOf } = await import('./correct-digest');
    const { listOverrides } = await import('../db/findings');
    const digestId = (await findDigest(db, day))!.id;
    expect(
      await correctDesk(deps, dana, day, {
        entries: kites('Maya Lopez flew the highest kite.'),
        note: 'We named the child whose kite flew highest.',
        email: false,
        reasons: [
          { itemId: ids[0]!, kind: 'student-name', reason: 'Her family asked us to use her full name.' },
        ],
      }),
    ).toEqual({ emails: 0, pending: true });
    // Nothing is recorded until the correction is.
    expect(await listOverrides(db, digestId)).toEqual([]);
    const pending = pendingCorrectionOf(await findDigest(db, day))!;
    expect(pending.request.reasons).toMatchObject([
      { itemId: ids[0], kind: 'student-name', reason: 'Her family asked us to use her full name.' },
    ]);
    expect(pending.request.reasons![0]!.covers).toContain('maya lopez');
    await approveCorrection(deps, lee, day, pending.id);
    expect((await loadDesk(deps, day)).entries.map((e) => e.blurb)).toEqual([
      'Maya Lopez flew the highest kite.',
    ]);
    // The reason is its proposer's, as the words are.
    expect(await listOverrides(db, digestId)).toMatchObject([{ kind: 'student-name', userId: 1 }]);
  });

  it('counts a reason given before what it covers was kept only for the text it was given to', async () => {
    const day = '2026-11-20';
    let now = NOON + 86_400_000;
    const moving = { ...deps, now: () => now };
    await saveDesk(moving, dana, day, { entries: kites('Maya Lopez flew the highest kite.') });
    const digest = (await findDigest(db, day))!;
    // As a release before this one recorded it: no `covers`.
    const { upsertOverrideStatement } = await import('../db/findings');
    const legacy = { itemId: ids[0]!, kind: 'student-name', reason: 'Her family asked us.', userId: 1 };
    await db.batch([upsertOverrideStatement(db, digest.id, { ...legacy, createdAt: now, covers: null })]);
    expect((await loadDesk(moving, day)).open).toEqual([]);
    // Made ready by the release before this one, which moved the digest's updated time: still as it was given.
    const { digests } = await import('../db/schema');
    const { eq } = await import('drizzle-orm');
    await db.orm
      .update(digests)
      .set({ status: 'ready', updatedAt: now + 1 })
      .where(eq(digests.id, digest.id));
    expect((await loadDesk(moving, day)).open).toEqual([]);
    // Saved since: the text it was given to is gone, so it no longer counts.
    now += 60_000;
    await saveDesk(moving, cam, day, { entries: kites('Maya Lopez and Ethan Brooks flew.') });
    expect((await loadDesk(moving, day)).open.map((f) => f.kind)).toEqual(['student-name']);
    // And the save took it away, so that nothing (making the digest ready, say) brings it back.
    const { listOverrides } = await import('../db/findings');
    expect(await listOverrides(db, digest.id)).toEqual([]);
    // Given again to the first text, published: it counts for the digest as it went out, and a correction that
    // adds a name is held to what it found then.
    await saveDesk(moving, dana, day, { entries: kites('Maya Lopez flew the highest kite.') });
    now += 60_000;
    await db.batch([upsertOverrideStatement(db, digest.id, { ...legacy, createdAt: now, covers: null })]);
    await publishDesk(moving, dana, day);
    expect((await loadDesk(moving, day)).open).toEqual([]);
    const { correctDesk } = await import('./correct-digest');
    const correcting = (blurb: string) =>
      correctDesk(moving, dana, day, { entries: kites(blurb), note: 'We changed a line.', email: false });
    expect(await refusal(correcting('Maya Lopez and Noah Kim flew the highest kites.'))).toEqual({
      status: 422,
      code: 'findings',
    });
    await correcting('Maya Lopez flew the highest kite of all.');
    expect((await loadDesk(moving, day)).entries.map((e) => e.blurb)).toEqual([
      'Maya Lopez flew the highest kite of all.',
    ]);
  });

  it('refuses to publish a day that has not begun in the district', async () => {
    // The desk's clock is the day after 2026-11-20; a mistyped year would put a digest above every real one.
    await saveDesk(deps, dana, '2062-11-20', { entries: [{ itemId: ids[0]! }] });
    expect(await refusal(publishDesk(deps, dana, '2062-11-20'))).toEqual({ status: 422, code: 'future-day' });
    expect((await findDigest(db, '2062-11-20'))!.status).toBe('draft');
  });

  it('lets contributors curate but not publish, schedule or take down', async () => {
    await saveDesk(deps, cam, '2026-11-20', { entries: [{ itemId: ids[0]! }] });
    expect(await refusal(publishDesk(deps, cam, '2026-11-20'))).toEqual({ status: 403, code: 'forbidden' });
    expect(await refusal(markReady(deps, cam, '2026-11-20'))).toEqual({ status: 403, code: 'forbidden' });
    expect(await refusal(unpublishDesk(deps, cam, '2026-11-20', 'A family withdrew consent.'))).toEqual({
      status: 403,
      code: 'forbidden',
    });
  });

  it('submits for review the version its submitter saved, or none if someone saved after them', async () => {
    const day = '2026-11-20';
    const site = siteOf(await readDistrictSettings(db), deps.publicUrl);
    const mine = await saveDesk(deps, cam, day, { entries: [{ itemId: ids[0]! }], intro: 'Cam’s intro' });
    // Lee saves between Cam's save and Cam's submit: Cam did not see Lee's version, so nothing is submitted.
    await saveDesk(deps, lee, day, {
      entries: [{ itemId: ids[0]! }],
      intro: 'Lee’s intro',
      version: mine.digest!.version,
    });
    const refused = await submitForReview(deps, cam, day, site, mine).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DeskError);
    expect(refused).toMatchObject({ status: 409, code: 'conflict' });
    expect((refused as DeskError).message).toContain(`version ${mine.digest!.version + 1}`);
    expect((refused as DeskError).details.current?.digest?.version).toBe(mine.digest!.version + 1);
    expect(await findDigest(db, day)).toMatchObject({ submittedVersion: null, submittedBy: null });
    // Submitted from what is saved now, it is that version; pressed again, it is already.
    const current = await loadDesk(deps, day);
    expect(await submitForReview(deps, cam, day, site, current)).toEqual({ already: false });
    expect(await findDigest(db, day)).toMatchObject({
      submittedVersion: current.digest!.version,
      submittedBy: cam.userId,
    });
    expect(await submitForReview(deps, cam, day, site, current)).toEqual({ already: true });
    // Someone else's save is said to be theirs; the submitter's own from another tab, to be theirs.
    expect((refused as DeskError).message).toContain('someone else saved a new version');
    const again = await saveDesk(deps, cam, day, {
      entries: [{ itemId: ids[0]! }],
      intro: 'Cam’s second intro',
      version: current.digest!.version,
    });
    await saveDesk(deps, cam, day, {
      entries: [{ itemId: ids[0]! }],
      intro: 'Cam’s third',
      version: again.digest!.version,
    });
    const own = await submitForReview(deps, cam, day, site, again).catch((error: unknown) => error);
    expect((own as DeskError).message).toContain('you saved a newer version elsewhere');
  });

  it('requires a second person’s approval when the setting is on, and an edit voids the approval', async () => {
    await changeSetting(db, 'require_approval', 'true', 1);
    await saveDesk(deps, dana, '2026-11-20', { entries: [{ itemId: ids[0]! }] });
    expect(await refusal(publishDesk(deps, dana, '2026-11-20'))).toEqual({
      status: 422,
      code: 'approval-required',
    });
    expect(await refusal(approveDesk(deps, dana, '2026-11-20'))).toEqual({
      status: 403,
      code: 'second-person',
    });
    await approveDesk(deps, lee, '2026-11-20');
    expect((await loadDesk(deps, '2026-11-20')).approval.approved).toBe(true);
    await saveDesk(deps, dana, '2026-11-20', { intro: 'One more word.', entries: [{ itemId: ids[0]! }] });
    expect((await loadDesk(deps, '2026-11-20')).approval.approved).toBe(false);
    await approveDesk(deps, lee, '2026-11-20');
    expect(await publishDesk(deps, dana, '2026-11-20')).toEqual({ queued: 0 });
    expect((await listAudit(db, { action: 'digest.approve', limit: 5 })).length).toBe(2);
  });

  it('refuses a post listed twice instead of keeping one of its two sets of texts', async () => {
    const twice = [
      { itemId: ids[0]!, blurb: 'First.' },
      { itemId: ids[1]! },
      { itemId: ids[0]!, blurb: 'Second.' },
    ];
    expect(await refusal(saveDesk(deps, dana, '2026-11-20', { entries: twice }))).toEqual({
      status: 422,
      code: 'duplicate-entry',
    });
    expect(await findDigest(db, '2026-11-20')).toBeUndefined();
  });

  it('approves the languages as the approver’s page showed them: one saved since refuses it', async () => {
    await changeSetting(db, 'require_approval', 'true', 1);
    await changeSetting(db, 'languages', 'en,es', 1);
    const saved = await saveDesk(deps, dana, '2026-11-20', {
      intro: 'Kites.',
      entries: [{ itemId: ids[0]! }],
    });
    await saveTranslation(deps, dana, '2026-11-20', 'es', { intro: 'Cometas.', entries: [] });
    const shown = await loadDesk(deps, '2026-11-20');
    // After Lee's page was drawn, Dana changes the Spanish: the digest's version stays as it was.
    await saveTranslation(deps, dana, '2026-11-20', 'es', {
      intro: 'Un texto que nadie aprobó.',
      entries: [],
    });
    const version = saved.digest!.version;
    expect((await findDigest(db, '2026-11-20'))!.version).toBe(version);
    expect(
      await refusal(approveDesk(deps, lee, '2026-11-20', version, undefined, approvalRevision(shown))),
    ).toEqual({ status: 409, code: 'changed-since-shown' });
    expect((await loadDesk(deps, '2026-11-20')).approval.approved).toBe(false);
    const now = await loadDesk(deps, '2026-11-20');
    await approveDesk(deps, lee, '2026-11-20', version, undefined, approvalRevision(now));
    expect((await loadDesk(deps, '2026-11-20')).approval.approved).toBe(true);
  });

  it('takes back an approval when someone other than the approver overrides a finding after it', async () => {
    await changeSetting(db, 'require_approval', 'true', 1);
    await saveDesk(deps, dana, '2026-11-20', { entries: [{ itemId: ids[0]! }, { itemId: ids[1]! }] });
    const [finding] = (await loadDesk(deps, '2026-11-20')).open;
    expect(finding).toBeDefined();
    await approveDesk(deps, lee, '2026-11-20');
    const told = await overrideFinding(deps, dana, '2026-11-20', {
      itemId: finding!.itemId!,
      kind: finding!.kind,
      reason: 'Emma is an adult volunteer, not a student.',
    });
    expect(told.approvalTakenBack).toBe(true);
    expect((await loadDesk(deps, '2026-11-20')).approval.approved).toBe(false);
    expect(await refusal(publishDesk(deps, dana, '2026-11-20'))).toEqual({
      status: 422,
      code: 'approval-required',
    });

    // The approver's own reason is theirs: their approval stands.
    await saveDesk(deps, dana, '2026-11-20', {
      entries: [{ itemId: ids[0]!, blurb: 'Maya Johnson flew the highest kite.' }, { itemId: ids[1]! }],
    });
    await approveDesk(deps, lee, '2026-11-20');
    const [again] = (await loadDesk(deps, '2026-11-20')).open;
    const own = await overrideFinding(deps, lee, '2026-11-20', {
      itemId: again!.itemId!,
      kind: again!.kind,
      reason: 'Maya is a parent volunteer, named with consent.',
    });
    expect(own.approvalTakenBack).toBe(false);
    expect((await loadDesk(deps, '2026-11-20')).approval.approved).toBe(true);

    // Nor does Lee approve, from a page drawn before Dana's reason, a judgement that page did not show.
    const { source } = await addSchoolWithSource(db, 'Oak Middle', 'https://oak.example/feed');
    await storeItems(db, source.id, [
      item({ guid: 'c', title: 'Bees', publishedAt: NOON + 2000, summary: 'Maya Johnson kept the bees.' }),
    ]);
    const third = (await listItemsPublishedBetween(db, 0, NOON * 2)).find((i) => i.title === 'Bees')!.id;
    await saveDesk(deps, dana, '2026-11-20', {
      entries: [{ itemId: ids[0]! }, { itemId: ids[1]! }, { itemId: third }],
    });
    const drawn = await loadDesk(deps, '2026-11-20');
    const bees = drawn.open.find((f) => f.itemId === third);
    await overrideFinding(deps, dana, '2026-11-20', {
      itemId: bees!.itemId,
      kind: bees!.kind,
      reason: 'This Maya is the beekeeper, an adult.',
    });
    expect(
      await refusal(
        approveDesk(deps, lee, '2026-11-20', drawn.digest!.version, undefined, approvalRevision(drawn)),
      ),
    ).toEqual({ status: 409, code: 'changed-since-shown' });
    const now = await loadDesk(deps, '2026-11-20');
    await approveDesk(deps, lee, '2026-11-20', now.digest!.version, undefined, approvalRevision(now));
    expect((await loadDesk(deps, '2026-11-20')).approval.approved).toBe(true);
  });

  it('approves exactly the version the approver was shown, saving nothing as them', async () => {
    await changeSetting(db, 'require_approval', 'true', 1);
    const saved = await saveDesk(deps, dana, '2026-11-20', {
      intro: 'Kites and poems.',
      entries: [{ itemId: ids[0]! }, { itemId: ids[1]!, blurb: 'A poem.' }],
    });
    const version = saved.digest!.version;
    // What Lee's page holds: the stored version, field by field, as a form posts it.
    const page = {
      version,
      title: '',
      intro: 'Kites and poems.',
      entries: saved.entries.map((e) => ({
        itemId: e.itemId,
        headline: e.headline,
        blurb: e.blurb,
        imageUrl: e.imageUrl,
        imageAlt: e.imageAlt ?? '',
      })),
    };
    expect(
      await refusal(approveDesk(deps, lee, '2026-11-20', version, { ...page, intro: 'Kites, poems.' })),
    ).toEqual({ status: 409, code: 'unsaved-changes' });
    expect(
      await refusal(
        approveDesk(deps, lee, '2026-11-20', version, { ...page, entries: [...page.entries].reverse() }),
      ),
    ).toEqual({ status: 409, code: 'unsaved-changes' });
    expect(await refusal(approveDesk(deps, lee, '2026-11-20', version - 1, page))).toEqual({
      status: 409,
      code: 'conflict',
    });
    expect((await loadDesk(deps, '2026-11-20')).approval.approved).toBe(false);

    await approveDesk(deps, lee, '2026-11-20', version, page);
    const approved = (await findDigest(db, '2026-11-20'))!;
    expect(approved).toMatchObject({ version, updatedBy: dana.userId, approvedBy: lee.userId });
    expect((await loadDesk(deps, '2026-11-20')).approval.approved).toBe(true);
    // Saving the same thing again (as publishing from the desk does first) makes no new version.
    const again = await saveDesk(deps, dana, '2026-11-20', page);
    expect(again.digest).toMatchObject({ version, approvedBy: lee.userId });
    expect(again.approval.approved).toBe(true);
  });

  it('schedules only a checked version; a later save makes it a draft again', async () => {
    await saveDesk(deps, dana, '2026-11-20', { entries: [{ itemId: ids[0]! }] });
    await markReady(deps, dana, '2026-11-20');
    expect((await findDigest(db, '2026-11-20'))!.status).toBe('ready');
    await saveDesk(deps, cam, '2026-11-20', { entries: [{ itemId: ids[0]!, blurb: 'Windy!' }] });
    expect((await findDigest(db, '2026-11-20'))!.status).toBe('draft');
  });

  it('takes a published digest down with a reason', async () => {
    await saveDesk(deps, dana, '2026-11-20', { entries: [{ itemId: ids[0]! }] });
    await publishDesk(deps, dana, '2026-11-20');
    expect(await refusal(unpublishDesk(deps, dana, '2026-11-20', 'oops'))).toEqual({
      status: 422,
      code: 'reason-required',
    });
    await unpublishDesk(deps, dana, '2026-11-20', 'A family withdrew consent for the photo.');
    expect((await findDigest(db, '2026-11-20'))!).toMatchObject({
      status: 'unpublished',
      unpublishReason: 'A family withdrew consent for the photo.',
    });
  });

  it('records in the audit log when an edit resolves a finding', async () => {
    await saveDesk(deps, dana, '2026-11-20', {
      entries: [{ itemId: ids[0]!, blurb: 'Maya Johnson flew the highest kite.' }],
    });
    expect((await loadDesk(deps, '2026-11-20')).open.map((f) => f.kind)).toEqual(['student-name']);
    await saveDesk(deps, dana, '2026-11-20', {
      entries: [{ itemId: ids[0]!, blurb: 'Maya flew the highest kite.' }],
    });
    expect((await loadDesk(deps, '2026-11-20')).open).toEqual([]);
    expect(await listAudit(db, { action: 'finding.resolved_by_edit', limit: 5 })).toEqual([
      expect.objectContaining({
        details: JSON.stringify({ findings: [{ itemId: ids[0], kind: 'student-name' }] }),
      }),
    ]);
  });

  it('matches roster surnames it cannot read back', async () => {
    await replaceNameList(db, deps.signingKey, 'roster', ['Nguyen', 'Okafor']);
    const stored = (
      db.orm as unknown as { $client: { prepare(s: string): { all(): { hash: string }[] } } }
    ).$client
      .prepare('select hash from roster_surnames')
      .all();
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toMatch(/nguyen|okafor/i);
    expect(await nameListWordsAmong(db, deps.signingKey, 'roster', ['Nguyen', 'Smith'])).toEqual(
      new Set(['nguyen']),
    );
    await saveDesk(deps, dana, '2026-11-20', {
      entries: [{ itemId: ids[1]!, blurb: 'The Nguyen twins read poems.' }],
    });
    expect((await loadDesk(deps, '2026-11-20')).open[0]!.message).toContain('“Nguyen” (blurb)');
  });

  it('matches names with or without their accents, and a list loaded before that as it was loaded', async () => {
    await replaceNameList(db, deps.signingKey, 'roster', ['Núñez', 'O’Brien']);
    await replaceNameList(db, deps.signingKey, 'noRelease', ['José', 'Zoe']);
    expect(
      await nameListWordsAmong(db, deps.signingKey, 'roster', [
        'Nunez',
        'NÚÑEZ',
        'Nu\u0301n\u0303ez',
        "O'Brien",
        'Smith',
      ]),
    ).toEqual(new Set(['nunez', "o'brien"]));
    expect(await nameListWordsAmong(db, deps.signingKey, 'noRelease', ['Jose', 'Zoë', 'Jesse'])).toEqual(
      new Set(['jose', 'zoe']),
    );
    await saveDesk(deps, dana, '2026-11-20', {
      entries: [{ itemId: ids[1]!, blurb: 'The Nunez twins read poems.' }],
    });
    expect((await loadDesk(deps, '2026-11-20')).open[0]!.message).toContain('“Nunez” (blurb)');
    // A roster loaded before names were folded kept "garcía" as it was written: it matches that way alone, and
    // the Settings page asks for it again (countNameList).
    await db.orm.insert(rosterSurnames).values({ hash: await sign(deps.signingKey, 'roster:garcía') });
    expect(await countNameList(db, 'roster')).toEqual({ names: 3, unfolded: 1 });
    expect(await nameListWordsAmong(db, deps.signingKey, 'roster', ['García', 'Garcia', 'Nunez'])).toEqual(
      new Set(['garcia', 'nunez']),
    );
    expect(await nameListWordsAmong(db, deps.signingKey, 'roster', ['Garcia'])).toEqual(new Set());
    await replaceNameList(db, deps.signingKey, 'roster', ['García']);
    expect(await countNameList(db, 'roster')).toEqual({ names: 1, unfolded: 0 });
    expect(await nameListWordsAmong(db, deps.signingKey, 'roster', ['Garcia'])).toEqual(new Set(['garcia']));
  });

  it('holds a picture whose post names a student without a media release, from a list it cannot read back', async () => {
    await replaceNameList(db, deps.signingKey, 'noRelease', ['Maya', 'Leo']);
    const stored = (
      db.orm as unknown as { $client: { prepare(s: string): { all(): { hash: string }[] } } }
    ).$client
      .prepare('select hash from no_release_names')
      .all();
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toMatch(/maya|leo/i);
    // The surname roster is another list: the same word in one is not in the other.
    expect(await nameListWordsAmong(db, deps.signingKey, 'roster', ['Maya'])).toEqual(new Set());
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/room2');
    await storeItems(db, source.id, [
      item({
        guid: 'c',
        title: 'Kite day',
        publishedAt: NOON + 2000,
        imageUrl: 'https://lincoln.example/maya.jpg',
        imageAlt: 'Kites over the field',
      }),
    ]);
    const pictured = (await listItemsPublishedBetween(db, 0, NOON * 2)).find((i) => i.guid === 'c')!.id;
    await saveDesk(deps, dana, '2026-11-20', {
      entries: [
        {
          itemId: pictured,
          blurb: 'Maya’s kite flew highest.',
          imageUrl: 'https://lincoln.example/maya.jpg',
        },
      ],
    });
    const [held] = (await loadDesk(deps, '2026-11-20')).open;
    expect(held).toMatchObject({ itemId: pictured, kind: 'photo-without-release' });
    expect(held!.message).toContain('a student called Maya has no media release on file');
    // A picture whose file name is all that names her is held too.
    await saveDesk(deps, dana, '2026-11-20', {
      entries: [
        { itemId: pictured, blurb: 'Kites flew highest.', imageUrl: 'https://lincoln.example/maya.jpg' },
      ],
    });
    expect((await loadDesk(deps, '2026-11-20')).open.map((f) => f.kind)).toEqual(['photo-without-release']);
    // Without the picture there is nothing to hold.
    await saveDesk(deps, dana, '2026-11-20', {
      entries: [{ itemId: pictured, blurb: 'Maya’s kite flew highest.', imageUrl: null }],
    });
    expect((await loadDesk(deps, '2026-11-20')).open).toEqual([]);
  });
});
