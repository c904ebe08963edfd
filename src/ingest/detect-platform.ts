// Which platform a feed comes from, for the coordinator's overview of sources: told by the feed's address
// and the generator it names.

export type Platform =
  | 'wordpress'
  | 'edublogs'
  | 'blogger'
  | 'mastodon'
  | 'bluesky'
  | 'youtube'
  | 'microblog'
  | 'google-sites'
  | 'other';

export const PLATFORM_NAMES: Record<Platform, string> = {
  wordpress: 'WordPress',
  edublogs: 'Edublogs',
  blogger: 'Blogger',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  youtube: 'YouTube',
  microblog: 'Micro.blog',
  'google-sites': 'Google Sites',
  // Any other site that writes a feed (a school's CMS, a district's news page): read the same way.
  other: 'Other site',
};

export function detectPlatform(feedUrl: string, generator: string | undefined): Platform {
  let host = '';
  let path = '';
  try {
    ({ hostname: host, pathname: path } = new URL(feedUrl));
  } catch {
    // an unusable URL tells nothing; the generator may still
  }
  const gen = (generator ?? '').toLowerCase();
  if (/(^|\.)edublogs\.org$/.test(host)) return 'edublogs';
  if (host === 'bsky.app' || host.endsWith('.bsky.social')) return 'bluesky';
  if (/(^|\.)youtube\.com$/.test(host) && path.startsWith('/feeds/')) return 'youtube';
  if (/(^|\.)(blogspot\.com|blogger\.com)$/.test(host) || gen.includes('blogger')) return 'blogger';
  if (gen.includes('mastodon') || /^\/@[\w.]+\.rss$/.test(path)) return 'mastodon';
  if (host.endsWith('micro.blog') || gen.includes('micro.blog')) return 'microblog';
  if (host === 'sites.google.com') return 'google-sites';
  if (gen.includes('wordpress')) return 'wordpress';
  return 'other';
}
