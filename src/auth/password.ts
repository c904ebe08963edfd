// The password-hashing contract the app depends on; each runtime supplies an implementation.
import { t } from '../i18n/desk-text';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** True when `password` matches `stored`; false for a wrong password or a hash this hasher cannot read. */
  verify(password: string, stored: string): Promise<boolean>;
  /**
   * The scheme of hashes another runtime stores that this one cannot check (`scrypt` on Workers), so the
   * sign-in page can say why a password from before a move no longer works.
   */
  cannotCheck?: string;
}

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** Answers what is wrong with a new password, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return t('desk.account.password.tooShort', { length: MIN_PASSWORD_LENGTH });
  }
  if (password.length > MAX_PASSWORD_LENGTH)
    return t('desk.account.password.tooLong', { length: MAX_PASSWORD_LENGTH });
  return undefined;
}
