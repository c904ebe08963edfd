// Emails in the district's brand. The templates (templates/*.mjml, compiled once at build time) are written in
// the default brand's colours; at render time those exact colours become the district's, headings take its
// heading font, and the masthead its logo. Brand colours are checked hex values, so they are safe in HTML.
import Mustache from 'mustache';
import { DEFAULT_BRAND, FONT_STACKS, type Brand } from '../brand/brand';

export interface BrandedSite {
  publicUrl: string;
  hasLogo?: boolean;
  brand?: Brand;
}

/** The template's own colours, each standing for a part of the brand. */
const TEMPLATE_PRIMARY = DEFAULT_BRAND.primary; // the masthead
const TEMPLATE_LINK = '#1d4e89'; // links
const TEMPLATE_ACCENT = DEFAULT_BRAND.accent; // school names

export function renderBranded(template: string, view: object, site: BrandedSite): string {
  const brand = site.brand ?? DEFAULT_BRAND;
  const html = Mustache.render(template, {
    ...view,
    logoUrl: site.hasLogo ? `${site.publicUrl.replace(/\/$/, '')}/logo` : '',
  });
  const heading = FONT_STACKS[brand.headingFont].stack.replaceAll('"', "'");
  return html
    .replaceAll(TEMPLATE_PRIMARY, brand.primary)
    .replaceAll(TEMPLATE_LINK, brand.primary)
    .replaceAll(TEMPLATE_ACCENT, brand.accent)
    .replace(/<(h1|h2) style="/g, `<$1 style="font-family: ${heading}; `);
}
