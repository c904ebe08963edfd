// A clock tests can set and move; the app reads time only through its Clock.
import type { Clock } from '../src/deps';

export interface TestClock extends Clock {
  set(iso: string | number): void;
  advance(ms: number): void;
}

export function testClock(start: string | number): TestClock {
  let current = typeof start === 'number' ? start : Date.parse(start);
  return {
    now: () => current,
    set(value) {
      current = typeof value === 'number' ? value : Date.parse(value);
    },
    advance(ms) {
      current += ms;
    },
  };
}
