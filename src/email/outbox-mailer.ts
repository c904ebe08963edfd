// Delivery with no SMTP server configured: each message is written to the outbox folder as a standard .eml
// file (plus a small .json with its parts for the admin's Outbox page), so development and evaluation work
// with no credentials and nothing is silently dropped.
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { randomToken } from '../auth/tokens';
import type { Mailer, OutboxEntry, OutboxMessage, OutboxReader, OutgoingEmail, SendOutcome } from './mailer';

const ID_PATTERN = /^[\w-]{10,120}$/;

export function createOutboxMailer(dir: string): Mailer & OutboxReader {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  async function writeAtomically(path: string, data: string | Uint8Array) {
    const temporary = `${path}.${randomToken(6)}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, path);
  }

  async function readMeta(id: string): Promise<OutboxMessage | undefined> {
    if (!ID_PATTERN.test(id)) return undefined;
    try {
      return JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as OutboxMessage;
    } catch {
      return undefined;
    }
  }

  return {
    kind: 'outbox',
    inFlight: 4,
    async send(email: OutgoingEmail): Promise<SendOutcome> {
      await mkdir(dir, { recursive: true });
      const info = await composer.sendMail({
        from: email.from,
        to: email.to,
        envelope: { from: email.from, to: [email.to] },
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId: email.messageId,
        date: new Date(),
        headers: Object.fromEntries(
          Object.entries(email.headers).map(([key, value]) => [key, { prepared: true, value }]),
        ),
      });
      const date = Date.now();
      const id = `${new Date(date).toISOString().replace(/[:.]/g, '-')}-${randomToken(6)}`;
      const meta: OutboxMessage = {
        id,
        to: email.to,
        subject: email.subject,
        date,
        html: email.html,
        text: email.text,
        headers: email.headers,
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
        .map(({ id, to, subject, date }) => ({ id, to, subject, date }));
    },
    read: readMeta,
    async raw(id: string) {
      if (!ID_PATTERN.test(id)) return undefined;
      try {
        return new Uint8Array(await readFile(join(dir, `${id}.eml`)));
      } catch {
        return undefined;
      }
    },
  };
}
