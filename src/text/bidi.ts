// Unicode isolates (U+2068 … U+2069, the plain-text form of <bdi>) for text of a left-to-right script set
// into a right-to-left sentence: a school's English name, "Room 4 (Ms. Rivera)", an email address keep their
// own order and punctuation, and the Arabic around them keeps its own.

/** A letter of a script written left to right. */
const LEFT_TO_RIGHT =
  /(?![\p{Script_Extensions=Arabic}\p{Script_Extensions=Hebrew}\p{Script_Extensions=Syriac}\p{Script_Extensions=Thaana}])\p{L}/u;
/** A letter of a script written right to left. */
const RIGHT_TO_LEFT =
  /[\p{Script_Extensions=Arabic}\p{Script_Extensions=Hebrew}\p{Script_Extensions=Syriac}\p{Script_Extensions=Thaana}]/u;
/** A text isolated already. */
const ISOLATED = /\u2068[^\u2068\u2069]*\u2069/g;

/**
 * The text isolated when, outside what is isolated already, it has letters written left to right and none
 * written right to left (mixed text is a sentence of its own, whose parts are isolated where they were made).
 */
export function isolateLeftToRight(text: string): string {
  const rest = text.replace(ISOLATED, '');
  return LEFT_TO_RIGHT.test(rest) && !RIGHT_TO_LEFT.test(rest) ? `\u2068${text}\u2069` : text;
}
