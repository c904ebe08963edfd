import { describe, expect, it } from 'vitest';
import { siteIn } from '../i18n/site-language';
import { DEFAULT_SITE_TITLE, ownSiteTitle } from './district-settings';

describe('the site title in each language', () => {
  it('says the default title in the district’s own language, whichever that is', () => {
    expect(ownSiteTitle({ siteTitle: DEFAULT_SITE_TITLE, languages: ['en', 'es'] })).toBe(DEFAULT_SITE_TITLE);
    expect(ownSiteTitle({ siteTitle: DEFAULT_SITE_TITLE, languages: ['es', 'en'] })).toBe('Lo que pasó ayer');
  });

  it('says it again in another language from the site in the district’s own', () => {
    const spanish = { siteTitle: 'Lo que pasó ayer', defaultTitle: true };
    expect(siteIn(spanish, 'en').siteTitle).toBe('What happened yesterday');
    expect(siteIn(spanish, 'ar').siteTitle).toBe('ماذا حدث أمس');
  });

  it('keeps a title the district wrote itself as written, even one that reads like a translation', () => {
    expect(ownSiteTitle({ siteTitle: 'Lo que pasó ayer', languages: ['en', 'es'] })).toBe('Lo que pasó ayer');
    expect(siteIn({ siteTitle: 'Lakeside News', defaultTitle: false }, 'es').siteTitle).toBe('Lakeside News');
  });
});
