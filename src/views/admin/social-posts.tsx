// The social side of the desk: each account's post in the Preview with its length, and after publishing,
// each post's state and link.
import type { DigestSocialPost } from '../../db/social-posts';
import { NETWORK_NAMES } from '../../social/network';
import type { SocialPreview } from '../../social/preview-posts';

export function SocialPreviewSection(props: { posts: SocialPreview[] }) {
  if (props.posts.length === 0) return null;
  return (
    <>
      <h2>The social posts</h2>
      {props.posts.map((post) => (
        <section class="card" aria-label={`${NETWORK_NAMES[post.network]} ${post.account}`}>
          <p>
            <strong>{NETWORK_NAMES[post.network]}</strong> {post.account}{' '}
            <span class={`badge ${post.length <= post.limit ? 'ok' : 'warn'}`}>
              {post.length} of {post.limit} characters
            </span>
          </p>
          <pre class="mail">{post.text}</pre>
        </section>
      ))}
    </>
  );
}

const STATES: Record<DigestSocialPost['state'], string> = {
  queued: 'waiting to post',
  posting: 'posting now',
  posted: 'posted',
  failed: 'not posted',
  withdrawn: 'not posted (taken down first)',
  deleting: 'being deleted',
  deleted: 'deleted',
};

export function SocialPostsPanel(props: { posts: DigestSocialPost[] }) {
  if (props.posts.length === 0) return null;
  return (
    <section class="card" aria-labelledby="social-heading">
      <h2 id="social-heading" class="card-heading">
        On social media
      </h2>
      <ul class="small">
        {props.posts.map((post) => (
          <li>
            {NETWORK_NAMES[post.network]} {post.account}
            {post.key === 'digest' ? '' : ' (correction)'}: {STATES[post.state]}
            {post.url && post.state === 'posted' ? (
              <>
                {' '}
                <a href={post.url}>view the post</a>
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
