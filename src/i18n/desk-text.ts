// The admin desk's words: English, from the English catalog's `desk` section through the same i18next instance
// as the parents' pages (plurals by Intl.PluralRules, numbers by Intl.NumberFormat).
import type { Child } from 'hono/jsx';
import type { desk } from './catalogs/en-desk';
import { translator } from './translate';

type PluralBase<K extends string> =
  K extends `${infer Base}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? Base : K;

type KeysOf<T, Prefix extends string> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${PluralBase<K>}` : KeysOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every key of the desk's catalog, written out in full ('desk.inbox.title'), plurals without their suffix. */
export type DeskKey = KeysOf<typeof desk, 'desk.'>;

const english = translator('en');

/** The desk's sentence at `key`, its {{placeholders}} filled; `count` chooses the plural. */
export function t(key: DeskKey, values?: Record<string, string | number>): string {
  return english.t(key, values);
}

const MARK = '\u0000';

/**
 * A sentence with markup inside it ("named by <code>SMTP_URL</code>, so…"): each of `parts` fills the
 * {{placeholder}} of its name as an element, and `values` fill the rest as text.
 */
export function rich(
  key: DeskKey,
  parts: Record<string, Child>,
  values: Record<string, string | number> = {},
): Child[] {
  const marks = Object.fromEntries(Object.keys(parts).map((name) => [name, `${MARK}${name}${MARK}`]));
  return t(key, { ...values, ...marks })
    .split(MARK)
    .map((piece, i) => (i % 2 === 1 ? parts[piece] : piece));
}
