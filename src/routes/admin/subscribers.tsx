// /admin/subscribers: who receives the digest (search, counts by status and school), CSV export and import,
// and how each digest's email fared, with the messages a crash left unknown for a person to decide on.
import { t } from '../../i18n/desk-text';
import { Hono, type Context } from 'hono';
import { stream } from 'hono/streaming';
import { auditStatement } from '../../db/audit';
import { deliveryStatsByDigest, listDeliveryProblems, requeueUnknownStatement } from '../../db/deliveries';
import { findDigest } from '../../db/digests';
import { listSchools } from '../../db/schools';
import {
  countConfirmedBySchool,
  countSubscribersByStatus,
  findSubscriberById,
  forgetSubscriberStatements,
  forgottenKeyOf,
  listSubscriberSchools,
  listSubscribersAfter,
  searchSubscribers,
  unsubscribeStatements,
  type SubscriberStatus,
} from '../../db/subscribers';
import { hasRole } from '../../auth/session';
import type { AppDeps } from '../../deps';
import { readDistrictSettings } from '../../settings/district-settings';
import {
  planImport,
  writeImport,
  type ImportFigures,
  type ImportPlan,
} from '../../subscriptions/import-subscribers';
import { isUniqueTaken } from '../../db/storage-errors';
import { constantTimeEqual, randomToken, sign } from '../../auth/tokens';
import { csvLine } from '../../text/csv';
import { isLocalDate } from '../../time/zoned-time';
import {
  DeliveriesPage,
  ImportReviewPage,
  SubscriberPage,
  SubscribersPage,
} from '../../views/admin/subscribers-page';
import { redirectWith } from '../flash';
import { checkbox, field, readForm } from '../form';
import { actorOf, adminPage, type AdminEnv } from './context';
import { subscribeAddressKey } from '../../subscriptions/subscribe';

const PAGE_SIZE = 100;
const STATUSES: readonly SubscriberStatus[] = ['confirmed', 'pending', 'unsubscribed', 'suspended'];
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/**
 * What an import was shown as, sealed with the district's key: its figures, the addresses it carries, the
 * attestation and the page's one-time key. The button goes ahead only when the same seal comes back and still
 * holds, so neither a change meanwhile (someone subscribed) nor a form altered on its way is imported unseen.
 */
function importSeal(
  key: string,
  figures: ImportFigures,
  attestation: string | undefined,
  carried: string,
  once: string,
) {
  const { rows, added, confirmed, waiting, alreadyIn, leftAlone, forgotten } = figures;
  const counted = [rows, added, confirmed, waiting, alreadyIn, leftAlone, forgotten].join('-');
  const text = `subscriber-import\n${once}\n${counted}\n${attestation ?? ''}\n${carried}`;
  // A browser sends the line breaks of what it carries as CRLF, whatever they were.
  return sign(key, text.replace(/\r\n?/g, '\n'));
}

