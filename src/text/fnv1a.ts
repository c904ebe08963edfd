// FNV-1a over a string's UTF-16 code units, as a short base-36 tag: for cache-busting versions in addresses
// (a changed text gets a new address), never for anything that must resist a chosen collision.
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
