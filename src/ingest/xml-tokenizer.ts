// An XML tokenizer for feeds: start tags with their attributes, end tags, and text (entities decoded, CDATA
// as it is), in document order. Comments, processing instructions and declarations are skipped; a DOCTYPE's
// internal subset is skipped whole, so the entities it declares are never expanded, and nothing external is
// ever read. It is forgiving like the feed readers people use: names keep their case, unquoted attribute
// values are read, a '<' that starts no markup is text, and a tag cut off by the end of the input is dropped.
// Matching end tags to open elements is the caller's business. Like the HTML tokenizer beside the sanitizer
// (src/text/html-tokenizer.ts), it jumps between markup with indexOf, and every step moves forward, so
// time is linear in the input.
import { decodeXML } from 'entities/decode';

export interface XmlTokenHandler {
  /** Attributes: first occurrence kept, values decoded. */
  openTag(name: string, attributes: Record<string, string>, selfClosing: boolean): void;
  text(text: string): void;
  closeTag(name: string): void;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
/** Characters that end a tag name: space, '/' and '>'. */
const endsTagName = (c: number) => isSpace(c) || c === 47 || c === 62;
/** Characters that end an attribute name: those, and '='. */
const endsAttributeName = (c: number) => endsTagName(c) || c === 61;

const decode = (text: string) => (text.includes('&') ? decodeXML(text) : text);

export class XmlTokenizer {
  private at = 0;
  /** Where pending text starts: a '<' that begins no markup is text, joined with what follows it. */
  private textStart = 0;
  private readonly length: number;

  constructor(
    private readonly xml: string,
    private readonly handler: XmlTokenHandler,
  ) {
    this.length = xml.length;
  }

  /** Reads the tokens that start before `until`; answers true when the end of the input is reached. */
  run(until: number): boolean {
    const { xml, length } = this;
    let at = this.at;
    while (at < length && at < until) {
      const lt = xml.indexOf('<', at);
      if (lt === -1) {
        at = length;
        break;
      }
      const c = xml.charCodeAt(lt + 1);
      let next: number;
      if (c === 33) {
        this.flushText(lt);
        next = this.readBang(lt);
      } else if (c === 63) {
        this.flushText(lt);
        next = this.skipPast('>', lt + 2); // a processing instruction, such as <?xml …?>
      } else if (c === 47) {
        this.flushText(lt);
        next = this.readEndTag(lt + 2);
      } else if (Number.isNaN(c) || isSpace(c) || c === 62) {
        at = lt + 1; // a '<' that starts no tag is text
        continue;
      } else {
        this.flushText(lt);
        next = this.readStartTag(lt + 1);
      }
      at = this.textStart = next;
    }
    this.at = at;
    if (at < length) return false;
    this.flushText(length);
    this.textStart = length;
    return true;
  }

  private flushText(end: number): void {
    if (end > this.textStart) this.handler.text(decode(this.xml.slice(this.textStart, end)));
  }

  /** Where reading goes on after the next `terminator` from `from`, or the end when there is none. */
  private skipPast(terminator: string, from: number): number {
    const end = this.xml.indexOf(terminator, from);
    return end === -1 ? this.length : end + terminator.length;
  }

  /** `<!`: CDATA (its text, as it is), a comment, or a declaration such as DOCTYPE (skipped). */
  private readBang(lt: number): number {
    const { xml } = this;
    if (xml.startsWith('<![CDATA[', lt)) {
      const start = lt + 9;
      const end = xml.indexOf(']]>', start);
      const stop = end === -1 ? this.length : end;
      if (stop > start) this.handler.text(xml.slice(start, stop));
      return end === -1 ? this.length : end + 3;
    }
    if (xml.startsWith('<!--', lt)) return this.skipPast('-->', lt + 4);
    // A declaration ends at its first '>', or, when an internal subset ([…]) opens before that, at the
    // subset's end: the entities it declares are skipped with it, never expanded.
    const gt = xml.indexOf('>', lt + 2);
    const bracket = xml.indexOf('[', lt + 2);
    if (bracket !== -1 && (gt === -1 || bracket < gt)) {
      const subsetEnd = xml.indexOf(']>', bracket);
      if (subsetEnd !== -1) return subsetEnd + 2;
    }
    return gt === -1 ? this.length : gt + 1;
  }

  /** Reads a start tag whose name begins at `start`; answers where reading goes on. */
  private readStartTag(start: number): number {
    const { xml, length } = this;
    let p = start;
    while (p < length && !endsTagName(xml.charCodeAt(p))) p++;
    const name = xml.slice(start, p);
    const attributes: Record<string, string> = {};
    let selfClosing = false;
    for (;;) {
      let slash = false;
      while (p < length) {
        const c = xml.charCodeAt(p);
        if (c === 47) slash = true;
        else if (isSpace(c)) slash = false;
        else break;
        p++;
      }
      if (p >= length) return length; // cut off by the end of input: dropped
      if (xml.charCodeAt(p) === 62) {
        selfClosing = slash && xml.charCodeAt(p - 1) === 47;
        p++;
        break;
      }
      const nameStart = p++;
      while (p < length && !endsAttributeName(xml.charCodeAt(p))) p++;
      const attributeName = xml.slice(nameStart, p);
      let q = p;
      while (q < length && isSpace(xml.charCodeAt(q))) q++;
      let value = '';
      if (xml.charCodeAt(q) === 61) {
        q++;
        while (q < length && isSpace(xml.charCodeAt(q))) q++;
        const quote = xml.charCodeAt(q);
        if (quote === 34 || quote === 39) {
          const close = xml.indexOf(quote === 34 ? '"' : "'", q + 1);
          if (close === -1) return length;
          value = decode(xml.slice(q + 1, close));
          p = close + 1;
        } else {
          const valueStart = q;
          while (q < length && !isSpace(xml.charCodeAt(q)) && xml.charCodeAt(q) !== 62) q++;
          value = decode(xml.slice(valueStart, q));
          p = q;
        }
      }
      // A string assigned to __proto__ is ignored, so an attribute of that name cannot reach the prototype.
      if (!Object.hasOwn(attributes, attributeName)) attributes[attributeName] = value;
    }
    this.handler.openTag(name, attributes, selfClosing);
    return p;
  }

  /** Reads an end tag whose name begins at `start`; answers where reading goes on. */
  private readEndTag(start: number): number {
    const { xml, length } = this;
    let p = start;
    while (p < length && !endsTagName(xml.charCodeAt(p))) p++;
    const gt = xml.indexOf('>', p);
    if (gt === -1) return length; // cut off: dropped
    if (p > start) this.handler.closeTag(xml.slice(start, p));
    return gt + 1;
  }
}
