import { describe, expect, it } from 'vitest';
import { addSchoolWithSource, item, storeItems } from '../../test/fixtures';
import { createTestDatabase } from '../../test/database';
import { findItemsByIds, listItemsPublishedBetween } from './items';

describe('the inbox listing', () => {
  it('leaves each post’s HTML in the database; a post fetched by id carries it', async () => {
    const db = createTestDatabase().database;
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    const html = `<p>${'A long post. '.repeat(10_000)}</p>`;
    await storeItems(db, source.id, [item({ guid: 'long', publishedAt: 1000, contentHtml: html })]);

    const [listed] = await listItemsPublishedBetween(db, 0, 10_000);
    expect(listed).toMatchObject({
      title: 'Post long',
      summary: 'Summary of long',
      schoolName: 'Lincoln Elementary',
    });
    expect(listed).not.toHaveProperty('contentHtml');
    const [found] = await findItemsByIds(db, [listed!.id]);
    expect(found!.contentHtml).toBe(html);
  });
});
