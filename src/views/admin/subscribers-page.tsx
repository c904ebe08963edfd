// The Subscribers section: counts, search, export and import, and each digest's deliveries.
import { rich, t } from '../../i18n/desk-text';
import { CONFIRM_LINK_DAYS, UNCONFIRMED_KEPT_DAYS } from '../../subscriptions/confirm-link';
import type { DeliveryState } from '../../db/deliveries';
import type { School } from '../../db/schools';
import type { Subscriber, SubscriberStatus } from '../../db/subscribers';
import type { Language } from '../../i18n/languages';
import type { ImportFigures } from '../../subscriptions/import-subscribers';
import { formatLongDate } from '../../publish/digest-content';
import { formatDateTime } from '../../time/format';
import { languageNameIn } from '../../i18n/language-names';
import { CsrfField } from '../admin-layout';
import { assetUrl } from '../assets';

const STATUS_LABELS: Record<SubscriberStatus, string> = {
  confirmed: t('desk.subscribers.statuses.confirmed'),
  pending: t('desk.subscribers.statuses.pending'),
  unsubscribed: t('desk.subscribers.statuses.unsubscribed'),
  suspended: t('desk.subscribers.statuses.suspended'),
};

const CONSENT_SOURCES: Record<string, string> = {
  form: t('desk.subscribers.consentSources.form'),
  embed: t('desk.subscribers.consentSources.embed'),
  import: t('desk.subscribers.consentSources.import'),
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
  /** Administrators may import people who already agreed, on their word, with no confirmation email. */
  canAttest: boolean;
  /**
   * The import form as it was sent (a browser never fills a file in again; the rest it can), with why it was
   * refused (none: only chosen again, after its question).
   */
  importTyped?: { attest: boolean; attestation: string; message?: string };
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
      <h1>{t('desk.subscribers.title')}</h1>
      <div class="columns">
        <section class="card" aria-labelledby="status-heading">
          <h2 id="status-heading" class="card-heading">
            {t('desk.subscribers.byStatus')}
          </h2>
          <dl class="kv">
            {(Object.keys(STATUS_LABELS) as SubscriberStatus[]).map((status) => (
              <>
                <dt>{STATUS_LABELS[status]}</dt>
                <dd>{props.counts[status]}</dd>
              </>
            ))}
          </dl>
          <p class="hint">
            {t('desk.subscribers.pendingHint', { days: CONFIRM_LINK_DAYS, kept: UNCONFIRMED_KEPT_DAYS })}
          </p>
        </section>
        <section class="card" aria-labelledby="school-heading">
          <h2 id="school-heading" class="card-heading">
            {t('desk.subscribers.bySchool')}
          </h2>
          <dl class="kv">
            <dt>{t('desk.subscribers.everySchool')}</dt>
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

      <h2>{t('desk.subscribers.byDigest')}</h2>
      {props.stats.length === 0 ? (
        <p class="muted">{t('desk.subscribers.noDigest')}</p>
      ) : (
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">{t('desk.subscribers.digest')}</th>
              <th scope="col">{t('desk.subscribers.sent')}</th>
              <th scope="col">{t('desk.subscribers.waiting')}</th>
              <th scope="col">{t('desk.subscribers.failedOrBounced')}</th>
              <th scope="col">{t('desk.subscribers.unknown')}</th>
              <th scope="col">{t('desk.subscribers.notNeeded')}</th>
            </tr>
          </thead>
          <tbody>
            {props.stats.map((row) => (
              <tr>
                <td data-label={t('desk.subscribers.digest')}>
                  <a href={`/admin/subscribers/deliveries/${row.date}`}>{formatLongDate(row.date)}</a>
                </td>
                <td data-label={t('desk.subscribers.sent')}>{row.counts.sent}</td>
                <td data-label={t('desk.subscribers.waiting')}>{row.counts.queued + row.counts.sending}</td>
                <td data-label={t('desk.subscribers.failedOrBounced')}>
                  {row.counts.failed + row.counts.bounced}
                </td>
                <td data-label={t('desk.subscribers.unknown')}>
                  {row.counts.unknown ? <span class="badge warn">{row.counts.unknown}</span> : 0}
                </td>
                <td data-label={t('desk.subscribers.notNeeded')}>{row.counts.skipped}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="search">{t('desk.subscribers.find')}</h2>
      <form
        method="get"
        action="/admin/subscribers"
        class="inline card"
        aria-label={t('desk.subscribers.find')}
      >
        <div>
          <label for="q">{t('desk.subscribers.contains')}</label>
          <input type="text" id="q" name="q" value={search.query} />
        </div>
        <div>
          <label for="status">{t('desk.subscribers.status')}</label>
          <select id="status" name="status">
            <option value="">{t('desk.subscribers.any')}</option>
            {(Object.keys(STATUS_LABELS) as SubscriberStatus[]).map((status) => (
              <option value={status} selected={status === search.status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="school">{t('desk.subscribers.school')}</label>
          <select id="school" name="school">
            <option value="">{t('desk.subscribers.any')}</option>
            {props.schools.map((school) => (
              <option value={String(school.id)} selected={school.id === search.schoolId}>
                {school.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          {t('desk.subscribers.findButton')}
        </button>
      </form>
      {found.total === 0 ? (
        <p class="muted">
          {search.query || search.status || search.schoolId
            ? t('desk.subscribers.noMatch')
            : t('desk.subscribers.nobody')}
        </p>
      ) : (
        <table class="stack">
          <caption class="muted small table-caption">
            {t('desk.subscribers.found', { count: found.total })}
            {lastPage > 1 ? t('desk.subscribers.page', { page: search.page, pages: lastPage }) : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('desk.subscribers.address')}</th>
              <th scope="col">{t('desk.subscribers.status')}</th>
              <th scope="col">{t('desk.subscribers.schools')}</th>
              <th scope="col">{t('desk.subscribers.consent')}</th>
            </tr>
          </thead>
          <tbody>
            {found.rows.map((s) => (
              <tr>
                <td class="break" data-label={t('desk.subscribers.address')}>
                  <a href={`/admin/subscribers/${s.id}`}>{s.email}</a>
                </td>
                <td data-label={t('desk.subscribers.status')}>{STATUS_LABELS[s.status]}</td>
                <td data-label={t('desk.subscribers.schools')}>
                  {s.schools ?? t('desk.subscribers.everySchool')}
                </td>
                <td class="small" data-label={t('desk.subscribers.consent')}>
                  {s.consentAt ? formatDateTime(s.consentAt, props.timezone) : '—'}
                  {s.consentSource ? ` · ${CONSENT_SOURCES[s.consentSource] ?? s.consentSource}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {lastPage > 1 ? (
        <nav class="pager" aria-label={t('desk.subscribers.pages')}>
          {search.page > 1 ? (
            <a href={pageHref(search.page - 1)}>{t('desk.subscribers.previous')}</a>
          ) : (
            <span />
          )}
          {search.page < lastPage ? (
            <a href={pageHref(search.page + 1)}>{t('desk.subscribers.next')}</a>
          ) : null}
        </nav>
      ) : null}

      <h2 id="import">{t('desk.subscribers.exportImport')}</h2>
      <div class="card">
        <p>
          {rich('desk.subscribers.export', {
            link: <a href="/admin/subscribers/export.csv">{t('desk.subscribers.exportLink')}</a>,
          })}
        </p>
        {props.importTyped?.message ? (
          <div class="flash error" role="alert">
            {props.importTyped.message}
          </div>
        ) : null}
        <form method="post" action="/admin/subscribers/import#import" enctype="multipart/form-data">
          <CsrfField token={props.csrfToken} />
          <label for="file">{t('desk.subscribers.file')}</label>
          <input type="file" id="file" name="file" accept=".csv,text/csv" required />
          <p class="hint">{t('desk.subscribers.fileHint')}</p>
          {props.canAttest ? (
            <>
              <label class="check-label">
                <input type="checkbox" name="attest" value="1" checked={props.importTyped?.attest} />{' '}
                {t('desk.subscribers.attest')}
              </label>
              <label for="attestation">{t('desk.subscribers.attestation')}</label>
              <textarea id="attestation" name="attestation" maxlength={1000}>
                {props.importTyped?.attestation ?? ''}
              </textarea>
              <p class="hint">{t('desk.subscribers.attestationHint')}</p>
            </>
          ) : (
            <p class="hint">{t('desk.subscribers.confirmByEmail')}</p>
          )}
          <button type="submit" class="secondary">
            {t('desk.subscribers.import')}
          </button>
        </form>
      </div>
    </>
  );
}

/** Mistyped providers named on the page that asks; the rest are counted. */
const MISSPELT_SHOWN = 10;

/**
 * What an import will do, counted before anything is written, and the button that does it: who gets an email,
 * who is signed up on an attestation, who is left as they are, by school and language, with the first new
 * addresses as they were read (a wrong column shows there). The addresses read ride along in the form, sealed.
 */
export function ImportReviewPage(props: {
  figures: ImportFigures;
  /** The seal of what is shown (figures, addresses, attestation); the import goes ahead only if it still holds. */
  expected: string;
  /** The page's one-time key, sealed in `expected`: its button imports once. */
  once: string;
  /** Shown again because the figures changed since the question was asked. */
  changed: boolean;
  fileName: string;
  csv: string;
  /** The administrator's attestation; none when each new address is asked to confirm. */
  attestation?: string;
  bySchool: { name: string | undefined; count: number }[];
  byLanguage: [Language, number][];
  sample: { email: string; schools: string[]; language: Language }[];
  /** New addresses whose provider looks mistyped, with the address probably meant. */
  misspelt: readonly { line: number; email: string; meant: string }[];
  csrfToken: string;
}) {
  const { figures } = props;
  const attested = props.attestation !== undefined;
  const confirmedWaiting = figures.confirmed - figures.added;
  const languages = props.byLanguage.length > 1;
  const acts = figures.added > 0 || figures.confirmed > 0;
  return (
    <>
      <h1>{t('desk.subscribers.review.title')}</h1>
      {props.changed ? (
        <p class="flash error" role="alert">
          {t('desk.subscribers.review.changed')}
        </p>
      ) : null}
      <form
        method="post"
        action="/admin/subscribers/import#top"
        enctype="multipart/form-data"
        class="card import-review"
        aria-labelledby="review-what"
      >
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="confirmed" value="yes" />
        <input type="hidden" name="expected" value={props.expected} />
        <input type="hidden" name="once" value={props.once} />
        <input type="hidden" name="name" value={props.fileName} />
        <input type="hidden" name="csv" value={props.csv} />
        {attested ? (
          <>
            <input type="hidden" name="attest" value="1" />
            <input type="hidden" name="attestation" value={props.attestation} />
          </>
        ) : null}
        <p id="review-what" class="card-heading">
          <strong>
            {props.fileName
              ? t('desk.subscribers.review.file', { name: props.fileName, count: figures.rows })
              : t('desk.subscribers.review.list', { count: figures.rows })}
          </strong>
        </p>
        <ul>
          {figures.added > 0 ? (
            <li>
              {attested
                ? t('desk.subscribers.review.newAttested', { count: figures.added })
                : t('desk.subscribers.review.newAsked', { count: figures.added })}
            </li>
          ) : null}
          {confirmedWaiting > 0 ? (
            <li>{t('desk.subscribers.review.pendingAttested', { count: confirmedWaiting })}</li>
          ) : null}
          {figures.alreadyIn > 0 ? (
            <li>{t('desk.subscribers.review.alreadyIn', { count: figures.alreadyIn })}</li>
          ) : null}
          {figures.leftAlone > 0 ? (
            <li>{t('desk.subscribers.review.leftAlone', { count: figures.leftAlone })}</li>
          ) : null}
          {figures.forgotten > 0 ? (
            <li>{t('desk.subscribers.review.forgotten', { count: figures.forgotten })}</li>
          ) : null}
        </ul>
        {props.misspelt.length ? (
          <div class="flash warn" role="status">
            <p>{t('desk.subscribers.review.misspelt', { count: props.misspelt.length })}</p>
            <ul>
              {props.misspelt.slice(0, MISSPELT_SHOWN).map((row) => (
                <li>{t('desk.subscribers.review.misspeltLine', row)}</li>
              ))}
            </ul>
            {props.misspelt.length > MISSPELT_SHOWN ? (
              <p>
                {t('desk.subscribers.review.misspeltMore', { count: props.misspelt.length - MISSPELT_SHOWN })}
              </p>
            ) : null}
          </div>
        ) : null}
        {attested ? (
          <>
            <p>{t('desk.subscribers.review.attestation')}</p>
            <blockquote>{props.attestation}</blockquote>
          </>
        ) : null}
        {figures.added > 0 ? (
          <>
            <h2>{t('desk.subscribers.review.bySchool')}</h2>
            <dl class="kv">
              {props.bySchool.map((school) => (
                <>
                  <dt>{school.name ?? t('desk.subscribers.everySchool')}</dt>
                  <dd>{t('desk.subscribers.review.number', { count: school.count })}</dd>
                </>
              ))}
            </dl>
            {languages ? (
              <>
                <h2>{t('desk.subscribers.review.byLanguage')}</h2>
                <dl class="kv">
                  {props.byLanguage.map(([language, count]) => (
                    <>
                      <dt>{languageNameIn('en', language)}</dt>
                      <dd>{t('desk.subscribers.review.number', { count })}</dd>
                    </>
                  ))}
                </dl>
              </>
            ) : null}
            <h2>{t('desk.subscribers.review.sample', { count: props.sample.length })}</h2>
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{t('desk.subscribers.address')}</th>
                  <th scope="col">{t('desk.subscribers.schools')}</th>
                  {languages ? <th scope="col">{t('desk.subscribers.review.language')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {props.sample.map((row) => (
                  <tr>
                    <td data-label={t('desk.subscribers.address')}>{row.email}</td>
                    <td data-label={t('desk.subscribers.schools')}>
                      {row.schools.length ? row.schools.join(', ') : t('desk.subscribers.everySchool')}
                    </td>
                    {languages ? (
                      <td data-label={t('desk.subscribers.review.language')}>
                        {languageNameIn('en', row.language)}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
        {acts ? null : <p>{t('desk.subscribers.review.nothing')}</p>}
        <div class="actions">
          {acts ? (
            <button type="submit">
              {attested
                ? t('desk.subscribers.review.buttonAttested', { count: figures.confirmed })
                : t('desk.subscribers.review.buttonAsked', { count: figures.added })}
            </button>
          ) : null}
          {attested ? (
            // Back to the import form with the attestation as it was written, not typed again.
            <button
              type="submit"
              name="another"
              value="1"
              formaction="/admin/subscribers/import#import"
              class={acts ? 'secondary' : undefined}
            >
              {t('desk.subscribers.review.back')}
            </button>
          ) : (
            <a class={acts ? 'button secondary' : 'button'} href="/admin/subscribers#import">
              {t('desk.subscribers.review.back')}
            </a>
          )}
        </div>
      </form>
      <script src={assetUrl('question.js')} defer></script>
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
        <a href="/admin/subscribers">{t('desk.subscribers.deliveries.back')}</a>
      </p>
      <h1>{t('desk.subscribers.deliveries.title', { date: formatLongDate(props.date) })}</h1>
      {counts ? (
        <div class="card">
          <dl class="kv">
            <dt>{t('desk.subscribers.deliveries.sent')}</dt>
            <dd>{counts.sent}</dd>
            <dt>{t('desk.subscribers.deliveries.waiting')}</dt>
            <dd>{counts.queued + counts.sending}</dd>
            <dt>{t('desk.subscribers.deliveries.failed')}</dt>
            <dd>{counts.failed}</dd>
            <dt>{t('desk.subscribers.deliveries.bounced')}</dt>
            <dd>{counts.bounced}</dd>
            <dt>{t('desk.subscribers.deliveries.unknown')}</dt>
            <dd>{counts.unknown}</dd>
            <dt>{t('desk.subscribers.deliveries.notNeeded')}</dt>
            <dd>{counts.skipped}</dd>
          </dl>
        </div>
      ) : null}
      {unknown ? (
        <TickToConfirm
          action={`/admin/subscribers/deliveries/${props.date}/send-unknown`}
          id="unknown-heading"
          heading={t('desk.subscribers.deliveries.unknownHeading', { count: unknown })}
          text={t('desk.subscribers.deliveries.unknownText')}
          understood={t('desk.subscribers.deliveries.understood')}
          button={t('desk.subscribers.deliveries.sendAgain')}
          buttonClass="secondary"
          csrfToken={props.csrfToken}
        />
      ) : null}
      {props.problems.length ? (
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">{t('desk.subscribers.deliveries.address')}</th>
              <th scope="col">{t('desk.subscribers.deliveries.what')}</th>
              <th scope="col">{t('desk.subscribers.deliveries.attempts')}</th>
              <th scope="col">{t('desk.subscribers.deliveries.when')}</th>
            </tr>
          </thead>
          <tbody>
            {props.problems.map((p) => (
              <tr>
                <td class="break" data-label={t('desk.subscribers.deliveries.address')}>
                  {p.email}
                </td>
                <td data-label={t('desk.subscribers.deliveries.what')}>
                  <span class={`badge ${p.state === 'unknown' ? 'warn' : 'bad'}`}>{p.state}</span>
                  {p.kind === 'correction' ? t('desk.subscribers.deliveries.correction') : ''}
                  {p.lastError ? <div class="small muted break">{p.lastError}</div> : null}
                </td>
                <td data-label={t('desk.subscribers.deliveries.attempts')}>{p.attempts}</td>
                <td class="small" data-label={t('desk.subscribers.deliveries.when')}>
                  {formatDateTime(p.updatedAt, props.timezone)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">{t('desk.subscribers.deliveries.none')}</p>
      )}
    </>
  );
}

/** One subscriber: status, schools, language, what they agreed to, and deleting them at their request. */
export function SubscriberPage(props: {
  subscriber: Subscriber;
  schools: string[];
  timezone: string;
  canDelete: boolean;
  csrfToken: string;
}) {
  const s = props.subscriber;
  const when = (at: number | null) => (at ? formatDateTime(at, props.timezone) : '—');
  return (
    <>
      <p>
        <a href="/admin/subscribers">{t('desk.subscribers.one.back')}</a>
      </p>
      <h1 class="break">{s.email}</h1>
      <section class="card" aria-labelledby="subscriber-heading">
        <h2 id="subscriber-heading" class="card-heading">
          {t('desk.subscribers.one.heading')}
        </h2>
        <dl class="kv">
          <dt>{t('desk.subscribers.status')}</dt>
          <dd>{STATUS_LABELS[s.status]}</dd>
          <dt>{t('desk.subscribers.schools')}</dt>
          <dd>{props.schools.length ? props.schools.join(', ') : t('desk.subscribers.everySchool')}</dd>
          <dt>{t('desk.subscribers.one.language')}</dt>
          <dd>{languageNameIn('en', s.language)}</dd>
          <dt>{t('desk.subscribers.consent')}</dt>
          <dd>
            {when(s.consentAt)}
            {s.consentSource ? ` · ${CONSENT_SOURCES[s.consentSource] ?? s.consentSource}` : ''}
            {s.consentText ? (
              <>
                <br />
                <q class="small">{s.consentText}</q>
              </>
            ) : null}
          </dd>
          <dt>{t('desk.subscribers.one.confirmedAt')}</dt>
          <dd>{when(s.confirmedAt)}</dd>
          {s.unsubscribedAt ? (
            <>
              <dt>{t('desk.subscribers.one.unsubscribedAt')}</dt>
              <dd>{when(s.unsubscribedAt)}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {s.status === 'unsubscribed' ? null : (
        <TickToConfirm
          action={`/admin/subscribers/${s.id}/unsubscribe`}
          id="stop-heading"
          heading={t('desk.subscribers.one.stopHeading')}
          text={t('desk.subscribers.one.stopText')}
          understood={t('desk.subscribers.one.stopUnderstood')}
          button={t('desk.subscribers.one.stop')}
          buttonClass="secondary"
          csrfToken={props.csrfToken}
        />
      )}
      {props.canDelete ? (
        <TickToConfirm
          action={`/admin/subscribers/${s.id}/delete`}
          id="delete-heading"
          heading={t('desk.subscribers.one.deleteHeading')}
          text={t('desk.subscribers.one.deleteText')}
          understood={t('desk.subscribers.one.understood')}
          button={t('desk.subscribers.one.delete')}
          buttonClass="danger"
          csrfToken={props.csrfToken}
        />
      ) : (
        <p class="hint">{t('desk.subscribers.one.adminsOnly')}</p>
      )}
    </>
  );
}

/**
 * A card whose button does something that cannot be taken back: it posts only with its box ticked (the route
 * checks `understood` again, for browsers that do not honour `required`).
 */
function TickToConfirm(props: {
  action: string;
  id: string;
  heading: string;
  text: string;
  understood: string;
  button: string;
  buttonClass: 'secondary' | 'danger';
  csrfToken: string;
}) {
  return (
    <form method="post" action={props.action} class="card" aria-labelledby={props.id}>
      <h2 id={props.id} class="card-heading">
        {props.heading}
      </h2>
      <p>{props.text}</p>
      <CsrfField token={props.csrfToken} />
      <label class="check-label">
        <input type="checkbox" name="understood" value="1" required /> {props.understood}
      </label>
      <button type="submit" class={props.buttonClass}>
        {props.button}
      </button>
    </form>
  );
}
