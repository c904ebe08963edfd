import { AsyncLocalStorage } from 'node:async_hooks';
import { afterEach, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.restoreAllMocks();
});

it('renders without an AsyncLocalStorage, as the Node build does (scripts/hono-jsx-without-storage.mjs)', () => {
  const run = vi.spyOn(AsyncLocalStorage.prototype, 'run');
  // <head> and <svg> render inside a context of hono's: where its storage is found, that is its first run.
  const page = (
    <html lang="en">
      <head>
        <title>Lincoln &amp; Washington</title>
      </head>
      <body>
        <svg viewBox="0 0 2 2" aria-hidden="true">
          <path d="M0 0h2v2" strokeWidth={1} />
        </svg>
        <p>{'<b>escaped</b>'}</p>
      </body>
    </html>
  );
  expect(page.toString()).toBe(
    '<html lang="en"><head><title>Lincoln &amp; Washington</title></head><body><svg viewBox="0 0 2 2" aria-hidden="true"><path d="M0 0h2v2" stroke-width="1"></path></svg><p>&lt;b&gt;escaped&lt;/b&gt;</p></body></html>',
  );
  expect(run).not.toHaveBeenCalled();
});
