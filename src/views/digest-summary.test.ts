import { describe, expect, it } from 'vitest';
import type { DigestEntryWithItem } from '../db/digests';
import { translator } from '../i18n/translate';
import { digestSummary } from './digest-summary';

/** Entries as the summary reads them: only each post's school matters. */
const entriesFrom = (...schools: string[]) =>
  schools.map((schoolName) => ({ item: { schoolName } }) as unknown as DigestEntryWithItem);

describe('digestSummary', () => {
  it('counts posts and schools in English', () => {
    expect(digestSummary(entriesFrom('Oak Hill', 'Oak Hill'))).toBe('2 posts from Oak Hill');
    expect(digestSummary(entriesFrom('Oak Hill', 'Lincoln', 'Lincoln'))).toBe('3 posts from 2 schools');
  });

  it('puts two schools in the genitive after «من» in Arabic', () => {
    expect(digestSummary(entriesFrom('Oak Hill', 'Lincoln'), translator('ar'))).toBe('منشوران من مدرستين');
  });
});
