// An independent reader for our feeds: Debian's python3-feedparser, the library many feed readers and
// podcast apps are built on. Installed with apt-get when missing (as CI does); a test never skips for it.
// Everything runs in child processes without blocking: the tests' own server answers in the same process, and
// a blocked event loop (apt-get takes seconds) lets its keep-alive timer close a connection the next request
// is reusing (ECONNRESET).
import { aptInstall, run } from './run-command';

const PYTHON = '/usr/bin/python3';

async function hasFeedparser(): Promise<boolean> {
  return (await run(PYTHON, ['-c', 'import feedparser'])).status === 0;
}

async function installFeedparser(): Promise<void> {
  if (await hasFeedparser()) return;
  await aptInstall('python3-feedparser', 'to check the feeds');
  if (!(await hasFeedparser()))
    throw new Error('apt-get finished but python3 still cannot import feedparser.');
}

let installed: Promise<void> | undefined;

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

export async function parseWithFeedparser(body: string): Promise<ParsedFeed> {
  await (installed ??= installFeedparser());
  const done = await run(PYTHON, ['-c', SCRIPT], { input: body });
  if (done.status !== 0) throw new Error(`feedparser failed: ${done.err}`);
  return JSON.parse(done.out) as ParsedFeed;
}
