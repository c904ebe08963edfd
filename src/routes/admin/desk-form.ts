// The desk's form as posted: the draft it describes (title, intro, the entries in page order with their
// fields, the version the page was built from), and the changes to that order its entry buttons ask for.
import type { DraftInput } from '../../curate/desk';
import { field, fields, type FormBody } from '../form';

export function draftFromForm(form: FormBody): DraftInput {
  const ids = fields(form, 'entry').map(Number).filter(Number.isSafeInteger);
  const has = (name: string) => form[name] !== undefined;
  const version = field(form, 'version');
  return {
    title: has('title') ? field(form, 'title', 1000) : undefined,
    intro: has('intro') ? field(form, 'intro', 5000) : undefined,
    version: /^\d+$/.test(version) ? Number(version) : undefined,
    entries: ids.map((itemId) => ({
      itemId,
      headline: has(`headline_${itemId}`) ? field(form, `headline_${itemId}`, 1000) : undefined,
      blurb: has(`blurb_${itemId}`) ? field(form, `blurb_${itemId}`, 5000) : undefined,
      imageUrl: has(`image_${itemId}`) ? field(form, `image_${itemId}`, 2000) || null : undefined,
      imageAlt: has(`alt_${itemId}`) ? field(form, `alt_${itemId}`, 2000) : undefined,
    })),
  };
}

/** The draft with this post added at the end (its fields take the post's defaults), unless it is there. */
export function withEntry(draft: DraftInput, itemId: number): DraftInput {
  if (draft.entries.some((e) => e.itemId === itemId)) return draft;
  return { ...draft, entries: [...draft.entries, { itemId }] };
}

export function withoutEntry(draft: DraftInput, itemId: number): DraftInput {
  return { ...draft, entries: draft.entries.filter((e) => e.itemId !== itemId) };
}

/** The draft with this post one place earlier (-1) or later (+1); at either end it stays. */
export function withEntryMoved(draft: DraftInput, itemId: number, by: -1 | 1): DraftInput {
  const entries = [...draft.entries];
  const at = entries.findIndex((e) => e.itemId === itemId);
  const to = at + by;
  if (at === -1 || to < 0 || to >= entries.length) return draft;
  [entries[at], entries[to]] = [entries[to]!, entries[at]!];
  return { ...draft, entries };
}
