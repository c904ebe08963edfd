// The one reader of the process environment (or Workers bindings): parses and checks every setting up front,
// so a bad value stops start-up with one line naming the variable and saying what is wrong.
import ipaddr from 'ipaddr.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Config {
  port: number;
  host: string;
  /** Which reverse proxies' word on the client's address is believed (Node; Workers use CF-Connecting-IP). */
  trustProxy: TrustProxy;
  /** Absolute base for links in feeds and emails, without a trailing slash. */
  publicUrl: string;
  /** Whether PUBLIC_URL was set, rather than this machine's own address taken for it. */
  publicUrlGiven: boolean;
  databasePath: string;
  outboxDir: string;
  /** Whether OUTBOX_DIR was set, rather than the folder beside the database taken for it. */
  outboxDirGiven: boolean;
  /**
   * Node, set when the emails stay in the folder earlier versions used (withEarlierOutbox): the folder beside
   * the database they would otherwise go to.
   */
  outboxFromEarlier?: string;
  smtpUrl: string | undefined;
  /** Connections the SMTP pool keeps open. */
  smtpMaxConnections: number;
  /** Most messages per second through SMTP; undefined for as fast as the server takes them. */
  smtpRateLimit: number | undefined;
  /** DKIM signing of every message, when the district publishes a key in DNS. */
  dkim: DkimConfig | undefined;
  mailFrom: string;
  /** Postmark's HTTP API, the way Workers send email (nodemailer's SMTP does not run there). */
  postmark: PostmarkConfig | undefined;
  fetchAllowPrivateNetworks: boolean;
  /** 32 random bytes (base64) that encrypt the social accounts' tokens at rest; unset, none can be connected. */
  socialSecretKey: string | undefined;
  /** A LibreTranslate server for machine drafts of translations (TRANSLATE_URL), and its key if it wants one. */
  translateUrl: string | undefined;
  translateApiKey: string | undefined;
  logLevel: LogLevel;
}

/**
 * The nearest `hops` proxies (0: none, the socket's address is the client's), or the proxies at these
 * addresses and ranges (CIDR), wherever they are in the chain.
 */
export type TrustProxy = { hops: number } | { proxies: string[] };

export interface DkimConfig {
  domain: string;
  selector: string;
  /** The PEM private key itself, or a file holding it (read at start on Node). */
  privateKey?: string;
  privateKeyFile?: string;
}

