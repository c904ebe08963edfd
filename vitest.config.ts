// Test runner configuration: unit and integration tests beside the code, shared harness in test/.
import { defineConfig } from 'vitest/config';
import {
  HONO_JSX_MODULES,
  vitePlugin as honoJsxWithoutStorage,
} from './scripts/hono-jsx-without-storage.mjs';

export default defineConfig({
  // Pages render as the Node build renders them: hono/jsx without its AsyncLocalStorage. Its modules are
  // inlined so that they pass through the plugin (packages are otherwise loaded by Node as they are).
  plugins: [honoJsxWithoutStorage],
  test: {
    server: { deps: { inline: [HONO_JSX_MODULES] } },
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    // test/workers/ runs in workerd: vitest.workers.config.ts.
    exclude: ['test/workers/**', '**/node_modules/**'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser assertions poll the page; on a busy shared machine a second is sometimes not enough.
    expect: { poll: { timeout: 5000 } },
  },
});
