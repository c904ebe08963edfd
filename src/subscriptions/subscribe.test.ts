import { describe, expect, it } from 'vitest';
import { mailboxKeyOf } from './subscribe';

describe('mailboxKeyOf', () => {
  it('counts sub-addresses, and Gmail’s dots and its other domain, as the one mailbox they reach', () => {
    expect(mailboxKeyOf(' New+again@Family.example ')).toBe('new@family.example');
    expect(mailboxKeyOf('new@family.example')).toBe('new@family.example');
    expect(mailboxKeyOf('Ma.Ria+school@gmail.com')).toBe('maria@gmail.com');
    expect(mailboxKeyOf('m.a.r.i.a@googlemail.com')).toBe('maria@gmail.com');
  });

  it('keeps dots where they make another mailbox, and a plus that starts the name', () => {
    expect(mailboxKeyOf('ma.ria@family.example')).toBe('ma.ria@family.example');
    expect(mailboxKeyOf('+maria@family.example')).toBe('+maria@family.example');
  });
});
