// The sign-up box on the home page and at the end of each digest: one address field, posting to the same
// /subscribe the full form uses (double opt-in follows there) with the page's language. Schools are chosen on
// the full form.
import { localPath, subscribeHref, textOf, type SiteInfo } from './layout';
import { possessive } from '../i18n/site-language';

export function SignUpBox(props: { site: SiteInfo; id: string; heading: 'h2' | 'p' }) {
  const Heading = props.heading;
  const text = textOf(props.site);
  return (
    <section class="signup" aria-labelledby={`${props.id}-title`}>
      <Heading class="signup-title" id={`${props.id}-title`}>
        {text.t('signup.title')}
      </Heading>
      <p class="signup-text">
        {text.t('signup.text', {
          district: props.site.districtName,
          districtPossessive: possessive(props.site.districtName),
        })}
      </p>
      {/* The server says what is wrong with an address, in the page's language; a browser would in its own. */}
      <form method="post" action="/subscribe" class="signup-form" novalidate>
        <input type="hidden" name="language" value={text.lang} />
        <input type="hidden" name="form_language" value={text.lang} />
        <label for={`${props.id}-email`} class="visually-hidden">
          {text.t('signup.email')}
        </label>
        <input
          type="email"
          dir="ltr"
          id={`${props.id}-email`}
          name="email"
          autocomplete="email"
          required
          placeholder={text.t('signup.placeholder')}
        />
        <button type="submit">{text.t('signup.button')}</button>
      </form>
      <p class="signup-consent">{text.t('subscribe.consent')}</p>
      <p class="signup-more">
        <a href={subscribeHref(props.site)}>{text.t('signup.choose')}</a> ·{' '}
        <a href={localPath(props.site, '/feeds')}>{text.t('layout.feeds')}</a>
      </p>
    </section>
  );
}
