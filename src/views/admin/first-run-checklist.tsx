// The first-run checklist at the top of the inbox, for administrators, until every step is done.
import { t } from '../../i18n/desk-text';
import type { FirstRunStep } from '../../settings/first-run';

export function FirstRunChecklist(props: { steps: FirstRunStep[] }) {
  const left = props.steps.filter((step) => !step.done).length;
  if (left === 0) return null;
  const done = props.steps.length - left;
  return (
    <section class="card first-run" aria-labelledby="first-run-heading">
      <h2 id="first-run-heading" class="card-heading">
        {t('desk.publish.firstRun.heading', { done, total: props.steps.length })}
      </h2>
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
    </section>
  );
}
