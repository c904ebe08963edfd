// Commands for people and programs: accounts with one-time links, API tokens.
import { createApiToken } from '../auth/api-tokens';
import { createOneTimeLink } from '../auth/one-time-links';
import type { Config } from '../config';
import { cliActor } from '../db/audit';
import { ROLES, findUserByEmail, insertUser, type Role } from '../db/users';
import { checkEmailAddress } from '../email/email-address';
import { UsageError, parse, withRuntime } from './cli-support';

export async function userCreate(args: string[], config: Config): Promise<void> {
  const { values } = parse(args, {
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
  });
  const checked = checkEmailAddress(values.email ?? '');
  if (!checked.ok) throw new UsageError(`--email: ${checked.message}`);
  const role = (values.role ?? 'editor') as Role;
  if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
  await withRuntime(config, async ({ deps }) => {
    const now = deps.clock.now();
    const existing = await findUserByEmail(deps.db, checked.address);
    const user =
      existing ?? (await insertUser(deps.db, { email: checked.address, name: values.name ?? '', role }, now));
    const link = await createOneTimeLink(deps.db, config.publicUrl, 'set-password', user.id, now);
    console.log(
      existing
        ? `${user.email} already has an account (${user.role}); this link sets a new password:`
        : `Created ${user.email} (${role}). Set-password link (works once, for 72 hours):`,
    );
    console.log(link);
  });
}

export async function tokenCreate(args: string[], config: Config): Promise<void> {
  const { values } = parse(args, { name: { type: 'string' }, role: { type: 'string' } });
  const role = (values.role ?? 'editor') as Role;
  if (!values.name?.trim())
    throw new UsageError(
      'Name the token after what uses it, e.g. token:create --name "district website" --role editor',
    );
  if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
  await withRuntime(config, async ({ deps }) => {
    const { token } = await createApiToken(deps.db, { name: values.name!, role }, cliActor, deps.clock.now());
    console.log(token);
    console.error(
      `Token “${values.name!.trim()}” (${role}) created. It is shown only now: store it where the program that uses it can read it.`,
    );
  });
}
