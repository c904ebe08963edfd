// Cutting text for summaries and titles: at a word boundary, without punctuation left before the ellipsis.
import { describe, expect, it } from 'vitest';
import { truncateWords } from './html-to-text';

describe('truncateWords', () => {
  it.each([
    ['Short enough.', 20, 'Short enough.'],
    ['We measured the wind, then we flew kites', 24, 'We measured the wind…'],
    ['We measured the wind; then we flew kites', 23, 'We measured the wind…'],
    ['We measured the wind —  then we flew kites', 24, 'We measured the wind…'],
    ['We measured the wind.\u3000 Then we flew kites', 24, 'We measured the wind…'],
    ['Supercalifragilisticexpialidocious', 10, 'Supercali…'],
    ['...,,,;;; ...,,,', 8, '…'],
  ])('%j at %i', (text, max, expected) => {
    const cut = truncateWords(text, max);
    expect(cut).toBe(expected);
    expect(cut.length).toBeLessThanOrEqual(max);
  });
});
