// The feeds' own elements where there is no digest yet, and the district's pictures in each format.
import { describe, expect, it } from 'vitest';
import { renderAtom, renderJsonFeed, renderRss, type FeedScope, type FeedSite } from './render-feeds';

const site: FeedSite = {
  districtName: 'Lakeside Schools',
  siteTitle: 'What happened yesterday',
  publicUrl: 'https://digest.lakeside.example',
  timezone: 'America/Chicago',
};
const school: FeedScope = {
  selfPath: '/schools/oak-hill/feed.atom',
  pagePath: '/schools/oak-hill',
  school: { slug: 'oak-hill', name: 'Oak Hill' },
  since: Date.parse('2026-09-01T12:00:00Z'),
};

describe('feeds', () => {
  it('dates a feed with no digest yet from when it began, not 1970', () => {
    expect(renderAtom([], site, school)).toContain('<updated>2026-09-01T12:00:00.000Z</updated>');
  });

  it('gives readers the district’s mark, large where the format asks for it, or its logo', () => {
    const base = site.publicUrl;
    expect(renderRss([], site, school)).toContain(
      `<image><url>${base}/favicon.png</url><title>What happened yesterday: Oak Hill</title><link>${base}/schools/oak-hill</link><width>64</width><height>64</height></image>`,
    );
    expect(renderAtom([], site, school)).toContain(`<logo>${base}/icon-512.png</logo>`);
    expect(JSON.parse(renderJsonFeed([], site, school))).toMatchObject({
      icon: `${base}/icon-512.png`,
      favicon: `${base}/favicon.png`,
    });
    const branded = { ...site, hasLogo: true };
    expect(renderRss([], branded, school)).toContain(`<image><url>${base}/logo</url>`);
    expect(renderAtom([], branded, school)).toContain(`<logo>${base}/logo</logo>`);
    expect(JSON.parse(renderJsonFeed([], branded, school))).toMatchObject({ icon: `${base}/logo` });
  });
});
