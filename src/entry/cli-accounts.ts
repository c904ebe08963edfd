// Commands for people and programs: accounts with one-time links, API tokens.
import { createApiToken } from '../auth/api-tokens';
import { createOneTimeLink } from '../auth/one-time-links';
import type { Config } from '../config';
import { auditStatement, cliActor } from '../db/audit';
import { countSessions, deleteAllSessionsStatement, deleteOtherSessionsStatement } from '../db/sessions';
import { ROLES, findUserByEmail, insertUser, type Role } from '../db/users';
import { CommandFailed, UsageError, emailOption, parse, withRuntime } from './cli-support';

export async function userCreate(args: string[], config: Config): Promise<void> {
  const { values } = parse(args, {
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
  });
  const address = emailOption(values.email, 'user:create --email name@district.example --role editor');
  const role = (values.role ?? 'editor') as Role;
  if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
  await withRuntime(config, async ({ deps }) => {
    const now = deps.clock.now();
    const existing = await findUserByEmail(deps.db, address);
    // As an invitation from People is: the log says the command line made it.
    const user =
      existing ??
      (await insertUser(deps.db, { email: address, name: values.name ?? '', role }, now, {
        actor: cliActor,
        action: 'user.invite',
      }));
    const link = await createOneTimeLink(deps.db, config.publicUrl, 'set-password', user.id, now);
    // An existing account keeps its role: a typed --role never changes what someone may do unseen. People does.
    const roleNote =
      existing && values.role !== undefined && role !== existing.role
        ? `; it stays ${existing.role} (an administrator changes roles under People)`
        : '';
    console.log(
      existing
        ? `${user.email} already has an account (${user.role})${roleNote}; this link sets a new password:`
        : `Created ${user.email} (${role}). Set-password link (works once, for 72 hours):`,
    );
    console.log(link);
    // Without PUBLIC_URL the link is on this machine's own address, which the person it is for cannot open.
    if (!config.publicUrlGiven)
      console.error(
        `PUBLIC_URL is not set, so the link is on ${config.publicUrl}, which opens only on this machine. Run the command with the server's settings (README: Commands on the server) for a link that works for them.`,
      );
  });
}

export async function tokenCreate(args: string[], config: Config): Promise<void> {
  const { values } = parse(args, {
    name: { type: 'string' },
    role: { type: 'string' },
    for: { type: 'string' },
  });
  const role = (values.role ?? 'editor') as Role;
  if (!values.name?.trim())
    throw new UsageError(
      'Name the token after what uses it, e.g. token:create --name "district website" --role editor',
    );
  if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
  await withRuntime(config, async ({ deps }) => {
    // A token given to a person does their work: what it saves is theirs (see auth/api-tokens.ts).
    const person = values.for === undefined ? undefined : await findUserByEmail(deps.db, values.for.trim());
    if (values.for !== undefined && !person)
      throw new CommandFailed(
        `there is no account for ${values.for.trim()}. Make one first (user:create), or leave out --for for a program's token.`,
      );
    if (person?.disabled)
      throw new CommandFailed(
        `${person.email}'s account is disabled, so a token of theirs would not work. Enable it under People first.`,
      );
    const { token } = await createApiToken(
      deps.db,
      { name: values.name!, role, userId: person?.id ?? null },
      cliActor,
      deps.clock.now(),
    );
    console.log(token);
    console.error(
      person
        ? `Token “${values.name!.trim()}” (${role}) created for ${person.email}: what it saves is theirs, and it stops if their account is disabled. It is shown only now: give it to them where only they can read it.`
        : `Token “${values.name!.trim()}” (${role}) created. It is shown only now: store it where the program that uses it can read it.`,
    );
  });
}

/**
 * Signs everyone out at once (or one person, with --email): after a lost laptop or a password that got out,
 * every browser has to sign in again. Nothing else changes; the audit log records it.
 */
export async function sessionsEnd(args: string[], config: Config): Promise<void> {
  const { values } = parse(args, { email: { type: 'string' } });
  await withRuntime(config, async ({ deps }) => {
    const now = deps.clock.now();
    const user = values.email === undefined ? undefined : await findUserByEmail(deps.db, values.email.trim());
    if (values.email !== undefined && !user)
      throw new CommandFailed(
        `there is no account for ${values.email.trim()}. People with accounts are listed under People in the admin.`,
      );
    const ended = await countSessions(deps.db, user?.id);
    await deps.db.batch([
      user ? deleteOtherSessionsStatement(deps.db, user.id, undefined) : deleteAllSessionsStatement(deps.db),
      auditStatement(
        deps.db,
        cliActor,
        user
          ? {
              action: 'sessions.end',
              subjectType: 'user',
              subjectId: user.id,
              details: { count: ended, email: user.email },
            }
          : { action: 'sessions.end', details: { count: ended } },
        now,
      ),
    ]);
    const sessions = `${ended} ${ended === 1 ? 'session' : 'sessions'}`;
    console.log(
      user
        ? `Signed ${user.email} out of every browser (${sessions} ended).`
        : `Signed everyone out (${sessions} ended). Each person signs in again with their password.`,
    );
  });
}
