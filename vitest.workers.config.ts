// The workerd suite: the real Worker (src/entry/worker.ts, wrangler.toml) in workerd through Miniflare, with
// the drizzle/ migrations applied to a local D1, a local feed and a stand-in for Postmark's API.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { startLocalServices } from './test/workers/local-services';
import { STAND_IN_TOKEN } from './test/workers/postmark-stand-in';
import { startSocialStandIns } from './test/social-stand-ins';

export default defineConfig(async () => {
  const services = await startLocalServices();
  const social = await startSocialStandIns();
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          // Miniflare's own stand-in for the Cloudflare Images binding (sharp, on the Node side: width, rotate
          // and format only; no EXIF rotation). test/workers/pictures-images.test.ts uses it; the other tests
          // take it away to use the WebAssembly path.
          images: { binding: 'IMAGES' },
          bindings: {
            TEST_MIGRATIONS: await readD1Migrations('drizzle'),
            PUBLIC_URL: 'http://yesterday.test',
            POSTMARK_SERVER_TOKEN: STAND_IN_TOKEN,
            POSTMARK_API_URL: services.postmarkUrl,
            FETCH_ALLOW_PRIVATE_NETWORKS: 'true',
            LOG_LEVEL: 'warn',
            TEST_FEED_URL: services.feedUrl,
            TEST_IMAGES_URL: services.imagesUrl,
            // test/workers/social.test.ts: stand-ins for Mastodon, a Bluesky PDS and the Graph API.
            TEST_SOCIAL_URL: social.url,
            SOCIAL_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
          },
        },
      }),
    ],
    test: {
      name: 'workerd',
      include: ['test/workers/**/*.test.ts'],
      setupFiles: ['test/workers/apply-migrations.ts'],
      // @atproto/api's CommonJS chain would load multiformats' Node build (node:crypto hashing) in workerd;
      // pre-bundled, it takes the browser build, as wrangler's bundle does.
      deps: {
        optimizer: {
          ssr: { enabled: true, include: ['@atproto/api', '@atproto/common-web'] },
        },
      },
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  };
});
