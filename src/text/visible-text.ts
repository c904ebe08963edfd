// The start of a post's visible text, white space collapsed, collected piece by piece as the sanitizer reads
// the post, and only as far as a summary needs (at least `limit` characters, when the post has that many).
import { collapseRuns } from './html-to-text';

export interface VisibleText {
  /** Adds a piece of text (a block element's edge adds a space); nothing once the limit is reached. */
  add(text: string): void;
  isFull(): boolean;
  /** The text read so far, white space collapsed, none first or last. */
  text(): string;
}

/** Two texts with collapsed white space as one: no space first, and one space where both have one. */
function joinCollapsed(start: string, end: string): string {
  return end.startsWith(' ') && (start === '' || start.endsWith(' ')) ? start + end.slice(1) : start + end;
}

export function createVisibleText(limit: number): VisibleText {
  let visible = ''; // the text read so far, pieces joined as they came
  let collapsedLength = 0; // white space is collapsed in this many characters at the start of `visible`
  let full = limit <= 0; // `visible` holds `limit` characters, collapsed
  return {
    // Pieces are joined as they come; white space is collapsed once the text reaches the limit, with only as
    // much of the last piece as the limit needs (the part taken doubles while white space collapses it short),
    // and reading goes on while the collapsed text falls short. What was collapsed before is not read again.
    add(text) {
      if (full) return;
      const room = limit - visible.length;
      if (text.length < room) {
        visible += text;
        return;
      }
      const done = visible.slice(0, collapsedLength);
      const pending = visible.slice(collapsedLength);
      for (let take = Math.max(room, 1); ; take *= 2) {
        const joined = joinCollapsed(done, collapseRuns(pending + text.slice(0, take)));
        // Collapsed, the text ends in at most one space.
        full = joined.length - (joined.endsWith(' ') ? 1 : 0) >= limit;
        if (full || take >= text.length) {
          visible = joined;
          collapsedLength = joined.length;
          return;
        }
      }
    },
    isFull: () => full,
    text() {
      return joinCollapsed(
        visible.slice(0, collapsedLength),
        collapseRuns(visible.slice(collapsedLength)),
      ).trimEnd();
    },
  };
}
