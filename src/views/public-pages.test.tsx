// Public pages rendered on their own, for what a test over HTTP would need many digests to reach.
import { expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { readDistrictSettings, siteOf } from '../settings/district-settings';
import { HomePage } from './public-pages';

it('names each older page of the home page in its title, so a browser tab or a search result tells them apart', async () => {
  const { database: db } = createTestDatabase();
  const site = siteOf(await readDistrictSettings(db), 'https://digest.lakeside.example');
  const title = (page: number) =>
    /<title>([^<]*)<\/title>/.exec(
      String(<HomePage site={site} contents={[]} timezone="America/Chicago" page={page} hasOlder={false} />),
    )![1];
  expect(title(1)).toBe(`${site.siteTitle} · ${site.districtName}`);
  expect(title(2)).toBe(`Older digests, page 2 · ${site.siteTitle} · ${site.districtName}`);
});
