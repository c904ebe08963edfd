// Keys that make a retried post the same post: the Bluesky record key is a TID (the AT Protocol's timestamp
// identifier) computed from the moment the post is about (the digest's publication, or the correction) and a
// clock id from the digest, the account and the post's key; Mastodon's Idempotency-Key is the same inputs.
import { TID } from '@atproto/common-web';
import { fnv1a } from '../text/fnv1a';

export function postRecordKey(momentMs: number, digestId: number, accountId: number, key: string): string {
  const clockId = Number.parseInt(fnv1a(`${digestId}:${accountId}:${key}`), 36) % 1024;
  return TID.fromTime(momentMs * 1000, clockId).toString();
}

export function postIdempotencyKey(digestId: number, accountId: number, key: string): string {
  return `yesterday-${digestId}-${accountId}-${key.replace(/[^a-z0-9]+/gi, '-')}`;
}
