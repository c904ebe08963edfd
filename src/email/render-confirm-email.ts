// The double opt-in email: one button (a link to a page whose own button confirms), in HTML and plain text.
import { renderBranded } from './brand-email';
import { compiledTemplates } from './compiled-templates';
import { emailLanguage, type EmailSite } from './render-digest-email';
import { CONFIRM_LINK_DAYS } from '../subscriptions/confirm-link';
import { listInLanguage } from '../text/plural';

export function renderConfirmEmail(
  site: EmailSite,
  confirmUrl: string,
  schoolNames: readonly string[],
  /** The address came from a list the district imported, not from the form: ask, do not assume. */
  invited = false,
) {
  const { t, words: named, lang } = emailLanguage(site);
  const schools = listInLanguage(schoolNames, lang);
  const words = {
    heading: t('email.confirmHeading'),
    lead: invited
      ? t(schools ? 'email.confirmInvitedAt' : 'email.confirmInvited', {
          district: site.districtName,
          schools,
        })
      : t(schools ? 'email.confirmAskedAt' : 'email.confirmAsked', { ...named, schools }),
    button: t('email.confirmButton'),
    fallback: t('email.buttonFallback'),
    ignore: `${t('email.linkLasts', { days: CONFIRM_LINK_DAYS })} ${t('email.ignore')}`,
  };
  const subject = invited ? t('email.invitedSubject', named) : t('email.confirmSubject', named);
  return oneButtonEmail(site, subject, words, confirmUrl);
}

/**
 * To an address that asked to subscribe and already receives the digest: where to choose its schools and
 * language. The form says the same to everyone (it never tells whether an address is subscribed); the
 * mailbox's owner learns it here.
 */
export function renderAlreadySubscribedEmail(site: EmailSite, preferencesUrl: string) {
  const { t, words: named } = emailLanguage(site);
  const words = {
    heading: t('email.alreadyHeading'),
    lead: t('email.alreadyAsked', named),
    button: t('email.alreadyButton'),
    fallback: t('email.buttonFallback'),
    ignore: t('email.alreadyIgnore'),
  };
  return oneButtonEmail(site, t('email.alreadySubject', named), words, preferencesUrl);
}

/** The confirm template's one-button email: a heading, a sentence, the button, and what to do if not asked. */
function oneButtonEmail(
  site: EmailSite,
  subject: string,
  words: { heading: string; lead: string; button: string; fallback: string; ignore: string },
  url: string,
) {
  const text = [
    site.districtName,
    words.heading,
    '',
    words.lead,
    '',
    `${words.button}: ${url}`,
    '',
    words.ignore,
    '',
  ].join('\n');
  return {
    subject,
    html: renderBranded(compiledTemplates.confirm, { ...site, confirmUrl: url, words }, site, subject),
    text,
  };
}
