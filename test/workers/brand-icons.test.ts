// In workerd as in Node: the brand's mark drawn as an ICO and as PNGs, for what cannot show the SVG favicon;
// and the shipped stylesheets as they are, which Cloudflare compresses itself.
import { SELF } from 'cloudflare:test';
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { ASSETS } from '../../src/views/assets';

describe('the brand’s mark in workerd', () => {
  it('answers /favicon.ico, /favicon.png and /apple-touch-icon.png with pictures of their size', async () => {
    const ico = await SELF.fetch('http://yesterday.test/favicon.ico');
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    const bytes = new Uint8Array(await ico.arrayBuffer());
    expect([...bytes.subarray(0, 6)]).toEqual([0, 0, 1, 0, 3, 0]);
    for (const [path, size] of [
      ['/favicon.png', 64],
      ['/apple-touch-icon.png', 180],
    ] as const) {
      const response = await SELF.fetch(`http://yesterday.test${path}`);
      expect([path, response.status, response.headers.get('content-type')]).toEqual([path, 200, 'image/png']);
      const picture = decode(new Uint8Array(await response.arrayBuffer()));
      expect([picture.width, picture.height]).toEqual([size, size]);
    }
  });

  it('sends the stylesheets as written, for Cloudflare to compress once, to a browser that takes gzip or not', async () => {
    for (const encoding of ['gzip', 'identity']) {
      const response = await SELF.fetch('http://yesterday.test/assets/site.css', {
        headers: { 'accept-encoding': encoding },
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(ASSETS['site.css'].body);
    }
  });
});
