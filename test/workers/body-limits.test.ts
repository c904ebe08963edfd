// Request bodies on Workers: the same limits as on Node, from hono/body-limit in the app the Worker builds,
// answered 413 with a sentence. (A streamed body without a length is tested on Node, over real HTTP: here the
// test's own aborted upload is logged by workerd as an uncaught "Network connection lost".)
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

const ORIGIN = 'http://yesterday.test';

describe('request bodies on Workers', () => {
  it('answers a subscribe form over 64 KB with 413 and a sentence', async () => {
    const declared = await SELF.fetch(`${ORIGIN}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: `email=${'a'.repeat(200 * 1024)}`,
    });
    expect(declared.status).toBe(413);
    expect(await declared.text()).toContain('That form sent far more than it should (the limit is 64 KB).');
  });

  it('answers an API body over 2 MB with the API’s JSON error', async () => {
    const response = await SELF.fetch(`${ORIGIN}/api/v1/digests/2026-09-09`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: 'Bearer yd_unchecked' },
      body: `{"entries":[],"pad":"${'x'.repeat(3 * 1024 * 1024)}"}`,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: {
        code: 'too-large',
        message:
          'The request body is larger than 2 MB. A whole digest is far smaller; send one digest at a time.',
      },
    });
  });
});
