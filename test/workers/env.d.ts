// The bindings the workerd suite sees (wrangler.toml plus vitest.workers.config.ts).
import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      JOBS: Queue;
      TEST_MIGRATIONS: D1Migration[];
      TEST_FEED_URL: string;
      TEST_IMAGES_URL: string;
      MEDIA: R2Bucket;
      IMAGES: ImagesBinding;
      POSTMARK_API_URL: string;
      PUBLIC_URL: string;
      TEST_SOCIAL_URL: string;
      SOCIAL_SECRET_KEY: string;
    }
  }
}
