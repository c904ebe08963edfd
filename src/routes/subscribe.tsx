// Email subscription pages: /subscribe, /subscribe/confirm, /unsubscribe (with RFC 8058 one-click POST) and
// /preferences. Links carry signed tokens; GET never changes anything, because mail scanners open links.
import { Hono, type Context } from 'hono';
import { recordAudit, type Actor } from '../db/audit';
import { findSchoolBySlug, findSchoolsBySlugs, listSchools } from '../db/schools';
import {
  canUndoUnsubscribe,
  confirmSubscriber,
  findSubscriberByEmail,
  findSubscriberById,
  listSubscriberSchools,
  replaceSubscriberSchools,
  setSubscriberLanguage,
  undoUnsubscribeStatements,
  unsubscribeStatements,
  type Subscriber,
} from '../db/subscribers';
import type { AppDeps } from '../deps';
import {
  subscriberIdOf,
  subscriptionToken,
  verifySubscriptionToken,
  type TokenPurpose,
} from '../email/subscription-tokens';
import { readDistrictSettings, siteOf } from '../settings/district-settings';
import { requestSubscription } from '../subscriptions/subscribe';
import { suggestAddress } from '../subscriptions/address-typos';
import { CONFIRM_LINK_DAYS, confirmLinkExpired } from '../subscriptions/confirm-link';
import { isLanguage, preferredLanguage } from '../i18n/languages';
import { translator } from '../i18n/translate';
import { subscribeHref, textOf } from '../views/layout';
import {
  confirmAddressChange,
  requestAddressChange,
  type AddressDeps,
} from '../subscriptions/change-address';
import { EmbedSubscribePage, embedQuery } from '../views/embed-page';
import { ActionPage, PreferencesPage, SubscribePage } from '../views/subscribe-pages';
import { embedSecurityPolicy } from './embed';
import { renderPage } from '../views/render';
import { field, fields, readForm } from './form';
import { setSignedCookie, takeSignedCookie } from './flash';
import { siteIn } from '../i18n/site-language';
import { listInLanguage } from '../text/plural';

/**
 * The address a sign-up was for, kept for the page after it ("Check your inbox") so that a parent sees what
 * they typed and can catch a mistake. Carried in a signed cookie rather than the redirect's query, where it would
 * land in the browser's history and every log on the way. Read once; ten minutes at most.
 */
const SENT_TO_COOKIE = 'yd_sent_to';

