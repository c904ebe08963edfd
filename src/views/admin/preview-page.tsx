// Preview: exactly what will go out (the blog page, the email's HTML and its plain text), what the checks
// found, and a button that sends the email to yourself.
import { rich, t } from '../../i18n/desk-text';
import type { SocialPreview } from '../../social/preview-posts';
import { SocialPreviewSection } from './social-posts';
import type { DeskState } from '../../curate/desk';
import { formatLongDate } from '../../publish/digest-content';
import { CsrfField } from '../admin-layout';
import { FindingList } from './desk-entry';
import { languageLabel } from '../../curate/translations-checks';
import { assetUrl } from '../assets';
import { PublishQuestion, type PublishAsk } from './publish-confirm-page';

export function PreviewPage(props: {
  state: DeskState;
  subject: string;
  text: string;
  csrfToken: string;
  email: string;
  /** Each connected social account's post, as it would go out. */
  social?: SocialPreview[];
  /** One of the district's other languages, previewed as its readers get it; absent: the district's own. */
  lang?: string;
  /** The version shown, when it can be published now by the person looking (PublishQuestion). */
  publish?: PublishAsk;
}) {
  const { state } = props;
  const languages = state.settings.languages;
  const inLang = (path: string) => `${path}?date=${state.date}${props.lang ? `&lang=${props.lang}` : ''}`;
  return (
    <>
      <p>
        <a href={`/admin/inbox?date=${state.date}`}>{t('desk.publish.preview.back')}</a>
      </p>
      <h1>{t('desk.publish.preview.heading', { date: formatLongDate(state.date) })}</h1>
      {languages.length > 1 ? (
        <nav class="datebar" aria-label={t('desk.publish.preview.languages')}>
          {languages.map((lang, n) => (
            <a
              href={`/admin/inbox/preview?date=${state.date}${n === 0 ? '' : `&lang=${lang}`}`}
              aria-current={(props.lang ?? languages[0]) === lang ? 'page' : undefined}
            >
              {n === 0 ? t('desk.translations.own', { language: languageLabel(lang) }) : languageLabel(lang)}
            </a>
          ))}
        </nav>
      ) : null}
      {props.lang ? (
        <p class="hint">{t('desk.publish.preview.inLanguage', { language: languageLabel(props.lang) })}</p>
      ) : null}
      <div class="card">
        {state.open.length === 0 ? (
          <p>
            <span class="badge ok">{t('desk.inbox.allPass')}</span> {t('desk.publish.preview.readersSee')}
            {props.publish ? (
              <>
                {' '}
                <a href="#publish-heading">{t('desk.publish.preview.toPublish')}</a>
              </>
            ) : null}
          </p>
        ) : (
          <>
            <p>
              <span class="badge warn">{t('desk.inbox.checks', { count: state.open.length })}</span>{' '}
              {t('desk.publish.preview.waits')}
            </p>
            <FindingList date={state.date} findings={state.open} itemId={0} canOverride={false} />
          </>
        )}
        <form method="post" action={inLang('/admin/inbox/preview')} class="actions">
          <CsrfField token={props.csrfToken} />
          <button type="submit">{t('desk.publish.preview.sendTest', { email: props.email })}</button>
        </form>
      </div>
      <h2>{t('desk.publish.preview.page')}</h2>
      <iframe
        class="preview-frame"
        title={t('desk.publish.preview.pageFrame')}
        src={inLang('/admin/inbox/preview/page')}
      ></iframe>
      <h2>{t('desk.publish.preview.email')}</h2>
      <p>{rich('desk.publish.preview.subject', { subject: <strong>{props.subject}</strong> })}</p>
      <iframe
        class="preview-frame"
        title={t('desk.publish.preview.emailFrame')}
        sandbox=""
        src={inLang('/admin/inbox/preview/email')}
      ></iframe>
      <h2>{t('desk.publish.preview.text')}</h2>
      <pre class="mail">{props.text}</pre>
      <SocialPreviewSection posts={props.social ?? []} />
      {props.publish ? (
        <>
          <h2 id="publish-heading">{t('desk.publish.preview.publishHeading')}</h2>
          <PublishQuestion
            {...props.publish}
            csrfToken={props.csrfToken}
            from="preview"
            fromLang={props.lang}
          />
          <script src={assetUrl('question.js')} defer></script>
        </>
      ) : null}
    </>
  );
}
