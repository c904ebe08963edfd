// The parser decision (docs/decisions/001-feed-parser.md), measured: Yesterday's streaming reader (htmlparser2's
// tokenizer in XML mode under Yesterday's tolerant layer) against rss-parser 3.13 (parseString, never parseURL)
// and feedsmith 3.0 on the same inputs: every fixture in src/ingest/testdata, the 1,000-feed corpus, the
// pathological bodies rss-parser is known for, and markup that made a hand-written tokenizer quadratic.
// Run: npx tsx bench/parsers.ts
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFeed as feedsmith } from 'feedsmith';
import RssParser from 'rss-parser';
import { decodeBody } from '../src/ingest/decode-body';
import { parseFeed as yesterday } from '../src/ingest/parse-feed';
import { feedXml } from './corpus';

type Result = { items: number; firstTitle: string } | { error: string };
type Parse = (text: string) => Promise<Result>;

const rssParser = new RssParser();
const parsers: Record<string, Parse> = {
  yesterday: async (text) => {
    const r = await yesterday(text, 'https://feeds.example/feed');
    return r.ok
      ? { items: r.feed.items.length, firstTitle: r.feed.items[0]?.title ?? '' }
      : { error: r.message };
  },
  'rss-parser 3.13': async (text) => {
    try {
      const r = await rssParser.parseString(text);
      return { items: r.items.length, firstTitle: r.items[0]?.title ?? '' };
    } catch (error) {
      return { error: (error as Error).message.split('\n')[0]!.slice(0, 60) };
    }
  },
  'feedsmith 3.0': async (text) => {
    try {
      const r = feedsmith(text) as { feed: { items?: { title?: string }[]; entries?: { title?: string }[] } };
      const items = r.feed.items ?? r.feed.entries ?? [];
      return { items: items.length, firstTitle: String(items[0]?.title ?? '') };
    } catch (error) {
      return { error: (error as Error).message.split('\n')[0]!.slice(0, 60) };
    }
  },
};
const names = Object.keys(parsers);

// 1. Every fixture, decoded the same way for all (so only parsing is compared).
const dir = join(import.meta.dirname, '../src/ingest/testdata');
console.log('fixture'.padEnd(26) + names.map((n) => n.padEnd(34)).join(''));
for (const file of readdirSync(dir).sort()) {
  const decoded = decodeBody(new Uint8Array(readFileSync(join(dir, file))), null);
  const text = decoded.ok ? decoded.text : '';
  const cells: string[] = [];
  for (const name of names) {
    const r = await parsers[name]!(text);
    cells.push(
      ('error' in r ? `error: ${r.error}` : `${r.items} items “${r.firstTitle.slice(0, 18)}”`)
        .slice(0, 32)
        .padEnd(34),
    );
  }
  console.log(file.padEnd(26) + cells.join(''));
}

// 2. Speed on the benchmark corpus (1,000 WordPress-shaped feeds of 20 items), warmed once.
console.log('\n1,000 feeds × 20 items, total parse ms (lower is better)');
const corpus = Array.from({ length: 1000 }, (_, n) => feedXml(n));
const speeds: Record<string, number> = {};
for (const name of names) {
  for (const text of corpus.slice(0, 100)) await parsers[name]!(text);
  const started = performance.now();
  for (const text of corpus) await parsers[name]!(text);
  speeds[name] = performance.now() - started;
}
for (const name of names)
  console.log(
    `  ${name.padEnd(18)} ${speeds[name]!.toFixed(0).padStart(6)} ms  ${(speeds[name]! / speeds.yesterday!).toFixed(2)}× yesterday`,
  );

// 3. Pathological bodies: how long one call holds the event loop.
console.log('\nlongest single blocking call, ms');
// Text with many "<" and no ">" (a maths post: "Is 3 < 5?") is what makes rss-parser's snippet quadratic.
const unit = 'Is 3 &lt; 5? Yes. ';
const big = (field: string, kib: number) =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title><item><title>a</title><${field}>${unit.repeat((kib * 1024) / unit.length)}</${field}></item></channel></rss>`;
for (const [label, text] of [
  ['117 KiB description', big('description', 117)],
  ['235 KiB content:encoded', big('content:encoded', 235)],
] as const) {
  const cells = [];
  for (const name of names) {
    const started = performance.now();
    await Promise.race([parsers[name]!(text), new Promise((r) => setTimeout(r, 60_000))]);
    cells.push(`${name} ${(performance.now() - started).toFixed(0)}`);
  }
  console.log(`  ${label.padEnd(26)} ${cells.join('   ')}`);
}

// 4. Markup that once made a tokenizer quadratic: 2 MiB of it in a post, against 2 MiB of words in the same
// feed (the baseline, same run). Only ours: what matters is the ratio, which stays near 1 in linear time.
console.log('\n2 MiB of markup in one post, parse ms against 2 MiB of words (best of 3)');
const post = (body: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title><description>${body}</description></item></channel></rss>`;
const twoMiB = (unit: string) => unit.repeat((2 * 1024 * 1024) / unit.length);
const bestOf3 = async (text: string) => {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    await parsers.yesterday!(text);
    best = Math.min(best, performance.now() - started);
  }
  return best;
};
const words = await bestOf3(post(twoMiB('We flew kites. ')));
console.log(`  ${'words (baseline)'.padEnd(26)} ${words.toFixed(0).padStart(6)} ms`);
for (const [label, unit] of [
  ['<!x> declarations', '<!x>'],
  ['<?x?> instructions', '<?x?>'],
  ['<!--x--> comments', '<!--x-->'],
  ['<![CDATA[x]]> sections', '<![CDATA[x]]>'],
] as const) {
  const ms = await bestOf3(post(twoMiB(unit)));
  console.log(`  ${label.padEnd(26)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / words).toFixed(2)}× words`);
}
