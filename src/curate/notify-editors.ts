// Notices to the people who can publish: a draft submitted for review, a digest that is due but not ready, a
// digest the scheduler could not publish or published late. One email each, from the notice template.
import type { Database } from '../db/client';
import { listEditorAddresses } from '../db/users';
import { senderOf } from '../email/email-address';
import { newMessageId, type Mailer } from '../email/mailer';
import { renderNoticeEmail, type Notice } from '../email/render-notice-email';
import type { EmailSite } from '../email/render-digest-email';
import { randomToken } from '../auth/tokens';

export interface NotifyDeps {
  db: Database;
  mailer: Mailer;
  mailFrom: string;
  site: EmailSite;
}

/** Sends the notice to every editor and administrator; returns how many it reached. */
export async function notifyEditors(
  deps: NotifyDeps,
  notice: Notice,
  kind: string,
  /** The address of the person the notice is about (who proposed it, say): they know already. */
  except?: string,
): Promise<number> {
  const email = renderNoticeEmail(deps.site, notice);
  let reached = 0;
  for (const to of await listEditorAddresses(deps.db)) {
    if (except && to.toLowerCase() === except.toLowerCase()) continue;
    const sent = await deps.mailer.send({
      from: senderOf(deps.mailFrom, deps.site.districtName),
      to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: {},
      messageId: newMessageId(deps.mailFrom, `${kind}-${randomToken(8)}`),
    });
    if (sent.ok) reached++;
  }
  return reached;
}
