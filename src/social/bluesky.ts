// Bluesky through @atproto/api's AtpAgent, over the guarded fetch: createSession (login) for each piece of
// work, uploadBlob for the share picture, createRecord for the post with a record key computed from the digest
// and the account (record-key.ts), so a retry after a crash finds its post (getRecord) instead of making a
// second one. The post carries a link card (app.bsky.embed.external) and a link facet whose offsets are UTF-8
// byte positions, as the lexicon requires.
import { AtpAgent, type AppBskyFeedPost } from '@atproto/api';
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

const POST = 'app.bsky.feed.post';

export function createBlueskyClient(fetch: SocialFetch): NetworkClient {
  const login = async (c: Credentials) => {
    const agent = new AtpAgent({ service: c.server, fetch });
    await agent.login({ identifier: c.login, password: c.secret });
    return { agent, did: agent.session!.did, handle: agent.session!.handle };
  };

  return {
    async check(c): Promise<CheckOutcome> {
      try {
        const { did, handle } = await login(c);
        return { ok: true, remoteId: did, name: `@${handle}` };
      } catch (error) {
        return { ok: false, problem: problemOf(error) };
      }
    },

    async publish(c, post): Promise<PostOutcome> {
      try {
        const { agent, did, handle } = await login(c);
        const url = (rkey: string) => `https://bsky.app/profile/${handle}/post/${rkey}`;
        // Posted already by an attempt whose answer was lost (a crash, a timeout): that post is this one.
        const existing = await getRecord(agent, did, post.recordKey);
        if (existing) return { ok: true, id: existing.uri, cid: existing.cid, url: url(post.recordKey) };
        const thumb = post.picture
          ? (await agent.uploadBlob(post.picture.bytes, { encoding: post.picture.type })).data.blob
          : undefined;
        const record: AppBskyFeedPost.Record = {
          $type: POST,
          text: post.text,
          createdAt: post.createdAt,
          langs: [post.language],
          facets: linkFacets(post.text, post.link),
          ...(post.replyTo?.cid
            ? {
                reply: {
                  root: { uri: post.replyTo.id, cid: post.replyTo.cid },
                  parent: { uri: post.replyTo.id, cid: post.replyTo.cid },
                },
              }
            : {
                embed: {
                  $type: 'app.bsky.embed.external',
                  external: {
                    uri: post.link,
                    title: post.title,
                    description: post.description,
                    ...(thumb ? { thumb } : {}),
                  },
                },
              }),
        };
        const made = await agent.com.atproto.repo.createRecord({
          repo: did,
          collection: POST,
          rkey: post.recordKey,
          record: record as unknown as Record<string, unknown>,
        });
        return { ok: true, id: made.data.uri, cid: made.data.cid, url: url(post.recordKey) };
      } catch (error) {
        return { ok: false, problem: problemOf(error) };
      }
    },

    async remove(c, remoteId): Promise<RemoveOutcome> {
      try {
        const { agent, did } = await login(c);
        await agent.com.atproto.repo.deleteRecord({
          repo: did,
          collection: POST,
          rkey: remoteId.slice(remoteId.lastIndexOf('/') + 1),
        });
        return { ok: true };
      } catch (error) {
        return { ok: false, problem: problemOf(error) };
      }
    },
  };
}

async function getRecord(agent: AtpAgent, did: string, rkey: string) {
  try {
    const found = await agent.com.atproto.repo.getRecord({ repo: did, collection: POST, rkey });
    return { uri: found.data.uri, cid: found.data.cid ?? '' };
  } catch (error) {
    if (statusOf(error) === 400 || statusOf(error) === 404) return undefined; // RecordNotFound
    throw error;
  }
}

/** A facet for each place `link` appears in `text`, by UTF-8 byte offsets. */
export function linkFacets(text: string, link: string): AppBskyFeedPost.Record['facets'] {
  const bytes = new TextEncoder();
  const facets: NonNullable<AppBskyFeedPost.Record['facets']> = [];
  for (let at = text.indexOf(link); at !== -1; at = text.indexOf(link, at + link.length)) {
    const byteStart = bytes.encode(text.slice(0, at)).length;
    facets.push({
      index: { byteStart, byteEnd: byteStart + bytes.encode(link).length },
      features: [{ $type: 'app.bsky.richtext.facet#link', uri: link }],
    });
  }
  return facets;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

function problemOf(error: unknown) {
  const status = statusOf(error);
  // XRPC's own codes below 100 stand for "no answer" (the network, a timeout).
  if (status === undefined || status < 100)
    return problemOfError('bluesky', (error as Error)?.cause ?? error);
  const xrpc = error as { error?: string; message?: string; headers?: Record<string, string> };
  const said = [xrpc.error, xrpc.message].filter(Boolean).join(': ');
  // An expired or revoked app password: createSession answers 401 AuthenticationRequired.
  return problemOfStatus('bluesky', status, said || undefined, xrpc.headers?.['retry-after']);
}
