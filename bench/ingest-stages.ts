// The CPU stages of ingestion, one at a time, on the same corpus as bench/ingest.ts (1,000 feeds × 20 items),
// with no network or database: where the time per item goes. The baseline, measured in the same run, is
// decoding the bytes (the least any reader must do). Run: npx tsx bench/ingest-stages.ts
import { decodeBody } from '../src/ingest/decode-body';
import type { ParsedFeed } from '../src/ingest/feed-types';
import { normalizeItem } from '../src/ingest/normalize-item';
import { parseFeed } from '../src/ingest/parse-feed';
import { sanitizeWithText } from '../src/ingest/sanitize-html';
import { feedXml } from './corpus';

const FEEDS = 1000;
const bytes = Array.from({ length: FEEDS }, (_, n) => new TextEncoder().encode(feedXml(n)));
const rows: [string, number][] = [];
async function stage(name: string, work: () => Promise<void>) {
  await work(); // warm up
  const started = performance.now();
  await work();
  rows.push([name, performance.now() - started]);
}

let texts: string[] = [];
await stage('decode (baseline)', async () => {
  texts = bytes.map((b) => {
    const decoded = decodeBody(b, 'application/rss+xml; charset=utf-8');
    if (!decoded.ok) throw new Error(decoded.message);
    return decoded.text;
  });
});
// Mastodon and Bluesky posts are full of emoji (surrogate pairs in a JavaScript string).
const emojiBytes = Array.from({ length: FEEDS }, (_, n) =>
  new TextEncoder().encode(feedXml(n).replace(/ we /g, ' we 🎉 ')),
);
await stage('decode, posts with emoji', async () => {
  for (const b of emojiBytes) if (!decodeBody(b, 'application/rss+xml; charset=utf-8').ok) throw new Error();
});
let feeds: ParsedFeed[] = [];
await stage('parse', async () => {
  feeds = [];
  for (const text of texts) {
    const parsed = await parseFeed(text, 'https://class.example/feed');
    if (!parsed.ok) throw new Error(parsed.message);
    feeds.push(parsed.feed);
  }
});
await stage('sanitize with text', async () => {
  for (const feed of feeds)
    for (const item of feed.items)
      await sanitizeWithText(item.contentHtml ?? '', { baseUrl: item.link, textLimit: 301 }); // as normalizeItem asks
});
await stage('normalize (sanitize included)', async () => {
  for (const feed of feeds)
    for (const item of feed.items)
      await normalizeItem(item, { feed, feedUrl: 'https://class.example/feed', now: Date.now() });
});

const items = FEEDS * 20;
const baseline = rows[0]![1];
console.log(
  `${FEEDS} feeds, ${items} items, ${(bytes.reduce((n, b) => n + b.length, 0) / 1048576).toFixed(0)} MiB`,
);
console.log('stage                              ms    µs/item   ×baseline');
for (const [name, ms] of rows)
  console.log(
    `${name.padEnd(32)} ${ms.toFixed(0).padStart(6)} ${((ms * 1000) / items).toFixed(1).padStart(9)} ${(ms / baseline).toFixed(1).padStart(10)}`,
  );
