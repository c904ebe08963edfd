// The desk page after a refusal: the person's unsaved draft laid over the stored state, so the form shows
// what they typed again and nothing is lost.
import type { DeskState, DraftInput } from '../../curate/desk';
import { imagesOf } from '../../curate/item-images';
import type { Database } from '../../db/client';
import { findItemsByIds } from '../../db/items';

export async function mineOver(db: Database, current: DeskState, draft: DraftInput): Promise<DeskState> {
  const items = new Map(
    (
      await findItemsByIds(
        db,
        draft.entries.map((e) => e.itemId),
      )
    ).map((i) => [i.id, i]),
  );
  const stored = new Map(current.entries.map((e) => [e.itemId, e]));
  const entries = draft.entries.flatMap((input) => {
    const item = items.get(input.itemId);
    if (!item) return [];
    const base = stored.get(input.itemId);
    return [
      {
        digestId: current.digest?.id ?? 0,
        itemId: item.id,
        position: 0,
        headline: input.headline ?? base?.headline ?? item.title,
        blurb: input.blurb ?? base?.blurb ?? '',
        imageUrl: input.imageUrl === undefined ? (base?.imageUrl ?? null) : input.imageUrl,
        imageAlt: input.imageAlt === undefined ? (base?.imageAlt ?? null) : input.imageAlt,
        removedAt: null,
        removedReason: null,
        pictureRemovedAt: base?.pictureRemovedAt ?? null,
        sourceTitle: base?.sourceTitle ?? null,
        postUrl: base?.postUrl ?? null,
        postAuthor: base?.postAuthor ?? null,
        item,
        images: imagesOf(item),
        findings: [],
        // Who a takedown from this page would tell, as on the stored desk.
        ...(base && 'owner' in base ? { owner: base.owner } : {}),
      },
    ];
  });
  const digest = current.digest
    ? {
        ...current.digest,
        title: draft.title ?? current.digest.title,
        intro: draft.intro ?? current.digest.intro,
      }
    : undefined;
  return { ...current, digest, entries, findings: [], open: [] };
}
