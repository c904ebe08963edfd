// The district's brand: two colours and two font stacks, checked for contrast before they are saved, and the
// places they reach (the site's and the embed's stylesheet, the favicon, the email).
import { fnv1a } from '../text/fnv1a';

/**
 * Font stacks a district chooses from: fonts every reader already has, so nothing is fetched from a font host.
 * Their names are the desk's (desk.settings.fonts).
 */
export const FONT_STACKS = {
  'book-serif': { stack: "Charter, 'Bitstream Charter', 'Sitka Text', Cambria, Georgia, serif" },
  'classic-serif': { stack: "'Palatino Linotype', Palatino, 'Book Antiqua', 'URW Palladio L', Georgia, serif" },
  'system-sans': { stack: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif" },
  'humanist-sans': { stack: "Seravek, 'Gill Sans Nova', Ubuntu, Calibri, 'DejaVu Sans', source-sans-pro, sans-serif" },
  'rounded-sans': { stack: "ui-rounded, 'Hiragino Maru Gothic ProN', Quicksand, Comfortaa, Manjari, 'Arial Rounded MT', Calibri, sans-serif" },
  'slab-serif': { stack: "Rockwell, 'Rockwell Nova', 'Roboto Slab', 'DejaVu Serif', 'Sitka Small', serif" },
} as const; // prettier-ignore
export type FontKey = keyof typeof FONT_STACKS;

export interface Brand {
  /** The masthead, buttons and links: white text sits on it, and it sits as text on white. */
  primary: string;
  /** School names above each post: text on white and on the page's paper colour. */
  accent: string;
  headingFont: FontKey;
  bodyFont: FontKey;
}

export const DEFAULT_BRAND: Brand = {
  primary: '#1f3a5f',
  accent: '#8a4b08',
  headingFont: 'book-serif',
  bodyFont: 'system-sans',
};

const WHITE = '#ffffff';
const PAPER = '#faf8f4';
/** WCAG 2.x AA for body text. */
export const AA_TEXT = 4.5;

export function isHexColour(value: string): boolean {
  return /^#[0-9a-f]{6}$/i.test(value);
}

/** Red, green and blue of a #rrggbb colour, 0–255. */
export function channels(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function toHex(rgb: number[]): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The colour darkened step by step until it reaches AA on both backgrounds: a suggestion to offer. */
function darkerThatPasses(hex: string, against: string[]): string {
  let rgb = channels(hex);
  for (let step = 0; step < 40; step++) {
    const candidate = toHex(rgb);
    if (against.every((bg) => contrastRatio(candidate, bg) >= AA_TEXT)) return candidate;
    rgb = rgb.map((c) => c * 0.92) as [number, number, number];
  }
  return '#000000';
}

/**
 * Why a brand colour cannot be used, as the rest of a sentence after the setting's name, or undefined. Both
 * colours are used as text on white (links, school names) and the primary carries white text (the masthead).
 */
export function colourProblem(value: string, role: 'primary' | 'accent'): string | undefined {
  if (!isHexColour(value)) return 'must be a colour written as # and six hex digits, such as #1f3a5f.';
  const against = [WHITE, PAPER];
  const worst = Math.min(...against.map((bg) => contrastRatio(value, bg)));
  if (worst >= AA_TEXT) return undefined;
  const what =
    role === 'primary'
      ? 'with white (white text on it in the masthead, and links in it on white pages)'
      : 'as text on white and on the page';
  return `${value} has a contrast of ${worst.toFixed(1)}:1 ${what}, where WCAG AA asks for at least ${AA_TEXT}:1, so some readers could not read it. A darker shade such as ${darkerThatPasses(value, against)} passes.`;
}

/** The dark scheme's page and card colours (site-css.ts), which text in the brand's colours sits on. */
export const DARK_BACKGROUNDS = ['#14181f', '#1d232c'];

/**
 * The colour lightened step by step (mixed toward white) until it reaches AA on the dark scheme's
 * backgrounds: a navy link is unreadable on a dark page, its lighter shade keeps the brand's hue.
 */
export function lighterForDark(hex: string, against: string[] = DARK_BACKGROUNDS): string {
  let rgb = channels(hex);
  for (let step = 0; step < 40; step++) {
    const candidate = toHex(rgb);
    if (against.every((bg) => contrastRatio(candidate, bg) >= AA_TEXT)) return candidate;
    rgb = rgb.map((c) => c + (255 - c) * 0.12) as [number, number, number];
  }
  return WHITE;
}

/**
 * The brand as CSS custom properties, for /brand.css (site and embed) after their own stylesheet. In the dark
 * scheme the masthead keeps the primary (white text on it passed AA) and text in the brand's colours takes a
 * lighter shade of each, except on a page that stays light in every scheme (the embed's white card).
 */
export function brandCss(brand: Brand): string {
  return (
    `:root { --navy: ${brand.primary}; --link: ${brand.primary}; --accent: ${brand.accent}; --serif: ${FONT_STACKS[brand.headingFont].stack}; --sans: ${FONT_STACKS[brand.bodyFont].stack}; }\n` +
    `@media (prefers-color-scheme: dark) { :root:not(.light-only) { --link: ${lighterForDark(brand.primary)}; --accent: ${lighterForDark(brand.accent)}; } }\n`
  );
}

/**
 * A short tag for what /brand.css and the mark (/favicon.svg, .ico, .png, /apple-touch-icon.png) answer, so they
 * can be cached for a year: it changes with the brand, and with this code's output for it (a new version of
 * Yesterday; the pictures are drawn from the same shapes and colours as the SVG).
 */
export function brandVersion(brand: Brand): string {
  return fnv1a(brandCss(brand) + faviconSvg(brand));
}

/**
 * The digest's mark on a square 64 units wide: a tile in the primary colour with rounded corners, a V in the
 * accent (lightened) and a white stem under it, drawn as lines this wide with round ends. The favicon draws it
 * as SVG, and `brand/mark-png.ts` as pixels for what cannot show SVG.
 */
export const MARK = {
  size: 64,
  corner: 14,
  line: 7,
  v: [
    [18, 16],
    [32, 34],
    [46, 16],
  ],
  stem: [
    [32, 34],
    [32, 50],
  ],
} as const;

/** The mark's colours in a brand: the tile, the V and the stem. */
export function markColours(brand: Brand): { tile: string; v: string; stem: string } {
  return { tile: brand.primary, v: lighten(brand.accent), stem: WHITE };
}

/** The favicon: the digest's mark in the district's colours. */
export function faviconSvg(brand: Brand): string {
  const colours = markColours(brand);
  const points = (line: readonly (readonly number[])[]) => line.map(([x, y]) => `${x} ${y}`).join(' L');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MARK.size} ${MARK.size}"><rect width="${MARK.size}" height="${MARK.size}" rx="${MARK.corner}" fill="${colours.tile}"/><path d="M${points(MARK.v)}" fill="none" stroke="${colours.v}" stroke-width="${MARK.line}" stroke-linecap="round" stroke-linejoin="round"/><path d="M${points(MARK.stem)}" stroke="${colours.stem}" stroke-width="${MARK.line}" stroke-linecap="round"/></svg>`;
}

/** The accent made light enough to stand out on the primary (the favicon's mark). */
function lighten(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  const mix = (c: number) =>
    Math.round(c + (255 - c) * 0.45)
      .toString(16)
      .padStart(2, '0');
  return `#${mix(r)}${mix(g)}${mix(b)}`;
}
