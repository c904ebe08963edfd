// /admin/inbox: the desk for one day. GET shows it; each button of its one form posts to its own path under
// /admin/inbox/DATE/…, and the actions that go on from the page as it is (add, move, publish, …) first save
// every edit in the form. JSON requests (the autosave script) get JSON answers.
import { t } from '../../i18n/desk-text';
import { Hono, type Context } from 'hono';
import { approveDesk } from '../../curate/approval';
import {
  can,
  DeskError,
  deskDepsOf,
  differsFromStored,
  loadDesk,
  markReady,
  overrideFinding,
  publishDesk,
  checkPublishable,
  saveDesk,
  submitForReview,
  takeDownEntry,
  takeDownEntryPicture,
  translationsSeen,
  translationsSeenRefusal,
  type TellOwner,
  unpublishDesk,
  checkUnpublishable,
  type DeskActor,
  type DeskState,
  type DraftInput,
  type LookAlike,
} from '../../curate/desk';
import { DIGEST_LEVEL, NOT_OVERRIDABLE } from '../../curate/run-checks';
import { approveCorrection, correctDesk, discardCorrection } from '../../curate/correct-digest';
import { countWouldReceive, findDigest, type Digest } from '../../db/digests';
import { listUsers } from '../../db/users';
import type { AppDeps } from '../../deps';
import type { ReplacedPosts } from '../../db/social-posts';
import { readDistrictSettings, siteOf } from '../../settings/district-settings';
import { formatDateTime, formatSlot } from '../../time/format';
import { dueAt } from '../../publish/schedule';
import { addDays, isLocalDate, localDateOf } from '../../time/zoned-time';
import {
  checksLabel,
  DeskPage,
  publishWaits,
  statusSummary,
  TRANSLATED_NOTE,
} from '../../views/admin/desk-page';
import { daysOf, findingSlotsOf, type RefusedTexts } from '../../views/admin/desk-entry';
import { FirstRunChecklist } from '../../views/admin/first-run-checklist';
import { quietSchools } from '../../reports/quiet-schools';
import { firstRunSteps } from '../../settings/first-run';
import { lastPublishedAt } from '../../db/digests';
import { dayIs, PublishConfirmPage } from '../../views/admin/publish-confirm-page';
import { UnpublishConfirmPage } from '../../views/admin/unpublish-confirm-page';
import { listSocialAccounts } from '../../db/social-accounts';
import { redirectWith } from '../flash';
import { checkbox, field, readForm, type FormBody } from '../form';
import { adminPage, currentUser, deskActorOf, type AdminEnv } from './context';
import { draftFromForm, withEntry, withEntryMoved, withoutEntry } from './desk-form';
import { mineOver } from './desk-mine';
import { emailIsOn } from '../../email/no-mailer';
import { renderTranslationTab } from './translations';
import { truncateWords } from '../../text/html-to-text';
import type { Flash } from '../../views/admin-layout';

/** The day in a path; isLocalDate then checks that it exists. */
const DAY = ':date{[0-9]{4}-[0-9]{2}-[0-9]{2}}';
const ITEM = ':item{[0-9]+}';

/** One press of a button of the desk's form. */
interface DeskRequest {
  date: string;
  form: FormBody;
  /** What the page holds, with what the button changes (an entry added, moved or removed) applied. */
  draft: DraftInput;
  actor: DeskActor;
  wantsJson: boolean;
}

const itemOf = (c: Context) => Number(c.req.param('item'));

