// One source's details: feed address, school, owner, who authorized it and until when, media release; reading
// its feed now, with what came of it shown here; and removing a source added by mistake.
import type { School } from '../../db/schools';
import { warningsOf, type SourceWithSchool } from '../../db/sources';
import type { SourceEdit } from '../../sources/edit-source';
import { inDigestsMessage, withItsPosts } from '../../sources/remove-source';
import { localDateOf } from '../../time/zoned-time';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { CsrfField } from '../admin-layout';

export function SourceEditPage(props: {
  source: SourceWithSchool;
  schools: School[];
  csrfToken: string;
  timezone: string;
  /** Its posts, and the digests that carry one of them (a source in a digest cannot be removed). */
  usage: { posts: number; digests: number };
  /** What was typed, shown again when saving it was refused. */
  typed?: SourceEdit;
  /** The authorization review section (expired sentence, renew, suspend). */
  review?: JSX.Element;
}) {
  const { source } = props;
  const warnings = warningsOf(source);
  const date = (at: number | null) => (at ? localDateOf(at, props.timezone) : '');
  const shown: SourceEdit = props.typed ?? {
    url: source.feedUrl,
    school: source.schoolName,
    ownerName: source.ownerName ?? '',
    ownerEmail: source.ownerEmail ?? '',
    authorization: source.authorization,
    authorizedBy: source.authorizedBy ?? '',
    authorizedOn: date(source.authorizedAt),
    reviewOn: date(source.reviewAt),
    mediaRelease: source.mediaRelease,
  };
  return (
    <>
      <p>
        <a href="/admin/sources">← Sources</a>
      </p>
      <h1>{source.title ?? source.feedUrl}</h1>
      <p class="muted break">{source.feedUrl}</p>
      <form method="post" action={`/admin/sources/${source.id}`} class="card">
        <CsrfField token={props.csrfToken} />
        <label for="url">Feed address</label>
        <input type="url" id="url" name="url" value={shown.url} required aria-describedby="url-hint" />
        <p class="hint" id="url-hint">
          Change it when the account’s feed moves, to a new blog or platform. The posts read so far stay, and
          the new address is read at once.
        </p>
        <label for="school">School</label>
        <input
          type="text"
          id="school"
          name="school"
          value={shown.school}
          required
          list="schools"
          maxlength={120}
        />
        <datalist id="schools">
          {props.schools.map((school) => (
            <option value={school.name} />
          ))}
        </datalist>
        <label for="owner_name">Owner's name</label>
        <input type="text" id="owner_name" name="owner_name" value={shown.ownerName} maxlength={120} />
        <label for="owner">Owner's email</label>
        <input type="email" id="owner" name="owner" value={shown.ownerEmail} maxlength={254} />
        <fieldset>
          <legend>Authorization</legend>
          <p class="hint">
            Only authorized accounts are read into the inbox. Suspend an account to stop it at once.
          </p>
          {(source.authorization === 'expired'
            ? (['authorized', 'pending', 'suspended', 'expired'] as const)
            : (['authorized', 'pending', 'suspended'] as const)
          ).map((status) => (
            <label class="check-label">
              <input
                type="radio"
                name="authorization"
                value={status}
                checked={shown.authorization === status}
              />{' '}
              {status[0]!.toUpperCase() + status.slice(1)}
            </label>
          ))}
          <label for="authorized_by">Authorized by</label>
          <input
            type="text"
            id="authorized_by"
            name="authorized_by"
            value={shown.authorizedBy}
            maxlength={120}
            placeholder="Principal Hayes"
          />
          <label for="authorized_on">Authorized on</label>
          <input type="date" id="authorized_on" name="authorized_on" value={shown.authorizedOn} />
          <label for="review_on">Review by</label>
          <input type="date" id="review_on" name="review_on" value={shown.reviewOn} />
        </fieldset>
        <label class="check-label">
          <input type="checkbox" name="media_release" value="1" checked={shown.mediaRelease} /> A media
          release is on file for the students this account photographs
        </label>
        <div class="actions">
          <button type="submit">Save source</button>
        </div>
      </form>
      {props.review}
      <section class="card" aria-labelledby="read-heading">
        <h2 id="read-heading" class="card-heading">
          Read the feed now
        </h2>
        <form method="post" action={`/admin/sources/${source.id}/fetch`}>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="back" value="source" />
          <p>
            Reads the feed at once and says here what came of it: the new posts, why the feed cannot be read,
            or what is odd about it.
          </p>
          {warnings.length ? (
            <div class="flash info" role="note">
              <p>What was odd about the feed when it was last read:</p>
              <ul>
                {warnings.map((warning) => (
                  <li>{warning}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div class="actions">
            <button type="submit" class="secondary">
              {source.paused ? 'Retry now' : 'Read now'}
            </button>
          </div>
        </form>
      </section>
      <section class="card" aria-labelledby="remove-heading">
        <h2 id="remove-heading" class="card-heading">
          Remove this source
        </h2>
        {props.usage.digests > 0 ? (
          <p>{inDigestsMessage(props.usage.digests)}</p>
        ) : (
          <form method="post" action={`/admin/sources/${source.id}/remove`}>
            <CsrfField token={props.csrfToken} />
            <p>
              For an address added by mistake. The source and the posts read from it are deleted, and this
              cannot be undone. To stop reading an account, set it to Suspended instead.
            </p>
            <label class="check-label">
              <input type="checkbox" name="confirm" value="1" required /> Delete{' '}
              {withItsPosts('this source', props.usage.posts)}
            </label>
            <div class="actions">
              <button type="submit" class="danger">
                Remove source
              </button>
            </div>
          </form>
        )}
      </section>
    </>
  );
}
