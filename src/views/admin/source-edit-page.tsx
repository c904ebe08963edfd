// One source's details: feed address, school, owner, who authorized it and until when, media release.
import type { School } from '../../db/schools';
import type { SourceWithSchool } from '../../db/sources';
import { localDateOf } from '../../time/zoned-time';
import { CsrfField } from '../admin-layout';

export function SourceEditPage(props: {
  source: SourceWithSchool;
  schools: School[];
  csrfToken: string;
  timezone: string;
}) {
  const { source } = props;
  const date = (at: number | null) => (at ? localDateOf(at, props.timezone) : '');
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
        <input type="url" id="url" name="url" value={source.feedUrl} required aria-describedby="url-hint" />
        <p class="hint" id="url-hint">
          Change it when the account’s feed moves, to a new blog or platform. The posts read so far stay, and
          the new address is read at once.
        </p>
        <label for="school">School</label>
        <input
          type="text"
          id="school"
          name="school"
          value={source.schoolName}
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
        <input type="text" id="owner_name" name="owner_name" value={source.ownerName ?? ''} maxlength={120} />
        <label for="owner">Owner's email</label>
        <input type="email" id="owner" name="owner" value={source.ownerEmail ?? ''} maxlength={254} />
        <fieldset>
          <legend>Authorization</legend>
          <p class="hint">
            Only authorized accounts are read into the inbox. Suspend an account to stop it at once.
          </p>
          {(['authorized', 'pending', 'suspended'] as const).map((status) => (
            <label class="check-label">
              <input
                type="radio"
                name="authorization"
                value={status}
                checked={source.authorization === status}
              />{' '}
              {status[0]!.toUpperCase() + status.slice(1)}
            </label>
          ))}
          <label for="authorized_by">Authorized by</label>
          <input
            type="text"
            id="authorized_by"
            name="authorized_by"
            value={source.authorizedBy ?? ''}
            maxlength={120}
            placeholder="Principal Hayes"
          />
          <label for="authorized_on">Authorized on</label>
          <input type="date" id="authorized_on" name="authorized_on" value={date(source.authorizedAt)} />
          <label for="review_on">Review by</label>
          <input type="date" id="review_on" name="review_on" value={date(source.reviewAt)} />
        </fieldset>
        <label class="check-label">
          <input type="checkbox" name="media_release" value="1" checked={source.mediaRelease} /> A media
          release is on file for the students this account photographs
        </label>
        <div class="actions">
          <button type="submit">Save source</button>
        </div>
      </form>
    </>
  );
}
