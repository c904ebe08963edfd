import { describe, expect, it } from 'vitest';
import { findToneWords } from './find-tone';
import { DEFAULT_TONE_WORDS, DEFAULT_TONE_WORDS_BY_LANGUAGE } from './tone-words';

describe('the default tone words', () => {
  it.each([
    [
      'Well, SOME of us finally remembered to bring homework today. Bless their hearts.',
      ['finally remembered', 'bless their hearts'],
    ],
    ['Our class clown at it again!', ['class clown']],
    ['Guess who forgot their lines? Again. 🙄', ['guess who forgot', '🙄']],
    ['What a slowpoke the rest of you are', ['slowpoke']],
  ])('flag sarcasm for review: %s', (text, words) => {
    expect(findToneWords(text, DEFAULT_TONE_WORDS)).toEqual(words);
  });

  it.each([
    'Some of our students finally saw the eclipse after three cloudy days.',
    'Some of us went to the museum, and we actually did it: every bean sprouted!',
    'We finally figured out the puzzle. Our reading champion strikes again!',
    'Everyone did their homework, and we actually grew beans!',
    'The fourth grade remembered every line of the play.',
  ])('leave praise alone: %s', (text) => {
    expect(findToneWords(text, DEFAULT_TONE_WORDS)).toEqual([]);
  });

  it('flag the same in Spanish', () => {
    expect(
      findToneWords('ALGUNOS por fin recordaron traer la tarea 🙄', DEFAULT_TONE_WORDS_BY_LANGUAGE.es!),
    ).toEqual(['por fin recordaron', '🙄']);
  });
});
