// The first-run checklist at the top of the inbox, for administrators, until every step is done.
import type { FirstRunStep } from '../../settings/first-run';

export function FirstRunChecklist(props: { steps: FirstRunStep[] }) {
  const left = props.steps.filter((step) => !step.done).length;
  if (left === 0) return null;
  const done = props.steps.length - left;
  return (
    <section class="card first-run" aria-labelledby="first-run-heading">
      <h2 id="first-run-heading" class="card-heading">
        Getting started: {done} of {props.steps.length} done
      </h2>
      <p class="muted small">
        Each step ticks itself when it is done; this list goes away after the last one.
      </p>
      <ol class="first-run-steps">
        {props.steps.map((step) => (
          <li class={step.done ? 'done' : undefined}>
            <span class={`badge ${step.done ? 'ok' : 'neutral'}`}>{step.done ? 'Done' : 'To do'}</span>{' '}
            {step.href && !step.done ? <a href={step.href}>{step.title}</a> : <strong>{step.title}</strong>}
            {step.done ? null : <p class="small">{step.how}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
