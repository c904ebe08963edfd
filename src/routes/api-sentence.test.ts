// The API says the desk's refusals to whoever holds the token: every refusal for a role is rewritten, so a
// change to the desk's wording that the rewriting would miss fails here instead of reaching programs as "Your".
import { describe, expect, it } from 'vitest';
import { DeskError } from '../curate/desk';
import { refusals } from '../i18n/catalogs/desk/refusals';
import { apiSentence } from './api';

describe('apiSentence', () => {
  it('speaks of the token’s role in every refusal for a role', () => {
    for (const [name, sentence] of Object.entries(refusals.forbidden)) {
      const said = apiSentence(new DeskError(403, 'forbidden', sentence.replace('{{role}}', 'contributor')));
      expect(said, name).toMatch(
        /^This token's role \(contributor\) cannot [^.]+\. Use a token with an editor's role\.$/,
      );
    }
  });

  it('tells a program where the saved version is when someone else, or the same person, saved first', () => {
    for (const [savedBy, sentence] of [
      ['someone-else', refusals.savedBySomeoneElse],
      ['you', refusals.savedByYouElsewhere],
    ] as const) {
      const said = apiSentence(new DeskError(409, 'conflict', sentence, { savedBy }));
      expect(said, savedBy).toBe(refusals.savedBySomeoneElseApi);
      expect(said, savedBy).not.toMatch(/keep yours|take theirs|keep the one here/);
    }
    // Any other conflict is said as the desk says it.
    expect(apiSentence(new DeskError(409, 'conflict', refusals.changedSinceSeen))).toBe(
      refusals.changedSinceSeen,
    );
  });
});
