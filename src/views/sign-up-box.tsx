// The sign-up box on the home page and at the end of each digest: one address field, posting to the same
// /subscribe the full form uses (double opt-in follows there). Schools are chosen on the full form.
import type { SiteInfo } from './layout';

export function SignUpBox(props: { site: SiteInfo; id: string; heading: 'h2' | 'p' }) {
  const Heading = props.heading;
  return (
    <section class="signup" aria-labelledby={`${props.id}-title`}>
      <Heading class="signup-title" id={`${props.id}-title`}>
        Get the daily digest by email
      </Heading>
      <p class="signup-text">
        One short email each school day with the best of yesterday in {props.site.districtName}'s classrooms.
        Nothing else, and you can stop with one click.
      </p>
      <form method="post" action="/subscribe" class="signup-form">
        <label for={`${props.id}-email`} class="visually-hidden">
          Your email address
        </label>
        <input
          type="email"
          id={`${props.id}-email`}
          name="email"
          autocomplete="email"
          required
          placeholder="you@example.com"
        />
        <button type="submit">Subscribe</button>
      </form>
      <p class="signup-more">
        <a href="/subscribe">Choose schools</a> · <a href="/feed.xml">RSS feed</a>
      </p>
    </section>
  );
}
