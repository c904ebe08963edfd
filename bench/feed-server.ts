// A child process serving N feeds of 20 items each over many ports on 127.0.0.1 (many "hosts"), answering
// conditional requests with 304. Prints its base URLs as one JSON line on stdout when ready.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { feedXml } from './corpus';

const feeds = Number(process.argv[2] ?? 1000);
const ports = Number(process.argv[3] ?? 50);

const bodies = Array.from({ length: feeds }, (_, n) => Buffer.from(feedXml(n)));
const urls: string[] = [];
for (let p = 0; p < ports; p++) {
  const server = createServer((request, response) => {
    const n = Number(/^\/feed\/(\d+)/.exec(request.url ?? '')?.[1]);
    const body = bodies[n];
    if (!body) return response.writeHead(404).end();
    const etag = `"feed-${n}-v1"`;
    if (request.headers['if-none-match'] === etag) return response.writeHead(304, { etag }).end();
    response
      .writeHead(200, {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag,
        'content-length': body.length,
      })
      .end(body);
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}
process.stdout.write(JSON.stringify({ urls, bytes: bodies.reduce((n, b) => n + b.length, 0) }) + '\n');
