import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, postmarkWarning, publicUrlWarning, trustProxyWarning } from './config';

const problem = (env: Record<string, string>) => {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return undefined;
};

describe('parseConfig', () => {
  it('has working defaults for everything', () => {
    expect(parseConfig({})).toEqual({
      port: 8787,
      host: '127.0.0.1',
      trustProxy: { hops: 0 },
      publicUrl: 'http://localhost:8787',
      publicUrlGiven: false,
      databasePath: './data/yesterday.db',
      outboxDir: './data/outbox',
      outboxDirGiven: false,
      smtpUrl: undefined,
      smtpMaxConnections: 4,
      smtpRateLimit: undefined,
      dkim: undefined,
      mailFrom: 'digest@localhost',
      fetchAllowPrivateNetworks: false,
      logLevel: 'info',
    });
  });

  it('keeps the outbox beside the database unless OUTBOX_DIR says otherwise', () => {
    expect(parseConfig({ DATABASE_PATH: '/var/lib/yesterday/y.db' }).outboxDir).toBe(
      '/var/lib/yesterday/outbox',
    );
    expect(parseConfig({ DATABASE_PATH: 'C:\\yesterday\\y.db' }).outboxDir).toBe('C:\\yesterday/outbox');
    expect(parseConfig({ DATABASE_PATH: 'y.db' }).outboxDir).toBe('outbox');
    expect(parseConfig({ DATABASE_PATH: '/y.db' }).outboxDir).toBe('/outbox');
    expect(parseConfig({ DATABASE_PATH: ':memory:' }).outboxDir).toBe('./data/outbox');
    expect(parseConfig({ DATABASE_PATH: '/var/lib/y.db', OUTBOX_DIR: '/srv/mail' }).outboxDir).toBe(
      '/srv/mail',
    );
  });

  it('reads every variable', () => {
    const config = parseConfig({
      PORT: '3000',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://digest.lakeside.example/',
      DATABASE_PATH: '/var/lib/yesterday/y.db',
      SMTP_URL: 'smtps://u:p@smtp.example.net:465',
      MAIL_FROM: 'Lakeside Schools <digest@lakeside.example>',
      FETCH_ALLOW_PRIVATE_NETWORKS: 'true',
      LOG_LEVEL: 'WARN',
      SMTP_MAX_CONNECTIONS: '8',
      SMTP_RATE_LIMIT: '50',
      DKIM_DOMAIN: 'Lakeside.example',
      DKIM_SELECTOR: 'yesterday',
      DKIM_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----',
    });
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      publicUrl: 'https://digest.lakeside.example',
      fetchAllowPrivateNetworks: true,
      logLevel: 'warn',
      smtpMaxConnections: 8,
      smtpRateLimit: 50,
      dkim: {
        domain: 'lakeside.example',
        selector: 'yesterday',
        privateKey: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
      },
    });
  });

  it('reads TRUST_PROXY as a number of proxies or their addresses and ranges', () => {
    expect(parseConfig({ TRUST_PROXY: '1' }).trustProxy).toEqual({ hops: 1 });
    expect(parseConfig({ TRUST_PROXY: 'false' }).trustProxy).toEqual({ hops: 0 });
    // Private IPv6 networks may be named whole; public ones no wider than a /16.
    expect(parseConfig({ TRUST_PROXY: 'fc00::/7, fd00::/8, 2001:db8::/16' }).trustProxy).toEqual({
      proxies: ['fc00::/7', 'fd00::/8', '2001::/16'],
    });
    expect(
      parseConfig({ TRUST_PROXY: '127.0.0.1, 10.1.2.3/8 ,::1,2001:DB8::/32,::ffff:172.16.0.0/108' })
        .trustProxy,
    ).toEqual({
      proxies: ['127.0.0.1/32', '10.0.0.0/8', '::1/128', '2001:db8::/32', '172.16.0.0/12'],
    });
  });

  it('reads SOCIAL_SECRET_KEY only as 32 bytes of base64', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    expect(parseConfig({ SOCIAL_SECRET_KEY: key }).socialSecretKey).toBe(key);
    expect(() => parseConfig({ SOCIAL_SECRET_KEY: 'hunter2' })).toThrow(
      'SOCIAL_SECRET_KEY: must be 32 random bytes written in base64 (44 characters); make one with: openssl rand -base64 32',
    );
    expect(() => parseConfig({ SOCIAL_SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      /SOCIAL_SECRET_KEY/,
    );
    // Five characters cannot be base64 at all: the same sentence, not the decoder's.
    expect(() => parseConfig({ SOCIAL_SECRET_KEY: 'short' })).toThrow(
      'SOCIAL_SECRET_KEY: must be 32 random bytes written in base64',
    );
  });

  it('takes the public address from PORT when PUBLIC_URL is not set, so the links printed work', () => {
    expect(parseConfig({ PORT: '4791' }).publicUrl).toBe('http://localhost:4791');
    expect(parseConfig({ PORT: '4791', PUBLIC_URL: 'https://news.district.example' }).publicUrl).toBe(
      'https://news.district.example',
    );
  });

  it('reads Postmark settings for Workers', () => {
    expect(parseConfig({ POSTMARK_SERVER_TOKEN: 'server-token' }).postmark).toEqual({
      token: 'server-token',
      apiUrl: 'https://api.postmarkapp.com',
      messageStream: 'broadcast',
    });
    expect(
      parseConfig({ POSTMARK_SERVER_TOKEN: 't', POSTMARK_API_URL: 'http://127.0.0.1:9999/' }).postmark
        ?.apiUrl,
    ).toBe('http://127.0.0.1:9999');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: must be a whole number from 1 to 65535, but is "abc".'],
    [{ PORT: '70000' }, 'PORT: must be a whole number from 1 to 65535, but is "70000".'],
    [
      { PUBLIC_URL: 'digest.example' },
      'PUBLIC_URL: must be an absolute URL such as https://news.district.example, but is "digest.example".',
    ],
    [
      { PUBLIC_URL: 'ftp://digest.example' },
      'PUBLIC_URL: must start with http:// or https://, but is "ftp://digest.example".',
    ],
    [
      { PUBLIC_URL: 'https://www.district.example/digest' },
      'PUBLIC_URL: must be an address without a path, such as https://digest.district.example, but is "https://www.district.example/digest". Yesterday answers at the root of its address: give it a name of its own rather than a folder of the district\'s site.',
    ],
    [
      { SMTP_URL: 'mail.example.net' },
      'SMTP_URL: must look like smtp://user:password@host:587 or smtps://user:password@host:465. Write each of : / ? # @ % in the user name or password %-encoded (# as %23, / as %2F, @ as %40, % as %25).',
    ],
    [
      // A "#" in the password: what follows it is read as a fragment, and the host would be wrong.
      { SMTP_URL: 'smtp://digest:se#cret@mail.example.net:587' },
      'SMTP_URL: must look like smtp://user:password@host:587 or smtps://user:password@host:465. Write each of : / ? # @ % in the user name or password %-encoded (# as %23, / as %2F, @ as %40, % as %25).',
    ],
    [
      { SMTP_URL: 'smtp://mail.example.net:587/#x' },
      'SMTP_URL: has something after the host and port. Write each of : / ? # @ % in the user name or password %-encoded (# as %23, / as %2F, @ as %40, % as %25).',
    ],
    [
      { SMTP_URL: 'http://mail.example.net' },
      'SMTP_URL: must start with smtp:// or smtps://, but starts with "http://".',
    ],
    [
      { MAIL_FROM: 'nobody' },
      'MAIL_FROM: must be an address like "Lakeside Schools <digest@lakeside.example>", but is "nobody".',
    ],
    [
      { FETCH_ALLOW_PRIVATE_NETWORKS: 'maybe' },
      'FETCH_ALLOW_PRIVATE_NETWORKS: must be true or false, but is "maybe".',
    ],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be one of debug, info, warn, error, silent, but is "loud".'],
    [
      { TRUST_PROXY: 'true' },
      'TRUST_PROXY: must be the number of proxies in front of Yesterday (such as 1), or their own addresses separated by commas (such as 127.0.0.1, 10.0.0.5); "true" would believe any address a client claims for itself.',
    ],
    [
      { TRUST_PROXY: '127.0.0.1, 10.0.0.0/33' },
      'TRUST_PROXY: "10.0.0.0/33" is not an address or a range such as 10.0.0.0/8; it must be the number of proxies in front of Yesterday (such as 1), or their own addresses separated by commas (such as 127.0.0.1, 10.0.0.5).',
    ],
    [
      { TRUST_PROXY: '127.0.0.1, 0.0.0.0/0' },
      `TRUST_PROXY: "0.0.0.0/0" is wider than any proxy's network and would believe the address most clients claim for themselves; name the proxies' own addresses (such as 127.0.0.1, 10.0.0.5).`,
    ],
    [
      { TRUST_PROXY: '::/0' },
      `TRUST_PROXY: "::/0" is wider than any proxy's network and would believe the address most clients claim for themselves; name the proxies' own addresses (such as 127.0.0.1, 10.0.0.5).`,
    ],
    [
      { TRUST_PROXY: '2600::/8' },
      `TRUST_PROXY: "2600::/8" is wider than any proxy's network and would believe the address most clients claim for themselves; name the proxies' own addresses (such as 127.0.0.1, 10.0.0.5).`,
    ],
    [
      { TRUST_PROXY: '128.0.0.0/1' },
      `TRUST_PROXY: "128.0.0.0/1" is wider than any proxy's network and would believe the address most clients claim for themselves; name the proxies' own addresses (such as 127.0.0.1, 10.0.0.5).`,
    ],
    [
      { TRUST_PROXY: '10.1' },
      'TRUST_PROXY: "10.1" is not an address or a range such as 10.0.0.0/8; it must be the number of proxies in front of Yesterday (such as 1), or their own addresses separated by commas (such as 127.0.0.1, 10.0.0.5).',
    ],
    [
      { TRUST_PROXY: '12' },
      'TRUST_PROXY: must be the number of proxies in front of Yesterday (such as 1), or their own addresses separated by commas (such as 127.0.0.1, 10.0.0.5), but is "12".',
    ],
    [{ SMTP_RATE_LIMIT: 'fast' }, 'SMTP_RATE_LIMIT: must be a whole number from 1 to 10000, but is "fast".'],
    [
      { DKIM_SELECTOR: 'yesterday', DKIM_PRIVATE_KEY_FILE: '/etc/yesterday/dkim.pem' },
      'DKIM_DOMAIN: must name the signing domain (d=), such as district.example, when DKIM is set up.',
    ],
    [
      { DKIM_DOMAIN: 'lakeside.example', DKIM_SELECTOR: 'yesterday' },
      'DKIM_PRIVATE_KEY: must hold the PEM private key (or set DKIM_PRIVATE_KEY_FILE to a file holding it).',
    ],
    [
      { DKIM_DOMAIN: 'lakeside.example', DKIM_SELECTOR: 'yesterday', DKIM_PRIVATE_KEY: 'secret' },
      'DKIM_PRIVATE_KEY: must be a PEM private key, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----.',
    ],
    [
      { POSTMARK_API_URL: 'https://api.postmarkapp.com' },
      'POSTMARK_SERVER_TOKEN: must be set when POSTMARK_API_URL is (the server token).',
    ],
    [
      { POSTMARK_SERVER_TOKEN: 't', POSTMARK_API_URL: 'http://mail.example.net' },
      'POSTMARK_API_URL: must start with https:// (or be local, for tests), but is "http://mail.example.net".',
    ],
    [
      { POSTMARK_SERVER_TOKEN: 't', POSTMARK_MESSAGE_STREAM: 'broad cast' },
      'POSTMARK_MESSAGE_STREAM: must be a message stream id such as broadcast, but is "broad cast".',
    ],
  ])('%j is refused with a sentence naming the variable', (env, message) => {
    expect(problem(env)).toBe(message);
  });
});

