import { describe, expect, it } from 'vitest';
import { escapeHtml, unescapeHtml } from './escape';

describe('unescapeHtml', () => {
  it('gives back exactly what escapeHtml was given', () => {
    for (const text of ['plain', `Tom & Jerry's "<b>" > 1`, '&amp;lt; typed as is', '&&;;<<>>""\'\'', ''])
      expect(unescapeHtml(escapeHtml(text))).toBe(text);
  });
});
