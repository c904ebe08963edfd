// hono/jsx renders inside an AsyncLocalStorage where the runtime has one, so that an async component reading a
// context after an `await` still finds its value. Yesterday has no async components: every page is rendered in
// one synchronous pass from data read before. On Node 20 and 22 the storage's first `run()` turns on async
// hooks for the whole process for good, so after the first page every request pays them, answers from the
// public cache included: about a sixth of the requests a server answers per CPU-second (decision 007). On
// Node, hono/jsx is given a loader that finds no storage, and renders as it does on runtimes without one,
// which hono supports (synchronous components render the same). The Node build (scripts/build.mjs) and the
// Node tests (vitest.config.ts) both apply it, so the tests render as the service does. Workers keep the
// storage: wrangler builds from source, and workerd's costs no hooks.
import { readFileSync } from 'node:fs';

/** hono/jsx's modules, which vitest must inline (run through Vite) for the replacement to reach them. */
export const HONO_JSX_MODULES = /[\\/]node_modules[\\/]hono[\\/]dist[\\/]jsx[\\/]/;

/** The module of hono that finds the storage. */
export const HONO_JSX_CONTEXT = /[\\/]node_modules[\\/]hono[\\/]dist[\\/]jsx[\\/]context\.js$/;

const LOADER = 'const loadAsyncLocalStorage = () => {';

/** The module's source with a loader that finds no storage; a sentence if a new hono no longer reads so. */
export function honoJsxContextWithoutStorage(path) {
  const source = readFileSync(path, 'utf8');
  if (source.split(LOADER).length !== 2)
    throw new Error(
      `${path} no longer has the one "${LOADER}" that scripts/hono-jsx-without-storage.mjs replaces. See what this version of hono does with AsyncLocalStorage, then change or remove the replacement.`,
    );
  return source.replace(LOADER, 'const loadAsyncLocalStorage = () => undefined;\nconst asShipped = () => {');
}

/** For esbuild (scripts/build.mjs). */
export const esbuildPlugin = {
  name: 'hono-jsx-without-storage',
  setup(build) {
    build.onLoad({ filter: HONO_JSX_CONTEXT }, (args) => ({
      contents: honoJsxContextWithoutStorage(args.path),
      loader: 'js',
    }));
  },
};

/** For Vite, which vitest runs (vitest.config.ts; hono/jsx must be inlined there to pass through it). */
export const vitePlugin = {
  name: 'hono-jsx-without-storage',
  enforce: 'pre',
  load(id) {
    const path = id.split('?')[0];
    return HONO_JSX_CONTEXT.test(path) ? honoJsxContextWithoutStorage(path) : undefined;
  },
};
