// htmlparser2's Tokenizer, skipping ahead with String#indexOf where htmlparser2 steps one character at a time.
//
// With its own decoding off, the tokenizer spends much of a feed looking for one character: the `<` that ends
// a text, the `]` that may end a CDATA section, the quote that ends an attribute. It does so in
// `fastForwardTo`, a loop over charCodeAt; indexOf does the same search natively. On the ingest benchmark's
// corpus, parsing and sanitizing take about two fifths less time with it (bench/ingest-stages.ts; figures in
// docs/decisions/007-standard-parts.md). Everything else is htmlparser2's. The method is private to
// htmlparser2, so src/text/scanning-tokenizer.test.ts checks, on every version we install, that htmlparser2
// still calls it and that this tokenizer reports exactly what htmlparser2's own does; a version that changes
// either fails that test instead of misreading feeds.
import { Tokenizer } from 'htmlparser2';

/** The fields htmlparser2 keeps its place in: the buffer written last and the input's index, from `offset`. */
interface Position {
  buffer: string;
  index: number;
  offset: number;
}

export class ScanningTokenizer extends Tokenizer {}

/**
 * Moves `index` to the next occurrence of the character `c` after it and answers true, or to the buffer's last
 * character and answers false: what htmlparser2's own fastForwardTo does.
 */
function fastForwardTo(this: Position, c: number): boolean {
  const found = this.buffer.indexOf(String.fromCharCode(c), this.index + 1 - this.offset);
  if (found === -1) {
    this.index = this.buffer.length + this.offset - 1;
    return false;
  }
  this.index = found + this.offset;
  return true;
}

Object.defineProperty(ScanningTokenizer.prototype, 'fastForwardTo', {
  value: fastForwardTo,
  writable: true,
  configurable: true,
});

/** Whether htmlparser2's Tokenizer still has the method replaced above (the test asks). */
export function replacesHtmlparser2Method(): boolean {
  return typeof (Tokenizer.prototype as unknown as Record<string, unknown>).fastForwardTo === 'function';
}
