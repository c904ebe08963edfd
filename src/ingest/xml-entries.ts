// Reads a feed's XML with htmlparser2's tokenizer in XML mode and hands back the feed's root, its channel-level
// elements and one small element tree per entry. Namespace prefixes are resolved to canonical ones (atom:,
// media:, ...). The prolog, DOCTYPE included, is passed over first (xml-prolog.ts): DTDs are never read, so
// entities they declare are never expanded and nothing external is ever fetched. The text is handed to the
// tokenizer in steps with a yield to the event loop between them, under a deadline. Which elements are open is
// kept here, not by htmlparser2's Parser (whose stack and attribute objects this would only repeat): an end
// tag closes the innermost open element of its name and those inside it; one that matches nothing is ignored.
import type { TokenizerCallbacks } from 'htmlparser2';
import { ScanningTokenizer } from '../text/scanning-tokenizer';
import type { XNode } from './xml-nodes';
import { declaresEntities, readProlog, xmlTextDecoder } from './xml-prolog';
import { yieldToEventLoop } from './yield';

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
  /** The DOCTYPE declares entities of the feed's own, which are never expanded (xml-prolog.ts). */
  declaresOwnEntities: boolean;
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
  const prolog = readProlog(text);
  let decode = xmlTextDecoder(prolog.declaresOwnEntities);
  const stack: Frame[] = [];
  const result: XmlFeedDocument = {
    root: { name: '', attrs: {}, children: [] },
    channel: [],
    entries: [],
    truncatedEntries: 0,
    declaresOwnEntities: prolog.declaresOwnEntities,
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

  /** The innermost element, if its text is kept: not the root's or a channel's, and within an entry's limit. */
  const textTarget = (): XNode | undefined => {
    const frame = stack[stack.length - 1];
    if (!frame?.keep || frame.node === result.root || CHANNEL_NAMES.has(frame.node.name)) return undefined;
    if (entryFrame !== -1 && entryChars >= limits.maxEntryChars) return undefined;
    return frame.node;
  };

  const appendText = (node: XNode, data: string) => {
    if (!data) return;
    if (entryFrame !== -1) entryChars += data.length;
    const { children } = node;
    const last = children.length - 1;
    if (last >= 0 && typeof children[last] === 'string') children[last] += data;
    else children.push(data);
  };

  // Text comes in pieces (a chunk's end cuts it); it is decoded once whole, so a reference cut in two is
  // still one reference. CDATA is text as it is, never decoded.
  let rawText = '';
  // What the tokenizer hands over as text only when told the input has ended is a tag cut off (`</`, `<?`):
  // dropped, as a tag cut off is. A CDATA section left open is text, and kept.
  let ended = false;
  const flushText = () => {
    if (!rawText) return;
    const node = textTarget();
    if (node) appendText(node, decode(rawText));
    rawText = '';
  };

  /**
   * An end tag: closes the innermost open element of its name, and those inside it, which never ended. One
   * that matches nothing is passed over as if it were not there, even by the text around it.
   */
  const closeNamed = (qualified: string) => {
    let at = stack.length - 1;
    while (at >= 0 && stack[at]!.qualified !== qualified) at--;
    if (at === -1) return;
    flushText();
    while (stack.length - 1 > at) close(false);
    close(true);
  };

  // htmlparser2's tokenizer reports positions in what it has been given, which starts at the prolog's end;
  // names, values and text are sliced from the whole text (a chunk's end may cut one in two).
  const base = prolog.end;
  let tagName = '';
  let attributes: Record<string, string> = {};
  let attributeName = '';
  let attributeValue = '';
  const startTag = (selfClosing: boolean) => {
    if (failure) return;
    flushText();
    open(tagName, attributes);
    if (failure) {
      tokenizer.pause();
      return;
    }
    // An element written empty (`<item/>`) has nothing to read: an entry written so is not kept.
    if (selfClosing) close(false);
  };
  const markup = (declaration: string) => {
    flushText();
    if (!result.declaresOwnEntities && declaresEntities(declaration)) {
      result.declaresOwnEntities = true;
      decode = xmlTextDecoder(true);
    }
  };
  const callbacks: TokenizerCallbacks = {
    ontext(start, end) {
      if (failure || ended) return;
      if (textTarget()) rawText += text.slice(base + start, base + end);
    },
    ontextentity() {}, // decoding is off
    onopentagname(start, end) {
      tagName = text.slice(base + start, base + end);
      // A fresh object for each tag; the first of two attributes of one name is kept, and one named
      // __proto__ never lands in it (assigning a string to __proto__ does nothing).
      attributes = {};
    },
    onattribname(start, end) {
      attributeName = text.slice(base + start, base + end);
      attributeValue = '';
    },
    onattribdata(start, end) {
      attributeValue += text.slice(base + start, base + end);
    },
    onattribentity() {}, // decoding is off
    onattribend() {
      if (!Object.hasOwn(attributes, attributeName)) attributes[attributeName] = decode(attributeValue);
    },
    onopentagend: () => startTag(false),
    onselfclosingtag: () => startTag(true),
    onclosetag(start, end) {
      if (failure) return;
      closeNamed(text.slice(base + start, base + end));
    },
    oncdata(start, end, endOffset) {
      if (failure) return;
      flushText();
      const node = textTarget();
      if (node) appendText(node, text.slice(base + start, base + end - endOffset));
    },
    oncomment: flushText,
    // An entity declared after the prolog (a DOCTYPE where none belongs, or one inside an instruction) is no
    // more expanded than one in it.
    ondeclaration: (start, end) => markup(`!${text.slice(base + start, base + end)}`),
    onprocessinginstruction: (start, end) => markup(`?${text.slice(base + start, base + end)}`),
    onend: flushText,
  };
  const tokenizer = new ScanningTokenizer({ xmlMode: true, decodeEntities: false }, callbacks);

  const started = Date.now();
  for (let at = prolog.end; at < text.length && !failure; at += limits.chunkChars) {
    tokenizer.write(text.slice(at, at + limits.chunkChars));
    if (at + limits.chunkChars < text.length) {
      await yieldToEventLoop();
      if (Date.now() - started > limits.deadlineMs) {
        failure = new XmlReadError('The feed took too long to read; it is unusually large or malformed.');
      }
    }
  }
  if (failure) throw failure;
  ended = true;
  tokenizer.end();
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
