import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

describe('createLogger', () => {
  it('writes each line at or above its level with that level, so Workers can file it under console.warn and the rest', () => {
    const lines: [string, string][] = [];
    const log = createLogger('info', (line, at) => lines.push([at, line]));
    log.debug('not shown');
    log.info('published the digest at its time', { date: '2026-12-04' });
    log.warn('a feed could not be read', { reason: 'timed out' });
    log.error('the database could not be reached');
    expect(lines.map(([at]) => at)).toEqual(['info', 'warn', 'error']);
    expect(lines[0]![1]).toMatch(/^\S+Z INFO {2}published the digest at its time date=2026-12-04$/);
    expect(lines[1]![1]).toMatch(/WARN {2}a feed could not be read reason="timed out"$/);
  });
});