export function subscribeRoutes(deps: AppDeps) {
  const app = new Hono();
  const rememberSentTo = (c: Context, email: string) =>
    setSignedCookie(c, deps.signingKey, SENT_TO_COOKIE, email, { path: '/subscribe', maxAge: 600 });
  const takeSentTo = (c: Context) => takeSignedCookie(c, deps.signingKey, SENT_TO_COOKIE, '/subscribe');
  /** The site in a language: one the reader chose or reads in (a subscriber's), if the district offers it. */
  const siteInfo = async (lang?: string) => {
    const settings = await readDistrictSettings(deps.db);
    const offered = settings.languages;
    const chosen = lang && isLanguage(lang) && offered.includes(lang) ? lang : offered[0]!;
    return siteIn(siteOf(settings, deps.config.publicUrl), chosen);
  };
  /** A sign-up's language: the one asked for (the page's, or the form's field), else the browser's preference. */
  const askedLanguage = async (c: Context, asked: string | undefined) => {
    const { languages } = await readDistrictSettings(deps.db);
    if (asked && isLanguage(asked) && languages.includes(asked)) return asked;
    return preferredLanguage(c.req.header('accept-language'), languages);
  };

  /** A parent acting through a link in an email, kept in the audit log by number, never by address. */
  const subscriberActor = (c: Context, subscriber: Subscriber): Actor => ({
    type: 'public',
    label: `subscriber ${subscriber.id}`,
    ip: deps.clientIp(c),
  });

  /** The subscriber a link's token names, if the signature is right for this purpose. */
  const subscriberFromToken = async (c: Context, purpose: TokenPurpose): Promise<Subscriber | undefined> => {
    const token = c.req.query('token');
    const id = subscriberIdOf(token);
    if (id === undefined || !token) return undefined;
    const subscriber = await findSubscriberById(deps.db, id);
    if (!subscriber || !(await verifySubscriptionToken(deps.signingKey, purpose, token, subscriber)))
      return undefined;
    return subscriber;
  };

  const addressDeps: AddressDeps = {
    db: deps.db,
    now: () => deps.clock.now(),
    wakeSender: () => deps.background.wakeSender(),
  };

  /**
   * A link that is incomplete or stale, said for what it was for (someone whose unsubscribe link fails is not
   * told to subscribe), in the email's language where the link names it, else the one the browser prefers.
   */
  const badLink = async (c: Context, purpose: TokenPurpose) => {
    // The email's language, which its links carry (languageParameter), else the browser's.
    const site = await siteInfo(await askedLanguage(c, c.req.query('lang')));
    const { t } = textOf(site);
    const text =
      purpose === 'confirm'
        ? t('address.badConfirmLink')
        : purpose === 'unsubscribe'
          ? t('address.badUnsubscribeLink')
          : purpose === 'address'
            ? // An address-change link stops working once used (the move retires every older link): the
              // person is still subscribed, and their schools are a link away in any email to the new address.
              t('address.badMoveLink')
            : t('address.badPreferencesLink');
    // Signing up again with an address already subscribed emails it a link to its preferences (and from there
    // to stop): the way out for someone whose unsubscribe or preferences link is cut or deleted.
    const link =
      purpose === 'confirm'
        ? { href: subscribeHref(site), label: t('address.subscribeAgain') }
        : purpose === 'unsubscribe' || purpose === 'preferences'
          ? { href: subscribeHref(site), label: t('address.newLink') }
          : undefined;
    return renderPage(
      c,
      <ActionPage site={site} title={t('address.badLinkTitle')} text={text} link={link} />,
      404,
    );
  };

  /** Pending or confirmed: an address that unsubscribed or was suspended after bounces has no preferences. */
  const subscribedNow = (subscriber: Subscriber) =>
    subscriber.status === 'pending' || subscriber.status === 'confirmed';

  /**
   * What a link says to someone not subscribed now, in their language, with the way to subscribe again: a
   * confirmation or preferences link after the subscription ended (or was suspended after bounces), or a
   * confirmation link past its time. Nothing is changed: an old link never brings a subscription back.
   */
  const notSubscribed = async (
    c: Context,
    subscriber: Subscriber,
    why: 'confirm' | 'preferences' | 'expired',
  ) => {
    const site = await siteInfo(subscriber.language);
    const { t } = textOf(site);
    const { email } = subscriber;
    return renderPage(
      c,
      <ActionPage
        site={site}
        title={why === 'expired' ? t('subscribe.expiredTitle') : t('subscribe.notSubscribedTitle')}
        text={
          why === 'expired'
            ? t('subscribe.expiredConfirm', { days: CONFIRM_LINK_DAYS, email })
            : subscriber.status === 'suspended'
              ? t('subscribe.suspended', { email })
              : why === 'confirm'
                ? t('subscribe.confirmAfterUnsubscribe', { email })
                : t('subscribe.unsubscribedPreferences', { email })
        }
        link={{ href: subscribeHref(site), label: t('address.subscribeAgain') }}
      />,
      why === 'expired' ? 410 : 200,
    );
  };

  /** The sign-up inside the district site's embed: compact pages, framed as the embed is. */
  const embedAnswer = async (
    c: Context,
    props: {
      sent?: boolean;
      email?: string;
      error?: string;
      suggestion?: string;
      schoolSlug?: string;
      lang?: string;
      /** The embed the form was in (embedQuery). */
      back?: string;
    },
    status: 200 | 400 | 429 = 200,
  ) => {
    const settings = await readDistrictSettings(deps.db);
    const site = await siteInfo(props.lang);
    const school = props.schoolSlug ? await findSchoolBySlug(deps.db, props.schoolSlug) : undefined;
    c.header('Content-Security-Policy', embedSecurityPolicy(settings.embedOrigins));
    c.header('Cache-Control', 'no-store');
    return renderPage(
      c,
      <EmbedSubscribePage
        site={site}
        school={school ? { slug: school.slug, name: school.name } : undefined}
        sent={props.sent}
        email={props.email}
        error={props.error}
        suggestion={props.suggestion}
        back={props.back || undefined}
      />,
      status,
    );
  };

  app.get('/subscribe', async (c) => {
    if (c.req.query('embed') === '1')
      return embedAnswer(c, {
        sent: c.req.query('sent') === '1',
        email: c.req.query('sent') === '1' ? await takeSentTo(c) : undefined,
        schoolSlug: c.req.query('school'),
        lang: c.req.query('lang'),
        back: embedQuery(c.req.query('back')),
      });
    const site = await siteInfo(await askedLanguage(c, c.req.query('lang')));
    return renderPage(
      c,
      <SubscribePage
        site={site}
        schools={await listSchools(deps.db)}
        chosen={c.req.queries('school')}
        sent={c.req.query('sent') === '1'}
        email={c.req.query('sent') === '1' ? await takeSentTo(c) : undefined}
      />,
    );
  });

  app.post('/subscribe', async (c) => {
    const form = await readForm(c);
    const language = await askedLanguage(c, field(form, 'language', 10) || undefined);
    const formLanguage = await askedLanguage(c, field(form, 'form_language', 10) || language);
    // The pages answer in the language of the form the person used, which may not be the emails'.
    const site = await siteInfo(formLanguage);
    const typed = field(form, 'email', 320);
    // "Did you mean …?" answered: its Yes button sends the suggestion for the address it asked about (a parent
    // who changed the field instead has their own typing), its No button the address it leaves as typed.
    const suggested = field(form, 'email_suggested', 320);
    const email = suggested && typed === field(form, 'suggested_for', 320) ? suggested : typed;
    const chosen = fields(form, 'schools');
    const embedded = c.req.query('embed') === '1';
    const schoolSlug = chosen.length === 1 ? chosen[0] : undefined;
    const back = embedQuery(field(form, 'embed_back', 300));
    // The form again, in the embed or on the page, with what was typed and why it came back.
    const formAgain = async (
      answer: { error: string } | { suggestion: string },
      status: 200 | 400 | 429 = 200,
    ) =>
      embedded
        ? embedAnswer(c, { email, ...answer, schoolSlug, lang: formLanguage, back }, status)
        : renderPage(
            c,
            <SubscribePage
              site={site}
              schools={await listSchools(deps.db)}
              email={email}
              chosen={chosen}
              {...answer}
              emailLanguage={isLanguage(language) ? language : undefined}
            />,
            status,
          );
    const suggestion = field(form, 'address_checked', 320) === email ? undefined : suggestAddress(email);
    if (suggestion) return formAgain({ suggestion });
    const outcome = await requestSubscription(
      { db: deps.db, now: () => deps.clock.now(), wakeSender: () => deps.background.wakeSender() },
      {
        email,
        schoolSlugs: chosen,
        clientIp: deps.clientIp(c),
        source: embedded ? 'embed' : 'form',
        language,
        // The consent the person saw, in the words they read it in (the form's language, which may differ
        // from the emails'), is what is kept.
        consentText: translator(formLanguage).t('subscribe.consent'),
      },
    );
    // What is wrong, in the words of the page the person used.
    if (!outcome.ok)
      return formAgain({ error: textOf(site).t(`addressProblems.${outcome.problem}`) }, outcome.status);
    await rememberSentTo(c, email);
    if (embedded) {
      const own = formLanguage === site.languages?.[0];
      return c.redirect(
        `/subscribe?embed=1&sent=1${schoolSlug ? `&school=${encodeURIComponent(schoolSlug)}` : ''}${own ? '' : `&lang=${formLanguage}`}${back ? `&back=${encodeURIComponent(back)}` : ''}`,
        303,
      );
    }
    // The answer is in the form's language, named even when it is the district's own: without it the page
    // would follow the browser's, and say in Arabic what the English form just did.
    return c.redirect(`/subscribe?sent=1&lang=${formLanguage}`, 303);
  });

  app.get('/subscribe/confirm', async (c) => {
    const subscriber = await subscriberFromToken(c, 'confirm');
    if (!subscriber) return badLink(c, 'confirm');
    const site = await siteInfo(subscriber.language);
    const { t } = textOf(site);
    if (subscriber.status === 'confirmed') {
      // Also where confirming lands (?done=1), so a reload sends nothing: thanks, and the schools to choose.
      // The confirmation link thus leads to the preferences link, deliberately: both go to the same mailbox
      // (every digest carries the preferences link), and both stop working when the subscription's nonce changes.
      const preferences = await subscriptionToken(deps.signingKey, 'preferences', subscriber);
      const chosen = (await listSubscriberSchools(deps.db, subscriber.id)).map((school) => school.name);
      // District-wide posts (a district office's) reach everyone, as the sign-up form said.
      const everyone = (await listSchools(deps.db))
        .filter((school) => school.districtWide)
        .map((s) => s.name);
      const schools = chosen.length
        ? [
            t('subscribe.forSchools', { schools: listInLanguage(chosen, site.lang) }),
            ...(everyone.length
              ? [t('subscribe.everyone', { schools: listInLanguage(everyone, site.lang) })]
              : []),
          ].join(' ')
        : t('subscribe.forEverySchool');
      return renderPage(
        c,
        <ActionPage
          site={site}
          title={t('subscribe.subscribedTitle')}
          text={`${
            c.req.query('done') === '1'
              ? t('subscribe.thanks', { email: subscriber.email })
              : t('subscribe.already', { email: subscriber.email })
          } ${schools}`}
          link={{
            href: `/preferences?token=${encodeURIComponent(preferences)}`,
            label: t('email.chooseSchools'),
          }}
        />,
      );
    }
    if (subscriber.status !== 'pending') return notSubscribed(c, subscriber, 'confirm');
    if (confirmLinkExpired(subscriber, deps.clock.now())) return notSubscribed(c, subscriber, 'expired');
    return renderPage(
      c,
      <ActionPage
        site={site}
        title={t('subscribe.confirmTitle')}
        text={t('subscribe.confirmText', { email: subscriber.email })}
        action={`/subscribe/confirm?token=${encodeURIComponent(c.req.query('token')!)}`}
        button={t('subscribe.confirmButton')}
      />,
    );
  });

  app.post('/subscribe/confirm', async (c) => {
    const subscriber = await subscriberFromToken(c, 'confirm');
    if (!subscriber) return badLink(c, 'confirm');
    const now = deps.clock.now();
    if (subscriber.status === 'pending' && confirmLinkExpired(subscriber, now))
      return notSubscribed(c, subscriber, 'expired');
    if (await confirmSubscriber(deps.db, subscriber.id, now)) {
      await recordAudit(
        deps.db,
        subscriberActor(c, subscriber),
        { action: 'subscriber.confirm', subjectType: 'subscriber', subjectId: subscriber.id },
        now,
      );
    } else {
      // Nothing was pending: read again, since a second press of the button (a double click) finds the
      // subscription confirmed by the first. Unsubscribed or suspended since the link was sent: it does not
      // subscribe them again.
      const current = await findSubscriberById(deps.db, subscriber.id);
      if (current?.status !== 'confirmed') return notSubscribed(c, current ?? subscriber, 'confirm');
    }
    return c.redirect(`/subscribe/confirm?token=${encodeURIComponent(c.req.query('token')!)}&done=1`, 303);
  });

  app.get('/unsubscribe', async (c) => {
    const subscriber = await subscriberFromToken(c, 'unsubscribe');
    if (!subscriber) return badLink(c, 'unsubscribe');
    const site = await siteInfo(subscriber.language);
    const { t } = textOf(site);
    if (subscriber.status === 'unsubscribed') {
      // Also where unsubscribing lands (?done=1), so a reload sends nothing. For a day, a press undoes it.
      const undo = canUndoUnsubscribe(subscriber, deps.clock.now());
      return renderPage(
        c,
        <ActionPage
          site={site}
          title={t('subscribe.unsubscribedTitle')}
          text={
            c.req.query('done') === '1'
              ? t('subscribe.goodbye', { email: subscriber.email })
              : t('subscribe.noLonger', { email: subscriber.email })
          }
          {...(undo
            ? {
                buttonText: t('subscribe.undoText', { email: subscriber.email }),
                action: `/unsubscribe/undo?token=${encodeURIComponent(c.req.query('token')!)}`,
                button: t('subscribe.undoButton'),
                secondary: true,
              }
            : { link: { href: subscribeHref(site), label: t('address.subscribeAgain') } })}
        />,
      );
    }
    // Where taking back the unsubscribing lands (?again=1): subscribed, and where their choices are.
    if (c.req.query('again') === '1' && subscriber.status === 'confirmed')
      return renderPage(
        c,
        <ActionPage
          site={site}
          title={t('subscribe.subscribedTitle')}
          text={t('subscribe.againText', { email: subscriber.email })}
        />,
      );
    return renderPage(
      c,
      <ActionPage
        site={site}
        title={t('subscribe.unsubscribeTitle')}
        text={t('subscribe.unsubscribeText', { email: subscriber.email })}
        action={`/unsubscribe?token=${encodeURIComponent(c.req.query('token')!)}`}
        button={t('subscribe.unsubscribeButton')}
      />,
    );
  });

  // Also the RFC 8058 one-click target: mail providers POST "List-Unsubscribe=One-Click" with no cookies.
  app.post('/unsubscribe', async (c) => {
    const subscriber = await subscriberFromToken(c, 'unsubscribe');
    if (!subscriber) return badLink(c, 'unsubscribe');
    // Recorded only when it unsubscribed someone (a second press, or a mail program's one-click after the
    // person's own, changes nothing).
    await deps.db.batch(
      unsubscribeStatements(deps.db, subscriber.id, deps.clock.now(), {
        actor: subscriberActor(c, subscriber),
        event: { action: 'subscriber.unsubscribe', subjectType: 'subscriber', subjectId: subscriber.id },
      }),
    );
    // RFC 8058 asks for multipart/form-data and allows urlencoded: either body says One-Click.
    const contentType = c.req.header('content-type') ?? '';
    const oneClick =
      (contentType.includes('application/x-www-form-urlencoded') ||
        contentType.includes('multipart/form-data')) &&
      field(await readForm(c), 'List-Unsubscribe') === 'One-Click';
    if (oneClick) return c.text('Unsubscribed.');
    return c.redirect(`/unsubscribe?token=${encodeURIComponent(c.req.query('token')!)}&done=1`, 303);
  });

  // Unsubscribed by mistake: the unsubscribe link proves the mailbox is theirs, so within a day of leaving a
  // press starts the digest again, as before (canUndoUnsubscribe says when). It lands on the unsubscribe page,
  // which says so: an unsubscribe link, which works for as long as the address, never opens the preferences.
  app.post('/unsubscribe/undo', async (c) => {
    const subscriber = await subscriberFromToken(c, 'unsubscribe');
    if (!subscriber) return badLink(c, 'unsubscribe');
    const now = deps.clock.now();
    const page = `/unsubscribe?token=${encodeURIComponent(c.req.query('token')!)}`;
    // Pressed again (Back, a double click): subscribed already, which the page says.
    if (subscriber.status === 'confirmed') return c.redirect(`${page}&again=1`, 303);
    // Too late, or not theirs to undo this way: the page says they are unsubscribed, with the way back.
    if (!canUndoUnsubscribe(subscriber, now)) return c.redirect(page, 303);
    await deps.db.batch(
      undoUnsubscribeStatements(deps.db, subscriber.id, now, {
        actor: subscriberActor(c, subscriber),
        event: { action: 'subscriber.resubscribe', subjectType: 'subscriber', subjectId: subscriber.id },
      }),
    );
    return c.redirect(`${page}&again=1`, 303);
  });

  const preferences = async (
    c: Context,
    saved: boolean,
    notice?: { kind: 'ok' | 'error'; text: string; typed?: string; status?: 400 | 429 },
    done?: string,
  ) => {
    const subscriber = await subscriberFromToken(c, 'preferences');
    if (!subscriber) return badLink(c, 'preferences');
    if (!subscribedNow(subscriber)) return notSubscribed(c, subscriber, 'preferences');
    const [schools, chosen] = await Promise.all([
      listSchools(deps.db),
      listSubscriberSchools(deps.db, subscriber.id),
    ]);
    return renderPage(
      c,
      <PreferencesPage
        site={await siteInfo(subscriber.language)}
        email={subscriber.email}
        schools={schools}
        chosen={chosen.map((s) => s.id)}
        token={c.req.query('token')!}
        unsubscribeToken={await subscriptionToken(deps.signingKey, 'unsubscribe', subscriber)}
        saved={saved}
        pendingEmail={subscriber.pendingEmail ?? undefined}
        notice={notice}
        done={done}
      />,
      notice?.status,
    );
  };

  // A save answers with a redirect to the page (post/redirect/get), so reloading it never sends the form again.
  app.get('/preferences', async (c) => {
    if (c.req.query('moved') === '1') {
      const subscriber = await subscriberFromToken(c, 'preferences');
      if (!subscriber) return preferences(c, false);
      const { t } = textOf(await siteInfo(subscriber.language));
      return preferences(c, false, undefined, t('address.moved', { email: subscriber.email }));
    }
    if (c.req.query('sent') !== '1') return preferences(c, c.req.query('saved') === '1');
    const subscriber = await subscriberFromToken(c, 'preferences');
    const waiting = subscriber?.pendingEmail;
    if (!subscriber || !waiting) return preferences(c, false);
    const { t } = textOf(await siteInfo(subscriber.language));
    return preferences(c, false, {
      kind: 'ok',
      text: t('address.sent', { email: waiting, current: subscriber.email }),
    });
  });
  const backToPreferences = (c: Context, outcome: 'saved' | 'sent') =>
    c.redirect(`/preferences?token=${encodeURIComponent(c.req.query('token')!)}&${outcome}=1`, 303);

  app.post('/preferences', async (c) => {
    const subscriber = await subscriberFromToken(c, 'preferences');
    if (!subscriber) return badLink(c, 'preferences');
    if (!subscribedNow(subscriber)) return notSubscribed(c, subscriber, 'preferences');
    const form = await readForm(c);
    if (form.new_email !== undefined) {
      const typed = field(form, 'new_email', 320);
      const outcome = await requestAddressChange(addressDeps, subscriber, typed, deps.clientIp(c));
      if (outcome.ok) return backToPreferences(c, 'sent');
      // Said in the subscriber's language, as the page is.
      const { t } = textOf(await siteInfo(subscriber.language));
      const text =
        outcome.problem === 'same'
          ? t('address.same', { email: subscriber.email })
          : outcome.problem === 'too-many-changes'
            ? t('address.too-many')
            : t(`addressProblems.${outcome.problem}`);
      return preferences(c, false, { kind: 'error', text, typed, status: outcome.status });
    }
    const schools = await findSchoolsBySlugs(deps.db, fields(form, 'schools').slice(0, 100));
    await replaceSubscriberSchools(
      deps.db,
      subscriber.id,
      schools.map((s) => s.id),
    );
    const language = field(form, 'language', 10);
    const { languages } = await readDistrictSettings(deps.db);
    if (isLanguage(language) && languages.includes(language) && language !== subscriber.language)
      await setSubscriberLanguage(deps.db, subscriber.id, language, deps.clock.now());
    return backToPreferences(c, 'saved');
  });

  // The link sent to a new address: GET shows what will happen, only the button's POST does it.
  app.get('/preferences/address', async (c) => {
    const subscriber = await subscriberFromToken(c, 'address');
    if (!subscriber) return badLink(c, 'address');
    if (!subscribedNow(subscriber)) return notSubscribed(c, subscriber, 'preferences');
    const site = await siteInfo(subscriber.language);
    const { t } = textOf(site);
    return renderPage(
      c,
      <ActionPage
        site={site}
        title={t('address.moveTitle')}
        text={t('address.moveText', { email: subscriber.pendingEmail ?? '', current: subscriber.email })}
        action={`/preferences/address?token=${encodeURIComponent(c.req.query('token')!)}`}
        button={t('address.moveButton')}
      />,
    );
  });

  app.post('/preferences/address', async (c) => {
    const subscriber = await subscriberFromToken(c, 'address');
    if (!subscriber) return badLink(c, 'address');
    if (!subscribedNow(subscriber)) return notSubscribed(c, subscriber, 'preferences');
    const { email } = await confirmAddressChange(addressDeps, subscriber, deps.clientIp(c));
    // The subscription's own page at its new address, by a redirect (a reload moves nothing again): the move
    // retired every older link, and the new address has no email with a link of its own until the next digest.
    const moved = (await findSubscriberByEmail(deps.db, email))!;
    const token = await subscriptionToken(deps.signingKey, 'preferences', moved);
    return c.redirect(`/preferences?token=${encodeURIComponent(token)}&moved=1`, 303);
  });

  return app;
}
