// Reading a feed takes time in proportion to its length, whatever markup it holds: declarations, processing
// instructions, CDATA sections and comments, many that close and ones that never do, in the prolog and inside
// an entry. Measured as a count, not a clock: the characters the string primitives a tokenizer scans with
// (indexOf and its kin, charCodeAt, regular expressions) look at while the parse stage runs. Each input is
// read at 1× and 8× its size; eight times the input must cost no more than about eight times the count.
// (The hand-written tokenizer this replaced scanned to the end of the feed for every `<!x>`: about 63× here.)
import { afterEach, describe, expect, it } from 'vitest';
import { parseFeed } from './parse-feed';
import { DEFAULT_LIMITS } from './xml-entries';

// One step for the whole input: no yields, so nothing else runs (and gets counted) in between.
const LIMITS = { ...DEFAULT_LIMITS, chunkChars: 16 * 1024 * 1024, deadlineMs: 600_000 };

const restore: (() => void)[] = [];
afterEach(() => restore.splice(0).forEach((undo) => undo()));

/** Puts `wrap(original)` in place of `target[name]` until the test ends. */
function patch<T extends object, K extends keyof T>(target: T, name: K, wrap: (original: T[K]) => T[K]) {
  const original = target[name];
  target[name] = wrap(original);
  restore.push(() => (target[name] = original));
}

/** Characters scanned by the string primitives while `run` runs. */
async function charactersScanned(run: () => Promise<unknown>): Promise<number> {
  let scanned = 0;
  const from = (text: string, position: number | undefined) =>
    Math.max(0, Math.min(Math.trunc(position ?? 0) || 0, text.length));
  patch(
    String.prototype,
    'indexOf',
    (indexOf) =>
      function (this: string, search: string, position?: number) {
        const found = indexOf.call(this, search, position);
        const start = from(this, position);
        scanned += found === -1 ? this.length - start : found - start + search.length;
        return found;
      },
  );
  // Counted as the indexOf it is.
  patch(
    String.prototype,
    'includes',
    () =>
      function (this: string, search: string, position?: number) {
        return String.prototype.indexOf.call(this, search, position) !== -1;
      },
  );
  patch(
    String.prototype,
    'lastIndexOf',
    (lastIndexOf) =>
      function (this: string, search: string, position?: number) {
        const found = lastIndexOf.call(this, search, position);
        scanned += Math.min(position ?? this.length, this.length) - Math.max(found, 0) + 1;
        return found;
      },
  );
  patch(
    String.prototype,
    'startsWith',
    (startsWith) =>
      function (this: string, search: string, position?: number) {
        scanned += String(search).length;
        return startsWith.call(this, search, position);
      },
  );
  for (const name of ['charCodeAt', 'codePointAt', 'charAt', 'at'] as const) {
    patch(
      String.prototype,
      name,
      (original) =>
        function (this: string, index: number) {
          scanned++;
          return (original as (index: number) => never).call(this, index);
        } as never,
    );
  }
  // replace, match, matchAll, search and split with a regular expression all go through exec.
  patch(
    RegExp.prototype,
    'exec',
    (exec) =>
      function (this: RegExp, input: string) {
        const start = this.global || this.sticky ? this.lastIndex : 0;
        const match = exec.call(this, input);
        scanned += Math.max(1, match ? match.index + match[0].length - start : String(input).length - start);
        return match;
      },
  );
  try {
    await run();
  } finally {
    restore.splice(0).forEach((undo) => undo());
  }
  return scanned;
}

const feed = (prolog: string, body: string) =>
  `${prolog}<?xml version="1.0"?><rss version="2.0"><channel><title>Room 9</title><item><title>Kites</title><description>${body}</description></item></channel></rss>`;

const REPEATS = 4096;
const filler = (n: number) => 'We flew kites. '.repeat(n);

const closed = [
  '<!x>',
  '<?x?>',
  '<![CDATA[x]]>',
  '<!--x-->',
  '<!DOCTYPE x>',
  '<!DOCTYPE x [<!ENTITY a "b">]>',
];
// prettier-ignore
const neverClosed = ['<!x', '<?x', '<![CDATA[x', '<!--x', '<!DOCTYPE x [', '<!DOCTYPE x [<!ENTITY a "', '<a', '<a b="', '</a', '<'];

/** [what, the input at `times` its 1× size] */
const cases: [string, (times: number) => string][] = [];
for (const where of ['prolog', 'entry'] as const) {
  const place = (text: string) => (where === 'prolog' ? feed(text, 'x') : feed('', text));
  // Before the root, text that is no markup makes the input "plain text, not a feed", read no further.
  const unclosed = where === 'prolog' ? neverClosed : [...neverClosed, '&', '&x'];
  for (const markup of closed)
    cases.push([`many ${markup} in the ${where}`, (times) => place(markup.repeat(REPEATS * times))]);
  for (const markup of unclosed) {
    cases.push([`many ${markup} in the ${where}`, (times) => place(markup.repeat(REPEATS * times))]);
    cases.push([
      `one ${markup} never closed in the ${where}`,
      (times) => place(markup + filler(REPEATS * times)),
    ]);
  }
}

describe('reading a feed takes time in proportion to its length', () => {
  it.each(cases)('%s', async (_, input) => {
    const scanned = async (times: number) => {
      const text = input(times);
      return charactersScanned(() => parseFeed(text, 'https://room9.example/feed', LIMITS));
    };
    const once = await scanned(1);
    const eightTimes = await scanned(8);
    expect(once).toBeGreaterThan(0);
    expect(eightTimes / once).toBeLessThan(9);
  });
});
