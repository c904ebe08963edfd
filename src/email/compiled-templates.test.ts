import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileTemplates, OUTPUT_FILE } from '../../scripts/compile-templates';

describe('compiled email templates', () => {
  it('match templates/*.mjml (run `npm run templates` after editing a template)', async () => {
    expect(readFileSync(OUTPUT_FILE, 'utf8')).toBe(await compileTemplates());
  });

  it('load nothing from third parties (no web fonts, no trackers)', () => {
    const compiled = readFileSync(OUTPUT_FILE, 'utf8');
    expect(compiled).not.toMatch(/googleapis|<link |@import/);
  });
});
