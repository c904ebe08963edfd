// Who a correction is emailed to, on D1 (test/scenarios/correction-audience.ts; src/db/digests.test.ts runs the
// same on SQLite): its SQL reads the schools recorded on each sent email with D1's JSON functions.
import { env } from 'cloudflare:test';
import { describe, it } from 'vitest';
import { openD1 } from '../../src/db/d1';
import { correctionAudience } from '../scenarios/correction-audience';

describe('a correction on Workers', () => {
  it('is emailed to those whose digest email showed a post it changed, by the schools it was sent for', async () => {
    await correctionAudience(openD1(env.DB));
  });
});
