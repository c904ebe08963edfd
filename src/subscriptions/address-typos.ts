// A mistyped mail provider (gmial.com, yahoo.con, hotmail.co) is the commonest reason a parent's confirmation never
// arrives. The sign-up forms ask once before sending, with @zootools/email-spell-checker's comparison against
// the providers families use (decision 012). A suggestion for a real address is worse than none (one press
// would send the confirmation, with the schools chosen, to a stranger), so what the checker would "correct"
// is widened on our side: more real providers, and a provider's own country domains left alone.
import spellChecker from '@zootools/email-spell-checker';
import { checkEmailAddress } from '../email/email-address';

/** Real providers the checker's lists lack, which it would otherwise turn into one of theirs. */
const MORE_DOMAINS = [
  'aol.com', 'bol.com.br', 'centurylink.net', 'email.com', 'embarqmail.com', 'frontier.com', 'gmx.com', 'gmx.de',
  'gmx.net', 'hotmail.com', 'hotmail.com.mx', 'hotmail.es', 'icloud.com', 'juno.com', 'laposte.net', 'libero.it',
  'live.com', 'live.com.mx', 'mac.com', 'mail.com', 'mediacombb.net', 'netzero.net', 'optimum.net', 'orange.fr',
  'outlook.com', 'outlook.es', 'prodigy.net.mx', 'q.com', 'roadrunner.com', 'rr.com', 'suddenlink.net',
  't-online.de', 'terra.com.br', 'twc.com', 'uol.com.br', 'windstream.net', 'wowway.com', 'yahoo.com',
  'yahoo.com.mx', 'yahoo.es',
]; // prettier-ignore
const DOMAINS = [...new Set([...spellChecker.POPULAR_DOMAINS, ...MORE_DOMAINS])];
const KNOWN = new Set(DOMAINS);
const TOP_LEVEL_DOMAINS = [
  ...new Set([...spellChecker.POPULAR_TLDS, 'com.mx', 'net.mx', 'org.mx', 'edu.mx', 'mx']),
];
/**
 * Providers with a domain of their own in many countries (hotmail.com.ar, yahoo.com.co, outlook.sa, gmx.de):
 * the brand typed right with a country's ending is taken as typed. Gmail has none, so gmail.co is asked about.
 */
const COUNTRY_BRANDS = new Set([
  'aol', 'gmx', 'hotmail', 'live', 'msn', 'outlook', 'rocketmail', 'web', 'yahoo', 'yandex', 'ymail', 'zoho',
]); // prettier-ignore

/**
 * The address as the parent probably meant it, if its provider looks like a known one mistyped; undefined when it
 * looks right. Only a known provider is ever suggested (the checker also changes an unknown domain's ending:
 * school.test into school.de), never for a known provider or one of its country domains, and not for a name
 * of one or two letters, which is a short real domain as often as a typo (b.co is not q.com).
 */
export function suggestAddress(typed: string): string | undefined {
  // Only of an address the form would take: anything else gets the sentence that says what is wrong with it.
  const checked = checkEmailAddress(typed);
  if (!checked.ok) return undefined;
  const email = checked.address;
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1).toLowerCase();
  const labels = domain.split('.');
  if (KNOWN.has(domain) || labels[0]!.length < 3) return undefined;
  if (COUNTRY_BRANDS.has(labels[0]!) && /^[a-z]{2}$/.test(labels.at(-1)!)) return undefined;
  const suggestion = spellChecker.run({ email, domains: DOMAINS, topLevelDomains: TOP_LEVEL_DOMAINS });
  if (!suggestion || !KNOWN.has(suggestion.domain.toLowerCase())) return undefined;
  // The part before the @ as it was typed (its case too): only the provider is in question.
  const full = `${email.slice(0, at)}@${suggestion.domain}`;
  return full.toLowerCase() === email.toLowerCase() ? undefined : full;
}
