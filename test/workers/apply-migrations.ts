// Applies drizzle/ to the local D1 before the workerd tests, as `wrangler d1 migrations apply` would.
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
