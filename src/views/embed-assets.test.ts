import { describe, expect, it } from 'vitest';
import { embedLoaderJs } from './embed-assets';

describe('the embed loader', () => {
  const loader = embedLoaderJs(
    'https://digest.district.example',
    'What happened yesterday',
    [],
    ['es', 'ar'],
    {
      es: 'Lo que pasó ayer',
      ar: '</script><b>',
    },
  );

  it('names no frame in its address and knows its frame by the message’s source', () => {
    expect(loader).not.toContain("'frame'");
    expect(loader).not.toContain('Math.random');
    expect(loader).toContain('event.source !== iframe.contentWindow');
  });

  it('uses nothing newer browsers alone have (URLSearchParams.size)', () => {
    expect(loader).not.toMatch(/params\.size/);
  });

  it('carries each language’s title as data, never as markup', () => {
    expect(loader).toContain('"es":"Lo que pasó ayer"');
    expect(loader).toContain('"ar":"\\u003c/script>\\u003cb>"');
    expect(() => new Function(loader)).not.toThrow();
  });
});
