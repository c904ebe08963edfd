// A strict XML reader for tests: Python's expat, which refuses any document that is not well-formed (a
// control character, a reference to one, a lone surrogate), as every feed reader's XML parser must.
import { execFileSync } from 'node:child_process';

const SCRIPT = `
import sys, json, xml.parsers.expat
out = []
for doc in json.loads(sys.stdin.read()):
    parser = xml.parsers.expat.ParserCreate()
    try:
        parser.Parse(doc.encode('utf-8', 'surrogatepass'), True)
        out.append(None)
    except xml.parsers.expat.ExpatError as error:
        out.append(str(error))
print(json.dumps(out))
`;

/** For each document, undefined when it is well-formed XML, else expat's reason. */
export function strictXmlErrors(documents: string[]): (string | undefined)[] {
  const out = execFileSync('/usr/bin/python3', ['-c', SCRIPT], {
    input: JSON.stringify(documents),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  return (JSON.parse(out) as (string | null)[]).map((error) => error ?? undefined);
}

/** Expat's reason the document is not well-formed, or undefined. */
export function strictXmlError(document: string): string | undefined {
  return strictXmlErrors([document])[0];
}