export interface PostmarkConfig {
  token: string;
  apiUrl: string;
  messageStream: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    /** What is wrong, without the variable's name. */
    readonly reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Where emails are written without a mail server, unless OUTBOX_DIR says: a folder `outbox` beside the database
 * (./data/outbox for the default one), so the district's files stay together wherever DATABASE_PATH puts them.
 */
function outboxBeside(databasePath: string): string {
  if (databasePath === ':memory:') return './data/outbox';
  const slash = Math.max(databasePath.lastIndexOf('/'), databasePath.lastIndexOf('\\'));
  return slash < 0 ? 'outbox' : `${databasePath.slice(0, slash)}/outbox`;
}

/** Where a first `npm start` keeps the district: the one database whose folder Yesterday makes itself. */
export const DEFAULT_DATABASE_PATH = './data/yesterday.db';

export function parseConfig(env: Env): Config {
  const port = parsePort(env, 'PORT', 8787);
  const databasePath = nonEmpty(env, 'DATABASE_PATH', DEFAULT_DATABASE_PATH);
  return {
    port,
    host: nonEmpty(env, 'HOST', '127.0.0.1'),
    trustProxy: parseTrustProxy(env),
    publicUrl: parsePublicUrl(env, port),
    publicUrlGiven: read(env, 'PUBLIC_URL') !== undefined,
    databasePath,
    outboxDir: nonEmpty(env, 'OUTBOX_DIR', outboxBeside(databasePath)),
    outboxDirGiven: read(env, 'OUTBOX_DIR') !== undefined,
    smtpUrl: parseSmtpUrl(env),
    smtpMaxConnections: parseWholeNumber(env, 'SMTP_MAX_CONNECTIONS', 4, 1, 50) ?? 4,
    smtpRateLimit: parseWholeNumber(env, 'SMTP_RATE_LIMIT', undefined, 1, 10_000),
    dkim: parseDkim(env),
    mailFrom: parseMailFrom(env),
    postmark: parsePostmark(env),
    fetchAllowPrivateNetworks: parseBoolean(env, 'FETCH_ALLOW_PRIVATE_NETWORKS', false),
    socialSecretKey: parseSocialSecretKey(env),
    translateUrl: parseTranslateUrl(env),
    translateApiKey: read(env, 'TRANSLATE_API_KEY'),
    logLevel: parseLogLevel(env),
  };
}

function parseTranslateUrl(env: Env): string | undefined {
  const raw = read(env, 'TRANSLATE_URL');
  if (raw === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password)
    throw new ConfigError(
      'TRANSLATE_URL',
      `must be the address of a LibreTranslate server, such as https://translate.district.example (without a user name or password; put a key in TRANSLATE_API_KEY), but is "${raw}".`,
    );
  return url.href.replace(/\/+$/, '');
}

function parseSocialSecretKey(env: Env): string | undefined {
  const raw = read(env, 'SOCIAL_SECRET_KEY');
  if (raw === undefined) return undefined;
  let bytes = 0;
  try {
    bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) ? atob(raw).length : 0;
  } catch {
    // Not base64 after all (a length that is not a multiple of four): the same sentence below.
  }
  if (bytes !== 32)
    throw new ConfigError(
      'SOCIAL_SECRET_KEY',
      'must be 32 random bytes written in base64 (44 characters); make one with: openssl rand -base64 32',
    );
  return raw;
}

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function nonEmpty(env: Env, name: string, fallback: string): string {
  return read(env, name) ?? fallback;
}

function parsePort(env: Env, name: string, fallback: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new ConfigError(name, `must be a whole number from 1 to 65535, but is "${raw}".`);
  }
  return port;
}

const TRUST_PROXY_USAGE =
  'the number of proxies in front of Yesterday (such as 1), or their own addresses separated by commas (such as 127.0.0.1, 10.0.0.5)';

function parseTrustProxy(env: Env): TrustProxy {
  const raw = read(env, 'TRUST_PROXY');
  if (raw === undefined || /^(false|no|off)$/i.test(raw)) return { hops: 0 };
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError('TRUST_PROXY', `must be ${TRUST_PROXY_USAGE}, but is "${raw}".`);
    return { hops };
  }
  if (/^(true|yes|on)$/i.test(raw))
    throw new ConfigError(
      'TRUST_PROXY',
      `must be ${TRUST_PROXY_USAGE}; "${raw}" would believe any address a client claims for itself.`,
    );
  const proxies = raw.split(',').map((entry) => {
    const range = proxyRange(entry.trim());
    if (!range)
      throw new ConfigError(
        'TRUST_PROXY',
        `"${entry.trim()}" is not an address or a range such as 10.0.0.0/8; it must be ${TRUST_PROXY_USAGE}.`,
      );
    // No proxy's network is wider than a /8 (IPv4), a /16 of public IPv6, or fc00::/7 (every unique local
    // address): a range that wide takes in strangers, and 0.0.0.0/0 or ::/0 is "true" written as a range.
    const bits = Number(range.slice(range.indexOf('/') + 1));
    const widest = !range.includes(':') ? 8 : isUniqueLocal(range) ? 7 : 16;
    if (bits < widest)
      throw new ConfigError(
        'TRUST_PROXY',
        `"${entry.trim()}" is wider than any proxy's network and would believe the address most clients claim for themselves; name the proxies' own addresses (such as 127.0.0.1, 10.0.0.5).`,
      );
    return range;
  });
  return { proxies };
}

