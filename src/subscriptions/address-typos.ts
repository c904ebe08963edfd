// A mistyped mail provider (gmial.com, yahoo.con, hotmail.co) is the commonest reason a parent's confirmation never
// arrives. The sign-up forms ask once before sending, with @zootools/email-spell-checker's comparison against
// the providers families use. Its lists are widened with providers it would otherwise "correct" (mac.com into
// mail.com, yahoo.com.mx into yahoo.com): a suggestion for a real address is worse than none.
import spellChecker from '@zootools/email-spell-checker';
import { checkEmailAddress } from '../email/email-address';

const MORE_DOMAINS = [
  'aol.com', 'gmx.com', 'hotmail.com', 'hotmail.com.mx', 'hotmail.es', 'icloud.com', 'live.com', 'live.com.mx',
  'mac.com', 'mail.com', 'outlook.com', 'outlook.es', 'prodigy.net.mx', 'q.com', 'yahoo.com', 'yahoo.com.mx',
  'yahoo.es',
]; // prettier-ignore
const DOMAINS = [...new Set([...spellChecker.POPULAR_DOMAINS, ...MORE_DOMAINS])];
const KNOWN = new Set(DOMAINS);
const TOP_LEVEL_DOMAINS = [
  ...new Set([...spellChecker.POPULAR_TLDS, 'com.mx', 'net.mx', 'org.mx', 'edu.mx', 'mx']),
];

/**
 * The address as the parent probably meant it, if its provider looks like a known one mistyped; undefined when it
 * looks right. Only a known provider is ever suggested (the checker also changes an unknown domain's ending:
 * school.test into school.de), and not for a name of one or two letters, which is a short real domain as often
 * as a typo (b.co is not q.com).
 */
export function suggestAddress(typed: string): string | undefined {
  // Only of an address the form would take: anything else gets the sentence that says what is wrong with it.
  const checked = checkEmailAddress(typed);
  if (!checked.ok) return undefined;
  const email = checked.address;
  const at = email.lastIndexOf('@');
  if (email.slice(at + 1).split('.')[0]!.length < 3) return undefined;
  const suggestion = spellChecker.run({ email, domains: DOMAINS, topLevelDomains: TOP_LEVEL_DOMAINS });
  if (!suggestion || !KNOWN.has(suggestion.domain.toLowerCase())) return undefined;
  // The part before the @ as it was typed (its case too): only the provider is in question.
  const full = `${email.slice(0, at)}@${suggestion.domain}`;
  return full.toLowerCase() === email.toLowerCase() ? undefined : full;
}
