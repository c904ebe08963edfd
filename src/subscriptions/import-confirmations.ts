// Confirmation emails for imported addresses, sent by the background sender a few hundred at a time, not
// during the import request. Each is claimed before it leaves, so two senders never ask someone twice.
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { subscribers } from '../db/schema';
import { listSubscriberSchools, listUnsentImportConfirmations, type Subscriber } from '../db/subscribers';
import type { Mailer } from '../email/mailer';
import type { EmailSite } from '../email/render-digest-email';
import { confirmationEmail } from './subscribe';

export interface ConfirmationDeps {
  db: Database;
  mailer: Mailer;
  now: () => number;
  site: EmailSite;
  mailFrom: string;
  signingKey: string;
}

export async function sendImportConfirmations(deps: ConfirmationDeps, batchSize = 200): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = await listUnsentImportConfirmations(deps.db, batchSize);
    for (const subscriber of batch) {
      const outcome = await sendOne(deps, subscriber);
      if (outcome === 'sent') sent++;
      // The mail server is not taking mail now: the rest wait for the next pass, this one included.
      if (outcome === 'later') return sent;
    }
    if (batch.length < batchSize) return sent;
  }
}

async function sendOne(
  deps: ConfirmationDeps,
  subscriber: Subscriber,
): Promise<'sent' | 'refused' | 'later' | 'taken'> {
  const claimed = await deps.db.orm
    .update(subscribers)
    .set({ confirmSentAt: deps.now() })
    .where(and(eq(subscribers.id, subscriber.id), isNull(subscribers.confirmSentAt)))
    .returning({ id: subscribers.id });
  if (claimed.length === 0) return 'taken';
  const schools = await listSubscriberSchools(deps.db, subscriber.id);
  const email = await confirmationEmail(
    deps,
    subscriber,
    schools.map((s) => s.name),
    true,
  );
  const outcome = await deps.mailer.send(email).catch(() => ({ ok: false as const, permanent: false }));
  if (outcome.ok) return 'sent';
  // Refused for good (no such mailbox): it stays marked, and is forgotten with the other unconfirmed sign-ups.
  if (outcome.permanent) return 'refused';
  // Not sent: unmarked, so it goes on a later pass and its 30 days start when it does.
  await deps.db.orm.update(subscribers).set({ confirmSentAt: null }).where(eq(subscribers.id, subscriber.id));
  return 'later';
}
