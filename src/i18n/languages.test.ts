import { describe, expect, it } from 'vitest';
import { parseLanguages, preferredLanguage } from './languages';

describe('languages', () => {
  it('reads the setting, keeping known codes in order', () => {
    expect(parseLanguages('en, es ,ar')).toEqual(['en', 'es', 'ar']);
    expect(parseLanguages('es,xx,es')).toEqual(['es']);
    expect(parseLanguages('')).toEqual(['en']);
  });

  it('chooses the offered language a browser prefers, by weight, or the district’s own', () => {
    expect(preferredLanguage('es-MX,es;q=0.9,en;q=0.8', ['en', 'es'])).toBe('es');
    expect(preferredLanguage('fr-FR,ar;q=0.5,en;q=0.7', ['en', 'ar'])).toBe('en');
    expect(preferredLanguage('fr-FR,ar;q=0.5', ['en', 'ar'])).toBe('ar');
    expect(preferredLanguage('es;q=0', ['en', 'es'])).toBe('en');
    expect(preferredLanguage(undefined, ['es', 'en'])).toBe('es');
  });
});