/**
 * What to say at start when TRUST_PROXY counts proxies but HOST also takes connections from other machines:
 * someone who reaches the port past the proxy writes the X-Forwarded-For that is believed, and so chooses the
 * address the sign-in and sign-up throttles count. Named proxies are safe (a stranger is not one of them); a
 * range named is another warning's (rangeWarning).
 */
export function trustProxyWarning(config: Pick<Config, 'host' | 'trustProxy'>): string | undefined {
  if ('proxies' in config.trustProxy) return rangeWarning(config.trustProxy.proxies);
  if (config.trustProxy.hops === 0) return undefined;
  const host = config.host.replace(/^\[|\]$/g, '');
  const loopback =
    host === 'localhost' || (ipaddr.isValid(host) && ipaddr.process(host).range() === 'loopback');
  if (loopback) return undefined;
  return `TRUST_PROXY=${config.trustProxy.hops} believes the address a proxy adds to each request, but HOST=${config.host} also accepts connections that do not come through the proxy, and those can put any address in X-Forwarded-For (and so get round the sign-in throttle). Set HOST=127.0.0.1 with the proxy on this machine, or name the proxy's address in TRUST_PROXY instead of counting (TRUST_PROXY=10.0.0.5).`;
}

/**
 * What a server says at start of POSTMARK_SERVER_TOKEN without SMTP_URL: the token is read on Workers only, and
 * a server sends through SMTP, which Postmark offers too.
 */
export function postmarkWarning(config: Pick<Config, 'postmark' | 'smtpUrl'>): string | undefined {
  if (!config.postmark || config.smtpUrl) return undefined;
  return 'POSTMARK_SERVER_TOKEN is read on Cloudflare Workers only. On a server, send through Postmark’s SMTP with SMTP_URL=smtp://TOKEN:TOKEN@smtp-broadcasts.postmarkapp.com:587 (the server token as user and password; its broadcast stream, as the digest is one).';
}

/**
 * What to say at start when email goes to families (SMTP_URL) with links to an address only this machine knows:
 * PUBLIC_URL unset (http://localhost:PORT) or naming a loopback address. Every confirmation, digest and
 * unsubscribe link would then lead nowhere for the family who opens it.
 */
export function publicUrlWarning(config: Pick<Config, 'publicUrl' | 'smtpUrl'>): string | undefined {
  if (!config.smtpUrl) return undefined;
  const host = new URL(config.publicUrl).hostname.replace(/^\[|\]$/g, '');
  const loopback =
    host === 'localhost' || (ipaddr.isValid(host) && ipaddr.process(host).range() === 'loopback');
  if (!loopback) return undefined;
  return `Emails go out through SMTP_URL, but their links lead to ${config.publicUrl}, an address only this machine can open, so no family could confirm a subscription or unsubscribe. Set PUBLIC_URL to the address families use (PUBLIC_URL=https://digest.district.example) and start again.`;
}

/**
 * What to say at start when TRUST_PROXY names a range rather than proxies' own addresses: every machine in it
 * is believed when it says whose request it passes on, so a laptop in a range of the district's own network
 * can claim a new address for each password it tries. Right only when the range holds proxies alone.
 */
function rangeWarning(proxies: readonly string[]): string | undefined {
  const ranges = proxies.filter((range) => {
    const bits = Number(range.slice(range.indexOf('/') + 1));
    return bits < (range.includes(':') ? 128 : 32);
  });
  if (ranges.length === 0) return undefined;
  return `TRUST_PROXY names ${ranges.length === 1 ? 'the range' : 'the ranges'} ${ranges.join(', ')}: any machine in ${ranges.length === 1 ? 'it' : 'them'} is believed when it writes an address into X-Forwarded-For, so a computer of the district's own network there could choose the address the sign-in throttle counts. If anything but proxies uses ${ranges.length === 1 ? 'that range' : 'those ranges'}, name the proxies' own addresses instead (TRUST_PROXY=127.0.0.1,10.0.0.5).`;
}