export function inboxRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();
  const desk = deskDepsOf(deps);
  const back = (date: string, anchor = '') => `/admin/inbox?date=${date}${anchor}`;
  const done = (c: Context, date: string, text: string, anchor = '') =>
    redirectWith(c, deps.signingKey, back(date, anchor), { kind: 'ok', text });

  const dayOf = async (c: Context) => {
    const requested = c.req.query('date');
    if (requested && isLocalDate(requested)) return requested;
    const { timezone } = await readDistrictSettings(deps.db);
    return addDays(localDateOf(deps.clock.now(), timezone), -1);
  };

  /** The schedule button's words: the digest's own slot in full, or that it is late. */
  const scheduleOf = (state: DeskState) => {
    const { settings } = state;
    const due = dueAt(state.date, settings);
    if (due === undefined) return undefined;
    return deps.clock.now() > due
      ? { lateSince: formatDateTime(due, settings.timezone) }
      : { slotLabel: formatSlot(due, settings.timezone) };
  };

  const render = async (
    c: Context<AdminEnv>,
    state: DeskState,
    options: {
      theirs?: DeskState;
      status?: 200 | 409 | 422;
      flash?: { kind: 'ok' | 'error'; text: string };
      correctionNote?: string;
      /** Why the note was refused (too short, too long): said beside it. */
      correctionNoteProblem?: string;
      /** The note as typed in the district's other languages, by language. */
      correctionNotes?: Readonly<Record<string, string>>;
      correctionEmail?: boolean;
      refused?: RefusedTexts;
    } = {},
  ) => {
    const user = currentUser(c);
    const people = await listUsers(deps.db);
    const names = new Map(people.map((u) => [u.id, u.name || u.email]));
    const approvers = new Set(people.filter((u) => !u.disabled && can(u.role, 'approve')).map((u) => u.id));
    const quiet = await quietSchools(deps.db, state.settings.timezone, deps.clock.now());
    const steps =
      user.role === 'admin' ? await firstRunSteps({ db: deps.db, mailFrom: deps.config.mailFrom }) : [];
    // Once the district has published, what is left of the list folds away above the morning's work.
    const running = steps.length > 0 && (await lastPublishedAt(deps.db)) !== null;
    return adminPage(deps, c, {
      title: t('desk.inbox.title'),
      section: 'inbox',
      status: options.status,
      flash: options.flash,
      body: (
        <>
          <FirstRunChecklist steps={steps} folded={running} />
          <DeskPage
            state={state}
            role={user.role}
            userId={user.id}
            csrfToken={c.get('csrfToken')}
            previousDate={addDays(state.date, -1)}
            nextDate={addDays(state.date, 1)}
            theirs={options.theirs}
            correctionNote={options.correctionNote}
            correctionNoteProblem={options.correctionNoteProblem}
            correctionNotes={options.correctionNotes}
            correctionEmail={options.correctionEmail}
            names={names}
            approvers={approvers}
            emailOff={!emailIsOn(deps.mailer)}
            schedule={scheduleOf(state)}
            now={deps.clock.now()}
            quiet={quiet}
            refused={options.refused}
          />
        </>
      ),
    });
  };

  /** The desk as it is now, saying why something was refused, with each refused text back in its field. */
  const keptOnDesk = async (c: Context<AdminEnv>, date: string, text: string, kept: RefusedTexts) =>
    render(c, await loadDesk(desk, date), { status: 422, flash: { kind: 'error', text }, refused: kept });

  /**
   * What the desk answers when the service refuses: the page with both versions on a conflict; the page with
   * the text the button carried (a reason, say) back in its field and why beside it; else a flash.
   */
  const refused = async (
    c: Context<AdminEnv>,
    request: DeskRequest,
    error: DeskError,
    carried: string[] = [],
  ) => {
    if (request.wantsJson) {
      // The desk's script says whose save it met: the same person's, from another tab, or someone else's.
      const yours = error.details.savedBy === 'you';
      return c.json(
        { ok: false, error: { code: error.code, message: error.message, ...(yours ? { yours } : {}) } },
        error.status,
      );
    }
    // Publish pressed on the preview: the preview again (in the language it showed), of the digest as it is
    // now, saying why.
    if (field(request.form, 'from', 10) === 'preview') {
      const lang = field(request.form, 'from_lang', 10);
      const tab = /^[a-z]{2,3}$/.test(lang) ? `&lang=${lang}` : '';
      return redirectWith(c, deps.signingKey, `/admin/inbox/preview?date=${request.date}${tab}`, {
        kind: 'error',
        text: error.message,
      });
    }
    if (error.code === 'published') {
      // Published from another tab or by someone else while this page was open: the page as published, with
      // what was typed here laid over it in the correction's fields, so nothing typed is lost.
      const current = error.details.current ?? (await loadDesk(desk, request.date));
      const typedOther = await differsFromStored(desk, current, request.draft).catch(() => true);
      if (current.digest?.status === 'published' && typedOther)
        return render(c, await mineOver(deps.db, current, request.draft), {
          status: 409,
          flash: { kind: 'error', text: `${error.message} ${t('desk.inbox.flashes.keptForCorrection')}` },
        });
    }
    if (error.code === 'conflict' && error.details.current) {
      // Nothing the person typed is lost: the form comes back with their version, beside the stored one.
      return render(c, await mineOver(deps.db, error.details.current, request.draft), {
        theirs: error.details.current,
        status: 409,
        flash: { kind: 'error', text: error.message },
      });
    }
    // A text refused for what it says (too short, say) comes back to be finished; a button refused for who
    // pressed it or for what happened meanwhile says so over the desk as it is now.
    if (carried.length > 0 && error.status === 422) {
      const about =
        carried.find((name) => error.details.field && name.includes(error.details.field)) ?? carried[0];
      return keptOnDesk(
        c,
        request.date,
        error.message,
        new Map(
          carried.map((name) => [
            name,
            { text: field(request.form, name, 2000), problem: name === about ? error.message : undefined },
          ]),
        ),
      );
    }
    return redirectWith(c, deps.signingKey, back(request.date), {
      kind: 'error',
      text: error.message,
      ...firstFindingLink(request, error),
    });
  };

  /**
   * For a refusal over open findings: a link to the first of them as the page shows them, the digest's own
   * (its title and intro, its languages) above the entries, then the entries in their order.
   */
  const firstFindingLink = (request: DeskRequest, error: DeskError): Pick<Flash, 'link'> => {
    const open = error.code === 'findings' ? (error.details.findings ?? []) : [];
    const label = t('desk.inbox.flashes.firstFinding');
    if (open.some((finding) => finding.itemId === DIGEST_LEVEL))
      return { link: { href: '#digest-heading', label } };
    const order = request.draft.entries.map((entry) => entry.itemId);
    const first = open
      .filter((finding) => order.includes(finding.itemId))
      .sort((a, b) => order.indexOf(a.itemId) - order.indexOf(b.itemId))[0];
    return first ? { link: { href: `#entry-${first.itemId}`, label } } : {};
  };

  /** A handler for one button: reads the form (and applies what the button changes), refusals answered alike. */
  const act =
    (
      work: (c: Context<AdminEnv>, request: DeskRequest) => Promise<Response>,
      change: (draft: DraftInput, c: Context) => DraftInput = (draft) => draft,
      /**
       * The form fields with the texts this button is about (a reason first), kept in their fields if refused;
       * the first says why unless the refusal names another (DeskError's `field`).
       */
      carries?: (c: Context) => string | string[],
    ) =>
    async (c: Context<AdminEnv>) => {
      const date = c.req.param('date') ?? '';
      if (!isLocalDate(date))
        return redirectWith(c, deps.signingKey, '/admin/inbox', {
          kind: 'error',
          text: t('desk.inbox.flashes.badDate'),
        });
      const form = await readForm(c);
      const request: DeskRequest = {
        date,
        form,
        draft: change(draftFromForm(form), c),
        actor: deskActorOf(deps, c),
        wantsJson: (c.req.header('accept') ?? '').includes('application/json'),
      };
      try {
        return await work(c, request);
      } catch (error) {
        if (!(error instanceof DeskError)) throw error;
        return refused(c, request, error, [carries?.(c) ?? []].flat());
      }
    };

  // A published digest is never saved as a draft: it changes only by a correction, a takedown or unpublishing.
  const isPublished = async (date: string) => {
    const status = (await findDigest(deps.db, date))?.status;
    return status === 'published' || status === 'unpublished';
  };

  /**
   * The reasons typed under open findings of the saved version (form fields reason_ITEM_KIND), each recorded as
   * its own button would: how many were, and each refused one (too short, say) by its field, with why.
   */
  const recordTypedReasons = async (request: DeskRequest, saved: DeskState) => {
    const outcome = { recorded: 0, refused: new Map<string, { text: string; problem: string }>() };
    if (!can(request.actor.role, 'override')) return outcome;
    for (const finding of saved.open) {
      const name = `reason_${finding.itemId}_${finding.kind}`;
      const reason = field(request.form, name, 500).trim();
      if (!reason || NOT_OVERRIDABLE.has(finding.kind)) continue;
      try {
        await overrideFinding(desk, request.actor, request.date, { ...finding, reason });
        outcome.recorded++;
      } catch (error) {
        if (!(error instanceof DeskError)) throw error;
        outcome.refused.set(name, { text: reason, problem: error.message });
      }
    }
    return outcome;
  };

  type TypedReasons = Awaited<ReturnType<typeof recordTypedReasons>>;

  /** What is said of the reasons refused, each in a sentence. */
  const refusalsOf = (typed: TypedReasons) =>
    [...typed.refused.values()].map(({ problem }) =>
      t('desk.inbox.flashes.reasonNotRecorded', { reason: problem }),
    );

  /**
   * The desk again, saying the draft was saved and which typed reasons were recorded and which not, and why; each
   * refused one stays in its field, opened, with why beside it.
   */
  const reasonsRefused = async (c: Context<AdminEnv>, request: DeskRequest, typed: TypedReasons) =>
    keptOnDesk(
      c,
      request.date,
      [
        t('desk.inbox.flashes.saved'),
        ...(typed.recorded ? [t('desk.inbox.flashes.reasonsRecorded', { count: typed.recorded })] : []),
        ...refusalsOf(typed),
      ].join(' '),
      typed.refused,
    );

  /**
   * For the buttons that need the findings resolved (Publish now, Schedule): the reasons typed under findings
   * are recorded first, as Save draft records them; one refused stops the button with the sentence why (the
   * page again, each refused reason in its field, or for a script the refusal).
   */
  const recordReasonsOrRefuse = async (c: Context<AdminEnv>, request: DeskRequest, saved: DeskState) => {
    const typed = await recordTypedReasons(request, saved);
    if (typed.refused.size === 0) return undefined;
    if (request.wantsJson) throw new DeskError(422, 'reason-required', refusalsOf(typed).join(' '));
    return reasonsRefused(c, request, typed);
  };

  /** Staff by id, as the status line names them. */
  const userNames = async () => new Map((await listUsers(deps.db)).map((u) => [u.id, u.name || u.email]));

  const saveDraft = async (
    request: DeskRequest,
  ): Promise<DeskState & { digest: Digest; unscheduled?: boolean; wasScheduledFor?: number }> => {
    const before = await findDigest(deps.db, request.date);
    const status = before?.status;
    if (status === 'unpublished')
      throw new DeskError(409, 'unpublished', t('desk.refusals.takenDownMeanwhile'));
    if (status === 'published') throw new DeskError(409, 'published', t('desk.inbox.flashes.published'));
    const saved = await saveDesk(desk, request.actor, request.date, request.draft);
    const wasScheduledFor = status === 'ready' ? (before?.scheduledFor ?? undefined) : undefined;
    return { ...saved, digest: saved.digest!, wasScheduledFor };
  };

  app.get('/', async (c) => {
    const date = await dayOf(c);
    // ?lang=es: the tab for one of the district's other languages (routes/admin/translations.tsx).
    const lang = c.req.query('lang');
    if (lang) return renderTranslationTab(deps, c, date, lang);
    return render(c, await loadDesk(desk, date));
  });

  app.post(
    `/${DAY}/save`,
    act(async (c, request) => {
      const saved = await saveDraft(request);
      if (request.wantsJson)
        return c.json({
          ok: true,
          version: saved.digest.version,
          // The status line as the page would show it now (the version, who saved it), for the script to show.
          status: statusSummary(saved, await userNames(), request.actor.role, deps.clock.now()),
          // Said beside "Saved" when this save took a scheduled digest back to a draft.
          unscheduled: saved.unscheduled ? t('desk.inbox.flashes.unscheduled') : null,
          openFindings: saved.open.length,
          // The checks as the page would show them, so the desk's script shows them as the coordinator types.
          // What publishing now waits for, if anything, for the note beside its buttons.
          checks: {
            label: checksLabel(saved.open.length),
            ok: saved.open.length === 0,
            waits: publishWaits(saved) ?? null,
          },
          findings: findingSlotsOf(
            request.date,
            saved.findings,
            saved.entries.map((entry) => entry.itemId),
            can(request.actor.role, 'override'),
          ),
        });
      // A reason typed under a finding and sent with Save draft rather than its own button is recorded too,
      // as if that button had been pressed: a person's words are not dropped without a word.
      const typed = await recordTypedReasons(request, saved);
      if (typed.refused.size) return reasonsRefused(c, request, typed);
      return done(
        c,
        request.date,
        [
          t('desk.inbox.flashes.saved'),
          ...(typed.recorded ? [t('desk.inbox.flashes.reasonsRecorded', { count: typed.recorded })] : []),
          ...(saved.unscheduled ? [t('desk.inbox.flashes.unscheduled')] : []),
        ].join(' '),
      );
    }),
  );

  app.post(
    `/${DAY}/entries/${ITEM}/add`,
    act(
      async (c, request) => {
        await saveDraft(request);
        return c.redirect(back(request.date, `#entry-${itemOf(c)}`), 303);
      },
      (draft, c) => withEntry(draft, itemOf(c)),
    ),
  );

  app.post(
    `/${DAY}/entries/${ITEM}/remove`,
    act(
      async (c, request) => {
        await saveDraft(request);
        return done(c, request.date, t('desk.inbox.flashes.removed'));
      },
      (draft, c) => withoutEntry(draft, itemOf(c)),
    ),
  );

  for (const [direction, by] of [
    ['up', -1],
    ['down', 1],
  ] as const) {
    app.post(
      `/${DAY}/entries/${ITEM}/${direction}`,
      act(
        async (c, request) => {
          await saveDraft(request);
          return c.redirect(back(request.date, `#entry-${itemOf(c)}`), 303);
        },
        (draft, c) => withEntryMoved(draft, itemOf(c), by),
      ),
    );
  }

  app.post(
    `/${DAY}/findings/:item{[0-9]+}/:kind{[a-z-]+}/override`,
    act(
      async (c, request) => {
        const itemId = itemOf(c);
        const kind = c.req.param('kind') ?? '';
        if (!(await isPublished(request.date))) await saveDraft(request);
        const { approvalTakenBack } = await overrideFinding(desk, request.actor, request.date, {
          itemId,
          kind,
          reason: field(request.form, `reason_${itemId}_${kind}`, 500),
        });
        const said = t('desk.inbox.flashes.recorded');
        return done(
          c,
          request.date,
          approvalTakenBack ? `${said} ${t('desk.inbox.flashes.approvalTakenBack')}` : said,
          `#entry-${itemId}`,
        );
      },
      undefined,
      (c) => `reason_${itemOf(c)}_${c.req.param('kind') ?? ''}`,
    ),
  );

  app.post(
    `/${DAY}/preview`,
    act(async (c, request) => {
      const preview = `/admin/inbox/preview?date=${request.date}`;
      if (await isPublished(request.date)) return c.redirect(preview, 303);
      const saved = await saveDraft(request);
      // Reasons typed under findings are recorded here too, as Save draft records them; one refused keeps the
      // coordinator on the desk with the sentence why, since the preview would show the finding still open.
      const typed = await recordTypedReasons(request, saved);
      if (typed.refused.size) return reasonsRefused(c, request, typed);
      if (typed.recorded)
        return redirectWith(c, deps.signingKey, preview, {
          kind: 'ok',
          text: t('desk.inbox.flashes.reasonsRecordedPreview', { count: typed.recorded }),
        });
      return c.redirect(preview, 303);
    }),
  );

  app.post(
    `/${DAY}/submit`,
    act(async (c, request) => {
      const saved = await saveDraft(request);
      const settings = await readDistrictSettings(deps.db);
      const { already } = await submitForReview(
        desk,
        request.actor,
        request.date,
        siteOf(settings, deps.config.publicUrl),
        saved,
      );
      return done(
        c,
        request.date,
        already ? t('desk.inbox.flashes.alreadySubmitted') : t('desk.inbox.flashes.submitted'),
      );
    }),
  );

  // Approving saves nothing: the approver approves the version their page shows, or is told why not.
  app.post(
    `/${DAY}/approve`,
    act(async (c, request) => {
      try {
        await approveDesk(
          desk,
          request.actor,
          request.date,
          request.draft.version,
          request.draft,
          // The desk's page always carries it; a form made some other way approves what it names, if anything.
          request.form.approval_revision === undefined
            ? undefined
            : field(request.form, 'approval_revision', 40),
        );
      } catch (error) {
        if (!(error instanceof DeskError) || error.status !== 409) throw error;
        const current = error.details.current ?? (await loadDesk(desk, request.date));
        // Moved on: the version now saved, to review afresh. Edited here: the page as typed, nothing lost.
        const shown =
          error.code === 'unsaved-changes' ? await mineOver(deps.db, current, request.draft) : current;
        return render(c, shown, { status: 409, flash: { kind: 'error', text: error.message } });
      }
      return done(c, request.date, t('desk.inbox.flashes.approved'));
    }),
  );

  app.post(
    `/${DAY}/ready`,
    act(async (c, request) => {
      const saved = await saveDraft(request);
      const stopped = await recordReasonsOrRefuse(c, request, saved);
      if (stopped) return stopped;
      // Scheduling a day whose slot has passed would send it at the next day's slot, in place of that day's own
      // digest: the desk says it is late instead (the draft is saved; the API still schedules it).
      const late = scheduleOf(saved);
      if (late?.lateSince !== undefined)
        throw new DeskError(422, 'late', t('desk.inbox.flashes.late', { since: late.lateSince }));
      const slot = await markReady(desk, request.actor, request.date, saved.digest.version);
      const { timezone } = await readDistrictSettings(deps.db);
      return done(
        c,
        request.date,
        t('desk.inbox.flashes.scheduled', { when: formatDateTime(slot, timezone) }),
      );
    }),
  );

  app.post(
    `/${DAY}/publish`,
    act(async (c, request) => {
      // Publishing reaches every family at once, so Publish now first saves and asks, with the real count; the
      // page's own button (confirmed=yes, the version it showed) publishes exactly that version.
      if (field(request.form, 'confirmed', 10) !== 'yes') {
        const saved = await saveDraft(request);
        const stopped = await recordReasonsOrRefuse(c, request, saved);
        if (stopped) return stopped;
        await checkPublishable(desk, request.actor, await loadDesk(desk, request.date), saved.digest.version);
        const [recipients, accounts, { timezone }] = await Promise.all([
          emailIsOn(deps.mailer) ? countWouldReceive(deps.db, saved.digest.id) : 0,
          listSocialAccounts(deps.db).then((all) => all.filter((a) => a.status === 'active').length),
          readDistrictSettings(deps.db),
        ]);
        return adminPage(deps, c, {
          title: t('desk.publish.confirm.title'),
          section: 'inbox',
          body: (
            <PublishConfirmPage
              date={request.date}
              version={saved.digest.version}
              translationsSeen={translationsSeen(saved)}
              entries={saved.entries.length}
              recipients={recipients}
              accounts={accounts}
              emailOn={emailIsOn(deps.mailer)}
              dayIs={dayIs(request.date, localDateOf(deps.clock.now(), timezone), timezone)}
              schedule={
                saved.wasScheduledFor === undefined
                  ? undefined
                  : {
                      when: formatSlot(saved.wasScheduledFor, timezone),
                      kept: saved.digest.status === 'ready',
                      // Its time passed while no scheduler ran (a server down, say).
                      overdue: saved.wasScheduledFor <= deps.clock.now(),
                    }
              }
              csrfToken={c.get('csrfToken')}
              carried={Object.entries(request.form).flatMap(([name, value]) =>
                name === '_csrf' || name === 'version' || name === 'confirmed'
                  ? []
                  : (Array.isArray(value) ? value : [value]).flatMap((v) =>
                      typeof v === 'string' ? [[name, v] as [string, string]] : [],
                    ),
              )}
            />
          ),
        });
      }
      const version = Number(field(request.form, 'version', 20));
      // A translation saved since the question was drawn moves no version: it is compared on its own.
      const seen = request.form['translations_seen'];
      if (typeof seen === 'string') {
        const refusal = translationsSeenRefusal(await loadDesk(desk, request.date), seen);
        if (refusal) throw refusal;
      }
      const { queued } = await publishDesk(desk, request.actor, request.date, version);
      return done(
        c,
        request.date,
        emailIsOn(deps.mailer)
          ? t('desk.inbox.flashes.publishedEmails', { count: queued })
          : t('desk.inbox.flashes.publishedNoEmail'),
      );
    }),
  );

  app.post(
    `/${DAY}/correction/approve`,
    act(async (c, request) => {
      const { emails } = await approveCorrection(
        desk,
        request.actor,
        request.date,
        field(request.form, 'pending_id', 40),
      );
      return done(
        c,
        request.date,
        emails
          ? t('desk.inbox.flashes.correctedEmails', { count: emails })
          : t('desk.inbox.flashes.corrected'),
      );
    }),
  );

  app.post(
    `/${DAY}/correction/discard`,
    act(async (c, request) => {
      await discardCorrection(desk, request.actor, request.date, field(request.form, 'pending_id', 40));
      return done(c, request.date, t('desk.inbox.flashes.correctionDiscarded'));
    }),
  );

  app.post(
    `/${DAY}/correct`,
    act(async (c, request) => {
      const note = field(request.form, 'correction_note', 2000);
      const noteTranslations = Object.fromEntries(
        Object.keys(request.form).flatMap((name) =>
          name.startsWith(TRANSLATED_NOTE) && name.length > TRANSLATED_NOTE.length
            ? [[name.slice(TRANSLATED_NOTE.length), field(request.form, name, 2000)]]
            : [],
        ),
      );
      // Reasons typed under the corrected text's findings go with it (a correction has no draft to record
      // them on alone), and stay in their fields if it is refused.
      const reasons = Object.keys(request.form).flatMap((name) => {
        const [, item, kind] = /^reason_(\d+)_([a-z-]+)$/.exec(name) ?? [];
        const reason = item ? field(request.form, name, 500).trim() : '';
        return reason ? [{ itemId: Number(item), kind: kind!, reason }] : [];
      });
      try {
        const { emails, pending } = await correctDesk(desk, request.actor, request.date, {
          ...request.draft,
          note,
          noteTranslations,
          email: field(request.form, 'correction_email') === '1',
          reasons,
        });
        return done(
          c,
          request.date,
          pending
            ? emailIsOn(deps.mailer)
              ? t('desk.inbox.flashes.correctionProposed')
              : t('desk.inbox.flashes.correctionProposedNoEmail')
            : emails
              ? t('desk.inbox.flashes.correctedEmails', { count: emails })
              : t('desk.inbox.flashes.corrected'),
        );
      } catch (error) {
        if (!(error instanceof DeskError) || error.status !== 422) throw error;
        // The correction comes back as typed, note included, with what the checks found beside each post.
        const mine = await mineOver(deps.db, await loadDesk(desk, request.date), request.draft);
        const findings = error.details.findings ?? [];
        return render(
          c,
          {
            ...mine,
            entries: mine.entries.map((e) => ({
              ...e,
              findings: findings.filter((f) => f.itemId === e.itemId),
            })),
            findings,
            open: findings,
          },
          {
            status: 422,
            flash: {
              kind: 'error',
              text: t('desk.inbox.flashes.correctionRefused', { reason: error.message }),
            },
            correctionNote: note,
            correctionNoteProblem: error.details.field === 'correction_note' ? error.message : undefined,
            correctionNotes: noteTranslations,
            correctionEmail: field(request.form, 'correction_email') === '1',
            refused: new Map(
              reasons.map(({ itemId, kind, reason }) => {
                const name = `reason_${itemId}_${kind}`;
                return [
                  name,
                  { text: reason, problem: error.details.field === name ? error.message : undefined },
                ];
              }),
            ),
          },
        );
      }
    }),
  );

  /** What a takedown did to the district's social posts that showed what came down. */
  const socialSaid = (replaced: ReplacedPosts) => [
    replaced.again ? t('desk.inbox.flashes.socialReplaced', { count: replaced.again }) : '',
    replaced.deleted ? t('desk.inbox.flashes.socialDeleted', { count: replaced.deleted }) : '',
    replaced.byHand ? t('desk.inbox.flashes.socialByHand', { count: replaced.byHand }) : '',
  ];

  /** Published posts whose picture looks like the one taken down: for a person to look at (desk.ts). */
  const lookAlikesSaid = (alike: LookAlike[]) =>
    alike.length
      ? t('desk.inbox.flashes.pictureLooksAlikeIn', { count: alike.length, days: daysOf(alike) })
      : '';

  /** The takedown button's own fields: whether to tell the feed's owner, and the words for them. */
  const tellOf = (form: FormBody, prefix: string, itemId: number): TellOwner => ({
    owner: checkbox(form, `${prefix}tell_owner_${itemId}`),
    words: field(form, `${prefix}owner_words_${itemId}`, 2000),
  });
  const takedownFields = (prefix: string) => (c: Context) => [
    `${prefix}takedown_reason_${itemOf(c)}`,
    `${prefix}tell_owner_${itemOf(c)}`,
    `${prefix}owner_words_${itemOf(c)}`,
  ];

  app.post(
    `/${DAY}/entries/${ITEM}/takedown`,
    act(
      async (c, request) => {
        const itemId = itemOf(c);
        const { digestTakenDown, ownerTold, intro, socialReplaced } = await takeDownEntry(
          desk,
          request.actor,
          request.date,
          itemId,
          field(request.form, `takedown_reason_${itemId}`, 2000),
          tellOf(request.form, '', itemId),
        );
        const said = [
          digestTakenDown
            ? t('desk.inbox.flashes.postAndDigestTakenDown')
            : t('desk.inbox.flashes.postTakenDown'),
          ownerTold ? t('desk.inbox.flashes.ownerTold') : '',
          ...socialSaid(socialReplaced),
          !digestTakenDown && intro.trim()
            ? t('desk.inbox.flashes.checkIntro', { intro: truncateWords(intro.trim(), 160) })
            : '',
        ];
        return done(c, request.date, said.filter(Boolean).join(' '));
      },
      undefined,
      takedownFields(''),
    ),
  );

  app.post(
    `/${DAY}/entries/${ITEM}/picture-takedown`,
    act(
      async (c, request) => {
        const itemId = itemOf(c);
        const { ownerTold, otherPosts, otherOwnersTold, socialReplaced, lookAlikes } =
          await takeDownEntryPicture(
            desk,
            request.actor,
            request.date,
            itemId,
            field(request.form, `picture_takedown_reason_${itemId}`, 2000),
            tellOf(request.form, 'picture_', itemId),
          );
        const said = [
          t('desk.inbox.flashes.pictureTakenDown'),
          otherPosts ? t('desk.inbox.flashes.pictureAlsoIn', { count: otherPosts }) : '',
          ownerTold ? t('desk.inbox.flashes.ownerTold') : '',
          otherOwnersTold ? t('desk.inbox.flashes.otherOwnersTold', { count: otherOwnersTold }) : '',
          ...socialSaid(socialReplaced),
          lookAlikesSaid(lookAlikes),
        ];
        return done(c, request.date, said.filter(Boolean).join(' '));
      },
      undefined,
      takedownFields('picture_'),
    ),
  );

  app.post(
    `/${DAY}/unpublish`,
    act(
      async (c, request) => {
        const reason = field(request.form, 'unpublish_reason', 500);
        // It cannot be undone, so the desk asks first, with what goes and where; the page's own button
        // (confirmed=yes) takes it down. A reason too short, or a digest not published, is refused before.
        if (field(request.form, 'confirmed', 10) !== 'yes') {
          const state = await checkUnpublishable(desk, request.actor, request.date, reason);
          return adminPage(deps, c, {
            title: t('desk.publish.unpublishConfirm.title'),
            section: 'inbox',
            body: (
              <UnpublishConfirmPage
                date={request.date}
                reason={reason.trim()}
                entries={state.entries.length}
                social={state.social.filter((post) => post.state === 'posted').length}
                csrfToken={c.get('csrfToken')}
              />
            ),
          });
        }
        await unpublishDesk(desk, request.actor, request.date, reason);
        return done(c, request.date, t('desk.inbox.flashes.unpublished'));
      },
      undefined,
      () => 'unpublish_reason',
    ),
  );

  // The buttons' addresses, opened again from the history or a bookmark (a GET, which changes nothing):
  // that day's desk, not a "page not found".
  app.get(`/${DAY}/*`, (c) => c.redirect(`/admin/inbox?date=${c.req.param('date')}`, 303));

  return app;
}
