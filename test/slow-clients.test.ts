// A client that sends its request a byte now and then is cut off, so a server without a proxy in front cannot be
// held open by a few of them: the server's own limits, shortened here so the test takes seconds, not minutes.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './test-app';

/** Writes `first`, then `drip` every 200 ms until the server closes the connection; resolves with what it said. */
function dripUntilClosed(url: string, first: string, drip: string): Promise<{ ms: number; answer: string }> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname, () => socket.write(first));
    let answer = '';
    const timer = setInterval(() => socket.writable && socket.write(drip), 200);
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => {}); // a reset is a close too
    const stuck = setTimeout(() => reject(new Error('still open after 20 s')), 20_000);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(stuck);
      resolve({ ms: Date.now() - started, answer });
    });
  });
}

describe('slow clients', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      requestLimits: { headersTimeout: 1500, requestTimeout: 3000, connectionsCheckingInterval: 250 },
    });
  });
  afterAll(() => app?.close());

  it('cuts off a request whose head never ends', async () => {
    const cut = await dripUntilClosed(app.url, 'GET / HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: 1\r\n');
    expect(cut.ms).toBeGreaterThanOrEqual(1400);
    expect(cut.ms).toBeLessThan(6000);
    expect(cut.answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts off a body that trickles in', async () => {
    const cut = await dripUntilClosed(
      app.url,
      'POST /subscribe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=',
      'a',
    );
    expect(cut.ms).toBeGreaterThanOrEqual(2900);
    expect(cut.ms).toBeLessThan(8000);
    expect(cut.answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('serves with limits of its own, not Node’s minutes', async () => {
    const served = await startTestApp();
    try {
      expect(served.server.server.headersTimeout).toBe(20_000);
      expect(served.server.server.requestTimeout).toBe(120_000);
    } finally {
      await served.close();
    }
  });
});
