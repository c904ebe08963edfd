import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../db/audit';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionLabel, auditDetails, auditSentence, hasSentence } from './audit-sentences';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: 0,
  actorType: 'user',
  actorId: 3,
  actorLabel: 'Dana Lee',
  action: 'digest.publish',
  subjectType: 'digest',
  subjectId: '2026-11-19',
  details: '{}',
  ip: null,
  ...over,
});

describe('the audit log in sentences', () => {
  it('says who did what to which digest, with the day in words', () => {
    expect(auditSentence(entry({}))).toBe('Dana Lee published the digest for Thursday, November 19, 2026.');
    expect(auditSentence(entry({ actorType: 'system', actorLabel: 'scheduler' }))).toBe(
      'The scheduler published the digest for Thursday, November 19, 2026.',
    );
    expect(
      auditSentence(
        entry({
          action: 'settings.change',
          subjectType: 'settings',
          subjectId: null,
          details: '{"site_title":"x","brand_primary":"#123456"}',
        }),
      ),
    ).toBe('Dana Lee changed the site title and brand primary settings.');
  });

  it('names a parent who acted through an email link by their subscriber number, as a sentence starts', () => {
    const parent = {
      actorType: 'public' as const,
      actorId: null,
      actorLabel: 'subscriber 4',
      subjectType: 'subscriber',
    };
    expect(auditSentence(entry({ ...parent, action: 'subscriber.confirm', subjectId: '4' }))).toBe(
      'Subscriber no. 4 confirmed their subscription.',
    );
    expect(auditSentence(entry({ ...parent, action: 'subscriber.unsubscribe', subjectId: '4' }))).toBe(
      'Subscriber no. 4 unsubscribed.',
    );
  });

  it('says which language a translation entry was about', () => {
    expect(
      auditSentence(entry({ action: 'translation.review', details: '{"lang":"es","changed":false}' })),
    ).toBe('Dana Lee reviewed the Spanish translation of the digest for Thursday, November 19, 2026.');
    expect(actionLabel('translation.draft')).toBe('Drafted a translation by machine');
    const change = (details: object) =>
      auditSentence(
        entry({
          action: 'user.change',
          subjectType: 'user',
          subjectId: '2',
          details: JSON.stringify(details),
        }),
      );
    expect(change({ email: 'lee@district.example', role: 'editor' })).toBe(
      'Dana Lee made lee@district.example an editor.',
    );
    expect(change({ email: 'lee@district.example', disabled: true })).toBe(
      'Dana Lee stopped lee@district.example from signing in.',
    );
    expect(change({ email: 'lee@district.example', disabled: false })).toBe(
      'Dana Lee let lee@district.example sign in again.',
    );
    expect(auditSentence(entry({ action: 'translation.discard', details: '{"lang":"es"}' }))).toBe(
      'Dana Lee discarded the changes waiting for a second person in the Spanish translation of the digest for Thursday, November 19, 2026.',
    );
  });

  it('names people by their name and digests by their day, where the log keeps ids', async () => {
    const names = { people: new Map([[3, 'Dana Lee']]), digestDates: new Map([[7, '2026-11-20']]) };
    expect(auditSentence(entry({ actorLabel: 'dana@district.example', subjectId: '7' }), names)).toBe(
      'Dana Lee published the digest for Friday, November 20, 2026.',
    );
    expect(
      auditSentence(
        entry({
          action: 'source.add',
          subjectType: 'source',
          subjectId: '4',
          details: '{"url":"https://a.example/feed","school":"Oak Hill"}',
        }),
        names,
      ),
    ).toBe('Dana Lee added the feed https://a.example/feed of Oak Hill.');
    // A source whose entry does not name its feed (a suspension, a renewal) is named by its title.
    const withSources = { ...names, sources: new Map([[6, 'Mr. Chen’s Fourth Grade']]) };
    const suspended = entry({
      action: 'source.authorization-suspended',
      subjectType: 'source',
      subjectId: '6',
      details: '{}',
    });
    expect(auditSentence(suspended, withSources)).toContain('“Mr. Chen’s Fourth Grade”');
    expect(auditSentence(suspended, names)).toContain('source 6');
  });

  it('keeps an action it has no words for readable, and its details as pairs', () => {
    expect(auditSentence(entry({ action: 'something.new', subjectType: 'digest' }))).toBe(
      'Dana Lee did something new on the digest for Thursday, November 19, 2026.',
    );
    expect(actionLabel('finding.override')).toBe('Let a check finding stand');
    expect(actionLabel('something.new')).toBe('something.new');
    expect(
      auditDetails(entry({ details: '{"scheduledFor":"2026-11-20T13:00:00Z","findings":[1]}' })),
    ).toEqual([
      ['scheduled for', '2026-11-20T13:00:00Z'],
      ['findings', '1'],
    ]);
    // Read as a person reads them: a time in the district's zone, an empty list as none, yes and no.
    const proposedAt = Date.parse('2026-11-20T18:05:00Z');
    expect(
      auditDetails(
        entry({
          details: JSON.stringify({
            proposedAt,
            covers: [],
            languages: ['es', 'ar'],
            tellOwner: true,
            previous: null,
            count: 1763596800000,
            findings: [{ itemId: 3, kind: 'names' }],
          }),
        }),
        'America/Chicago',
      ),
    ).toEqual([
      ['proposed at', 'Nov 20, 2026, 12:05 PM'],
      ['covers', 'none'],
      ['languages', 'es, ar'],
      ['tell owner', 'yes'],
      ['previous', '—'],
      ['count', '1763596800000'],
      ['findings', '[{"itemId":3,"kind":"names"}]'],
    ]);
    expect(auditDetails(entry({ details: 'not json' }))).toEqual([]);
  });

  it('has words for every action the code records', () => {
    const root = join(fileURLToPath(import.meta.url), '../../..');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
      (f) => /\.tsx?$/.test(f) && !f.includes('.test.'),
    );
    const actions = new Set<string>();
    for (const file of files) {
      const source = readFileSync(join(root, file), 'utf8');
      // `action: 'x.y'`, `action: a ? 'x.y' : 'x.z'`, and helpers called with the action first (`audit(deps, 'x.y'`).
      for (const line of source.split('\n').filter((l) => /\baction\b|audit\(deps, '/.test(l)))
        for (const match of line.matchAll(/'([a-z_]+\.[a-z_-]+)'/g)) actions.add(match[1]!);
    }
    expect(actions.size).toBeGreaterThan(40);
    expect(
      [...actions].filter((action) => !hasSentence(action) && !/\.(example|test)$/.test(action)),
    ).toEqual([]);
  });
});
