import { describe, expect, it } from 'vitest';
import type { Subscriber } from '../db/subscribers';
import { addressConfirmEmail } from './change-address';

describe('addressConfirmEmail', () => {
  it('is in the subscriber’s language, the default site title included', async () => {
    const site = {
      districtName: 'Lakeside',
      siteTitle: 'What happened yesterday',
      defaultTitle: true,
      publicUrl: 'https://digest.lakeside.example',
      timezone: 'America/Chicago',
      languages: ['en', 'es'] as ('en' | 'es')[],
    };
    const subscriber = {
      id: 3,
      email: 'maria@family.example',
      tokenNonce: 'n',
      language: 'es',
    } as Subscriber;
    const email = await addressConfirmEmail(
      { signingKey: 'k'.repeat(32), site, mailFrom: 'digest@lakeside.example' },
      subscriber,
      'nueva@family.example',
    );
    expect(email.text.split('\n')[0]).toBe('Lakeside · Lo que pasó ayer');
    expect(email.to).toBe('nueva@family.example');
  });
});
