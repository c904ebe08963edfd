// Escaping for text placed into HTML or XML, text content and attribute values alike.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const NEEDS_ESCAPING = /[&<>"']/;

export function escapeHtml(text: string): string {
  return NEEDS_ESCAPING.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : text;
}

/**
 * Reverses escapeHtml, for reading back values Yesterday escaped itself (an attribute of sanitized HTML, a
 * field of a rendered form); not an HTML entity decoder.
 */
export function unescapeHtml(text: string): string {
  if (!text.includes('&')) return text;
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
