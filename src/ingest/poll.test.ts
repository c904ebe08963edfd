// The limiter a polling pass shares between its feeds: a bounded number inside at once, first come first
// served, and a place given back even when the work fails.
import { describe, expect, it } from 'vitest';
import { createLimiter } from './poll';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createLimiter', () => {
  it('lets at most the limit run at once, in the order they asked', async () => {
    const limiter = createLimiter(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, n) =>
        limiter.run(async () => {
          started.push(n);
          most = Math.max(most, ++running);
          await tick();
          running--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('gives a place back when the work fails, and passes the failure to its caller', async () => {
    const limiter = createLimiter(1);
    const failing = limiter.run(async () => {
      await tick();
      throw new Error('feed server vanished');
    });
    const next = limiter.run(async () => 'read');
    await expect(failing).rejects.toThrow('feed server vanished');
    expect(await next).toBe('read');
    expect(await limiter.run(async () => 'again')).toBe('again');
  });
});
