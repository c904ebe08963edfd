// Each connected account's post for a digest as it would go out, for the desk's Preview (with its length as
// the network counts it) and for the checks, which read the posts like the rest of the digest.
import type { Database } from '../db/client';
import type { DigestEntryWithItem, Digest } from '../db/digests';
import { listSocialAccounts } from '../db/social-accounts';
import { composePost, postPartsOf } from './compose-post';
import type { Network } from './network';
import { postingSite, readSocialSettings } from './social-settings';
import { localDateOf } from '../time/zoned-time';

export interface SocialPreview {
  network: Network;
  account: string;
  text: string;
  length: number;
  limit: number;
}

/**
 * The posts as they would go out: `goesOut` is when a draft will be published (scheduled, or now); a published
 * digest's own moment stands for one already out. A digest published late names its day.
 */
export async function previewSocialPosts(
  db: Database,
  content: { digest: Digest; entries: DigestEntryWithItem[] },
  publicUrl: string,
  goesOut?: number,
): Promise<SocialPreview[]> {
  const accounts = await listSocialAccounts(db);
  if (accounts.length === 0) return [];
  const social = await readSocialSettings(db);
  const site = await postingSite(db, publicUrl, social);
  const moment = content.digest.publishedAt ?? goesOut;
  const parts = postPartsOf(
    content,
    site,
    moment === undefined ? undefined : localDateOf(moment, site.timezone),
  );
  return accounts.map((account) => ({
    network: account.network,
    account: account.name,
    ...composePost(social.template, parts, account.network),
  }));
}

/** The posts' words for the checks ('' when no account is connected). */
export async function socialTextToCheck(
  db: Database,
  content: { digest: Digest; entries: DigestEntryWithItem[] },
  publicUrl: string,
): Promise<string> {
  const previews = await previewSocialPosts(db, content, publicUrl);
  return [...new Set(previews.map((p) => p.text))].join('\n\n');
}
