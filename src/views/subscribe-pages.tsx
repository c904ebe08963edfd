// Pages of the email subscription: the form, confirm, unsubscribe and preferences, each usable without JS.
import type { School } from '../db/schools';
import { LANGUAGES, type Language } from '../i18n/languages';
import { DistrictWords, PublicLayout, subscribeHref, textOf, type SiteInfo } from './layout';
import { possessive } from '../i18n/site-language';
import { listInLanguage } from '../text/plural';

export function SubscribePage(props: {
  site: SiteInfo;
  schools: School[];
  email?: string;
  chosen?: string[];
  error?: string;
  sent?: boolean;
  /** The emails' language chosen on a form sent back with a problem; the page's own otherwise. */
  emailLanguage?: Language;
  /** The address the parent probably meant, asked about before anything is sent (address-typos.ts). */
  suggestion?: string;
}) {
  const { t } = textOf(props.site);
  const lead = t('subscribe.lead', {
    district: props.site.districtName,
    districtPossessive: possessive(props.site.districtName),
  });
  return (
    <PublicLayout
      site={props.site}
      title={props.sent ? t('subscribe.checkInboxTitle') : t('subscribe.title')}
      // What a link preview says of the page the district links from its newsletters.
      description={props.sent ? undefined : lead}
      languageHref={(lang) => languageLink(lang, props.chosen)}
    >
      <h1 class="page-title">{props.sent ? t('subscribe.checkInboxTitle') : t('signup.title')}</h1>
      {props.sent ? (
        <div class="message" role="status">
          <p>{t('subscribe.sent')}</p>
          {props.email ? <SentTo site={props.site} email={props.email} /> : null}
          <p>{t('subscribe.notThere')}</p>
        </div>
      ) : (
        <form method="post" action="/subscribe" class="card" novalidate>
          <input type="hidden" name="form_language" value={textOf(props.site).lang} />
          <p>{lead}</p>
          {props.error ? (
            <p class="error-text" role="alert" id="email-error">
              {props.error}
            </p>
          ) : null}
          <label for="email">{t('subscribe.email')}</label>
          <input
            type="email"
            dir="ltr"
            id="email"
            name="email"
            autocomplete="email"
            required
            value={props.email ?? ''}
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? 'email-error' : props.suggestion ? 'email-suggestion' : undefined}
            // Refused: the page opens on the field to mend, its problem read out with it. (A likely typo is
            // asked about instead, with the two answers that are the way on.)
            autofocus={props.error ? true : undefined}
          />
          {props.suggestion ? (
            <AddressSuggestion
              site={props.site}
              id="email-suggestion"
              typed={props.email ?? ''}
              suggested={props.suggestion}
            />
          ) : null}
          <LanguageChoice site={props.site} chosen={props.emailLanguage ?? textOf(props.site).lang} />
          {choosable(props.schools).length > 0 ? (
            <fieldset>
              <legend>{t('subscribe.schools')}</legend>
              <p class="hint">
                {t('subscribe.schoolsHint')}
                <EveryoneNote schools={props.schools} site={props.site} />
              </p>
              <div class="checks">
                {choosable(props.schools).map((school) => (
                  <label>
                    <input
                      type="checkbox"
                      name="schools"
                      value={school.slug}
                      checked={props.chosen?.includes(school.slug)}
                    />{' '}
                    <span>
                      <DistrictWords site={props.site}>{school.name}</DistrictWords>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          <p class="hint">{t('subscribe.consent')}</p>
          {/* While asking about the address, its two answers are the way on: Subscribe would only ask again. */}
          {props.suggestion ? null : <button type="submit">{t('subscribe.button')}</button>}
        </form>
      )}
    </PublicLayout>
  );
}

/**
 * "Did you mean …?" under an address whose provider looks mistyped, with a button for each answer. It is inside
 * the form, so either button sends everything else as chosen; the first (the suggestion) is the one Enter presses.
 * The question alone (`id`) describes the address field and is announced; the buttons speak for themselves.
 */
export function AddressSuggestion(props: { site: SiteInfo; id: string; typed: string; suggested: string }) {
  const { t } = textOf(props.site);
  return (
    <div class="suggestion">
      <input type="hidden" name="suggested_for" value={props.typed} />
      <p role="alert" id={props.id}>
        {t('subscribe.didYouMean', { suggested: props.suggested })}
      </p>
      <p class="answers">
        <button type="submit" name="email_suggested" value={props.suggested}>
          {t('subscribe.useSuggested', { suggested: props.suggested })}
        </button>
        <button type="submit" class="secondary" name="address_checked" value={props.typed}>
          {t('subscribe.keepTyped', { typed: props.typed })}
        </button>
      </p>
    </div>
  );
}

export function ActionPage(props: {
  site: SiteInfo;
  title: string;
  text: string;
  action?: string;
  button?: string;
  secondary?: boolean;
  /** A way on from here: subscribing again, say. */
  link?: { href: string; label: string };
  /** Said before the button, in a paragraph of its own: what it does, where the text says what happened. */
  buttonText?: string;
}) {
  return (
    <PublicLayout site={props.site} title={props.title}>
      <h1 class="page-title">{props.title}</h1>
      <div class="message">
        <p>{props.text}</p>
        {props.buttonText ? <p>{props.buttonText}</p> : null}
        {props.link ? (
          <p>
            <a href={props.link.href}>{props.link.label}</a>
          </p>
        ) : null}
        {props.action ? (
          <form method="post" action={props.action}>
            <button type="submit" class={props.secondary ? 'secondary' : undefined}>
              {props.button}
            </button>
          </form>
        ) : null}
      </div>
    </PublicLayout>
  );
}

export function PreferencesPage(props: {
  site: SiteInfo;
  email: string;
  schools: School[];
  chosen: number[];
  token: string;
  unsubscribeToken: string;
  saved?: boolean;
  /** A new address waiting for its confirmation link to be opened. */
  pendingEmail?: string;
  notice?: { kind: 'ok' | 'error'; text: string; typed?: string };
  /** What was just done to the whole subscription (it moved), said at the top as a save is. */
  done?: string;
}) {
  const action = `/preferences?token=${encodeURIComponent(props.token)}`;
  const { t } = textOf(props.site);
  return (
    <PublicLayout site={props.site} title={t('preferences.title')}>
      <h1 class="page-title">{t('preferences.title')}</h1>
      {props.saved || props.done ? (
        <div class="message" role="status">
          <p>{props.done ?? t('preferences.saved')}</p>
        </div>
      ) : null}
      <form method="post" action={action} class="card">
        <p>{t('preferences.goesTo', { email: props.email })}</p>
        <LanguageChoice site={props.site} chosen={textOf(props.site).lang} />
        <fieldset>
          <legend>{t('subscribe.schools')}</legend>
          <p class="hint">
            {t('subscribe.schoolsHint')}
            <EveryoneNote schools={props.schools} site={props.site} />
          </p>
          <div class="checks">
            {choosable(props.schools).map((school) => (
              <label>
                <input
                  type="checkbox"
                  name="schools"
                  value={school.slug}
                  checked={props.chosen.includes(school.id)}
                />{' '}
                <span>
                  <DistrictWords site={props.site}>{school.name}</DistrictWords>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit">{t('preferences.save')}</button>
      </form>
      <form method="post" action={action} class="card after-card" aria-labelledby="address-heading">
        <h2 id="address-heading" class="card-title">
          {t('preferences.address')}
        </h2>
        {props.notice ? (
          <p
            class={props.notice.kind === 'error' ? 'error-text' : 'message'}
            role={props.notice.kind === 'error' ? 'alert' : 'status'}
            id="address-notice"
          >
            {props.notice.text}
          </p>
        ) : props.pendingEmail ? (
          <p class="hint">{t('preferences.waiting', { email: props.pendingEmail })}</p>
        ) : null}
        <label for="new-email">{t('preferences.newEmail')}</label>
        <input
          type="email"
          dir="ltr"
          id="new-email"
          name="new_email"
          autocomplete="email"
          required
          value={props.notice?.kind === 'error' ? (props.notice.typed ?? '') : ''}
          aria-invalid={props.notice?.kind === 'error' ? 'true' : undefined}
          aria-describedby={props.notice ? 'address-notice' : undefined}
          autofocus={props.notice?.kind === 'error' ? true : undefined}
        />
        <p class="hint">{t('preferences.linkHint')}</p>
        <button type="submit" class="secondary">
          {t('preferences.sendLink')}
        </button>
      </form>
      <p class="after-card">
        <a href={`/unsubscribe?token=${encodeURIComponent(props.unsubscribeToken)}`}>
          {t('preferences.unsubscribe')}
        </a>
      </p>
    </PublicLayout>
  );
}

/** Schools a parent can choose: district-wide ones reach everyone anyway. */
function choosable(schools: School[]): School[] {
  return schools.filter((school) => !school.districtWide);
}

function EveryoneNote(props: { schools: School[]; site: SiteInfo }) {
  const everyone = props.schools.filter((school) => school.districtWide).map((school) => school.name);
  if (everyone.length === 0) return null;
  const { t, lang } = textOf(props.site);
  return <> {t('subscribe.everyone', { schools: listInLanguage(everyone, lang) })}</>;
}

/** The language of the emails, among those the district offers (nothing to choose when it offers one). */
function LanguageChoice(props: { site: SiteInfo; chosen: Language }) {
  const offered = props.site.languages ?? ['en'];
  if (offered.length < 2) return null;
  const { t } = textOf(props.site);
  return (
    <>
      <label for="language">{t('subscribe.language')}</label>
      <select id="language" name="language">
        {offered.map((lang) => (
          <option value={lang} lang={lang} selected={lang === props.chosen}>
            {LANGUAGES[lang].name}
          </option>
        ))}
      </select>
    </>
  );
}

/**
 * The sign-up form in another language, with the schools it was opened for. The language is always named:
 * without it the form goes by the browser's preference, which may be the very language being left.
 */
function languageLink(lang: Language, schools: string[] = []): string {
  const query = new URLSearchParams({ lang });
  for (const school of schools) query.append('school', school);
  return `/subscribe?${query}`;
}

/** The address a sign-up went to, as typed, with the way back to the form when it is not the right one. */
export function SentTo(props: { site: SiteInfo; email: string }) {
  const { t } = textOf(props.site);
  return (
    <p>
      {t('subscribe.sentTo')}{' '}
      <bdi dir="ltr">
        <strong>{props.email}</strong>
      </bdi>{' '}
      <a href={subscribeHref(props.site)}>{t('subscribe.wrongAddress')}</a>
    </p>
  );
}
