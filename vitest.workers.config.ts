// The workerd suite: the real Worker (src/entry/worker.ts, wrangler.toml) in workerd through Miniflare, with
// the drizzle/ migrations applied to a local D1, a local feed and a stand-in for Postmark's API.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { startLocalServices } from './test/workers/local-services';
import { STAND_IN_TOKEN } from './test/workers/postmark-stand-in';

export default defineConfig(async () => {
  const services = await startLocalServices();
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: await readD1Migrations('drizzle'),
            PUBLIC_URL: 'http://yesterday.test',
            POSTMARK_SERVER_TOKEN: STAND_IN_TOKEN,
            POSTMARK_API_URL: services.postmarkUrl,
            FETCH_ALLOW_PRIVATE_NETWORKS: 'true',
            LOG_LEVEL: 'warn',
            TEST_FEED_URL: services.feedUrl,
            TEST_IMAGES_URL: services.imagesUrl,
          },
        },
      }),
    ],
    test: {
      name: 'workerd',
      include: ['test/workers/**/*.test.ts'],
      setupFiles: ['test/workers/apply-migrations.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  };
});
