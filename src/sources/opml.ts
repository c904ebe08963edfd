// OPML, the format feed readers exchange subscription lists in: reading a district's list (schools as
// folders, or a category attribute) and writing ours, with media-release and owner as extra attributes.
import { Parser } from 'htmlparser2';
import { t } from '../i18n/desk-text';
import { yieldToEventLoop } from '../ingest/yield';
import { cleanText, escapeXml } from '../text/clean-text';
import { localDateOf } from '../time/zoned-time';

export interface OpmlFeed {
  url: string;
  title: string | null;
  siteUrl: string | null;
  school: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  mediaRelease: boolean;
  /** Who authorized the account ("NAME, ROLE"), when and when to review it (YYYY-MM-DD), if the list says. */
  authorizedBy?: string | null;
  authorizedOn?: string | null;
  reviewOn?: string | null;
}

export type OpmlRead = { ok: true; feeds: OpmlFeed[] } | { ok: false; message: string };

/** Text handed to the parser at a time by readOpmlInSlices; between slices, other work runs. */
const SLICE_CHARS = 64 * 1024;

export function readOpml(text: string): OpmlRead {
  const reader = createOpmlReader();
  reader.write(text);
  return reader.finish();
}

/** readOpml for an uploaded file, read as a stream in slices so a large list never holds the server. */
export async function readOpmlInSlices(file: Blob): Promise<OpmlRead> {
  const reader = createOpmlReader();
  const text = file.stream().pipeThrough(new TextDecoderStream()) as unknown as AsyncIterable<string>;
  for await (const chunk of text) {
    for (let at = 0; at < chunk.length; at += SLICE_CHARS) {
      reader.write(chunk.slice(at, at + SLICE_CHARS));
      await yieldToEventLoop();
    }
  }
  return reader.finish();
}

function createOpmlReader(): { write(text: string): void; finish(): OpmlRead } {
  const feeds: OpmlFeed[] = [];
  const folders: (string | null)[] = [];
  let sawOpml = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const tag = name.toLowerCase();
        if (tag === 'opml') sawOpml = true;
        if (tag !== 'outline') return;
        // Attributes are read with their character references decoded, so they are cleaned after that.
        const get = (key: string) =>
          cleanText(attrs[key] ?? '').trim() || cleanText(attrs[key.toLowerCase()] ?? '').trim() || null;
        const url = get('xmlUrl');
        const label = get('title') ?? get('text');
        if (!url) {
          folders.push(label);
          return;
        }
        folders.push(null);
        const category =
          get('category')
            ?.split(/[,/]/)
            .map((c) => c.trim())
            .filter(Boolean)[0] ?? null;
        const folder = [...folders.slice(0, -1)].reverse().find((f) => f) ?? null;
        feeds.push({
          url,
          title: label,
          siteUrl: get('htmlUrl'),
          school: get('school') ?? folder ?? category,
          ownerName: get('ownerName'),
          ownerEmail: get('ownerEmail'),
          mediaRelease: /^(true|yes|1)$/i.test(get('mediaRelease') ?? ''),
          authorizedBy: get('authorizedBy'),
          authorizedOn: get('authorizedOn'),
          reviewOn: get('reviewOn'),
        });
      },
      onclosetag(name) {
        if (name.toLowerCase() === 'outline') folders.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  return {
    write: (text) => parser.write(text),
    finish() {
      parser.end();
      if (!sawOpml) return { ok: false, message: t('desk.sourceOutcomes.notOpml') };
      if (feeds.length === 0) return { ok: false, message: t('desk.sourceOutcomes.opmlWithoutFeeds') };
      return { ok: true, feeds };
    },
  };
}

export interface OpmlSource {
  feedUrl: string;
  title: string | null;
  siteUrl: string | null;
  schoolName: string;
  ownerName: string | null;
  ownerEmail: string | null;
  mediaRelease: boolean;
  authorizedBy?: string | null;
  authorizedAt?: number | null;
  reviewAt?: number | null;
}

/** Writes the list; authorization dates are written as local dates in `timezone`. */
export function writeOpml(sources: OpmlSource[], title: string, now: number, timezone = 'UTC'): string {
  const day = (at: number | null | undefined) => (at ? localDateOf(at, timezone) : null);
  const bySchool = new Map<string, OpmlSource[]>();
  for (const source of sources)
    bySchool.set(source.schoolName, [...(bySchool.get(source.schoolName) ?? []), source]);
  const a = escapeXml;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    `  <head><title>${a(title)}</title><dateCreated>${new Date(now).toUTCString()}</dateCreated></head>`,
    '  <body>',
  ];
  for (const [school, list] of bySchool) {
    lines.push(`    <outline text="${a(school)}" title="${a(school)}">`);
    for (const s of list) {
      const label = a(s.title ?? s.feedUrl);
      lines.push(
        `      <outline type="rss" text="${label}" title="${label}" xmlUrl="${a(s.feedUrl)}"${s.siteUrl && /^https?:\/\//i.test(s.siteUrl) ? ` htmlUrl="${a(s.siteUrl)}"` : ''}` +
          `${s.ownerName ? ` ownerName="${a(s.ownerName)}"` : ''}${s.ownerEmail ? ` ownerEmail="${a(s.ownerEmail)}"` : ''} mediaRelease="${s.mediaRelease}"` +
          `${s.authorizedBy ? ` authorizedBy="${a(s.authorizedBy)}"` : ''}${day(s.authorizedAt) ? ` authorizedOn="${day(s.authorizedAt)}"` : ''}${day(s.reviewAt) ? ` reviewOn="${day(s.reviewAt)}"` : ''}/>`,
      );
    }
    lines.push('    </outline>');
  }
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}
