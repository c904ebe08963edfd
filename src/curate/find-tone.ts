// The tone check: words and phrases from the district's reviewed list (Settings), matched as whole words,
// case-insensitively, whatever the apostrophe style.

export function findToneWords(text: string, words: readonly string[]): string[] {
  const haystack = text.toLowerCase().replace(/’/g, "'");
  const found: string[] = [];
  for (const word of words) {
    const needle = word.toLowerCase().replace(/’/g, "'").trim();
    if (!needle) continue;
    const pattern = new RegExp(
      `(^|[^\\p{L}\\p{N}'])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?=$|[^\\p{L}\\p{N}'])`,
      'u',
    );
    if (pattern.test(haystack) && !found.includes(word)) found.push(word);
  }
  return found;
}