/** An IPv6 range inside fc00::/7, the unique local addresses of private networks. */
function isUniqueLocal(range: string): boolean {
  const [address, bits] = ipaddr.IPv6.parseCIDR(range);
  return bits >= 7 && address.match(ipaddr.IPv6.parse('fc00::'), 7);
}

/**
 * An address or CIDR range as a canonical range ("10.0.0.0/8", "127.0.0.1/32"), IPv4-mapped IPv6 as IPv4 (as
 * sockets report addresses once read); undefined for anything else, shorthand like "10.1" included.
 */
function proxyRange(entry: string): string | undefined {
  let range: [ipaddr.IPv4 | ipaddr.IPv6, number];
  if (ipaddr.IPv4.isValidFourPartDecimal(entry)) range = [ipaddr.IPv4.parse(entry), 32];
  else if (ipaddr.IPv4.isValidCIDRFourPartDecimal(entry)) range = ipaddr.IPv4.parseCIDR(entry);
  else if (ipaddr.IPv6.isValid(entry)) range = [ipaddr.IPv6.parse(entry), 128];
  else if (ipaddr.IPv6.isValidCIDR(entry)) range = ipaddr.IPv6.parseCIDR(entry);
  else return undefined;
  let [address, bits] = range;
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() && bits >= 96) {
    address = address.toIPv4Address();
    bits -= 96;
  }
  const network = address.kind() === 'ipv4' ? ipaddr.IPv4 : ipaddr.IPv6;
  return `${network.networkAddressFromCIDR(`${address.toString()}/${bits}`).toString()}/${bits}`;
}

/** Unset, the address this machine answers at on PORT: right for trying it out, wrong for parents. */
function parsePublicUrl(env: Env, port: number): string {
  const raw = read(env, 'PUBLIC_URL') ?? `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      'PUBLIC_URL',
      `must be an absolute URL such as https://news.district.example, but is "${raw}".`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('PUBLIC_URL', `must start with http:// or https://, but is "${raw}".`);
  }
  if (url.search || url.hash) {
    throw new ConfigError('PUBLIC_URL', `must not contain a query string or fragment, but is "${raw}".`);
  }
  // Every page, feed and link lives at the root of the address: a site under a path would print links that
  // lead nowhere.
  if (url.pathname !== '/') {
    throw new ConfigError(
      'PUBLIC_URL',
      `must be an address without a path, such as https://digest.district.example, but is "${raw}". Yesterday answers at the root of its address: give it a name of its own rather than a folder of the district's site.`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

function parseSmtpUrl(env: Env): string | undefined {
  const raw = read(env, 'SMTP_URL');
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      'SMTP_URL',
      `must look like smtp://user:password@host:587 or smtps://user:password@host:465. ${SMTP_ENCODING}`,
    );
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(
      'SMTP_URL',
      `must start with smtp:// or smtps://, but starts with "${url.protocol}//".`,
    );
  }
  if (!url.hostname) throw new ConfigError('SMTP_URL', 'names no host; use smtp://user:password@host:587.');
  // A "#" or "/" in a password ends the address's first part there: the rest reads as a path or a fragment.
  if (url.hash || (url.pathname !== '' && url.pathname !== '/'))
    throw new ConfigError('SMTP_URL', `has something after the host and port. ${SMTP_ENCODING}`);
  return raw;
}

const SMTP_ENCODING =
  'Write each of : / ? # @ % in the user name or password %-encoded (# as %23, / as %2F, @ as %40, % as %25).';

