// The small element trees xml-entries.ts builds for a feed's channel and entries, and how parse-xml-feed.ts
// reads them: text, child elements by canonical name, and inner markup serialized back to HTML.
import { escapeHtml } from '../text/escape';

export interface XNode {
  /** Canonical name: 'item', 'atom:entry', 'media:content', 'content:encoded'; unknown namespaces get '?:'. */
  name: string;
  attrs: Record<string, string>;
  children: (XNode | string)[];
  /** xml:base in force on this element, resolved. */
  base?: string;
}

/** The text inside a node, its descendants' text included. */
export function textOf(node: XNode | undefined): string {
  if (!node) return '';
  let out = '';
  for (const child of node.children) out += typeof child === 'string' ? child : textOf(child);
  return out;
}

/** Attributes holding an address, made absolute where an element's own xml:base differs from the node's. */
const ADDRESS_ATTRIBUTES = new Set(['href', 'src', 'cite', 'poster']);

/**
 * The node's content as HTML: child elements serialized (local names only), text escaped. The HTML is later
 * resolved against one base, the node's (`base`); an address inside an element with an xml:base of its own
 * is made absolute here, since that one base cannot say it.
 */
export function innerMarkup(node: XNode, base = node.base): string {
  let out = '';
  for (const child of node.children) {
    if (typeof child === 'string') {
      out += escapeHtml(child);
      continue;
    }
    const name = child.name.slice(child.name.indexOf(':') + 1);
    const ownBase = child.base !== base ? child.base : undefined;
    const attrs = Object.entries(child.attrs)
      .filter(([key]) => key !== 'xmlns' && !key.startsWith('xmlns:'))
      .map(([key, value]) => {
        const resolved = ownBase && ADDRESS_ATTRIBUTES.has(key) ? absolute(value, ownBase) : value;
        return ` ${key}="${escapeHtml(resolved)}"`;
      })
      .join('');
    out += `<${name}${attrs}>${innerMarkup(child, base)}</${name}>`;
  }
  return out;
}

function absolute(address: string, base: string): string {
  try {
    return new URL(address.trim(), base).href;
  } catch {
    return address;
  }
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
