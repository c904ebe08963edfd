// Reads XML with our tokenizer (xml-tokenizer.ts) and hands back the feed's root, its channel-level elements
// and one small element tree per entry. Namespace prefixes are resolved to canonical ones (atom:, media:, ...).
// DTDs are never read, so entities they declare are never expanded and nothing external is ever fetched.
// The text is read in steps with a yield to the event loop between them, under a deadline. An end tag closes
// the innermost open element of its name and those inside it; an end tag that matches nothing is ignored.
import { escapeHtml } from '../text/escape';
import { XmlTokenizer } from './xml-tokenizer';
import { yieldToEventLoop } from './yield';

export interface XNode {
  /** Canonical name: 'item', 'atom:entry', 'media:content', 'content:encoded'; unknown namespaces get '?:'. */
  name: string;
  attrs: Record<string, string>;
  children: (XNode | string)[];
  /** xml:base in force on this element, resolved. */
  base?: string;
}

const NAMESPACES = new Map<string, string>(
  Object.entries({
    'http://www.w3.org/2005/atom': 'atom',
    'http://purl.org/atom/ns#': 'atom',
    'http://purl.org/rss/1.0/': 'rss1',
    'http://my.netscape.com/rdf/simple/0.9/': 'rss1',
    'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
    'http://purl.org/rss/1.0/modules/content/': 'content',
    'http://purl.org/dc/elements/1.1/': 'dc',
    'http://purl.org/dc/terms/': 'dcterms',
    'http://search.yahoo.com/mrss/': 'media',
    'http://search.yahoo.com/mrss': 'media',
    'http://www.rssboard.org/media-rss': 'media',
    'http://www.youtube.com/xml/schemas/2015': 'yt',
    'http://www.w3.org/1999/xhtml': 'xhtml',
    'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
    'http://www.w3.org/xml/1998/namespace': 'xml',
    // Where the RSS 2.0 specification used to live; some feeds declare it as their default namespace. Their
    // elements are plain RSS (as feedparser reads them too).
    'http://backend.userland.com/rss2': '',
    'http://backend.userland.com/rss': '',
    'http://blogs.law.harvard.edu/tech/rss': '',
  }),
);

const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';

const ENTRY_NAMES = new Set(['item', 'rss1:item', 'atom:entry']);
const CHANNEL_NAMES = new Set(['channel', 'rss1:channel']);

export interface XmlFeedDocument {
  root: XNode;
  /** Children of <channel> (RSS) or of <feed> (Atom), entries excluded. */
  channel: XNode[];
  entries: XNode[];
  truncatedEntries: number;
}

export interface StreamLimits {
  maxEntries: number;
  maxDepth: number;
  /** Characters kept per entry; the rest of an oversized entry is dropped, with a warning. */
  maxEntryChars: number;
  deadlineMs: number;
  chunkChars: number;
}

export const DEFAULT_LIMITS: StreamLimits = {
  maxEntries: 500,
  maxDepth: 256,
  maxEntryChars: 2 * 1024 * 1024,
  deadlineMs: 10_000,
  chunkChars: 64 * 1024,
};

export class XmlReadError extends Error {}

interface Frame {
  /** The name as written, prefix included, which its end tag must repeat. */
  qualified: string;
  node: XNode;
  /** Namespace declarations made on this element: prefix → URI. */
  declared?: Map<string, string>;
  keep: boolean;
}

