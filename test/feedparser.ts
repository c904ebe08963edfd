// An independent reader for our feeds: Debian's python3-feedparser, the library many feed readers and
// podcast apps are built on. Installed with apt-get when missing (as CI does); a test never skips for it.
import { execFileSync, spawnSync } from 'node:child_process';

const PYTHON = '/usr/bin/python3';

function hasFeedparser(): boolean {
  return spawnSync(PYTHON, ['-c', 'import feedparser'], { stdio: 'ignore' }).status === 0;
}

function ensureFeedparser(): void {
  if (hasFeedparser()) return;
  const asRoot = process.getuid?.() === 0;
  const run = (args: string[]) =>
    execFileSync(asRoot ? args[0]! : 'sudo', asRoot ? args.slice(1) : args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    run(['apt-get', 'update']);
    run(['apt-get', 'install', '-y', 'python3-feedparser']);
  } catch (error) {
    throw new Error(
      `python3-feedparser is needed to check the feeds and could not be installed: ${(error as Error).message}. Install it with: apt-get install -y python3-feedparser`,
    );
  }
  if (!hasFeedparser()) throw new Error('apt-get finished but python3 still cannot import feedparser.');
}

const SCRIPT = `
import sys, json, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
def when(t):
    return None if t is None else '%04d-%02d-%02dT%02d:%02d:%02dZ' % tuple(t[:6])
print(json.dumps({
  'bozo': d.bozo,
  'bozo_exception': str(d.get('bozo_exception', '')),
  'version': d.version,
  'feed': {
    'title': d.feed.get('title'), 'link': d.feed.get('link'), 'updated': when(d.feed.get('updated_parsed')),
    'self': next((l.get('href') for l in d.feed.get('links', []) if l.get('rel') == 'self'), None),
    'image': (d.feed.get('image') or {}).get('href'),
  },
  'entries': [{
    'id': e.get('id'), 'title': e.get('title'), 'link': e.get('link'),
    'published': when(e.get('published_parsed')), 'updated': when(e.get('updated_parsed')),
    'summary': e.get('summary'),
    'content': [c.get('value') for c in e.get('content', [])],
    'content_type': [c.get('type') for c in e.get('content', [])],
  } for e in d.entries],
}))
`;

export interface ParsedFeed {
  bozo: boolean | number;
  bozo_exception: string;
  version: string;
  feed: {
    title: string | null;
    link: string | null;
    updated: string | null;
    self: string | null;
    image: string | null;
  };
  entries: {
    id: string | null;
    title: string | null;
    link: string | null;
    published: string | null;
    updated: string | null;
    summary: string | null;
    content: string[];
    content_type: string[];
  }[];
}

export function parseWithFeedparser(body: string): ParsedFeed {
  ensureFeedparser();
  const out = execFileSync(PYTHON, ['-c', SCRIPT], { input: body, encoding: 'utf8', timeout: 30_000 });
  return JSON.parse(out) as ParsedFeed;
}
