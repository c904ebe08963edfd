// The Subscribers section: counts, search, export and import, and each digest's deliveries.
import type { DeliveryState } from '../../db/deliveries';
import type { School } from '../../db/schools';
import type { Subscriber, SubscriberStatus } from '../../db/subscribers';
import { formatLongDate } from '../../publish/digest-content';
import { formatDateTime } from '../../time/format';
import { CsrfField } from '../admin-layout';

const STATUS_LABELS: Record<SubscriberStatus, string> = {
  confirmed: 'Confirmed',
  pending: 'Waiting to confirm',
  unsubscribed: 'Unsubscribed',
  suspended: 'Suspended (mail bounced)',
};

const CONSENT_SOURCES: Record<string, string> = {
  form: 'sign-up form',
  embed: 'form on the district site',
  import: 'import',
};

export function SubscribersPage(props: {
  counts: Record<SubscriberStatus, number>;
  bySchool: { bySchool: { id: number; name: string; n: number }[]; everySchool: number };
  found: { rows: (Subscriber & { schools: string | null })[]; total: number };
  search: { query: string; status: string; schoolId: number; page: number; pageSize: number };
  schools: School[];
  stats: { digestId: number; date: string; counts: Record<DeliveryState, number> }[];
  timezone: string;
  csrfToken: string;
}) {
  const { search, found } = props;
  const pageHref = (page: number) =>
    `/admin/subscribers?${new URLSearchParams({
      ...(search.query ? { q: search.query } : {}),
      ...(search.status ? { status: search.status } : {}),
      ...(search.schoolId ? { school: String(search.schoolId) } : {}),
      page: String(page),
    })}`;
  const lastPage = Math.max(1, Math.ceil(found.total / search.pageSize));
  return (
    <>
      <h1>Subscribers</h1>
      <div class="columns">
        <section class="card" aria-labelledby="status-heading">
          <h2 id="status-heading" class="card-heading">
            By status
          </h2>
          <dl class="kv">
            {(Object.keys(STATUS_LABELS) as SubscriberStatus[]).map((status) => (
              <>
                <dt>{STATUS_LABELS[status]}</dt>
                <dd>{props.counts[status]}</dd>
              </>
            ))}
          </dl>
        </section>
        <section class="card" aria-labelledby="school-heading">
          <h2 id="school-heading" class="card-heading">
            Confirmed, by school chosen
          </h2>
          <dl class="kv">
            <dt>Every school</dt>
            <dd>{props.bySchool.everySchool}</dd>
            {props.bySchool.bySchool.map((school) => (
              <>
                <dt>{school.name}</dt>
                <dd>{school.n}</dd>
              </>
            ))}
          </dl>
        </section>
      </div>

      <h2>Emails by digest</h2>
      {props.stats.length === 0 ? (
        <p class="muted">No digest has been published yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Digest</th>
              <th scope="col">Sent</th>
              <th scope="col">Waiting</th>
              <th scope="col">Failed or bounced</th>
              <th scope="col">Unknown</th>
              <th scope="col">Not needed</th>
            </tr>
          </thead>
          <tbody>
            {props.stats.map((row) => (
              <tr>
                <td>
                  <a href={`/admin/subscribers/deliveries/${row.date}`}>{formatLongDate(row.date)}</a>
                </td>
                <td>{row.counts.sent}</td>
                <td>{row.counts.queued + row.counts.sending}</td>
                <td>{row.counts.failed + row.counts.bounced}</td>
                <td>{row.counts.unknown ? <span class="badge warn">{row.counts.unknown}</span> : 0}</td>
                <td>{row.counts.skipped}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="search">Find subscribers</h2>
      <form method="get" action="/admin/subscribers" class="inline card" aria-label="Find subscribers">
        <div>
          <label for="q">Address contains</label>
          <input type="text" id="q" name="q" value={search.query} />
        </div>
        <div>
          <label for="status">Status</label>
          <select id="status" name="status">
            <option value="">Any</option>
            {(Object.keys(STATUS_LABELS) as SubscriberStatus[]).map((status) => (
              <option value={status} selected={status === search.status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="school">School chosen</label>
          <select id="school" name="school">
            <option value="">Any</option>
            {props.schools.map((school) => (
              <option value={String(school.id)} selected={school.id === search.schoolId}>
                {school.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          Find
        </button>
      </form>
      {found.total === 0 ? (
        <p class="muted">
          {search.query || search.status || search.schoolId
            ? 'Nobody matches this search.'
            : 'Nobody has subscribed yet. Parents sign up at /subscribe, or import a list below.'}
        </p>
      ) : (
        <table>
          <caption class="muted small table-caption">
            {found.total} {found.total === 1 ? 'subscriber' : 'subscribers'}
            {lastPage > 1 ? `, page ${search.page} of ${lastPage}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Status</th>
              <th scope="col">Schools</th>
              <th scope="col">Consent</th>
            </tr>
          </thead>
          <tbody>
            {found.rows.map((s) => (
              <tr>
                <td class="break">{s.email}</td>
                <td>{STATUS_LABELS[s.status]}</td>
                <td>{s.schools ?? 'Every school'}</td>
                <td class="small">
                  {s.consentAt ? formatDateTime(s.consentAt, props.timezone) : '—'}
                  {s.consentSource ? ` · ${CONSENT_SOURCES[s.consentSource] ?? s.consentSource}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {lastPage > 1 ? (
        <nav class="pager" aria-label="Pages">
          {search.page > 1 ? <a href={pageHref(search.page - 1)}>← Previous</a> : <span />}
          {search.page < lastPage ? <a href={pageHref(search.page + 1)}>Next →</a> : null}
        </nav>
      ) : null}

      <h2 id="import">Export or import</h2>
      <div class="card">
        <p>
          <a href="/admin/subscribers/export.csv">Download every subscriber as CSV</a> (address, status,
          schools and what they consented to, when and how).
        </p>
        <form method="post" action="/admin/subscribers/import" enctype="multipart/form-data">
          <CsrfField token={props.csrfToken} />
          <label for="file">A CSV file with an “email” column and, if you like, a “schools” column</label>
          <input type="file" id="file" name="file" accept=".csv,text/csv" required />
          <p class="hint">
            Schools by name or short name, separated by semicolons; none for every school. Every line is
            checked first: if one is wrong, nothing is imported. Addresses that unsubscribed are never signed
            up again.
          </p>
          <label class="check-label">
            <input type="checkbox" name="attest" value="1" /> These people already agreed to receive the
            digest by email
          </label>
          <label for="attestation">
            How and when they agreed (required when ticked; kept as their consent)
          </label>
          <textarea id="attestation" name="attestation" maxlength={1000}></textarea>
          <p class="hint">
            Without this, each new address gets an email asking to confirm, and receives nothing until it
            does.
          </p>
          <button type="submit" class="secondary">
            Import
          </button>
        </form>
      </div>
    </>
  );
}

export function DeliveriesPage(props: {
  date: string;
  counts: Record<DeliveryState, number> | undefined;
  problems: {
    id: number;
    kind: string;
    state: string;
    attempts: number;
    lastError: string | null;
    updatedAt: number;
    email: string;
  }[];
  timezone: string;
  csrfToken: string;
}) {
  const counts = props.counts;
  const unknown = props.problems.filter((p) => p.state === 'unknown').length;
  return (
    <>
      <p>
        <a href="/admin/subscribers">← Subscribers</a>
      </p>
      <h1>Emails for {formatLongDate(props.date)}</h1>
      {counts ? (
        <div class="card">
          <dl class="kv">
            <dt>Sent</dt>
            <dd>{counts.sent}</dd>
            <dt>Waiting or going out</dt>
            <dd>{counts.queued + counts.sending}</dd>
            <dt>Failed</dt>
            <dd>{counts.failed}</dd>
            <dt>Bounced</dt>
            <dd>{counts.bounced}</dd>
            <dt>Outcome unknown</dt>
            <dd>{counts.unknown}</dd>
            <dt>Not needed (nothing for their schools, or they left)</dt>
            <dd>{counts.skipped}</dd>
          </dl>
        </div>
      ) : null}
      {unknown ? (
        <form
          method="post"
          action={`/admin/subscribers/deliveries/${props.date}/send-unknown`}
          class="card"
          aria-labelledby="unknown-heading"
        >
          <h2 id="unknown-heading" class="card-heading">
            {unknown} {unknown === 1 ? 'message' : 'messages'} with an unknown outcome
          </h2>
          <p>
            The server stopped while these were being handed to the mail server, so nobody knows whether they
            left. They are not sent again on their own. Send them again only if a duplicate is better than a
            gap.
          </p>
          <CsrfField token={props.csrfToken} />
          <label class="check-label">
            <input type="checkbox" name="understood" value="1" required /> I accept that some of them may get
            this email twice
          </label>
          <button type="submit" class="secondary">
            Send these again
          </button>
        </form>
      ) : null}
      {props.problems.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">What happened</th>
              <th scope="col">Attempts</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {props.problems.map((p) => (
              <tr>
                <td class="break">{p.email}</td>
                <td>
                  <span class={`badge ${p.state === 'unknown' ? 'warn' : 'bad'}`}>{p.state}</span>
                  {p.kind === 'correction' ? ' (correction)' : ''}
                  {p.lastError ? <div class="small muted break">{p.lastError}</div> : null}
                </td>
                <td>{p.attempts}</td>
                <td class="small">{formatDateTime(p.updatedAt, props.timezone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">No failed, bounced or unknown messages.</p>
      )}
    </>
  );
}
