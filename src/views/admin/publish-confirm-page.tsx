// The question Publish now asks before anything goes out: what is published, and to how many families, on a
// page whose button works without JavaScript and publishes exactly the version that was saved.
import { formatLongDate } from '../../publish/digest-content';
import { CsrfField } from '../admin-layout';
import { assetUrl } from '../assets';
import { t } from '../../i18n/desk-text';
import { deskAction } from './desk-entry';

/** Whether the digest's day is not over yet (or not begun) in the district's time zone. */
export function dayIs(date: string, today: string, timezone: string) {
  if (date === today) return { timezone, when: 'today' as const };
  return date > today ? { timezone, when: 'later' as const } : undefined;
}

/** What publishing a version now does: asked on this page, and on the preview for a version ready to go. */
export interface PublishAsk {
  date: string;
  version: number;
  /** The translations as shown (translationsSeen): one saved meanwhile refuses the publish. */
  translationsSeen: string;
  entries: number;
  recipients: number;
  /** The district's social accounts that get one post each (active ones). */
  accounts: number;
  emailOn: boolean;
  /** Whether the day is over in the district's time zone: published now, today's misses the rest of it. */
  dayIs?: { timezone: string; when: 'today' | 'later' };
  /**
   * The digest was scheduled for its slot (`when`, in words): still is (`kept`), or saving the desk's changes
   * before this question took it off that schedule, so "Not yet" leaves it to be published or scheduled again.
   */
  schedule?: { when: string; kept: boolean; overdue?: boolean };
}

/**
 * The question and its button, in a form that publishes exactly `version` (confirmed=yes): nothing is saved
 * first, so a version saved by someone else meanwhile is refused, never published unseen. `carried` is the
 * desk's form as it was sent (should someone save meanwhile, both versions are shown); `from` names the page
 * to go back to when refused.
 */
export function PublishQuestion(
  props: PublishAsk & {
    csrfToken: string;
    carried?: [string, string][];
    from?: 'preview';
    /** The preview's language tab, to return to when refused. */
    fromLang?: string;
  },
) {
  const day = formatLongDate(props.date);
  const accounts = props.accounts ? t('desk.publish.confirm.accounts', { count: props.accounts }) : '';
  const question = props.emailOn
    ? props.recipients
      ? accounts
        ? t('desk.publish.confirm.sendPost', { day, count: props.recipients, accounts })
        : t('desk.publish.confirm.send', { day, count: props.recipients })
      : accounts
        ? t('desk.publish.confirm.nobodyPost', { day, accounts })
        : t('desk.publish.confirm.nobody', { day })
    : accounts
      ? t('desk.publish.confirm.emailOffPost', { day, accounts })
      : t('desk.publish.confirm.emailOff', { day });
  return (
    <form method="post" action={deskAction(props.date, 'publish')} class="card">
      <CsrfField token={props.csrfToken} />
      {(props.carried ?? []).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {props.from ? <input type="hidden" name="from" value={props.from} /> : null}
      {props.fromLang ? <input type="hidden" name="from_lang" value={props.fromLang} /> : null}
      <input type="hidden" name="confirmed" value="yes" />
      <input type="hidden" name="version" value={String(props.version)} />
      <input type="hidden" name="translations_seen" value={props.translationsSeen} />
      <p>
        <strong>{question}</strong>
      </p>
      {props.dayIs ? (
        <p class="finding">
          {props.dayIs.when === 'today'
            ? t('desk.publish.confirm.notOver', { timezone: props.dayIs.timezone })
            : t('desk.publish.confirm.notBegun', { timezone: props.dayIs.timezone })}
        </p>
      ) : null}
      {props.schedule ? (
        <p>
          {!props.schedule.kept
            ? t('desk.publish.confirm.unscheduled', { when: props.schedule.when })
            : props.schedule.overdue
              ? t('desk.publish.confirm.scheduledOverdue', { when: props.schedule.when })
              : t('desk.publish.confirm.scheduled', { when: props.schedule.when })}
        </p>
      ) : null}
      <p>{t('desk.publish.confirm.goes', { count: props.entries })}</p>
      <div class="actions">
        <button type="submit">
          {props.emailOn && props.recipients
            ? accounts
              ? t('desk.publish.confirm.buttonSendPost', { count: props.recipients, accounts })
              : t('desk.publish.confirm.buttonSend', { count: props.recipients })
            : accounts
              ? t('desk.publish.confirm.buttonPost', { accounts })
              : t('desk.publish.confirm.button')}
        </button>
        <a class="button secondary" href={`/admin/inbox?date=${props.date}`}>
          {t('desk.publish.confirm.back')}
        </a>
      </div>
    </form>
  );
}

export function PublishConfirmPage(
  props: PublishAsk & {
    csrfToken: string;
    /** The desk's form as it was sent, carried along: should someone save meanwhile, both versions are shown. */
    carried: [string, string][];
  },
) {
  return (
    <>
      <h1>{t('desk.publish.confirm.title')}</h1>
      <PublishQuestion {...props} />
      <script src={assetUrl('question.js')} defer></script>
    </>
  );
}
