// Emails in the district's brand. The templates (templates/*.mjml, compiled once at build time) are written in
// the default brand's colours; before Mustache fills one in, those exact colours become the district's (in one
// pass, so a brand colour that happens to equal another default is not replaced twice), headings take its
// heading font, and the masthead its logo. Brand colours are checked hex values, so they are safe in HTML;
// what posts say is filled in afterwards and never touched.
//
// Dark mode (templates/_head.mjml) applies where the mail client asks for it: Apple Mail, iOS Mail and Outlook
// for Mac through prefers-color-scheme, Outlook.com through the data-ogsc/data-ogsb attributes it adds. Gmail
// ignores both and darkens the light parts itself, which the light design survives: no text sits on a
// background image, the masthead is already dark with white text, and its logo is the variant made for dark
// backgrounds. In those styles #9cc3f5 and #f2b46b stand for the brand's main and accent colours lightened to
// AA on a dark card (below).
import Mustache from 'mustache';
import { escapeHtml } from '../text/escape';
import { DEFAULT_BRAND, FONT_STACKS, lighterForDark, type Brand } from '../brand/brand';
import { LANGUAGES, type Language } from '../i18n/languages';

export interface BrandedSite {
  publicUrl: string;
  districtName: string;
  hasLogo?: boolean;
  hasDarkLogo?: boolean;
  /** Width ÷ height of the masthead's logo; a square is assumed when it is not known. */
  logoAspect?: number;
  brand?: Brand;
  /** The language the email is written in; its direction follows (Arabic reads right to left). */
  lang?: Language;
}

/** The template's own colours, each standing for a part of the brand. */
const TEMPLATE_COLOURS: Record<string, (brand: Brand) => string> = {
  [DEFAULT_BRAND.primary]: (brand: Brand) => brand.primary, // the masthead
  '#1d4e89': (brand: Brand) => brand.primary, // links
  [DEFAULT_BRAND.accent]: (brand: Brand) => brand.accent, // school names
  // In dark mode (the templates' dark styles): the main and accent colours lightened to AA on a dark card.
  '#9cc3f5': (brand: Brand) => lighterForDark(brand.primary),
  '#f2b46b': (brand: Brand) => lighterForDark(brand.accent),
  // Light text on the masthead: white on any main colour but the default, which it was chosen for.
  '#e8eef6': (brand: Brand) => (brand.primary === DEFAULT_BRAND.primary ? '#e8eef6' : '#ffffff'),
};
const TEMPLATE_COLOUR = new RegExp(Object.keys(TEMPLATE_COLOURS).join('|'), 'gi');

const branded = new Map<string, string>();

/**
 * The template marked with the email's language, and for a right-to-left one turned to read from the right:
 * MJML writes left-to-right layouts (text-align:left, align="left", direction:ltr), which are mirrored here.
 */
function inLanguage(template: string, lang: Language): string {
  const { dir } = LANGUAGES[lang];
  const marked = template.replaceAll('lang="en" dir="auto"', `lang="${lang}" dir="${dir}"`);
  if (dir === 'ltr') return marked;
  return marked
    .replaceAll('text-align:left', 'text-align:right')
    .replaceAll('align="left"', 'align="right"')
    .replaceAll('direction:ltr', 'direction:rtl')
    .replaceAll('border-left:', 'border-right:');
}

/** The template in the brand's colours and heading font (kept per template and brand). */
function brandedTemplate(template: string, brand: Brand): string {
  const key = `${JSON.stringify(brand)}\n${template.length}:${template.slice(0, 64)}`;
  let done = branded.get(key);
  if (done === undefined) {
    const heading = FONT_STACKS[brand.headingFont].stack.replaceAll('"', "'");
    done = template
      .replace(TEMPLATE_COLOUR, (colour) => TEMPLATE_COLOURS[colour.toLowerCase()]!(brand))
      .replace(/<(h1|h2) style="/g, `<$1 style="font-family: ${heading}; `);
    if (branded.size > 64) branded.clear();
    branded.set(key, done);
  }
  return done;
}

/**
 * The masthead's logo is 48 px high, or as wide as 240 px allows: a wide logo keeps its shape. The templates
 * write its <img> themselves (in an mj-raw) rather than with mj-image, which needs a width when they are
 * compiled; a wide logo's width is known only when the email is made.
 */
export const LOGO_HEIGHT = 48;
const LOGO_MAX_WIDTH = 240;

/** The width and height, in pixels, a mail client is told to draw the logo at. */
export function logoBox(aspect: number | undefined): { width: number; height: number } {
  const shape = aspect !== undefined && Number.isFinite(aspect) && aspect > 0 ? aspect : 1;
  const width = Math.min(LOGO_MAX_WIDTH, Math.max(1, Math.round(LOGO_HEIGHT * shape)));
  return { width, height: Math.max(1, Math.round(Math.min(LOGO_HEIGHT, width / shape))) };
}

/** `template` filled in from `view`, in the site's brand and language; `title` is the HTML's title (the subject). */
export function renderBranded(template: string, view: object, site: BrandedSite, title: string): string {
  const logo = logoBox(site.logoAspect);
  return Mustache.render(
    inLanguage(brandedTemplate(template, site.brand ?? DEFAULT_BRAND), site.lang ?? 'en'),
    {
      ...view,
      emailTitle: title,
      // The masthead is the brand's main colour: the variant drawn for dark backgrounds, when there is one.
      logoUrl: site.hasDarkLogo
        ? `${site.publicUrl.replace(/\/$/, '')}/logo/dark`
        : site.hasLogo
          ? `${site.publicUrl.replace(/\/$/, '')}/logo`
          : '',
      logoWidth: logo.width,
      logoHeight: logo.height,
    },
    {},
    // Every value goes inside text or a quoted attribute, so the five characters HTML needs are escaped, as
    // the pages escape them: Mustache's own escaping also writes a link's slashes and = as entities, which
    // mail scanners and click trackers that read the raw href do not all decode.
    { escape: (value: unknown) => escapeHtml(String(value)) },
  );
}