/** POSTMARK_SERVER_TOKEN turns it on; POSTMARK_API_URL (a stand-in, in tests) and the stream are optional. */
function parsePostmark(env: Env): PostmarkConfig | undefined {
  const token = read(env, 'POSTMARK_SERVER_TOKEN');
  const apiUrl = read(env, 'POSTMARK_API_URL') ?? 'https://api.postmarkapp.com';
  if (!token) {
    if (read(env, 'POSTMARK_API_URL'))
      throw new ConfigError(
        'POSTMARK_SERVER_TOKEN',
        'must be set when POSTMARK_API_URL is (the server token).',
      );
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new ConfigError('POSTMARK_API_URL', `must be an absolute URL, but is "${apiUrl}".`);
  }
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(url.hostname))
  )
    throw new ConfigError(
      'POSTMARK_API_URL',
      `must start with https:// (or be local, for tests), but is "${apiUrl}".`,
    );
  const messageStream = read(env, 'POSTMARK_MESSAGE_STREAM') ?? 'broadcast';
  if (!/^[\w-]{1,100}$/.test(messageStream))
    throw new ConfigError(
      'POSTMARK_MESSAGE_STREAM',
      `must be a message stream id such as broadcast, but is "${messageStream}".`,
    );
  return { token, apiUrl: url.href.replace(/\/+$/, ''), messageStream };
}

function parseWholeNumber<F extends number | undefined>(
  env: Env,
  name: string,
  fallback: F,
  min: number,
  max: number,
): number | F {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max)
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, but is "${raw}".`);
  return value;
}

/** DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY (or DKIM_PRIVATE_KEY_FILE): all of them, or none. */
function parseDkim(env: Env): DkimConfig | undefined {
  const domain = read(env, 'DKIM_DOMAIN');
  const selector = read(env, 'DKIM_SELECTOR');
  // Environment files often carry a PEM on one line with literal \n.
  const privateKey = read(env, 'DKIM_PRIVATE_KEY')?.replace(/\\n/g, '\n');
  const privateKeyFile = read(env, 'DKIM_PRIVATE_KEY_FILE');
  if (!domain && !selector && !privateKey && !privateKeyFile) return undefined;
  if (!domain)
    throw new ConfigError(
      'DKIM_DOMAIN',
      'must name the signing domain (d=), such as district.example, when DKIM is set up.',
    );
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(domain))
    throw new ConfigError(
      'DKIM_DOMAIN',
      `must be a domain name such as district.example, but is "${domain}".`,
    );
  if (!selector || !/^[a-z0-9][a-z0-9._-]*$/i.test(selector))
    throw new ConfigError(
      'DKIM_SELECTOR',
      'must name the DNS selector (s=), such as yesterday, when DKIM is set up.',
    );
  if (!privateKey && !privateKeyFile)
    throw new ConfigError(
      'DKIM_PRIVATE_KEY',
      'must hold the PEM private key (or set DKIM_PRIVATE_KEY_FILE to a file holding it).',
    );
  if (
    privateKey &&
    !/^-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----$/.test(privateKey)
  )
    throw new ConfigError(
      'DKIM_PRIVATE_KEY',
      'must be a PEM private key, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----.',
    );
  return { domain: domain.toLowerCase(), selector, privateKey, privateKeyFile };
}

function parseMailFrom(env: Env): string {
  const raw = read(env, 'MAIL_FROM') ?? 'digest@localhost';
  const match = /^(?:([^<>\r\n"]*)\s*<([^<>\s@]+@[^<>\s@]+)>|([^<>\s@]+@[^<>\s@]+))$/.exec(raw);
  if (!match) {
    throw new ConfigError(
      'MAIL_FROM',
      `must be an address like "Lakeside Schools <digest@lakeside.example>", but is "${raw}".`,
    );
  }
  return raw;
}

function parseBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be true or false, but is "${raw}".`);
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

function parseLogLevel(env: Env): LogLevel {
  const raw = read(env, 'LOG_LEVEL')?.toLowerCase() ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, but is "${raw}".`);
  }
  return raw as LogLevel;
}
