// Managing who may use the desk: invitations and password links (sent by email), new passwords, role changes,
// disabling, signing out everywhere. There is always at least one active administrator.
import { senderOf } from '../email/email-address';
import { clientKeyOf } from '../client-address';
import { auditStatement, recordAudit, type Actor } from '../db/audit';
import type { Database } from '../db/client';
import { recordAndCountRateEvents } from '../db/rate-events';
import { deleteOtherSessionsStatement } from '../db/sessions';
import {
  countOtherActiveAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  passwordLinkRequestedAuditStatement,
  setPasswordStatement,
  spendPasswordLinksStatement,
  updateUserStatement,
  type Role,
  type User,
} from '../db/users';
import { checkEmailAddress } from '../email/email-address';
import { queuePasswordLinkStatement } from '../db/messages';
import { newMessageId, type Mailer, type OutgoingEmail } from '../email/mailer';
import { renderNoticeEmail } from '../email/render-notice-email';
import type { EmailSite } from '../email/render-digest-email';
import { createOneTimeLink } from './one-time-links';
import { randomToken } from './tokens';
import { possessive } from '../i18n/site-language';

export interface AccountDeps {
  db: Database;
  mailer: Mailer;
  mailFrom: string;
  site: EmailSite;
  now(): number;
}

export type AccountOutcome = { ok: true; message: string; link?: string } | { ok: false; message: string };

const ROLE_WORDS: Record<Role, string> = {
  admin: 'an administrator (everything, including people and settings)',
  editor: 'an editor (curate and publish)',
  contributor: 'a contributor (curate and submit for review)',
};

async function sendLink(deps: AccountDeps, to: string, link: string, kind: 'invite' | 'reset', role: Role) {
  return deps.mailer.send(passwordLinkEmail(deps, to, link, kind, role));
}

/** An invitation or a password link; the one-time token it carries is marked so the outbox hides it. */
export function passwordLinkEmail(
  deps: { mailFrom: string; site: EmailSite },
  to: string,
  link: string,
  kind: 'invite' | 'reset',
  role: Role,
): OutgoingEmail {
  const email = renderNoticeEmail(deps.site, {
    subject:
      kind === 'invite'
        ? `You are invited to the digest desk of ${deps.site.districtName}`
        : `Choose a new password for the digest desk of ${deps.site.districtName}`,
    heading: kind === 'invite' ? 'You are invited to the digest desk' : 'Choose a new password',
    paragraphs:
      kind === 'invite'
        ? [
            `You have been added to ${possessive(deps.site.districtName)} digest desk as ${ROLE_WORDS[role]}.`,
            'Choose your password with the button below. The link works once, for 72 hours.',
          ]
        : [
            'Someone asked to reset the password of your account. If it was you, choose a new password with the button below; the link works once, for 72 hours.',
            'If it was not you, ignore this email: your password stays as it is.',
          ],
    action: { label: 'Choose a password', url: link },
  });
  return {
    from: senderOf(deps.mailFrom, deps.site.districtName),
    to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: {},
    messageId: newMessageId(deps.mailFrom, `account-${randomToken(8)}`),
    accountTokens: [new URL(link).searchParams.get('token') ?? link],
  };
}

export async function inviteUser(
  deps: AccountDeps,
  actor: Actor,
  input: { email: string; name: string; role: Role },
): Promise<AccountOutcome> {
  const checked = checkEmailAddress(input.email);
  if (!checked.ok) return { ok: false, message: checked.message };
  if (await findUserByEmail(deps.db, checked.address))
    return {
      ok: false,
      message: `${checked.address} already has an account. Send them a new password link from the list instead.`,
    };
  const user = await insertUser(
    deps.db,
    { email: checked.address, name: input.name.trim().slice(0, 120), role: input.role },
    deps.now(),
    { actor, action: 'user.invite' },
  );
  const link = await createOneTimeLink(deps.db, deps.site.publicUrl, 'set-password', user.id, deps.now());
  const sent = await sendLink(deps, user.email, link, 'invite', user.role);
  return {
    ok: true,
    link,
    message: sent.ok
      ? `Invitation sent to ${user.email}.`
      : `${user.email} was added, but the invitation email failed (${sent.reason}). Give them this link yourself.`,
  };
}

/**
 * A password link for an account, by email. The request does the same work whether or not the account exists
 * (two conditional inserts: the queued email and its audit entry); the background sender makes the link.
 */
