// A mistyped mail provider (gmial.com, yahoo.con, hotmail.cm) is the commonest reason a parent's confirmation never
// arrives. The sign-up forms ask once before sending, with @zootools/email-spell-checker's comparison against
// the providers families use (decision 012). A suggestion for a real address is worse than none (one press
// would send the confirmation, with the schools chosen, to a stranger), so what the checker would "correct"
// is widened on our side: more real providers, and a provider's own country domains left alone.
import spellChecker from '@zootools/email-spell-checker';
import { checkEmailAddress } from '../email/email-address';

/** Real providers the checker's lists lack, which it would otherwise turn into one of theirs. */
const MORE_DOMAINS = [
  '126.com', '163.com', 'aol.com', 'bk.ru', 'bol.com.br', 'centrum.cz', 'centurylink.net', 'daum.net', 'email.com',
  'email.cz', 'embarqmail.com', 'frontier.com', 'gci.net', 'gmx.com', 'gmx.de', 'gmx.net', 'hanmail.net',
  'hotmail.com', 'hotmail.com.mx', 'hotmail.es', 'icloud.com', 'inbox.ru', 'interia.pl', 'juno.com',
  'laposte.net', 'libero.it', 'list.ru', 'live.com', 'live.com.mx', 'mac.com', 'mail.com', 'mail.ru',
  'mediacombb.net', 'naver.com', 'netzero.net', 'o2.pl', 'online.de', 'optimum.net', 'orange.fr', 'outlook.com',
  'outlook.es', 'prodigy.net.mx', 'q.com', 'roadrunner.com', 'rr.com', 'seznam.cz', 'sina.com', 'suddenlink.net',
  't-online.de', 'terra.com.br', 'twc.com', 'uol.com.br', 'windstream.net', 'wowway.com', 'wp.pl', 'yahoo.com',
  'yahoo.com.mx', 'yahoo.es', 'yandex.ru',
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

/** Two letters one keystroke from com or net (co, cm, om, ne, nt): more likely a slip than a country. */
function nearDotCom(ending: string): boolean {
  return ['co', 'cm', 'om', 'ne', 'nt', 'et'].includes(ending);
}

/**
 * A country's ending after a provider's name: brand.com.XX, brand.co.XX, or brand.XX where XX is not a slip of
 * com or net (hotmail.fr and outlook.sa are; hotmail.cm and aol.co are asked about).
 */
function isCountryEnding(labels: string[]): boolean {
  const last = labels.at(-1)!;
  if (!/^[a-z]{2}$/.test(last)) return false;
  return labels.length > 2 || !nearDotCom(last);
}

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
  if (COUNTRY_BRANDS.has(labels[0]!) && isCountryEnding(labels)) return undefined;
  const suggestion = spellChecker.run({ email, domains: DOMAINS, topLevelDomains: TOP_LEVEL_DOMAINS });
  if (!suggestion || !KNOWN.has(suggestion.domain.toLowerCase())) return undefined;
  // A country is never dropped (hotmial.com.br is not hotmail.com), and a real two-letter ending is never
  // changed into another far from it (email.cz is not email.com; gmail.co is).
  const suggested = suggestion.domain.toLowerCase().split('.');
  if (suggested.length < labels.length) return undefined;
  if (labels.length === 2 && /^[a-z]{2}$/.test(labels[1]!) && !nearDotCom(labels[1]!)) return undefined;
  // The part before the @ as it was typed (its case too): only the provider is in question.
  const full = `${email.slice(0, at)}@${suggestion.domain}`;
  return full.toLowerCase() === email.toLowerCase() ? undefined : full;
}
