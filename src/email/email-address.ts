// Strict email address validation (subscribers, staff accounts, account owners): one plain address, exactly
// as typed, or a sentence that says what is wrong. Display names, lists, comments, quotes and line breaks are
// refused outright, so an address can never smuggle a second recipient or a header into a message (listmonk's
// rule). The English sentences here are the desk's and the command line's; parents read theirs from the
// catalogs, by the problem's code.

/** What is wrong with an address, as a code (for the message in the reader's language) and in English. */
export type AddressProblem =
  'empty' | 'line-break' | 'space' | 'several' | 'name' | 'too-long' | 'shape' | 'local' | 'domain';

export type AddressCheck =
  { ok: true; address: string } | { ok: false; problem: AddressProblem; message: string };

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function checkEmailAddress(input: string): AddressCheck {
  const address = input.trim();
  if (!address) return { ok: false, problem: 'empty', message: 'Enter your email address.' };
  if (/[\r\n]/.test(address))
    return { ok: false, problem: 'line-break', message: 'An email address cannot contain line breaks.' };
  if (/[\s]/.test(address))
    return { ok: false, problem: 'space', message: 'An email address cannot contain spaces.' };
  if (/[,;]/.test(address))
    return { ok: false, problem: 'several', message: 'Enter one email address only.' };
  if (/[<>"()\\[\]]/.test(address)) {
    return {
      ok: false,
      problem: 'name',
      message: 'Type only the address itself, like name@example.com, without a name or brackets.',
    };
  }
  if (address.length > 254)
    return { ok: false, problem: 'too-long', message: 'That email address is too long.' };
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1 || address.indexOf('@') !== at) {
    return {
      ok: false,
      problem: 'shape',
      message: 'That does not look like an email address. It should look like name@example.com.',
    };
  }
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local)) {
    return {
      ok: false,
      problem: 'local',
      message: 'The part before the @ has characters an email address cannot use.',
    };
  }
  const labels = domain.split('.');
  if (
    labels.length < 2 ||
    !labels.every((label) => DOMAIN_LABEL.test(label)) ||
    !/^[A-Za-z]{2,63}$|^xn--/.test(labels.at(-1)!)
  ) {
    return {
      ok: false,
      problem: 'domain',
      message: 'The part after the @ is not a valid domain, like example.com.',
    };
  }
  return { ok: true, address };
}

/**
 * The From header: MAIL_FROM as it is when it names a sender ("Lakeside Schools <digest@…>"); a bare address
 * is sent under the district's name, so parents see who writes to them rather than the product's name.
 */
export function senderOf(mailFrom: string, districtName: string): string {
  if (mailFrom.includes('<')) return mailFrom;
  const name = districtName.replace(/[\r\n]/g, ' ').replace(/["\\]/g, '\\$&');
  return `"${name}" <${mailFrom}>`;
}
