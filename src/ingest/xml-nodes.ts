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
