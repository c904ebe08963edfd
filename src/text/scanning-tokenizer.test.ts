// ScanningTokenizer replaces one private method of htmlparser2's Tokenizer. These tests fail if an htmlparser2
// version stops calling it, or if, on any input and however it is cut into writes, the replacement reports
// anything htmlparser2's own tokenizer would not.
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { describe, expect, it, vi } from 'vitest';
import { seededRandom } from '../../test/fixtures';
import { replacesHtmlparser2Method, ScanningTokenizer } from './scanning-tokenizer';

type Options = ConstructorParameters<typeof Tokenizer>[0];

/** Every callback the tokenizer makes, with its arguments, for `input` written in the given pieces. */
function events(Class: typeof Tokenizer, options: Options, pieces: string[]): string[] {
  const seen: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      void seen.push(`${name}(${args.join(',')})`);
  const callbacks = new Proxy({} as TokenizerCallbacks, {
    get: (_target, name) => (name === 'isInForeignContext' ? undefined : record(String(name))),
  });
  const tokenizer = new Class(options, callbacks);
  for (const piece of pieces) tokenizer.write(piece);
  tokenizer.end();
  return seen;
}

/** Fragments that move the tokenizer between its states, and text in which it looks for one character. */
const FRAGMENTS = [
  '<', '>', '</', '/>', '<!--', '-->', '--', '-', '<!-->', '<![CDATA[', ']]>', ']]', ']', '<?', '?>', '<!', '<!DOCTYPE x>',
  '<!ENTITY e "x">', '<p', '<p>', '</p>', '<a href=', '"', "'", '=', ' ', '\n', '<script>', '</script>', '<style>',
  '</style', '<title>', '<textarea>', '<svg>', '&amp;', '&#x3C;', '&copy', '&', ';', 'text', 'a longer run of text ',
  'é', '🎉', '<img src="x" alt=\'a>b\'>', '<br/>', '<xmp>', '</xmp>', '</title>', '</textarea>', '</script ',
]; // prettier-ignore

describe('ScanningTokenizer', () => {
  it('replaces a method htmlparser2 still has, and htmlparser2 calls it', () => {
    expect(replacesHtmlparser2Method()).toBe(true);
    expect(Object.hasOwn(ScanningTokenizer.prototype, 'fastForwardTo')).toBe(true);
    const spy = vi.spyOn(
      ScanningTokenizer.prototype as unknown as { fastForwardTo: () => boolean },
      'fastForwardTo',
    );
    events(ScanningTokenizer, { xmlMode: true, decodeEntities: false }, ['<a>text<![CDATA[x]]></a>']);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it.each([
    ['XML, references left alone (feeds)', { xmlMode: true, decodeEntities: false }],
    ['HTML, references left alone (posts)', { decodeEntities: false }],
    ['XML, references decoded', { xmlMode: true, decodeEntities: true }],
    ['HTML, references decoded', { decodeEntities: true }],
  ] as const)(
    'reports what htmlparser2 reports, on 3,000 random inputs written whole and in random pieces: %s',
    (_name, options) => {
      const random = seededRandom(1207);
      const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
      for (let n = 0; n < 3000; n++) {
        let input = '';
        for (let parts = 1 + Math.floor(random() * 40); parts > 0; parts--) input += pick(FRAGMENTS);
        // Written at once, and in pieces cut at random places (a search then starts in one write and ends in another).
        const pieces: string[] = [];
        for (let at = 0; at < input.length;) {
          const length = 1 + Math.floor(random() * 12);
          pieces.push(input.slice(at, at + length));
          at += length;
        }
        for (const written of [[input], pieces]) {
          const expected = events(Tokenizer, options, written);
          const actual = events(ScanningTokenizer, options, written);
          if (actual.join('\n') !== expected.join('\n'))
            expect({ input, written, actual }).toEqual({ input, written, actual: expected });
        }
      }
    },
  );

  it('reads a long text, a long CDATA section and a long attribute value that never end as htmlparser2 does', () => {
    for (const input of [
      `<p>${'x'.repeat(100_000)}`,
      `<a><![CDATA[${']'.repeat(1000)}${'x'.repeat(100_000)}`,
      `<a title="${'x'.repeat(100_000)}`,
      `<!--${'-'.repeat(1000)}${'x'.repeat(100_000)}`,
    ])
      for (const xmlMode of [true, false])
        expect(events(ScanningTokenizer, { xmlMode, decodeEntities: false }, [input])).toEqual(
          events(Tokenizer, { xmlMode, decodeEntities: false }, [input]),
        );
  });
});
