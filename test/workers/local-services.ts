// Started on the Node side for the workerd suite: the class feed on 127.0.0.1 and a stand-in for Postmark's
// documented HTTP interface (POST /email with X-Postmark-Server-Token, answering like Postmark), which keeps
// what it received for the tests to read at GET /__received (and how many at GET /__count).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { animatedGif, phonePhoto, transparentPng, truncatedJpeg, webpPhoto } from '../photos';
import { scenarioFeed } from '../scenarios/local-feed';
import { STAND_IN_TOKEN, type ReceivedApiEmail } from './postmark-stand-in';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startLocalServices(): Promise<{
  feedUrl: string;
  postmarkUrl: string;
  imagesUrl: string;
}> {
  // A teacher's pictures (test/workers/pictures*.test.ts): phone photos with their GPS position, small and
  // large, the other formats a class blog posts, a cut-off file, and one over the Workers' pixel limit.
  const pictures: Record<string, Buffer> = {
    '/images/phone.jpg': await phonePhoto(),
    '/images/phone-large.jpg': await phonePhoto({ width: 2000, height: 1500 }),
    '/images/transparent.png': await transparentPng(),
    '/images/photo.webp': await webpPhoto(),
    '/images/animated.gif': await animatedGif(),
    '/images/cut.jpg': await truncatedJpeg(),
    // Upright, with the EXIF copyright tag Cloudflare Images keeps in a JPEG it writes.
    '/images/copyright.jpg': await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#d03030' },
    })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Ms Example, Birch Elementary', Artist: 'Ms Example' } })
      .toBuffer(),
    // A photo taken down, and the same photo smaller and saved again, as a second account posts it.
    '/images/market.jpg': readFileSync('src/demo/photos/market.jpg'),
    '/images/market-again.jpg': await sharp(readFileSync('src/demo/photos/market.jpg'))
      .resize({ width: 700 })
      .jpeg({ quality: 45 })
      .toBuffer(),
    '/images/fourteen-megapixels.jpg': await sharp({
      create: { width: 4600, height: 3000, channels: 3, background: '#204060' },
    })
      .jpeg()
      .toBuffer(),
  };
  const types: Record<string, string> = {
    jpg: 'image/jpeg',
    png: 'image/png',
    webp: 'image/webp',
    gif: 'image/gif',
  };
  const feeds = createServer((request, response) => {
    const url = request.url ?? '/';
    const picture = pictures[url];
    if (picture)
      return response.writeHead(200, { 'content-type': types[url.split('.').pop()!]! }).end(picture);
    const redirects = /^\/redirects\/(\d+)$/.exec(url);
    if (url === '/feed.xml')
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(scenarioFeed());
    // Hostile and odd servers for the Workers fetcher's limits (test/workers/fetcher.test.ts).
    else if (redirects && Number(redirects[1]) === 0)
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(scenarioFeed());
    else if (redirects) response.writeHead(301, { location: `/redirects/${Number(redirects[1]) - 1}` }).end();
    else if (url === '/redirect-loop') response.writeHead(302, { location: '/redirect-loop' }).end();
    else if (url === '/huge') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const more = () => {
        while (sent < 64 && response.write(chunk)) sent++;
        if (sent >= 64) response.end();
        else response.once('drain', more);
      };
      more();
    } else if (url === '/slow') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      const timer = setInterval(() => response.write(' '), 200);
      response.on('close', () => clearInterval(timer));
    } else if (url === '/gzip-unlabelled')
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(gzipSync(scenarioFeed()));
    else if (url === '/gzip-unasked')
      response
        .writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' })
        .end(gzipSync(scenarioFeed()));
    else response.writeHead(404).end('not found');
  });
  const received: ReceivedApiEmail[] = [];
  let next = 1;
  const postmark = createServer((request, response) => {
    const reply = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.method === 'GET' && request.url === '/__received') return reply(200, received);
    if (request.method === 'GET' && request.url === '/__count') return reply(200, { count: received.length });
    if (request.method !== 'POST' || request.url !== '/email')
      return reply(404, { ErrorCode: 404, Message: 'Not found' });
    if (request.headers['x-postmark-server-token'] !== STAND_IN_TOKEN)
      return reply(401, { ErrorCode: 10, Message: 'Bad or missing Server API token.' });
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let email: ReceivedApiEmail;
      try {
        email = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedApiEmail;
      } catch {
        return reply(422, { ErrorCode: 402, Message: 'Received invalid JSON input.' });
      }
      if (!email.From || !email.To || !(email.HtmlBody || email.TextBody))
        return reply(422, { ErrorCode: 300, Message: 'Invalid email request' });
      received.push(email);
      const id = `00000000-0000-4000-8000-${String(next++).padStart(12, '0')}`;
      reply(200, {
        To: email.To,
        SubmittedAt: new Date().toISOString(),
        MessageID: id,
        ErrorCode: 0,
        Message: 'OK',
      });
    });
  });
  const feedsUrl = await listen(feeds);
  return {
    feedUrl: `${feedsUrl}/feed.xml`,
    postmarkUrl: await listen(postmark),
    imagesUrl: `${feedsUrl}/images`,
  };
}
