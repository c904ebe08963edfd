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

  it('tells a program where the saved version is when someone else saved first', () => {
    const said = apiSentence(new DeskError(409, 'conflict', refusals.savedBySomeoneElse));
    expect(said).toBe(refusals.savedBySomeoneElseApi);
    expect(said).not.toMatch(/keep yours|take theirs/);
  });
});
