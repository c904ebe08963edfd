// /owner-notes/stop: the one-click link in every owner note. GET shows a button; POST (the button, or a mail
// provider's RFC 8058 one-click request, which carries no cookie and no CSRF token) stops the notes. The signed
// address in the link is the only credential, and the same link starts them again (/owner-notes/start): a
// teacher who stopped them by mistake would otherwise never hear of a broken feed or a review again.
import { Hono, type Context } from 'hono';
import { recordAudit } from '../db/audit';
import { optedOutAt, recordOptOut, removeOptOut } from '../db/owner-notes';
import { formatLongDate } from '../publish/digest-content';
import { localDateOf } from '../time/zoned-time';
import type { AppDeps } from '../deps';
import { verifyOwnerStop } from '../email/owner-note-links';
import { readDistrictSettings, siteOf } from '../settings/district-settings';
import { ActionPage } from '../views/subscribe-pages';
import { renderPage } from '../views/render';

export function ownerNoteRoutes(deps: AppDeps) {
  const app = new Hono();
  const siteInfo = async () => siteOf(await readDistrictSettings(deps.db), deps.config.publicUrl);

  /** The owner's address the link names, if its signature is right. */
  const addressOf = async (c: Context): Promise<string | undefined> => {
    const address = c.req.query('address') ?? '';
    const token = c.req.query('token') ?? '';
    if (!address || address.length > 320 || !/^[\w-]{16,64}$/.test(token)) return undefined;
    return (await verifyOwnerStop(deps.signingKey, address, token)) ? address : undefined;
  };

  const badLink = async (c: Context) =>
    renderPage(
      c,
      <ActionPage
        site={await siteInfo()}
        title="This link does not work"
        text={`The link is incomplete or out of date. Copy the whole address from the email, or ask your district’s coordinator to ${c.req.path.endsWith('/start') ? 'start these emails again' : 'stop these emails'}.`}
      />,
      404,
    );

  /** The link's query string again, for the other button. */
  const sameLink = (c: Context, address: string) =>
    `address=${encodeURIComponent(address)}&token=${encodeURIComponent(c.req.query('token')!)}`;

  app.get('/owner-notes/stop', async (c) => {
    const address = await addressOf(c);
    if (!address) return badLink(c);
    const site = await siteInfo();
    // Opened again after stopping them (to start them again, as like as not): the button that does that.
    const stoppedAt = await optedOutAt(deps.db, address);
    if (stoppedAt !== undefined)
      return renderPage(
        c,
        <ActionPage
          site={site}
          title="Emails about your feed are stopped"
          text={`${address} gets no emails from ${site.siteTitle} about the feeds it owns since ${formatLongDate(localDateOf(stoppedAt, site.timezone))}, except a note if one of its posts is taken down from the digest. The button below starts them again.`}
          action={`/owner-notes/start?${sameLink(c, address)}`}
          button="Start these emails again"
        />,
      );
    return renderPage(
      c,
      <ActionPage
        site={site}
        title="Stop emails about your feed"
        text={`Press the button and ${address} gets no more emails from ${site.siteTitle} about the feeds it owns (featured posts, a broken feed, authorization reviews). It still gets a note if one of its posts is taken down from the digest, which may ask for a change on its own site.`}
        action={`/owner-notes/stop?${sameLink(c, address)}`}
        button="Stop these emails"
      />,
    );
  });

  app.post('/owner-notes/stop', async (c) => {
    const address = await addressOf(c);
    if (!address) return badLink(c);
    const now = deps.clock.now();
    if (await recordOptOut(deps.db, address, now))
      await recordAudit(
        deps.db,
        { type: 'public', label: 'feed owner', ip: deps.clientIp(c) },
        { action: 'owner.opt-out', subjectType: 'owner', subjectId: address },
        now,
      );
    if ((c.req.header('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
      const body = await c.req.parseBody();
      if (body['List-Unsubscribe'] === 'One-Click') return c.text('Unsubscribed.');
    }
    const site = await siteInfo();
    return renderPage(
      c,
      <ActionPage
        site={site}
        title="No more emails about your feed"
        text={`${address} gets no more emails from ${site.siteTitle} about the feeds it owns, except a note if one of its posts is taken down from the digest. Your posts are still read and featured as before. Pressed by mistake? The button below starts them again.`}
        action={`/owner-notes/start?${sameLink(c, address)}`}
        button="Start these emails again"
        secondary
      />,
    );
  });

  app.get('/owner-notes/start', async (c) => {
    const address = await addressOf(c);
    if (!address) return badLink(c);
    const site = await siteInfo();
    return renderPage(
      c,
      <ActionPage
        site={site}
        title="Start emails about your feed again"
        text={`Press the button and ${address} gets emails from ${site.siteTitle} about the feeds it owns again (featured posts, a broken feed, authorization reviews).`}
        action={`/owner-notes/start?${sameLink(c, address)}`}
        button="Start these emails again"
      />,
    );
  });

  app.post('/owner-notes/start', async (c) => {
    const address = await addressOf(c);
    if (!address) return badLink(c);
    const now = deps.clock.now();
    if (await removeOptOut(deps.db, address))
      await recordAudit(
        deps.db,
        { type: 'public', label: 'feed owner', ip: deps.clientIp(c) },
        { action: 'owner.opt-in', subjectType: 'owner', subjectId: address },
        now,
      );
    const site = await siteInfo();
    return renderPage(
      c,
      <ActionPage
        site={site}
        title="Emails about your feed start again"
        text={`${address} gets emails from ${site.siteTitle} about the feeds it owns again. The link at the foot of each stops them.`}
      />,
    );
  });

  return app;
}
