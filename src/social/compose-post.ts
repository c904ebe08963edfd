// The text of a digest's post: the coordinator's template filled with the title, a summary line and the
// digest's address, cut to each network's limit by shortening the summary line, never the link. Mastodon
// counts characters and every link as 23; Bluesky counts graphemes (what a reader sees as one character).
import { LANGUAGES, type Language } from '../i18n/languages';
import { translator } from '../i18n/translate';
import { lateDefaultTitle } from '../i18n/site-language';
import type { DigestContent } from '../publish/digest-content';
import { digestSummary } from '../views/digest-summary';
import type { Network } from './network';

export const DEFAULT_TEMPLATE = '{title}\n\n{summary}\n\n{link}';
export const LIMITS: Record<Network, number> = { mastodon: 500, bluesky: 300, facebook: 5000 };
const MASTODON_LINK_LENGTH = 23;
const PLACEHOLDERS = ['title', 'summary', 'link'];

export interface PostParts {
  title: string;
  summary: string;
  link: string;
}

/** What is wrong with a template, as a sentence; undefined when it can be used. */
export function templateProblem(template: string): string | undefined {
  if (!template.trim()) return 'The post template is empty. Write at least {link}.';
  if (template.length > 1000) return 'The post template is longer than 1,000 characters; shorten it.';
  const unknown = [...template.matchAll(/\{([^{}]*)\}/g)]
    .map((m) => m[1]!)
    .filter((n) => !PLACEHOLDERS.includes(n));
  if (unknown.length)
    return `The post template has {${unknown[0]}}, which Yesterday does not know. Use {title}, {summary} and {link}.`;
  if (template.split('{link}').length !== 2)
    return 'The post template must have {link} exactly once: every post links to the digest.';
  return undefined;
}

/**
 * Title, summary line and link of a published (or previewed) digest, in the language the district posts in:
 * its site's title (or the digest's own) and date, or for a digest published late the day named ("What
 * happened on Friday, December 4, 2026"); the intro's first line or the first headlines and what
 * the digest holds ("2 posts from 2 schools").
 */
export function postPartsOf(
  content: DigestContent,
  site: { publicUrl: string; siteTitle: string; defaultTitle?: boolean; lang: Language },
  /** The district's date the post goes out (or would): a digest published late names its day. */
  postedOn?: string,
): PostParts {
  const { digest, entries } = content;
  const text = translator(site.lang);
  const date = text.longDate(digest.date);
  const late = lateDefaultTitle(digest, site, site.lang, postedOn);
  const title = late ? late.whole : `${digest.title.trim() || site.siteTitle}: ${date}`;
  const headlines = entries.slice(0, 3).map((e) => e.headline.trim());
  const listed = new Intl.ListFormat(LANGUAGES[site.lang].locale, { type: 'conjunction' }).format(headlines);
  const counted = digestSummary(entries, text);
  const summary = digest.intro.trim() ? firstLine(digest.intro) : listed ? `${listed}: ${counted}` : counted;
  return { title, summary, link: `${site.publicUrl}/digests/${digest.date}` };
}

/** The post for `network`, within its limit, and its length as that network counts it. */
export function composePost(
  template: string,
  parts: PostParts,
  network: Network,
): { text: string; length: number; limit: number } {
  const limit = LIMITS[network];
  const fill = (summary: string, title = parts.title) =>
    template
      .replaceAll('{title}', title)
      .replaceAll('{summary}', summary)
      .replaceAll('{link}', parts.link)
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  let text = fill(parts.summary);
  if (lengthOn(network, text, parts.link) > limit) {
    // Shorten the summary a grapheme at a time from its end (a binary search keeps it quick).
    const graphemes = graphemesOf(parts.summary);
    let low = 0;
    let high = graphemes.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (lengthOn(network, fill(cut(graphemes, mid)), parts.link) <= limit) low = mid;
      else high = mid - 1;
    }
    text = fill(low ? cut(graphemes, low) : '');
    // A title too long on its own is cut the same way; the link always stays whole.
    if (lengthOn(network, text, parts.link) > limit) {
      const title = graphemesOf(parts.title);
      let keep = title.length;
      while (keep > 0 && lengthOn(network, fill('', cut(title, keep)), parts.link) > limit) keep--;
      text = fill('', cut(title, keep));
    }
  }
  return { text, length: lengthOn(network, text, parts.link), limit };
}

/** The length of `text` as `network` counts it. */
export function lengthOn(network: Network, text: string, link: string): number {
  if (network === 'mastodon') {
    const links = text.split(link).length - 1;
    return [...text.replaceAll(link, '')].length + links * MASTODON_LINK_LENGTH;
  }
  if (network === 'bluesky') return graphemesOf(text).length;
  return [...text].length;
}

function graphemesOf(text: string): string[] {
  return [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);
}

function cut(graphemes: string[], keep: number): string {
  if (keep >= graphemes.length) return graphemes.join('');
  return `${graphemes
    .slice(0, Math.max(0, keep - 1))
    .join('')
    .trimEnd()}…`;
}

function firstLine(text: string): string {
  return text.trim().split(/\n+/)[0]!.trim();
}
