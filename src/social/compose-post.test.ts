import { describe, expect, it } from 'vitest';
import { linkFacets } from './bluesky';
import type { DigestContent } from '../publish/digest-content';
import { composePost, DEFAULT_TEMPLATE, lengthOn, postPartsOf, templateProblem } from './compose-post';
import { postRecordKey } from './record-key';

const link = 'https://digest.district.example/digests/2026-11-20';
const title = 'What happened yesterday: Friday, November 20, 2026';

describe('composePost', () => {
  it('leaves a post that fits alone', () => {
    const post = composePost(DEFAULT_TEMPLATE, { title, summary: 'Robots and beans', link }, 'mastodon');
    expect(post.text).toBe(`${title}\n\nRobots and beans\n\n${link}`);
    expect(post.length).toBe(title.length + 4 + 'Robots and beans'.length + 23);
  });

  it('cuts the summary line, never the link, to Mastodon’s 500 characters (a link counts 23)', () => {
    const summary = 'Robotics, bean plants and a book fair. '.repeat(30);
    const post = composePost(DEFAULT_TEMPLATE, { title, summary, link }, 'mastodon');
    expect(post.length).toBe(500);
    expect(lengthOn('mastodon', post.text, link)).toBe(500);
    expect(post.text.endsWith(`…\n\n${link}`)).toBe(true);
    expect(post.text.startsWith(`${title}\n\nRobotics, bean plants`)).toBe(true);
  });

  it('counts graphemes for Bluesky’s 300: an emoji family or an accented letter is one', () => {
    const summary = '👨‍👩‍👧 é '.repeat(200);
    const post = composePost(DEFAULT_TEMPLATE, { title, summary, link }, 'bluesky');
    expect(post.length).toBeLessThanOrEqual(300);
    expect(post.length).toBeGreaterThan(295);
    expect(post.text.endsWith(link)).toBe(true);
    expect([...post.text].length).toBeGreaterThan(300); // more code points than graphemes
    expect(post.text).not.toMatch(/\u200d…/); // no family cut in half
  });

  it('drops the summary and cuts an overlong title before it would touch the link', () => {
    const post = composePost(
      DEFAULT_TEMPLATE,
      { title: 'T'.repeat(400), summary: 'S'.repeat(50), link },
      'bluesky',
    );
    expect(post.length).toBe(300);
    expect(post.text).not.toContain('S');
    expect(post.text.endsWith(`…\n\n${link}`)).toBe(true);
  });
});

describe('templateProblem', () => {
  it('asks for exactly one {link} and only known placeholders', () => {
    expect(templateProblem(DEFAULT_TEMPLATE)).toBeUndefined();
    expect(templateProblem('{title}')).toContain('{link} exactly once');
    expect(templateProblem('{link} {link}')).toContain('{link} exactly once');
    expect(templateProblem('{titel} {link}')).toContain('{titel}');
  });
});

describe('Bluesky records', () => {
  it('puts the link facet at UTF-8 byte offsets', () => {
    const text = `Café — 👩‍🏫 ${link}`;
    const [facet] = linkFacets(text, link)!;
    const bytes = new TextEncoder().encode(text);
    expect(facet!.index.byteStart).toBe(bytes.length - link.length);
    expect(facet!.index.byteStart).not.toBe(text.indexOf(link)); // not a UTF-16 index
    expect(new TextDecoder().decode(bytes.slice(facet!.index.byteStart, facet!.index.byteEnd))).toBe(link);
  });

  it('makes the same TID record key for the same post, and another for another account', () => {
    const at = Date.parse('2026-11-21T13:00:00Z');
    const key = postRecordKey(at, 4, 2, 'digest');
    expect(key).toMatch(/^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/);
    expect(postRecordKey(at, 4, 2, 'digest')).toBe(key);
    expect(postRecordKey(at, 4, 3, 'digest')).not.toBe(key);
    expect(postRecordKey(at, 4, 2, 'correction:1')).not.toBe(key);
  });
});

describe('postPartsOf', () => {
  /** A digest as the parts read it: its date, title and intro, and each entry's headline and school. */
  const content = (title = '', intro = '') =>
    ({
      digest: { date: '2026-11-20', title, intro },
      entries: [
        { headline: 'Kites on the field', item: { schoolName: 'Lincoln' } },
        { headline: 'The spelling bee', item: { schoolName: 'Washington' } },
      ],
    }) as unknown as DigestContent;
  const site = { publicUrl: 'https://digest.district.example', siteTitle: 'Lakeside Classroom News' };

  it('names the digest by the site’s own title and says what it holds', () => {
    expect(postPartsOf(content(), { ...site, lang: 'en' })).toEqual({
      title: 'Lakeside Classroom News: Friday, November 20, 2026',
      summary: 'Kites on the field and The spelling bee: 2 posts from 2 schools',
      link: 'https://digest.district.example/digests/2026-11-20',
    });
  });

  it('names the day of a digest published late, where the district kept the default title', () => {
    const kept = { ...site, siteTitle: 'What happened yesterday', defaultTitle: true, lang: 'en' as const };
    expect(postPartsOf(content(), kept, '2026-11-21').title).toBe(
      'What happened yesterday: Friday, November 20, 2026',
    );
    expect(postPartsOf(content(), kept, '2026-11-23').title).toBe(
      'What happened on Friday, November 20, 2026',
    );
    expect(
      postPartsOf(content(), { ...kept, lang: 'es', siteTitle: 'Lo que pasó ayer' }, '2026-11-23').title,
    ).toBe('Lo que pasó el viernes, 20 de noviembre de 2026');
    // A title of the district's own, or of the digest's, stands as written.
    expect(postPartsOf(content(), { ...site, lang: 'en' }, '2026-11-23').title).toBe(
      'Lakeside Classroom News: Friday, November 20, 2026',
    );
    expect(postPartsOf(content('Snow day'), kept, '2026-11-23').title).toBe(
      'Snow day: Friday, November 20, 2026',
    );
  });

  it('speaks the language the district posts in', () => {
    const parts = postPartsOf(content(), { ...site, siteTitle: 'Lo que pasó ayer', lang: 'es' });
    expect(parts.title).toBe('Lo que pasó ayer: viernes, 20 de noviembre de 2026');
    expect(parts.summary).toBe('Kites on the field y The spelling bee: 2 publicaciones de 2 escuelas');
  });

  it('prefers the digest’s own title and the intro’s first line', () => {
    const parts = postPartsOf(content('Windy Friday', 'Kites and a bee.\nMore inside.'), {
      ...site,
      lang: 'en',
    });
    expect(parts.title).toBe('Windy Friday: Friday, November 20, 2026');
    expect(parts.summary).toBe('Kites and a bee.');
  });
});