export async function readXmlEntries(
  text: string,
  documentUrl: string | undefined,
  limits: StreamLimits = DEFAULT_LIMITS,
): Promise<XmlFeedDocument> {
  const stack: Frame[] = [];
  const result: XmlFeedDocument = {
    root: { name: '', attrs: {}, children: [] },
    channel: [],
    entries: [],
    truncatedEntries: 0,
  };
  let entryFrame = -1; // stack index of the entry being built, or -1
  let entryChars = 0;
  let failure: Error | undefined;

  const resolvePrefix = (prefix: string): string | undefined => {
    if (prefix === 'xml') return 'http://www.w3.org/xml/1998/namespace';
    for (let i = stack.length - 1; i >= 0; i--) {
      const uri = stack[i]!.declared?.get(prefix);
      if (uri !== undefined) return uri;
    }
    return undefined;
  };

  // Canonical names by qualified name, while the namespace declarations in force stay the same (feeds
  // declare them on the root, so this is nearly always; it is emptied whenever that changes).
  const canonicalNames = new Map<string, string>();
  const canonicalName = (qualified: string): string => {
    let canonical = canonicalNames.get(qualified);
    if (canonical === undefined) {
      canonical = resolveName(qualified);
      canonicalNames.set(qualified, canonical);
    }
    return canonical;
  };

  const resolveName = (qualified: string): string => {
    const colon = qualified.indexOf(':');
    const prefix = colon === -1 ? '' : qualified.slice(0, colon);
    const local = colon === -1 ? qualified : qualified.slice(colon + 1);
    const uri = resolvePrefix(prefix);
    if (uri === undefined || uri === '') return prefix ? `?:${local}` : local;
    const canonical = NAMESPACES.get(uri.toLowerCase());
    if (canonical === undefined) return `?:${local}`;
    return canonical ? `${canonical}:${local}` : local;
  };

  const open = (qualified: string, attrs: Record<string, string>) => {
    if (stack.length >= limits.maxDepth) {
      failure = new XmlReadError('The feed is nested too deeply to be a real feed.');
      return;
    }
    let declared: Map<string, string> | undefined;
    for (const key in attrs) {
      if (key === 'xmlns') (declared ??= new Map()).set('', attrs[key]!.trim());
      else if (key.startsWith('xmlns:')) (declared ??= new Map()).set(key.slice(6), attrs[key]!.trim());
    }
    // A hand-written Atom feed sometimes forgets its namespace: read a bare <feed> root as Atom.
    if (stack.length === 0 && qualified === 'feed' && !declared?.get('')) {
      (declared ??= new Map()).set('', ATOM_NAMESPACE);
    }
    const frame: Frame = { qualified, node: { name: '', attrs, children: [] }, declared, keep: false };
    stack.push(frame);
    if (declared) canonicalNames.clear();
    const node = frame.node;
    node.name = canonicalName(qualified);
    // base is set only where the document declares xml:base (resolved against the enclosing base, or the
    // document's URL); without one, normalize prefers the entry's own link as the base.
    const parentBase = stack.length > 1 ? stack[stack.length - 2]!.node.base : undefined;
    node.base =
      attrs['xml:base'] === undefined
        ? parentBase
        : resolveBase(attrs['xml:base'], parentBase ?? documentUrl);

    const depth = stack.length; // 1 = root
    if (depth === 1) {
      result.root = node;
      frame.keep = true;
      return;
    }
    if (entryFrame !== -1) {
      frame.keep = entryChars < limits.maxEntryChars;
      if (frame.keep) stack[stack.length - 2]!.node.children.push(node);
      return;
    }
    if (ENTRY_NAMES.has(node.name)) {
      if (result.entries.length >= limits.maxEntries) {
        result.truncatedEntries++;
        return;
      }
      entryFrame = stack.length - 1;
      entryChars = 0;
      frame.keep = true;
      return;
    }
    const parent = stack[stack.length - 2]!;
    const parentIsChannel =
      CHANNEL_NAMES.has(parent.node.name) || (depth === 2 && parent.node.name === 'atom:feed');
    if (CHANNEL_NAMES.has(node.name)) frame.keep = true;
    else if (parentIsChannel) {
      frame.keep = true;
      result.channel.push(node);
    } else if (parent.keep && parent.node !== result.root && !CHANNEL_NAMES.has(parent.node.name)) {
      frame.keep = true;
      parent.node.children.push(node);
    }
  };

  /** Closes the innermost open element; `complete` is false when its end tag never came. */
  const close = (complete: boolean) => {
    const frame = stack.pop()!;
    if (frame.declared) canonicalNames.clear();
    if (stack.length === entryFrame) {
      // An entry closed only because the document ended, or because an enclosing element's end tag came
      // first, was cut off in transit: drop it, keep the rest.
      if (complete) result.entries.push(frame.node);
      entryFrame = -1;
    }
  };

  const tokenizer = new XmlTokenizer(text, {
    openTag(qualified, attrs, selfClosing) {
      if (failure) return;
      open(qualified, attrs);
      if (selfClosing && !failure) close(false);
    },
    text(data) {
      if (failure) return;
      const frame = stack[stack.length - 1];
      if (!frame?.keep || frame.node === result.root || CHANNEL_NAMES.has(frame.node.name)) return;
      if (entryFrame !== -1) {
        if (entryChars >= limits.maxEntryChars) return;
        entryChars += data.length;
      }
      frame.node.children.push(data);
    },
    closeTag(qualified) {
      if (failure) return;
      let match = stack.length - 1;
      while (match >= 0 && stack[match]!.qualified !== qualified) match--;
      if (match === -1) return;
      while (stack.length > match + 1) close(false);
      close(true);
    },
  });

  const started = Date.now();
  for (let until = limits.chunkChars; !failure && !tokenizer.run(until); until += limits.chunkChars) {
    await yieldToEventLoop();
    if (Date.now() - started > limits.deadlineMs) {
      failure = new XmlReadError('The feed took too long to read; it is unusually large or malformed.');
    }
  }
  if (failure) throw failure;
  while (stack.length) close(false);
  return result;
}

function resolveBase(value: string | undefined, parent: string | undefined): string | undefined {
  if (!value) return parent;
  try {
    return new URL(value.trim(), parent).href;
  } catch {
    return parent;
  }
}

/** The text inside a node, its descendants' text included. */
export function textOf(node: XNode | undefined): string {
  if (!node) return '';
  let out = '';
  for (const child of node.children) out += typeof child === 'string' ? child : textOf(child);
  return out;
}

/** The node's content as HTML: child elements serialized (local names only), text escaped. */
export function innerMarkup(node: XNode): string {
  let out = '';
  for (const child of node.children) {
    if (typeof child === 'string') {
      out += escapeHtml(child);
      continue;
    }
    const name = child.name.slice(child.name.indexOf(':') + 1);
    const attrs = Object.entries(child.attrs)
      .filter(([key]) => key !== 'xmlns' && !key.startsWith('xmlns:'))
      .map(([key, value]) => ` ${key}="${escapeHtml(value)}"`)
      .join('');
    out += `<${name}${attrs}>${innerMarkup(child)}</${name}>`;
  }
  return out;
}

export function hasElementChildren(node: XNode): boolean {
  return node.children.some((child) => typeof child !== 'string');
}

export function childrenNamed(node: XNode, name: string): XNode[] {
  return node.children.filter((child): child is XNode => typeof child !== 'string' && child.name === name);
}

export function firstChild(node: XNode, ...names: string[]): XNode | undefined {
  for (const name of names) {
    const found = node.children.find(
      (child): child is XNode => typeof child !== 'string' && child.name === name,
    );
    if (found) return found;
  }
  return undefined;
}
