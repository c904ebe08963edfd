// The email's brand is applied to the template, once per colour: a district whose main colour is the
// default accent keeps it on the masthead, and what a post says is never recoloured.
import { describe, expect, it } from 'vitest';
import { logoBox, renderBranded } from './brand-email';
import { compiledTemplates } from './compiled-templates';

describe('renderBranded', () => {
  it('puts each brand colour where the template has its default, in one pass, and leaves post text alone', () => {
    const brand = {
      primary: '#8a4b08',
      accent: '#1f6e43',
      headingFont: 'slab-serif',
      bodyFont: 'system-sans',
    } as const;
    const html = renderBranded(
      compiledTemplates.notice,
      {
        districtName: 'Lakeside',
        siteTitle: 'The daily digest',
        subject: 's',
        heading: 'Our colour is #1f3a5f',
        paragraphs: ['We painted the wall #8a4b08.'],
        action: null,
      },
      { publicUrl: 'https://digest.example', districtName: 'Lakeside', brand },
      'Our colour & yours',
    );
    expect(html).toContain('background-color:#8a4b08'); // the masthead: the main colour, not the accent
    // The subject is the HTML's title (what a mail program shows on a tab or when printing), escaped.
    expect(html).toContain('<title>Our colour &amp; yours</title>');
    expect(html).not.toContain('background-color:#1f6e43');
    expect(html).toContain('Our colour is #1f3a5f'); // text, as written
    expect(html).toContain('We painted the wall #8a4b08.');
    expect(html).toMatch(/<h1 style="font-family: Rockwell/);
  });

  it('draws the logo 48 pixels high, keeping its shape, and no wider than 240', () => {
    expect(logoBox(undefined)).toEqual({ width: 48, height: 48 });
    expect(logoBox(1)).toEqual({ width: 48, height: 48 });
    expect(logoBox(4)).toEqual({ width: 192, height: 48 });
    expect(logoBox(10)).toEqual({ width: 240, height: 24 });
    expect(logoBox(0.5)).toEqual({ width: 24, height: 48 });
    expect(logoBox(0)).toEqual({ width: 48, height: 48 });
    expect(logoBox(Number.NaN)).toEqual({ width: 48, height: 48 });
  });
});
