import {html, nothing} from 'lit';
import {msg} from '@lit/localize';
import {referenceOf} from '../../client/actions/index.js';
import {labelOf} from './actions.js';
import type {ActionRunner} from './action-runner.js';
import {targetsText, undoText} from './messages.js';
import {renderWholeMessage} from '../../internal/untrusted-text.js';

/** What the live regions show of a run: its result, and the action waiting out its undo window. */
type RunStatus = Pick<ActionRunner, 'outcome' | 'pending' | 'undo' | 'hold'>;

/**
 * Two live regions that are always there, so screen readers announce what is put in them; they
 * hold only the summary sentence, and the per-object list (maybe hundreds of lines) follows them,
 * then the whole of server messages shown shortened.
 */
export function renderLiveRegions(run: RunStatus) {
  const outcome = run.outcome;
  const error = outcome?.tone === 'error';
  const content = outcome ? html`<div part="result" data-tone=${outcome.tone}><span>${outcome.text}</span></div>` : nothing;
  return html`<div part="status" role="status">${renderCountdown(run)}${error ? nothing : content}</div>
    <div part="alert" role="alert">${error ? content : nothing}</div>
    ${outcome?.lines.length ? html`<ul part="result-list" data-tone=${outcome.tone}>${outcome.lines.map((line) => html`<li>${line}</li>`)}</ul>` : nothing}
    ${renderWholeMessage(outcome?.whole ?? [])}`;
}

/** The countdown ticks visibly; assistive technology hears the delay once. */
function renderCountdown(run: RunStatus) {
  const pending = run.pending;
  if (!pending) return nothing;
  const {request} = pending.value;
  const label = labelOf(request.definition);
  const what = targetsText(request.targets.map(referenceOf));
  return html`
    <div part="undo">
      <span aria-hidden="true">${undoText(label, what, pending.remaining)}</span>
      <span class="visually-hidden">${undoText(label, what, pending.total)}</span>
      <button
        part="undo-button"
        type="button"
        @click=${() => run.undo()}
        @focus=${() => run.hold('focus', true)}
        @blur=${() => run.hold('focus', false)}
        @mouseenter=${() => run.hold('hover', true)}
        @mouseleave=${() => run.hold('hover', false)}
      >
        ${msg('Undo', {id: 'kube.actionBar.undo'})}
      </button>
    </div>
  `;
}
