// /admin/settings/social (administrators): connect, disconnect, and the post template.
import { t } from '../../i18n/desk-text';
import { Hono, type Context } from 'hono';
import { listSocialAccounts } from '../../db/social-accounts';
import type { AppDeps } from '../../deps';
import { connectSocialAccount, disconnectAccount } from '../../social/connect-account';
import { NETWORKS, NETWORK_NAMES, type Network } from '../../social/network';
import { socialFetchOf } from '../../social/post-social';
import { readSocialSettings, saveSocialSettings } from '../../social/social-settings';
import { SocialPage } from '../../views/admin/social-page';
import { redirectWith } from '../flash';
import { field, readForm, secretField } from '../form';
import { actorOf, adminPage, type AdminEnv } from './context';

const HERE = '/admin/settings/social';

export function socialRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();

  /** The page; with `refused`, a template refused, shown again as typed with the sentence why. */
  const socialPage = async (
    c: Context<AdminEnv>,
    refused?: { template: string; language: string; message: string },
  ) => {
    const [accounts, settings] = await Promise.all([
      listSocialAccounts(deps.db),
      readSocialSettings(deps.db),
    ]);
    return adminPage(deps, c, {
      title: t('desk.social.title'),
      section: 'settings',
      status: refused ? 422 : undefined,
      flash: refused ? { kind: 'error', text: refused.message } : undefined,
      body: (
        <SocialPage
          accounts={accounts}
          csrfToken={c.get('csrfToken')}
          template={refused?.template ?? settings.template}
          language={refused?.language ?? settings.language}
          keySet={!!deps.config.socialSecretKey}
        />
      ),
    });
  };

  app.get('/', (c) => socialPage(c));

  app.post('/connect', async (c) => {
    const form = await readForm(c);
    const network = field(form, 'network') as Network;
    if (!NETWORKS.includes(network))
      return redirectWith(c, deps.signingKey, HERE, {
        kind: 'error',
        text: t('desk.social.chooseNetwork'),
      });
    const outcome = await connectSocialAccount(
      {
        db: deps.db,
        fetch: socialFetchOf(deps),
        secretKey: deps.config.socialSecretKey,
        allowPrivateNetworks: deps.config.fetchAllowPrivateNetworks,
        now: () => deps.clock.now(),
      },
      actorOf(deps, c),
      {
        network,
        server: field(form, 'server', 500),
        login: field(form, 'login', 300),
        secret: secretField(form, 'secret', 5000),
      },
    );
    if (!outcome.ok)
      return redirectWith(c, deps.signingKey, HERE, {
        kind: 'error',
        text: t('desk.social.notConnected', { message: outcome.message }),
      });
    return redirectWith(c, deps.signingKey, HERE, {
      kind: 'ok',
      text: t('desk.social.connectedAccount', {
        network: NETWORK_NAMES[network],
        name: outcome.account.name,
      }),
    });
  });

  app.post('/:id/disconnect', async (c) => {
    const outcome = await disconnectAccount(
      { db: deps.db, now: () => deps.clock.now() },
      actorOf(deps, c),
      Number(c.req.param('id')),
    );
    if (!outcome.ok) return redirectWith(c, deps.signingKey, HERE, { kind: 'error', text: outcome.message });
    return redirectWith(c, deps.signingKey, HERE, {
      kind: 'ok',
      text: t('desk.social.disconnected', { name: outcome.account.name }),
    });
  });

  // A refused template answers at this address; opened again (from the history, say), it is the page.
  app.get('/template', (c) => c.redirect(HERE, 303));

  app.post('/template', async (c) => {
    const form = await readForm(c);
    const input = { template: field(form, 'template', 2000), language: field(form, 'language', 20) };
    const saved = await saveSocialSettings(deps.db, input, actorOf(deps, c), deps.clock.now());
    if (!saved.ok)
      return socialPage(c, { ...input, message: t('desk.social.notSaved', { message: saved.message }) });
    return redirectWith(c, deps.signingKey, HERE, { kind: 'ok', text: t('desk.social.templateSaved') });
  });
  return app;
}
