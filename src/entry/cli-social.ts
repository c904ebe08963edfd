// Commands for the district's social accounts: connect one (the token or app password read from standard
// input, never from the command line, where it would land in the shell's history), list, disconnect, and post
// what is due now.
import type { Config } from '../config';
import { cliActor } from '../db/audit';
import { listSocialAccounts } from '../db/social-accounts';
import { connectSocialAccount, disconnectAccount } from '../social/connect-account';
import { NETWORKS, NETWORK_NAMES, type Network } from '../social/network';
import { runSocialJob, socialFetchOf } from '../social/post-social';
import { CommandFailed, UsageError, parse, withRuntime } from './cli-support';

export async function socialConnect(args: string[], config: Config): Promise<void> {
  const { values, positionals } = parse(
    args,
    {
      instance: { type: 'string' },
      service: { type: 'string' },
      handle: { type: 'string' },
      'page-id': { type: 'string' },
      api: { type: 'string' },
    },
    true,
  );
  const network = positionals[0] as Network | undefined;
  if (!network || !NETWORKS.includes(network) || positionals.length > 1)
    throw new UsageError(
      'social:connect needs the network: mastodon --instance URL, bluesky [--service URL] --handle HANDLE, or facebook --page-id ID. The token is read from standard input.',
    );
  const secret = await readStandardInput();
  await withRuntime(config, async ({ deps }) => {
    const outcome = await connectSocialAccount(
      {
        db: deps.db,
        fetch: socialFetchOf(deps),
        secretKey: config.socialSecretKey,
        allowPrivateNetworks: config.fetchAllowPrivateNetworks,
        now: () => deps.clock.now(),
      },
      cliActor,
      {
        network,
        server:
          network === 'mastodon' ? values.instance : network === 'bluesky' ? values.service : values.api,
        login: network === 'bluesky' ? values.handle : values['page-id'],
        secret,
      },
    );
    if (!outcome.ok) throw new CommandFailed(outcome.message);
    console.log(
      `Connected ${NETWORK_NAMES[network]} account ${outcome.account.name} (id ${outcome.account.id}). It posts once for each digest published from now on.`,
    );
  });
}

export async function socialList(args: string[], config: Config): Promise<void> {
  const { values } = parse(args, { json: { type: 'boolean' } });
  await withRuntime(config, async ({ deps }) => {
    const accounts = await listSocialAccounts(deps.db);
    if (values.json) {
      console.log(
        JSON.stringify({
          accounts: accounts.map((a) => ({ id: a.id, network: a.network, name: a.name, status: a.status })),
        }),
      );
      return;
    }
    if (accounts.length === 0) console.log('No social accounts are connected.');
    for (const a of accounts)
      console.log(
        `${a.id}\t${a.network}\t${a.name}\t${a.status}${a.statusReason ? `: ${a.statusReason}` : ''}`,
      );
  });
}

export async function socialDisconnect(args: string[], config: Config): Promise<void> {
  const { positionals } = parse(args, {}, true);
  const id = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isInteger(id) || id < 1)
    throw new UsageError(
      'social:disconnect needs the account id that social:list shows, such as: social:disconnect 2',
    );
  await withRuntime(config, async ({ deps }) => {
    const outcome = await disconnectAccount({ db: deps.db, now: () => deps.clock.now() }, cliActor, id);
    if (!outcome.ok) throw new CommandFailed(outcome.message);
    console.log(
      `Disconnected ${outcome.account.name}; its token is forgotten. Its past posts stay where they are.`,
    );
  });
}

export async function socialPost(args: string[], config: Config): Promise<void> {
  parse(args, {});
  await withRuntime(config, async ({ deps }) => {
    const report = await runSocialJob(deps);
    console.log(
      `Social posts: ${report.posted} posted, ${report.retried} to retry later, ${report.failed} failed, ${report.deleted} deleted; ${report.stopped} accounts stopped.`,
    );
  });
}

async function readStandardInput(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Paste the token (or app password), then press Enter: ');
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (process.stdin.isTTY && text.includes('\n')) break;
  }
  return text.trim();
}