export function subscribersRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();

  /**
   * The list, its search and the import; with `typed`, the import form as it was sent: refused, with why (its
   * message), or chosen again from the page that asked about it.
   */
  const subscribersPage = async (
    c: Context<AdminEnv>,
    typed?: { message?: string; attest: boolean; attestation: string },
  ) => {
    const query = (c.req.query('q') ?? '').trim().slice(0, 200);
    const statusParam = c.req.query('status') ?? '';
    const status = (STATUSES as readonly string[]).includes(statusParam)
      ? (statusParam as SubscriberStatus)
      : undefined;
    const schoolId = Number(c.req.query('school')) || undefined;
    const page = Math.max(1, Math.min(100_000, Number(c.req.query('page')) || 1));
    const [counts, bySchool, found, schools, stats, settings] = await Promise.all([
      countSubscribersByStatus(deps.db),
      countConfirmedBySchool(deps.db),
      searchSubscribers(deps.db, {
        query: query || undefined,
        status,
        schoolId,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
      listSchools(deps.db),
      deliveryStatsByDigest(deps.db, 10),
      readDistrictSettings(deps.db),
    ]);
    return adminPage(deps, c, {
      title: t('desk.subscribers.title'),
      section: 'subscribers',
      status: typed?.message ? 422 : undefined,
      // A refused import is said in the import's own card, where the page opens (#import) to fix it.
      body: (
        <SubscribersPage
          counts={counts}
          bySchool={bySchool}
          found={found}
          search={{ query, status: status ?? '', schoolId: schoolId ?? 0, page, pageSize: PAGE_SIZE }}
          schools={schools}
          stats={stats}
          timezone={settings.timezone}
          csrfToken={c.get('csrfToken')}
          canAttest={hasRole(c.get('user')!, 'admin')}
          importTyped={typed}
        />
      ),
    });
  };

  app.get('/', (c) => subscribersPage(c));

  // One subscriber: what was agreed to and when, and for an administrator, deleting them on request.
  app.get('/:id{[0-9]+}', async (c) => {
    const subscriber = await findSubscriberById(deps.db, Number(c.req.param('id')));
    if (!subscriber) return c.notFound();
    const [schools, settings] = await Promise.all([
      listSubscriberSchools(deps.db, subscriber.id),
      readDistrictSettings(deps.db),
    ]);
    return adminPage(deps, c, {
      title: subscriber.email,
      section: 'subscribers',
      body: (
        <SubscriberPage
          subscriber={subscriber}
          schools={schools.map((s) => s.name)}
          timezone={settings.timezone}
          canDelete={hasRole(c.get('user')!, 'admin')}
          csrfToken={c.get('csrfToken')}
        />
      ),
    });
  });

  // A parent who asks the office to stop the emails: unsubscribed as their own link would, by whoever took the call.
  app.post('/:id{[0-9]+}/unsubscribe', async (c) => {
    const id = Number(c.req.param('id'));
    const back = `/admin/subscribers/${id}`;
    const subscriber = await findSubscriberById(deps.db, id);
    if (!subscriber) return c.notFound();
    if (!checkbox(await readForm(c), 'understood'))
      return redirectWith(c, deps.signingKey, back, {
        kind: 'error',
        text: t('desk.subscribers.one.stopTick'),
      });
    if (subscriber.status === 'unsubscribed')
      return redirectWith(c, deps.signingKey, back, {
        kind: 'error',
        text: t('desk.subscribers.one.alreadyStopped', { email: subscriber.email }),
      });
    await deps.db.batch(
      unsubscribeStatements(deps.db, id, deps.clock.now(), {
        actor: actorOf(deps, c),
        event: { action: 'subscriber.unsubscribe_by_staff', subjectType: 'subscriber', subjectId: id },
      }),
    );
    return redirectWith(c, deps.signingKey, back, {
      kind: 'ok',
      text: t('desk.subscribers.one.stopped', { email: subscriber.email }),
    });
  });

  app.post('/:id{[0-9]+}/delete', async (c) => {
    const id = Number(c.req.param('id'));
    const back = `/admin/subscribers/${id}`;
    if (!hasRole(c.get('user')!, 'admin'))
      return redirectWith(c, deps.signingKey, back, {
        kind: 'error',
        text: t('desk.subscribers.one.adminsOnly'),
      });
    const subscriber = await findSubscriberById(deps.db, id);
    if (!subscriber) return c.notFound();
    if (!checkbox(await readForm(c), 'understood'))
      return redirectWith(c, deps.signingKey, back, { kind: 'error', text: t('desk.subscribers.one.tick') });
    // The audit keeps that a subscriber was deleted, and by whom; not the address, which is what was asked.
    const now = deps.clock.now();
    await deps.db.batch([
      ...forgetSubscriberStatements(
        deps.db,
        subscriber,
        await forgottenKeyOf(deps.signingKey, subscriber.email),
        now,
        [subscribeAddressKey(subscriber.email)],
      ),
      auditStatement(
        deps.db,
        actorOf(deps, c),
        { action: 'subscriber.delete', subjectType: 'subscriber', subjectId: id, details: {} },
        now,
      ),
    ]);
    // With no mail server, what was written to them waits in the outbox folder: it goes too. The record is
    // deleted by now, so a folder that refuses is said, not an error page for a deletion that happened.
    const outboxLeft = await deps.outbox?.forget({ subscriberId: id, addresses: [subscriber.email] }).then(
      () => false,
      (error: unknown) => {
        deps.log.error('outbox copies of a deleted subscriber’s email not removed', { error: String(error) });
        return true;
      },
    );
    return redirectWith(c, deps.signingKey, '/admin/subscribers', {
      kind: outboxLeft ? 'error' : 'ok',
      text: outboxLeft
        ? t('desk.subscribers.one.deletedOutboxLeft', { folder: deps.config.outboxDir })
        : t('desk.subscribers.one.deleted'),
    });
  });

  // Streamed a thousand rows at a time, so a list of any size leaves memory flat.
  app.get('/export.csv', (c) => {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="yesterday-subscribers.csv"');
    c.header('Cache-Control', 'no-store');
    return stream(c, async (out) => {
      const iso = (ms: number | null) => (ms ? new Date(ms).toISOString() : '');
      await out.write(
        csvLine([
          'email',
          'status',
          'schools',
          'language',
          'consent_at',
          'consent_source',
          'consent_text',
          'consent_schools',
          'confirmed_at',
          'unsubscribed_at',
          'bounces',
        ]),
      );
      for (let after = 0; ;) {
        const rows = await listSubscribersAfter(deps.db, after, 1000);
        if (rows.length === 0) break;
        await out.write(
          rows
            .map((s) =>
              csvLine([
                s.email,
                s.status,
                s.schoolSlugs ?? '',
                s.language,
                iso(s.consentAt),
                s.consentSource,
                s.consentText,
                s.consentSchools ? (JSON.parse(s.consentSchools) as string[]).join(';') : '',
                iso(s.confirmedAt),
                iso(s.unsubscribedAt),
                s.bounceCount,
              ]),
            )
            .join(''),
        );
        after = rows.at(-1)!.id;
      }
    });
  });

  // A refused import answers at this address; opened again (from the history, say), it is the page.
  app.get('/import', (c) => c.redirect('/admin/subscribers#import', 303));

  app.post('/import', async (c) => {
    // The top of the page, where what happened is said (the import form is far below a long list). Named, as
    // a redirect without a fragment of its own keeps the form's (#import).
    const back = '/admin/subscribers#top';
    const form = await readForm(c);
    const upload = Array.isArray(form.file) ? form.file[0] : form.file;
    // Going ahead after the question: the addresses it read come back with the answer (a browser never fills a
    // file in again), and are checked and counted again as if they were uploaded now.
    // (A browser sends its line breaks as CRLF; the text was sealed with LF.)
    const carried =
      field(form, 'confirmed') === 'yes' && typeof form.csv === 'string'
        ? form.csv.replace(/\r\n?/g, '\n')
        : undefined;
    const attested = checkbox(form, 'attest');
    const attestation = field(form, 'attestation', 1000);
    // Refused before reading it: said in the import's card, with what was written kept.
    const refuse = (message: string) => subscribersPage(c, { message, attest: attested, attestation });
    // "Choose another file" on the page that asked: the form again, with the attestation as it was written.
    if (field(form, 'another') === '1') return subscribersPage(c, { attest: attested, attestation });
    if (carried === undefined) {
      if (!(upload instanceof File) || upload.size === 0) return refuse(t('desk.subscribers.chooseFile'));
      if (upload.size > MAX_IMPORT_BYTES) return refuse(t('desk.subscribers.tooLarge'));
    }
    // Confirmed on someone's word, with no email to the address: an administrator's decision (README).
    if (attested && !hasRole(c.get('user')!, 'admin')) return refuse(t('desk.subscribers.attestAdminOnly'));
    const attestedBy = attested ? attestation : undefined;
    const planned = await planImport(deps.db, deps.signingKey, {
      csv: carried ?? (upload as File),
      attestation: attestedBy,
    });
    // Refused (a bad line, an attestation too short): the page again, the attestation as it was written.
    if (!planned.ok) return refuse(planned.message);
    const { plan } = planned;
    /** The page that asks to go ahead: the figures, sealed; `changed` when the ones shown before no longer hold. */
    const review = async (plan: ImportPlan, changed: boolean) => {
      // The page's own key: its button imports once, however often it is pressed.
      const once = randomToken(12);
      const schools = new Map((await listSchools(deps.db)).map((school) => [school.id, school.name]));
      return adminPage(deps, c, {
        title: t('desk.subscribers.review.title'),
        section: 'subscribers',
        body: (
          <ImportReviewPage
            figures={plan.figures}
            expected={await importSeal(deps.signingKey, plan.figures, attestedBy, plan.carried, once)}
            once={once}
            changed={changed}
            fileName={carried === undefined ? (upload as File).name : field(form, 'name', 200)}
            csv={plan.carried}
            attestation={attested ? attestation : undefined}
            // Schools in the district's order, every school last; languages the most common first.
            bySchool={[...schools.keys(), 0]
              .filter((id) => plan.bySchool.has(id))
              .map((id) => ({ name: schools.get(id), count: plan.bySchool.get(id)! }))}
            byLanguage={[...plan.byLanguage].sort((a, b) => b[1] - a[1])}
            misspelt={plan.misspelt}
            sample={plan.fresh.slice(0, 5).map((row) => ({
              email: row.email,
              schools: row.schoolIds.map((id) => schools.get(id) ?? ''),
              language: row.language,
            }))}
            csrfToken={c.get('csrfToken')}
          />
        ),
      });
    };
    // Nothing is written before the person who chose the file has seen what it does, in these figures; figures
    // that changed since (someone subscribed meanwhile) are shown again rather than acted on.
    const once = field(form, 'once', 64);
    const seal = await importSeal(deps.signingKey, plan.figures, attestedBy, carried ?? plan.carried, once);
    if (carried === undefined || !once || !constantTimeEqual(field(form, 'expected', 200), seal))
      return review(plan, carried !== undefined);
    try {
      await writeImport(deps.db, actorOf(deps, c), plan, deps.clock.now(), once);
    } catch (error) {
      // This page's button pressed again while its first press was writing: that one imports, this one nothing.
      if (isUniqueTaken(error, 'job_marks'))
        return redirectWith(c, deps.signingKey, back, {
          kind: 'ok',
          text: t('desk.subscribers.imported.pressedTwice'),
        });
      // Some of these addresses were added between counting and writing (the same file imported from another
      // question page, a parent signing up): none of this press's were, as the import is one batch. Counted
      // again, the page says what is left to do.
      if (!isUniqueTaken(error, 'subscribers')) throw error;
      const again = await planImport(deps.db, deps.signingKey, { csv: carried, attestation: attestedBy });
      if (!again.ok) return refuse(again.message);
      // Nothing left to do: another import of the file (or parents signing up) added what this one would have.
      if (again.plan.figures.added === 0 && again.plan.figures.confirmed === 0)
        return redirectWith(c, deps.signingKey, back, {
          kind: 'ok',
          text: t('desk.subscribers.imported.justNow'),
        });
      return review(again.plan, true);
    }
    const outcome = plan.figures;
    if (outcome.waiting) deps.background.wakeSender();
    const parts = [
      t('desk.subscribers.imported.added', { count: outcome.added }),
      outcome.confirmed ? t('desk.subscribers.imported.confirmed', { count: outcome.confirmed }) : '',
      outcome.waiting ? t('desk.subscribers.imported.waiting', { count: outcome.waiting }) : '',
      outcome.alreadyIn ? t('desk.subscribers.imported.alreadyIn', { count: outcome.alreadyIn }) : '',
      outcome.leftAlone ? t('desk.subscribers.imported.leftAlone', { count: outcome.leftAlone }) : '',
      outcome.forgotten ? t('desk.subscribers.imported.forgotten', { count: outcome.forgotten }) : '',
    ];
    return redirectWith(c, deps.signingKey, back, {
      kind: 'ok',
      text: parts.filter(Boolean).join(' '),
    });
  });

  app.get('/deliveries/:date', async (c) => {
    const date = c.req.param('date');
    const digest = isLocalDate(date) ? await findDigest(deps.db, date) : undefined;
    if (!digest) return c.notFound();
    const [stats, problems, settings] = await Promise.all([
      deliveryStatsByDigest(deps.db, 400),
      listDeliveryProblems(deps.db, digest.id, 1000),
      readDistrictSettings(deps.db),
    ]);
    return adminPage(deps, c, {
      title: t('desk.subscribers.deliveries.title', { date }),
      section: 'subscribers',
      body: (
        <DeliveriesPage
          date={date}
          counts={stats.find((s) => s.digestId === digest.id)?.counts}
          problems={problems}
          timezone={settings.timezone}
          csrfToken={c.get('csrfToken')}
        />
      ),
    });
  });

  app.post('/deliveries/:date/send-unknown', async (c) => {
    const date = c.req.param('date');
    const digest = isLocalDate(date) ? await findDigest(deps.db, date) : undefined;
    if (!digest) return c.notFound();
    const back = `/admin/subscribers/deliveries/${date}`;
    if (!checkbox(await readForm(c), 'understood'))
      return redirectWith(c, deps.signingKey, back, {
        kind: 'error',
        text: t('desk.subscribers.deliveries.tick'),
      });
    const now = deps.clock.now();
    const unknown = (await deliveryStatsByDigest(deps.db, 400)).find((s) => s.digestId === digest.id)?.counts
      .unknown;
    await deps.db.batch([
      requeueUnknownStatement(deps.db, digest.id, now),
      auditStatement(
        deps.db,
        actorOf(deps, c),
        {
          action: 'deliveries.resend_unknown',
          subjectType: 'digest',
          subjectId: date,
          details: { count: unknown },
        },
        now,
      ),
    ]);
    deps.background.wakeSender();
    return redirectWith(c, deps.signingKey, back, {
      kind: 'ok',
      text: t('desk.subscribers.deliveries.queued', { count: unknown ?? 0 }),
    });
  });

  return app;
}