describe('trustProxyWarning', () => {
  const warn = (HOST: string, TRUST_PROXY: string) => trustProxyWarning(parseConfig({ HOST, TRUST_PROXY }));

  it('warns when counted proxies meet a server other machines can reach past them', () => {
    expect(warn('0.0.0.0', '1')).toBe(
      "TRUST_PROXY=1 believes the address a proxy adds to each request, but HOST=0.0.0.0 also accepts connections that do not come through the proxy, and those can put any address in X-Forwarded-For (and so get round the sign-in throttle). Set HOST=127.0.0.1 with the proxy on this machine, or name the proxy's address in TRUST_PROXY instead of counting (TRUST_PROXY=10.0.0.5).",
    );
    expect(warn('::', '2')).toContain('TRUST_PROXY=2 believes');
    expect(warn('10.0.0.7', '1')).toContain('HOST=10.0.0.7 also accepts');
  });

  it('warns when a range is named rather than proxies: anything in it may write the address that is believed', () => {
    expect(warn('127.0.0.1', '127.0.0.1, 10.0.0.0/8')).toBe(
      "TRUST_PROXY names the range 10.0.0.0/8: any machine in it is believed when it writes an address into X-Forwarded-For, so a computer of the district's own network there could choose the address the sign-in throttle counts. If anything but proxies uses that range, name the proxies' own addresses instead (TRUST_PROXY=127.0.0.1,10.0.0.5).",
    );
    expect(warn('0.0.0.0', '172.16.0.0/12, fd00::/8')).toContain(
      'the ranges 172.16.0.0/12, fd00::/8: any machine in them',
    );
    expect(warn('0.0.0.0', '10.0.0.5, 10.0.0.6/32, ::1')).toBeUndefined();
  });

  it('says nothing on loopback, with named proxies, or without a proxy', () => {
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])
      expect(warn(host, '1')).toBeUndefined();
    expect(warn('0.0.0.0', '10.0.0.5')).toBeUndefined();
    expect(warn('0.0.0.0', '0')).toBeUndefined();
    expect(trustProxyWarning(parseConfig({ HOST: '0.0.0.0' }))).toBeUndefined();
  });
});

