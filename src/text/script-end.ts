// Where a script's text ends, by the HTML standard's script-data states, which htmlparser2 does not follow: it
// ends a script at the first </script>, and a browser does not always.

const SCRIPT_END_OR_COMMENT = /<\/script[\t\n\f\r />]|<!--/gi;

/**
 * Where the text of a script that starts at `from` ends: the `<` of its end tag, or the input's length. After
 * `<!--`, a `<script` makes the next `</script>` part of the text (`<script><!--<script></script>x()</script>`
 * holds `x()`). Scripts that hold no `<!--` take one search.
 */
export function scriptEnd(html: string, from: number): number {
  SCRIPT_END_OR_COMMENT.lastIndex = from;
  const first = SCRIPT_END_OR_COMMENT.exec(html);
  if (!first) return html.length;
  return first[0] === '<!--' ? scanScriptData(html, first.index) : first.index;
}

const endsTagName = (c: number) =>
  c === 9 || c === 10 || c === 12 || c === 13 || c === 32 || c === 47 || c === 62;

/** Whether `<script` (or `</script`, with `slash`) followed by what ends a tag name starts at `at`. */
function isScriptTag(html: string, at: number, slash: boolean): boolean {
  const name = at + (slash ? 2 : 1);
  return (
    (!slash || html.charCodeAt(at + 1) === 47) &&
    html.slice(name, name + 6).toLowerCase() === 'script' &&
    endsTagName(html.charCodeAt(name + 6))
  );
}

/** The standard's script-data states, only as far as they decide where a script ends. */
function scanScriptData(html: string, from: number): number {
  let escaped = false; // after <!--, until -->
  let doubleEscaped = false; // after <!-- and <script, until </script> (back to escaped) or -->
  let dashes = 0; // dashes just read, while escaped
  for (let at = from; at < html.length; at++) {
    const c = html.charCodeAt(at);
    if (c === 45 /* - */) {
      if (escaped) dashes++;
      continue;
    }
    if (c === 62 /* > */ && escaped && dashes >= 2) {
      escaped = doubleEscaped = false;
    } else if (c === 60 /* < */) {
      if (!doubleEscaped && isScriptTag(html, at, true)) return at;
      if (!escaped && html.startsWith('<!--', at)) {
        escaped = true;
        dashes = 2; // so that <!--> ends it at once
        at += 3;
        continue;
      }
      if (escaped && !doubleEscaped && isScriptTag(html, at, false)) doubleEscaped = true;
      else if (doubleEscaped && isScriptTag(html, at, true)) doubleEscaped = false;
    }
    dashes = 0;
  }
  return html.length;
}
