// Feed entry ids that outlive a change of address. A feed reader knows an entry by its id: were ids made from
// PUBLIC_URL, a district that moves (from its workers.dev address to its own name, or to a new domain) would
// show every reader its last twenty digests again as new. So the address the first digest was published at is
// kept (`feed_ids_from`), and ids are made from it for good; links follow PUBLIC_URL. An address only this
// machine or its own network reaches (a trial run before PUBLIC_URL is set, a name on the school's network) is
// never kept: nobody on the internet could have followed its feeds.
import type { Database } from '../db/client';
import { ensureSetting } from '../db/settings';
import { isIpLiteral, isPublicAddress } from '../ingest/address-guard';

export const FEED_IDS_FROM = 'feed_ids_from';

/** A kept address, if it reads as one (anything else, as if none were kept). */
export function readFeedIdsFrom(stored: string | undefined): string | undefined {
  return stored !== undefined && /^https?:\/\/[^\s/]+$/.test(stored) ? stored : undefined;
}

/** Keeps the address a digest is being published at, unless one is kept already or only this machine or its network reaches it. */
export async function keepFeedIdsFrom(db: Database, publicUrl: string, now: number): Promise<void> {
  const address = publicUrl.replace(/\/+$/, '');
  if (!readFeedIdsFrom(address) || onThisMachine(address)) return;
  await ensureSetting(db, FEED_IDS_FROM, address, now);
}

/** Names only a machine or its own network resolves: a name of one label, or one under these. */
const LOCAL_NAMES = /(?:^|\.)(?:localhost|local|internal|lan|home\.arpa|intranet|corp)$/;

function onThisMachine(address: string): boolean {
  const host = new URL(address).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (isIpLiteral(host)) return !isPublicAddress(host);
  return !host.includes('.') || LOCAL_NAMES.test(host);
}
