// The first-run checklist at the top of the inbox, for administrators, until every step is done; folded to one
// line once the district has published.
import { t } from '../../i18n/desk-text';
import type { FirstRunStep } from '../../settings/first-run';

export function FirstRunChecklist(props: { steps: FirstRunStep[]; folded?: boolean }) {
  const left = props.steps.filter((step) => !step.done).length;
  if (left === 0) return null;
  const done = props.steps.length - left;
  const heading = t('desk.publish.firstRun.heading', { done, total: props.steps.length });
  const list = (
    <>
      <p class="muted small">{t('desk.publish.firstRun.hint')}</p>
      <ol class="first-run-steps">
        {props.steps.map((step) => (
          <li class={step.done ? 'done' : undefined}>
            <span class={`badge ${step.done ? 'ok' : 'neutral'}`}>
              {step.done ? t('desk.publish.firstRun.done') : t('desk.publish.firstRun.toDo')}
            </span>{' '}
            {step.href && !step.done ? <a href={step.href}>{step.title}</a> : <strong>{step.title}</strong>}
            {step.done ? null : <p class="small">{step.how}</p>}
          </li>
        ))}
      </ol>
    </>
  );
  // After the first digest the steps left are for a quiet moment: one line, opened when wanted.
  if (props.folded)
    return (
      <details class="card first-run">
        <summary>
          <h2 class="card-heading">{heading}</h2>
        </summary>
        {list}
      </details>
    );
  return (
    <section class="card first-run" aria-labelledby="first-run-heading">
      <h2 id="first-run-heading" class="card-heading">
        {heading}
      </h2>
      {list}
    </section>
  );
}
