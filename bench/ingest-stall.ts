// How long can one feed hold the event loop? Runs the in-process stages of ingestion (decode, parse, normalize
// with sanitize) on pathological feeds and on an ordinary 20-item feed (the baseline, same run), and prints
// the longest event-loop delay each caused. Run: npx tsx bench/ingest-stall.ts
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeBodyInSlices } from '../src/ingest/decode-body';
import { normalizeItem } from '../src/ingest/normalize-item';
import { parseFeed } from '../src/ingest/parse-feed';
import { yieldToEventLoop } from '../src/ingest/yield';

const rss = (items: string) =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title><link>https://class.example/</link>${items}</channel></rss>`;
const item = (i: number, body: string) =>
  `<item><title>Post ${i}</title><link>https://class.example/${i}</link><pubDate>Fri, 20 Nov 2026 11:00:00 GMT</pubDate><description>${body}</description></item>`;
const words = 'x '.repeat(4.5 * 1024 * 1024);
const markup = '<p><b>hi</b> <a href="/x">y</a> <img src="/i.jpg" alt="a"></p>'.repeat(150_000);

const cases: [string, string][] = [
  [
    'baseline: ordinary feed, 20 items',
    rss(
      Array.from({ length: 20 }, (_, i) =>
        item(i, '&lt;p&gt;We planted beans and measured them.&lt;/p&gt;'),
      ).join(''),
    ),
  ],
  ['one 9 MiB description', rss(item(1, words))],
  [
    'one 8 MiB content:encoded of dense markup',
    rss(`<item><title>a</title><content:encoded><![CDATA[${markup}]]></content:encoded></item>`),
  ],
  [
    '5,000 items (500 are read)',
    rss(Array.from({ length: 5000 }, (_, i) => item(i, '&lt;p&gt;hello&lt;/p&gt;')).join('')),
  ],
  ['200,000 nested elements', rss(`<item><description>${'<div>'.repeat(200_000)}</description></item>`)],
  // A parser that keeps every open element on a stack it searches (htmlparser2's Parser) is quadratic here.
  [
    'one post of 80,000 open tags, 80,000 stray ends',
    rss(
      `<item><title>a</title><content:encoded><![CDATA[${'<span>'.repeat(80_000)}${'</x>'.repeat(80_000)}]]></content:encoded></item>`,
    ),
  ],
  [
    'JSON Feed, one 9 MiB item',
    JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 't',
      items: [{ id: '1', content_html: `<p>${words}</p>` }],
    }),
  ],
];

async function ingestInProcess(text: string) {
  const decoded = await decodeBodyInSlices(new TextEncoder().encode(text), null);
  if (!decoded.ok) return;
  const parsed = await parseFeed(decoded.text, 'https://class.example/feed');
  if (!parsed.ok) return;
  for (const entry of parsed.feed.items) {
    await normalizeItem(entry, { feed: parsed.feed, feedUrl: 'https://class.example/feed', now: Date.now() });
    await yieldToEventLoop();
  }
}

const rows: { name: string; mib: number; ms: number; maxDelay: number }[] = [];
for (const [name, text] of cases) {
  await ingestInProcess(text); // warm up
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const started = performance.now();
  await ingestInProcess(text);
  const ms = performance.now() - started;
  await sleep(30); // let the histogram sample after the last step
  histogram.disable();
  rows.push({ name, mib: text.length / 1048576, ms, maxDelay: histogram.max / 1e6 });
}
const baseline = rows[0]!;
console.log('case'.padEnd(44), 'size MiB', ' total ms', ' max loop delay ms', ' ×baseline delay');
for (const row of rows) {
  console.log(
    row.name.padEnd(44),
    row.mib.toFixed(2).padStart(8),
    row.ms.toFixed(0).padStart(9),
    row.maxDelay.toFixed(1).padStart(18),
    (row.maxDelay / Math.max(baseline.maxDelay, 0.001)).toFixed(1).padStart(16),
  );
}
