import { expect, it } from 'vitest';
import { createSecretBox } from './secret-box';

const key = Buffer.alloc(32, 1).toString('base64');

it('seals with AES-GCM and opens only with the same key and the same account', async () => {
  const box = createSecretBox(key);
  const sealed = await box.seal('token-123', 'social:mastodon:https://m.example:');
  expect(sealed).not.toContain('token-123');
  expect(await box.seal('token-123', 'social:mastodon:https://m.example:')).not.toBe(sealed); // fresh IV
  expect(await box.open(sealed, 'social:mastodon:https://m.example:')).toBe('token-123');
  expect(await box.open(sealed, 'social:mastodon:https://other.example:')).toBeUndefined();
  expect(
    await createSecretBox(Buffer.alloc(32, 2).toString('base64')).open(
      sealed,
      'social:mastodon:https://m.example:',
    ),
  ).toBeUndefined();
  expect(await box.open('garbage', 'x')).toBeUndefined();
});
