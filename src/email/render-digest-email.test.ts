// The email's title and subject: a digest published late names its day instead of calling it yesterday.
import { describe, expect, it } from 'vitest';
import { siteIn } from '../i18n/site-language';
import { renderConfirmEmail } from './render-confirm-email';
import { emailTitle, type EmailSite } from './render-digest-email';

const site = (lang: 'en' | 'es' | 'ar', siteTitle = 'What happened yesterday'): EmailSite =>
  siteIn(
    {
      districtName: 'Lakeside',
      siteTitle,
      defaultTitle: siteTitle === 'What happened yesterday',
      publicUrl: 'https://digest.example',
      timezone: 'America/Chicago',
      languages: ['en', 'es', 'ar'],
    },
    lang,
  );
const friday = { date: '2026-12-04', title: '' };

describe('emailTitle', () => {
  it('says yesterday on the day after, and today on the day itself', () => {
    expect(emailTitle(friday, site('en'), '2026-12-05')).toEqual({
      title: 'What happened yesterday',
      subject: 'What happened yesterday · Friday, December 4, 2026',
    });
    expect(emailTitle(friday, site('en'), '2026-12-04')).toEqual({
      title: 'What happened today',
      subject: 'What happened today, Friday, December 4, 2026',
    });
    expect(emailTitle(friday, site('es'), '2026-12-04').title).toBe('Lo que pasó hoy');
    expect(emailTitle(friday, site('ar'), '2026-12-04').title).toBe('ماذا حدث اليوم');
    // A title of the district's own is never changed.
    expect(emailTitle(friday, site('en', 'Lakeside news'), '2026-12-04').title).toBe('Lakeside news');
    expect(emailTitle(friday, site('en'), undefined).title).toBe('What happened yesterday');
  });

  it('names the day of a digest sent later, by its weekday within the week and by its date after', () => {
    expect(emailTitle(friday, site('en'), '2026-12-07')).toEqual({
      title: 'What happened on Friday',
      subject: 'What happened on Friday, December 4, 2026',
    });
    expect(emailTitle(friday, site('en'), '2026-12-14').title).toBe('What happened on December 4');
    expect(emailTitle(friday, site('es'), '2026-12-07')).toEqual({
      title: 'Lo que pasó el viernes',
      subject: 'Lo que pasó el viernes, 4 de diciembre de 2026',
    });
    expect(emailTitle(friday, site('es'), '2026-12-14').title).toBe('Lo que pasó el 4 de diciembre');
    expect(emailTitle(friday, site('ar'), '2026-12-07').title).toBe('ماذا حدث يوم الجمعة');
  });

  it('keeps a title of the digest’s own, or of the district’s, as written', () => {
    expect(emailTitle({ ...friday, title: 'Snow day' }, site('en'), '2026-12-07')).toEqual({
      title: 'Snow day',
      subject: 'Snow day · Friday, December 4, 2026',
    });
    expect(emailTitle(friday, site('en', 'Lakeside Today'), '2026-12-07').title).toBe('Lakeside Today');
  });
});

describe('the schools an email names', () => {
  it('are listed as the email’s language lists things, not with an English comma', () => {
    const schools = ['Lincoln Elementary', 'Riverside Middle'];
    const url = 'https://digest.example/subscribe/confirm?token=x';
    expect(renderConfirmEmail(site('en'), url, schools).text).toContain(
      'Lincoln Elementary and Riverside Middle',
    );
    expect(renderConfirmEmail(site('es'), url, schools).text).toContain(
      'Lincoln Elementary y Riverside Middle',
    );
    const arabic = renderConfirmEmail(site('ar'), url, schools).text;
    // Each English name is isolated (U+2068 … U+2069), so the Arabic list keeps its order.
    expect(arabic).toContain('\u2068Lincoln Elementary\u2069 و \u2068Riverside Middle\u2069');
    expect(arabic).not.toContain('Elementary, ');
  });
});
