import { describe, expect, it } from 'vitest';
import { listInLanguage } from '../text/plural';
import { translator } from './translate';

describe('text put into a sentence', () => {
  it('is isolated in Arabic where it is written left to right, so its order and punctuation hold', () => {
    const { t } = translator('ar');
    expect(t('schools.none', { school: 'Room 4 (Ms. Rivera)' })).toBe(
      'لم يُنشر أي منشور من \u2068Room 4 (Ms. Rivera)\u2069 بعد.',
    );
    expect(t('subscribe.thanks', { email: 'usra@family.example' })).toContain(
      '\u2068usra@family.example\u2069',
    );
    // Arabic text, numbers and a text isolated already are left as they are.
    expect(t('schools.none', { school: 'مدرسة النور' })).toBe('لم يُنشر أي منشور من مدرسة النور بعد.');
    expect(t('schools.inDigests', { count: 5 })).toBe('في 5 ملخصات');
    const digest = t('digestName', { district: 'Lakeside' });
    expect(digest).toBe('الملخص اليومي لـ\u2068Lakeside\u2069');
    expect(t('schools.schoolDescription', { school: 'مدرسة النور', digest })).toBe(
      'منشورات مدرسة النور في الملخص اليومي لـ\u2068Lakeside\u2069.',
    );
  });

  it('isolates each name of a list in Arabic, so the list keeps its order', () => {
    const names = listInLanguage(['Lincoln Elementary', 'Room 4 (Ms. Rivera)', 'مدرسة النور'], 'ar');
    expect(names).toBe('\u2068Lincoln Elementary\u2069 و \u2068Room 4 (Ms. Rivera)\u2069 ومدرسة النور');
    // Put into a sentence, the list (Arabic between the names) is not isolated as a whole.
    expect(translator('ar').t('schools.none', { school: names })).toBe(`لم يُنشر أي منشور من ${names} بعد.`);
    expect(listInLanguage(['Lincoln', 'Washington'], 'es')).toBe('Lincoln y Washington');
  });

  it('is left as it is in a language written left to right', () => {
    expect(translator('es').t('schools.none', { school: 'Room 4 (Ms. Rivera)' })).not.toContain('\u2068');
    expect(translator('en').t('schools.none', { school: 'Room 4 (Ms. Rivera)' })).not.toContain('\u2068');
  });
});
