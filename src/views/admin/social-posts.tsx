// The social side of the desk: each account's post in the Preview with its length, and after publishing,
// each post's state and link.
import { t } from '../../i18n/desk-text';
import { isDayPostKey, type DigestSocialPost } from '../../db/social-posts';
import { NETWORK_NAMES } from '../../social/network';
import type { SocialPreview } from '../../social/preview-posts';

export function SocialPreviewSection(props: { posts: SocialPreview[] }) {
  if (props.posts.length === 0) return null;
  return (
    <>
      <h2>{t('desk.social.preview.heading')}</h2>
      {props.posts.map((post) => (
        <section class="card" aria-label={`${NETWORK_NAMES[post.network]} ${post.account}`}>
          <p>
            <strong>{NETWORK_NAMES[post.network]}</strong> {post.account}{' '}
            <span class={`badge ${post.length <= post.limit ? 'ok' : 'warn'}`}>
              {t('desk.social.preview.length', { length: post.length, limit: post.limit })}
            </span>
          </p>
          <pre class="mail">{post.text}</pre>
        </section>
      ))}
    </>
  );
}

const STATES: Record<DigestSocialPost['state'], () => string> = {
  queued: () => t('desk.social.panel.states.queued'),
  posting: () => t('desk.social.panel.states.posting'),
  posted: () => t('desk.social.panel.states.posted'),
  failed: () => t('desk.social.panel.states.failed'),
  withdrawn: () => t('desk.social.panel.states.withdrawn'),
  deleting: () => t('desk.social.panel.states.deleting'),
  deleted: () => t('desk.social.panel.states.deleted'),
};

export function SocialPostsPanel(props: { posts: DigestSocialPost[] }) {
  if (props.posts.length === 0) return null;
  return (
    <section class="card" aria-labelledby="social-heading">
      <h2 id="social-heading" class="card-heading">
        {t('desk.social.panel.heading')}
      </h2>
      <ul class="small">
        {props.posts.map((post) => (
          <li>
            {t('desk.social.panel.state', {
              network: NETWORK_NAMES[post.network],
              account: post.account,
              correction:
                post.key === 'digest'
                  ? ''
                  : isDayPostKey(post.key)
                    ? t('desk.social.panel.again')
                    : t('desk.social.panel.correction'),
              state: STATES[post.state](),
            })}
            {post.url && post.state === 'posted' ? (
              <>
                {' '}
                <a href={post.url}>{t('desk.social.panel.view')}</a>
              </>
            ) : null}
            {post.lastError && post.state !== 'posted' && post.state !== 'deleted' ? (
              <span class="hint"> {post.lastError}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
