// Every fixture feed, damaged at random (cut short, pieces dropped or repeated, markup and junk inserted),
// through decode → parse → normalize → sanitize as a worker runs it: a feed either reads, with items fit to
// store, or fails with a sentence for the coordinator. Nothing throws. Seeded, so a failure repeats.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/fixtures';
import { processInProcess } from './read-feed';

const TESTDATA = join(import.meta.dirname, 'testdata');
const NOW = Date.parse('2026-11-21T15:00:00Z');
const MUTATIONS_PER_FEED = 120;

const JUNK = [
  '<', '>', '&', '&amp;', '&#0;', '&#x110000;', '&#xD800;', ']]>', '<![CDATA[', '<!--', '-->', '"', "'", '\u0000',
  '\uFEFF', '\uD800', '<item>', '</item>', '<entry>', '</entry>', '<channel>', '</rss>', '</feed>', '<link>',
  '</link>', '<pubDate>', '</pubDate>', '<guid>', '</guid>', '<media:group>', '<media:content url="">',
  '<atom:link href="" rel="alternate"/>', 'xml:base="::"', 'href="http://[::1"', 'xmlns="http://www.w3.org/2005/Atom"',
  '<!DOCTYPE x [<!ENTITY a "b">]>', '&a;', '<?xml version="1.0" encoding="utf-16"?>', '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">', '{', '}', '[', ']', ',', ':', '"items":', 'null',
  '{}', '[]', '-1e999', '"date_published": "yesterday"', '<iframe src="https://__proto__/embed/x"></iframe>',
  '&lt;iframe src="https://constructor/embed/x"&gt;', 'xmlns:media="constructor"', '<x __proto__="1" constructor="2"/>',
]; // prettier-ignore

function damage(text: string, random: () => number): string {
  const int = (n: number) => Math.floor(random() * n);
  let out = text;
  for (let k = 1 + int(4); k > 0; k--) {
    const at = int(out.length + 1);
    const r = random();
    if (r < 0.2) out = out.slice(0, at);
    else if (r < 0.4) out = out.slice(0, at) + out.slice(at + int(200));
    else if (r < 0.55) out = out.slice(0, at) + out.slice(at, at + int(300)) + out.slice(at);
    else if (r < 0.9) out = out.slice(0, at) + JUNK[int(JUNK.length)] + out.slice(at);
    else out = out.slice(0, at) + String.fromCharCode(int(0x3000)) + out.slice(at + 1);
  }
  return out;
}

// JSON Feeds are also damaged as data, so the copies stay valid JSON and reach the JSON Feed reader: values
// replaced by ones of the wrong type, keys and list entries removed.
const ODD_VALUES = [
  null, 0, -1, 1e308, true, '', 'x', '2026-13-45T99:00:00Z', 'javascript:alert(1)', '//elsewhere.example/x',
  '../up', [], {}, [null], { url: 1 }, ['a', 2], 'x'.repeat(5000),
]; // prettier-ignore

function damageJson(text: string, random: () => number): string {
  const doc: unknown = JSON.parse(text);
  const int = (n: number) => Math.floor(random() * n);
  for (let k = 1 + int(4); k > 0; k--) {
    const places: [Record<string, unknown> | unknown[], string | number][] = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) {
        value.forEach((v, i) => {
          places.push([value, i]);
          walk(v);
        });
      } else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
          places.push([value as Record<string, unknown>, key]);
          walk(v);
        }
      }
    };
    walk(doc);
    if (places.length === 0) break;
    const [container, key] = places[int(places.length)]!;
    if (random() < 0.3) {
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete container[key as string];
    } else (container as Record<string, unknown>)[key] = structuredClone(ODD_VALUES[int(ODD_VALUES.length)]);
  }
  return JSON.stringify(doc);
}

const isWebAddress = (value: string | null) => value === null || /^https?:\/\/[^\s]+$/.test(value);

describe('processInProcess on damaged feeds', () => {
  const fixtures = readdirSync(TESTDATA);

  it.each(fixtures)('%s: reads or explains, never throws', async (name) => {
    // Latin-1 keeps every byte as one character, so the damage works on bytes whatever the feed's encoding.
    const original = readFileSync(join(TESTDATA, name), 'latin1');
    const random = seededRandom(name.length * 7919 + original.length);
    let read = 0;
    for (let n = 0; n < MUTATIONS_PER_FEED; n++) {
      const text =
        name.endsWith('.json') && n % 2 === 0 ? damageJson(original, random) : damage(original, random);
      const out = await processInProcess({
        body: Buffer.from(text, 'latin1'),
        contentType: null,
        finalUrl: `https://feeds.example/${name}`,
        now: NOW,
      });
      if (!out.ok) {
        // A sentence in plain words, never an exception's text.
        expect(out.message, text).toMatch(/^The (address|feed) .+[.:]/);
        expect(out.message, text).not.toMatch(/Error\b|undefined|\[object|\bat .+\(/);
        continue;
      }
      read++;
      for (const item of out.items) {
        const problems = [
          !item.guid && 'no guid',
          item.guid.length > 512 && 'guid too long',
          typeof item.title !== 'string' && 'no title',
          item.title.length > 201 && 'title too long',
          item.summary.length > 301 && 'summary too long',
          !(Number.isFinite(item.publishedAt) && item.publishedAt <= NOW) && `date ${item.publishedAt}`,
          !isWebAddress(item.url) && `url ${item.url}`,
          !isWebAddress(item.imageUrl) && `image ${item.imageUrl}`,
          !isWebAddress(item.videoUrl) && `video ${item.videoUrl}`,
          !item.categories.every((c) => typeof c === 'string') && 'categories',
        ].filter(Boolean);
        expect({ text, problems }).toEqual({ text, problems: [] });
      }
    }
    // The damage is real but not total: some copies of every feed still read.
    if (!/^(empty|login-page|blog-home)\./.test(name)) expect(read).toBeGreaterThan(0);
  });
});
