// What every social network client offers the rest of Yesterday, and the outcomes it answers with: expected
// failures are values (an expired token, a network that is down), never thrown.
import { errorCause } from '../ingest/error-cause';
import { SocialAddressRefused } from './social-fetch';

export const NETWORKS = ['mastodon', 'bluesky', 'facebook'] as const;
export type Network = (typeof NETWORKS)[number];

export const NETWORK_NAMES: Record<Network, string> = {
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  facebook: 'Facebook Page',
};

export interface Credentials {
  /** Instance, PDS or Graph API address, without a trailing slash. */
  server: string;
  /** Bluesky handle or Facebook Page id; empty for Mastodon. */
  login: string;
  secret: string;
}

/**
 * auth: the credential no longer works (expired, revoked, missing a permission): stop the account.
 * temporary: try again later. rejected: the network refused this post for good.
 */
export interface Problem {
  kind: 'auth' | 'temporary' | 'rejected';
  message: string;
  retryAfterMs?: number;
}

export type CheckOutcome = { ok: true; remoteId: string; name: string } | { ok: false; problem: Problem };

export interface OutgoingPost {
  text: string;
  link: string;
  title: string;
  description: string;
  /** ISO 639-1, the district's language. */
  language: string;
  /** The same for every attempt at this post: Mastodon's Idempotency-Key. */
  idempotencyKey: string;
  /** The same for every attempt at this post: the Bluesky record key (a TID). */
  recordKey: string;
  createdAt: string;
  picture?: { bytes: Uint8Array; type: string; alt: string };
  /** A correction: the day's post it answers. */
  replyTo?: { id: string; cid: string | null };
}

export type PostOutcome =
  { ok: true; id: string; url: string; cid?: string } | { ok: false; problem: Problem };
export type RemoveOutcome = { ok: true } | { ok: false; problem: Problem };

/** Where a Bluesky account lives unless the district names its own server. */
export const BLUESKY_DEFAULT_SERVICE = 'https://bsky.social';

export interface NetworkClient {
  check(credentials: Credentials): Promise<CheckOutcome>;
  publish(credentials: Credentials, post: OutgoingPost): Promise<PostOutcome>;
  remove(credentials: Credentials, remoteId: string): Promise<RemoveOutcome>;
}

/** A problem from an HTTP status and the network's own words. */
export function problemOfStatus(
  network: Network,
  status: number,
  said: string | undefined,
  retryAfter?: string | null,
): Problem {
  const name = NETWORK_NAMES[network];
  const detail = said ? ` (${name} said: ${said.slice(0, 200)})` : '';
  if (status === 401)
    return {
      kind: 'auth',
      message: `${name} no longer accepts this account’s token or password${detail}. Connect the account again with a new one.`,
    };
  if (status === 403)
    return {
      kind: 'auth',
      message: `${name} refused: the token is missing a permission${detail}. Make a new token with the permissions this page lists and connect the account again.`,
    };
  if (status === 429 || status >= 500) {
    const seconds = Number(retryAfter);
    return {
      kind: 'temporary',
      message: `${name} is busy or unavailable right now (HTTP ${status})${detail}.`,
      ...(Number.isFinite(seconds) && seconds > 0 ? { retryAfterMs: Math.min(seconds, 3600) * 1000 } : {}),
    };
  }
  return { kind: 'rejected', message: `${name} refused the request (HTTP ${status})${detail}.` };
}

/** A problem from a thrown error: a refused address is the administrator's to fix; anything else is passing. */
export function problemOfError(network: Network, error: unknown): Problem {
  // The refusal may come wrapped: undici's "fetch failed" and XRPC's error carry it as their cause.
  for (let cause = error, depth = 0; cause && depth < 4; cause = (cause as Error).cause, depth++)
    if (cause instanceof SocialAddressRefused) return { kind: 'rejected', message: cause.message };
  return {
    kind: 'temporary',
    message: `${NETWORK_NAMES[network]} could not be reached (${unreachableBecause(error)}).`,
  };
}

/** Why a request got no answer, in words, from the error or the cause it carries (undici wraps them). */
function unreachableBecause(error: unknown): string {
  if ((error as Error)?.name === 'TimeoutError') return 'it did not answer in time';
  const cause = errorCause(error);
  const code = cause.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return cause.hostname ? `no server is known by the name ${cause.hostname}` : 'its name is not known';
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was cut';
  if (code.startsWith('ERR_TLS') || /CERT|SELF_SIGNED/.test(code)) return 'its certificate was not accepted';
  return 'no answer came';
}

/** The error text a JSON answer carries (Mastodon `error`, XRPC `message`, Graph `error.message`). */
export async function saidIn(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string') return body.error;
    if (typeof body.message === 'string') return body.message;
    const nested = body.error as { message?: unknown } | undefined;
    if (nested && typeof nested.message === 'string') return nested.message;
  } catch {
    // not JSON: the status says enough
  }
  return undefined;
}