export async function requestPasswordLink(
  deps: Pick<AccountDeps, 'db' | 'now'> & { wakeSender(): void },
  email: string,
  clientIp: string | null,
): Promise<void> {
  const now = deps.now();
  const address = email.trim().toLowerCase();
  const keys = [`reset:address:${address}`, `reset:client:${clientKeyOf(clientIp)}`];
  const { counts } = await recordAndCountRateEvents(deps.db, keys, now, now - 60 * 60_000);
  if (counts[0]! > 3 || counts[1]! > 10) return;
  await deps.db.batch([
    queuePasswordLinkStatement(deps.db, address, now),
    passwordLinkRequestedAuditStatement(deps.db, address, clientIp, now),
  ]);
  deps.wakeSender();
}

export async function sendPasswordLink(
  deps: AccountDeps,
  actor: Actor,
  userId: number,
): Promise<AccountOutcome> {
  const user = await findUserById(deps.db, userId);
  if (!user) return { ok: false, message: 'That account no longer exists.' };
  const link = await createOneTimeLink(deps.db, deps.site.publicUrl, 'set-password', user.id, deps.now());
  const sent = await sendLink(deps, user.email, link, 'reset', user.role);
  await recordAudit(
    deps.db,
    actor,
    { action: 'user.password_link', subjectType: 'user', subjectId: user.id },
    deps.now(),
  );
  return {
    ok: true,
    link,
    message: sent.ok
      ? `A password link is on its way to ${user.email}.`
      : `The email failed (${sent.reason}). Give ${user.email} this link yourself.`,
  };
}

/**
 * Sets a person's new password and ends what the old one let in: every session but `keepSession` (the one
 * that changed it on the account page; none after a password link) and every password link not used yet.
 */
export async function replacePassword(
  deps: Pick<AccountDeps, 'db' | 'now'>,
  actor: Actor,
  user: User,
  passwordHash: string,
  how: { by: 'account-page'; keepSession: string } | { by: 'password-link' },
): Promise<void> {
  const now = deps.now();
  await deps.db.batch([
    setPasswordStatement(deps.db, user.id, passwordHash),
    spendPasswordLinksStatement(deps.db, user.id, now),
    deleteOtherSessionsStatement(deps.db, user.id, how.by === 'account-page' ? how.keepSession : undefined),
    auditStatement(
      deps.db,
      actor,
      {
        action: how.by === 'account-page' ? 'user.password_change' : 'user.set_password',
        subjectType: 'user',
        subjectId: user.id,
      },
      now,
    ),
  ]);
}

/** Role and active/disabled changes; refused when they would leave no active administrator. */
export async function changeUser(
  deps: AccountDeps,
  actor: Actor,
  userId: number,
  change: { role?: Role; disabled?: boolean },
): Promise<AccountOutcome> {
  const user = await findUserById(deps.db, userId);
  if (!user) return { ok: false, message: 'That account no longer exists.' };
  const losesAdmin =
    user.role === 'admin' &&
    !user.disabled &&
    ((change.role && change.role !== 'admin') || change.disabled === true);
  if (losesAdmin && (await countOtherActiveAdmins(deps.db, user.id)) === 0) {
    return {
      ok: false,
      message: `${user.email} is the only active administrator. Make someone else an administrator first.`,
    };
  }
  // The change, the sessions it ends and its audit entry together, or none of them.
  await deps.db.batch([
    updateUserStatement(deps.db, user.id, change),
    ...(change.disabled ? [deleteOtherSessionsStatement(deps.db, user.id, undefined)] : []),
    auditStatement(
      deps.db,
      actor,
      {
        action: 'user.change',
        subjectType: 'user',
        subjectId: user.id,
        details: { email: user.email, ...change },
      },
      deps.now(),
    ),
  ]);
  const what = change.role
    ? `is now ${ROLE_WORDS[change.role]}`
    : change.disabled
      ? 'can no longer sign in'
      : 'can sign in again';
  return { ok: true, message: `${user.email} ${what}.` };
}

export async function signOutEverywhere(deps: AccountDeps, actor: Actor, user: User): Promise<void> {
  await deps.db.batch([
    deleteOtherSessionsStatement(deps.db, user.id, undefined),
    auditStatement(
      deps.db,
      actor,
      { action: 'user.sign_out_everywhere', subjectType: 'user', subjectId: user.id },
      deps.now(),
    ),
  ]);
}
