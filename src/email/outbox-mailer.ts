// Delivery with no SMTP server configured: each message is written to the outbox folder as a standard .eml
// file (plus a small .json with its parts for the admin's Outbox page), so development and evaluation work
// with no credentials and nothing is silently dropped. The folder is the operator's and keeps every message
// whole; what the admin reads of account email has its one-time tokens hidden (account-email.ts).
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import { randomToken } from '../auth/tokens';
import { hideLinkTokens } from './account-email';
import type { Mailer, OutboxEntry, OutboxMessage, OutboxReader, OutgoingEmail, SendOutcome } from './mailer';

const ID_PATTERN = /^[\w-]{10,120}$/;

/** The .json beside each .eml: the message as sent, with the tokens the sender marked as account tokens. */
type StoredMessage = Omit<OutboxMessage, 'account'> & {
  accountTokens?: string[];
  recipientTokens?: string[];
  subscriberId?: number;
};

export function createOutboxMailer(dir: string): Mailer & OutboxReader {
  // nodemailer is loaded with the first message, so commands that send nothing do not load it.
  let composer: Promise<Transporter> | undefined;
  const compose = async (
    message: Omit<OutgoingEmail, 'messageId' | 'from'> & { from?: string; messageId?: string; date: Date },
  ) =>
    (
      await (composer ??= import('nodemailer').then(({ default: nodemailer }) =>
        nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
      ))
    ).sendMail({
      from: message.from,
      to: message.to,
      ...(message.from ? { envelope: { from: message.from, to: [message.to] } } : {}),
      subject: message.subject,
      html: message.html,
      text: message.text,
      messageId: message.messageId,
      date: message.date,
      headers: Object.fromEntries(
        Object.entries(message.headers).map(([key, value]) => [key, { prepared: true, value }]),
      ),
    });

  async function writeAtomically(path: string, data: string | Uint8Array) {
    const temporary = `${path}.${randomToken(6)}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, path);
  }

  /** The message as the admin reads it, and whether anything in it was hidden. */
  async function readStored(id: string): Promise<{ message: OutboxMessage; hidden: boolean } | undefined> {
    if (!ID_PATTERN.test(id)) return undefined;
    let stored: StoredMessage;
    try {
      stored = JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as StoredMessage;
    } catch {
      return undefined;
    }
    const { accountTokens, recipientTokens, ...written } = stored;
    const message = hideLinkTokens(written, accountTokens ?? [], recipientTokens ?? []);
    const hidden =
      message.text !== written.text ||
      message.html !== written.html ||
      message.subject !== written.subject ||
      JSON.stringify(message.headers) !== JSON.stringify(written.headers);
    return { message, hidden };
  }
  const readMeta = async (id: string) => (await readStored(id))?.message;

  /** Whether the message `id` was written to this parent: by the id kept beside it, or by its address. */
  async function isTo(id: string, subscriberId: number, addresses: Set<string>): Promise<boolean> {
    try {
      const stored = JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as StoredMessage;
      // A message that names its parent is theirs or someone else's by that alone (another family may have
      // the address they were moving to); one written before messages named them, by its address.
      if (stored.subscriberId !== undefined) return stored.subscriberId === subscriberId;
      return !stored.accountTokens?.length && addresses.has(String(stored.to).trim().toLowerCase());
    } catch {
      // No .json (or not one of ours): the .eml's To: header, in the first few kilobytes.
      try {
        const head = (await readFile(join(dir, `${id}.eml`), 'utf8')).slice(0, 8192);
        const to = /^To: *(?:.*<)?([^<>\s]+@[^<>\s]+?)>?\s*$/im.exec(head)?.[1];
        return to !== undefined && addresses.has(to.toLowerCase());
      } catch {
        return false;
      }
    }
  }

  return {
    kind: 'outbox',
    inFlight: 4,
    async send(email: OutgoingEmail): Promise<SendOutcome> {
      await mkdir(dir, { recursive: true });
      const info = await compose({ ...email, date: new Date() });
      const date = Date.now();
      const id = `${new Date(date).toISOString().replace(/[:.]/g, '-')}-${randomToken(6)}`;
      const meta: StoredMessage = {
        id,
        to: email.to,
        from: email.from,
        messageId: email.messageId,
        subject: email.subject,
        date,
        html: email.html,
        text: email.text,
        headers: email.headers,
        ...(email.accountTokens?.length ? { accountTokens: email.accountTokens } : {}),
        ...(email.recipientTokens?.length ? { recipientTokens: email.recipientTokens } : {}),
        ...(email.subscriberId === undefined ? {} : { subscriberId: email.subscriberId }),
      };
      await writeAtomically(join(dir, `${id}.json`), JSON.stringify(meta));
      await writeAtomically(join(dir, `${id}.eml`), info.message as Buffer);
      return { ok: true, messageId: email.messageId };
    },
    async close() {},
    async list(limit: number): Promise<OutboxEntry[]> {
      let files: string[];
      try {
        files = await readdir(dir);
      } catch {
        return [];
      }
      const ids = files
        .filter((f) => f.endsWith('.eml'))
        .map((f) => f.slice(0, -4))
        .sort()
        .reverse()
        .slice(0, limit);
      const entries = await Promise.all(ids.map(readMeta));
      return entries
        .filter((m): m is OutboxMessage => !!m)
        .map(({ id, to, subject, date, account }) => ({ id, to, subject, date, account }));
    },
    read: readMeta,
    async raw(id: string) {
      const read = await readStored(id);
      if (!read) return undefined;
      const { message } = read;
      // The file on disk carries the links; the download is composed again from the parts with them hidden.
      if (read.hidden || message.account) {
        const info = await compose({ ...message, date: new Date(message.date) });
        return new Uint8Array(info.message as Buffer);
      }
      try {
        return new Uint8Array(await readFile(join(dir, `${id}.eml`)));
      } catch {
        return undefined;
      }
    },
    async forget(parent: { subscriberId: number; addresses: string[] }) {
      const addresses = new Set(parent.addresses.map((address) => address.trim().toLowerCase()));
      let files: string[];
      try {
        files = await readdir(dir);
      } catch {
        return 0;
      }
      // Each message by its .json, or by the .eml's own To: where a .json is missing (a send stopped between
      // the two writes).
      const ids = new Set(
        files.filter((f) => /\.(eml|json)$/.test(f)).map((f) => f.replace(/\.(eml|json)$/, '')),
      );
      let forgotten = 0;
      for (const id of ids) {
        if (!(await isTo(id, parent.subscriberId, addresses))) continue;
        // The .eml first: list() shows a message by its .eml, so one left half-deleted is no longer listed.
        await rm(join(dir, `${id}.eml`), { force: true });
        await rm(join(dir, `${id}.json`), { force: true });
        forgotten++;
      }
      return forgotten;
    },
  };
}