describe('postmarkWarning', () => {
  it('speaks of a Workers-only token set on a server that has no SMTP_URL', () => {
    expect(postmarkWarning(parseConfig({ POSTMARK_SERVER_TOKEN: 'abc' }))).toContain(
      'POSTMARK_SERVER_TOKEN is read on Cloudflare Workers only.',
    );
    const both = { POSTMARK_SERVER_TOKEN: 'abc', SMTP_URL: 'smtp://mail.district.example:587' };
    expect(postmarkWarning(parseConfig(both))).toBeUndefined();
    expect(postmarkWarning(parseConfig({}))).toBeUndefined();
  });
});

describe('publicUrlWarning', () => {
  const warn = (env: Record<string, string>) => publicUrlWarning(parseConfig(env));
  it('speaks when email goes to families with links only this machine can open', () => {
    expect(warn({ SMTP_URL: 'smtp://mail.district.example:587' })).toContain(
      'their links lead to http://localhost:8787, an address only this machine can open',
    );
    expect(
      warn({ SMTP_URL: 'smtp://mail.district.example:587', PUBLIC_URL: 'http://127.0.0.1:8787' }),
    ).toContain('Set PUBLIC_URL');
    expect(
      warn({ SMTP_URL: 'smtp://mail.district.example:587', PUBLIC_URL: 'https://digest.district.example' }),
    ).toBeUndefined();
    // Without SMTP_URL emails go to the outbox folder, where localhost links are right for trying it out.
    expect(warn({})).toBeUndefined();
  });
});
