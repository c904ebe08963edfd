// Mastodon over its REST API: verify_credentials to connect, POST /api/v1/statuses with an Idempotency-Key
// (the server answers a repeat with the status it already made), DELETE /api/v1/statuses/:id on a takedown.
// No picture is attached: the link's card, drawn from the digest page's OpenGraph tags, shows it, and an
// attachment would hide the card. Why not the masto package: docs/decisions/009-social-clients.md.
import {
  problemOfError,
  problemOfStatus,
  saidIn,
  type CheckOutcome,
  type Credentials,
  type NetworkClient,
  type PostOutcome,
  type RemoveOutcome,
} from './network';
import type { SocialFetch } from './social-fetch';

export function createMastodonClient(fetch: SocialFetch): NetworkClient {
  const call = (
    c: Credentials,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${c.server}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${c.secret}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  return {
    async check(c): Promise<CheckOutcome> {
      try {
        const response = await call(c, 'GET', '/api/v1/accounts/verify_credentials');
        if (!response.ok)
          return { ok: false, problem: problemOfStatus('mastodon', response.status, await saidIn(response)) };
        const account = (await response.json()) as { id?: unknown; acct?: unknown; username?: unknown };
        if (typeof account.id !== 'string' || typeof account.username !== 'string')
          return {
            ok: false,
            problem: { kind: 'rejected', message: `${c.server} did not answer like a Mastodon server.` },
          };
        return { ok: true, remoteId: account.id, name: `@${account.username}@${new URL(c.server).host}` };
      } catch (error) {
        return { ok: false, problem: problemOfError('mastodon', error) };
      }
    },

    async publish(c, post): Promise<PostOutcome> {
      try {
        const response = await call(
          c,
          'POST',
          '/api/v1/statuses',
          {
            status: post.text,
            language: post.language,
            visibility: 'public',
            ...(post.replyTo ? { in_reply_to_id: post.replyTo.id } : {}),
          },
          { 'idempotency-key': post.idempotencyKey },
        );
        if (!response.ok)
          return {
            ok: false,
            problem: problemOfStatus(
              'mastodon',
              response.status,
              await saidIn(response),
              response.headers.get('retry-after'),
            ),
          };
        const status = (await response.json()) as { id?: unknown; url?: unknown; uri?: unknown };
        if (typeof status.id !== 'string')
          return {
            ok: false,
            problem: { kind: 'temporary', message: 'Mastodon answered without a post id.' },
          };
        return { ok: true, id: status.id, url: String(status.url ?? status.uri ?? '') };
      } catch (error) {
        return { ok: false, problem: problemOfError('mastodon', error) };
      }
    },

    async remove(c, remoteId): Promise<RemoveOutcome> {
      try {
        const response = await call(c, 'DELETE', `/api/v1/statuses/${encodeURIComponent(remoteId)}`);
        // Gone already (deleted by hand) is what a takedown wants.
        if (response.ok || response.status === 404) return { ok: true };
        return { ok: false, problem: problemOfStatus('mastodon', response.status, await saidIn(response)) };
      } catch (error) {
        return { ok: false, problem: problemOfError('mastodon', error) };
      }
    },
  };
}
