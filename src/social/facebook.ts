// A Facebook Page over the Graph API, one fetch per call: GET /{page-id}?fields=name to connect,
// POST /{page-id}/feed (message, link) to post, POST /{post-id}/comments for a correction, DELETE /{post-id}.
// The Graph API has no idempotency key, so a post whose outcome a crash left unknown is not sent again.
import {
  problemOfError,
  problemOfStatus,
  type CheckOutcome,
  type Credentials,
  type NetworkClient,
  type PostOutcome,
  type RemoveOutcome,
} from './network';
import type { SocialFetch } from './social-fetch';

export const GRAPH_API_URL = 'https://graph.facebook.com/v21.0';

export function createFacebookClient(fetch: SocialFetch): NetworkClient {
  const call = (c: Credentials, method: string, path: string, form?: Record<string, string>) =>
    fetch(`${c.server}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${c.secret}`,
        accept: 'application/json',
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
  // Graph answers an expired or revoked token with 400 and error code 190, not 401.
  const failed = async (response: Response) => {
    const text = await response.text();
    let code: unknown;
    let said: string | undefined;
    try {
      const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
      code = error?.code;
      said = typeof error?.message === 'string' ? error.message : undefined;
    } catch {
      // not JSON
    }
    return problemOfStatus(
      'facebook',
      code === 190 ? 401 : response.status,
      said,
      response.headers.get('retry-after'),
    );
  };

  return {
    async check(c): Promise<CheckOutcome> {
      try {
        const response = await call(c, 'GET', `/${encodeURIComponent(c.login)}?fields=name`);
        if (!response.ok) return { ok: false, problem: await failed(response) };
        const page = (await response.json()) as { id?: unknown; name?: unknown };
        if (typeof page.name !== 'string')
          return {
            ok: false,
            problem: { kind: 'rejected', message: 'The Graph API did not answer with the Page’s name.' },
          };
        return { ok: true, remoteId: typeof page.id === 'string' ? page.id : c.login, name: page.name };
      } catch (error) {
        return { ok: false, problem: problemOfError('facebook', error) };
      }
    },

    async publish(c, post): Promise<PostOutcome> {
      try {
        const response = post.replyTo
          ? await call(c, 'POST', `/${encodeURIComponent(post.replyTo.id)}/comments`, { message: post.text })
          : await call(c, 'POST', `/${encodeURIComponent(c.login)}/feed`, {
              message: post.text,
              link: post.link,
            });
        if (!response.ok) return { ok: false, problem: await failed(response) };
        const made = (await response.json()) as { id?: unknown };
        if (typeof made.id !== 'string')
          return {
            ok: false,
            problem: { kind: 'rejected', message: 'The Graph API answered without a post id.' },
          };
        return { ok: true, id: made.id, url: `https://www.facebook.com/${made.id}` };
      } catch (error) {
        return { ok: false, problem: problemOfError('facebook', error) };
      }
    },

    async remove(c, remoteId): Promise<RemoveOutcome> {
      try {
        const response = await call(c, 'DELETE', `/${encodeURIComponent(remoteId)}`);
        if (response.ok || response.status === 404) return { ok: true };
        return { ok: false, problem: await failed(response) };
      } catch (error) {
        return { ok: false, problem: problemOfError('facebook', error) };
      }
    },
  };
}
