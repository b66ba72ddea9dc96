import {html, nothing} from 'lit';
import {msg, str} from '@lit/localize';
import {parseMetadataChanges, referenceOf, type DeploymentRevision, type ResolvedTarget} from '../../client/actions/index.js';
import {labelOf, type KubeActionDefinition} from './actions.js';
import {objectName, targetsText} from './messages.js';
import {isolate, withoutIsolates} from '../../internal/untrusted-text.js';

/** An action the user chose, on the targets it may act on. */
export interface ActionRequest {
  definition: KubeActionDefinition;
  targets: ResolvedTarget[];
  skipped: ResolvedTarget[];
  /** A deployment's revisions, newest first, once loaded for Roll back. */
  revisions?: DeploymentRevision[];
}

const SHOWN_TARGETS = 8;

/** The name the user must type, when confirming means typing it (a single namespace or node). */
export function nameToType(request: ActionRequest): string | undefined {
  const [first] = request.targets;
  if (!first || !request.definition.confirmByName?.(first.type)) return undefined;
  return request.targets.length === 1 ? first.name : String(request.targets.length);
}

/**
 * The confirmation and input dialog: a native `<dialog>` opened with `showModal()`, so focus
 * stays inside it and Escape cancels. Confirming a namespace or node means typing its name.
 */
export function renderDialog(request: ActionRequest | undefined, error: string | undefined, on: {onSubmit: (event: Event) => void; onCancel: () => void}) {
  const definition = request?.definition;
  const label = definition ? labelOf(definition) : '';
  const references = request?.targets.map(referenceOf) ?? [];
  const name = request && nameToType(request);
  const typed = name && isolate(name);
  const what = targetsText(references);
  return html`
    <dialog part="dialog" aria-labelledby="dialog-title" aria-describedby="dialog-message" @cancel=${(event: Event) => (event.preventDefault(), on.onCancel())}>
      ${request
        ? html`
            <form part="dialog-form" method="dialog" novalidate @submit=${on.onSubmit}>
              <h2 part="dialog-title" id="dialog-title">${label}</h2>
              <p part="dialog-message" id="dialog-message">
                ${definition!.destructive
                  ? msg(str`${label} ${what}? Once sent, this cannot be taken back.`, {id: 'kube.actionBar.confirmQuestion'})
                  : msg(str`${label} ${what}.`, {id: 'kube.actionBar.inputQuestion'})}
              </p>
              ${references.length > 1
                ? html`<ul part="dialog-targets">
                    ${references.slice(0, SHOWN_TARGETS).map((reference) => html`<li>${objectName(reference)}</li>`)}
                    ${references.length > SHOWN_TARGETS ? html`<li>${msg(str`and ${references.length - SHOWN_TARGETS} more`, {id: 'kube.actionBar.andMore'})}</li>` : nothing}
                  </ul>`
                : nothing}
              ${renderInput(request)}
              ${typed
                ? html`<label part="field-label" for="confirm-name">${msg(str`Type ${typed} to confirm`, {id: 'kube.actionBar.typeName'})}</label>
                    <input part="field" id="confirm-name" name="confirm-name" autocomplete="off" spellcheck="false" required />`
                : nothing}
              <p part="dialog-error" role="alert">${error ?? nothing}</p>
              <div part="dialog-buttons">
                <button part="cancel" type="button" @click=${on.onCancel}>${msg('Cancel', {id: 'kube.actionBar.cancel'})}</button>
                <button part=${definition!.destructive ? 'confirm confirm-destructive' : 'confirm'} type="submit">${label}</button>
              </div>
            </form>
          `
        : nothing}
    </dialog>
  `;
}

function renderInput(request: ActionRequest) {
  const definition = request.definition;
  switch (definition.input) {
    case 'replicas':
      return html`<label part="field-label" for="input">${msg('Replicas', {id: 'kube.actionBar.replicas'})}</label>
        <input part="field" id="input" name="input" type="number" min="0" step="1" inputmode="numeric" required autofocus />`;
    case 'labels':
    case 'annotations':
      return html`<label part="field-label" for="input">${definition.input === 'labels' ? msg('Labels to change', {id: 'kube.actionBar.labelsField'}) : msg('Annotations to change', {id: 'kube.actionBar.annotationsField'})}</label>
        <textarea part="field" id="input" name="input" rows="4" spellcheck="false" aria-describedby="input-hint" autofocus></textarea>
        <p part="hint" id="input-hint">${msg('One key=value per line; key- removes the key.', {id: 'kube.actionBar.metadataHint'})}</p>`;
    case 'revision':
      return request.revisions ? renderRevisions(request.revisions) : html`<label part="field-label" for="input">${msg('Revision', {id: 'kube.actionBar.revision'})}</label>
        <input part="field" id="input" name="input" type="number" min="1" step="1" inputmode="numeric" aria-describedby="input-hint" autofocus />
        <p part="hint" id="input-hint">${msg('Leave empty for the previous revision.', {id: 'kube.actionBar.revisionHint'})}</p>`;
    case 'drain':
      return html`<fieldset part="options">
        <legend>${msg('Also evict', {id: 'kube.actionBar.drainOptions'})}</legend>
        <label part="option"><input type="checkbox" id="drain-force" name="drain-force" /> ${msg('Pods no controller would recreate (they are gone for good)', {id: 'kube.actionBar.drainForce'})}</label>
        <label part="option"><input type="checkbox" id="drain-emptydir" name="drain-emptydir" /> ${msg('Pods with emptyDir volumes (their data is deleted)', {id: 'kube.actionBar.drainEmptyDir'})}</label>
      </fieldset>`;
    default:
      return nothing;
  }
}

/** The revisions to go back to, the previous one first; the current one is named above them. */
function renderRevisions(revisions: DeploymentRevision[]) {
  // Image names are the server's text: each isolated, so one with a direction override can't reorder the sentence.
  const images = (revision: DeploymentRevision) => ((revision.template.spec as {containers?: Array<{image?: string}>} | undefined)?.containers ?? []).map((c) => isolate(c.image ?? '')).join(', ');
  const [current, ...earlier] = revisions;
  if (!current || !earlier.length) return html`<p part="hint">${msg('There is no earlier revision to roll back to.', {id: 'kube.actionBar.noEarlierRevision'})}</p>`;
  const now = current.revision;
  const nowImages = images(current);
  return html`<p part="hint" id="input-hint">${msg(str`Now at revision ${now} (${nowImages}).`, {id: 'kube.actionBar.currentRevision'})}</p>
    <label part="field-label" for="input">${msg('Roll back to', {id: 'kube.actionBar.rollbackTo'})}</label>
    <select part="field" id="input" name="input" aria-describedby="input-hint" autofocus>
      ${earlier.map((revision) => {
        const number = revision.revision;
        const revisionImages = images(revision);
        return html`<option value=${number}>${msg(str`Revision ${number} (${revisionImages})`, {id: 'kube.actionBar.revisionOption'})}</option>`;
      })}
    </select>`;
}

/** Reads and checks what the user entered; an error in words when it can't be used. */
export function readDialogInput(request: ActionRequest, dialog: HTMLDialogElement): {value: unknown} | {error: string} {
  const field = dialog.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('#input');
  const name = nameToType(request);
  if (name !== undefined) {
    // The name copied out of the sentence above may bring the isolates around it along.
    const confirmation = withoutIsolates(dialog.querySelector<HTMLInputElement>('#confirm-name')?.value ?? '').trim();
    const typed = isolate(name);
    if (confirmation !== name) return {error: msg(str`Type ${typed} exactly to confirm.`, {id: 'kube.actionBar.typeNameError'})};
  }
  const raw = field?.value.trim() ?? '';
  switch (request.definition.input) {
    case 'replicas': {
      const replicas = Number(raw);
      if (raw === '' || !Number.isInteger(replicas) || replicas < 0) return {error: msg('Enter a whole number of replicas, 0 or more.', {id: 'kube.actionBar.replicasError'})};
      return {value: replicas};
    }
    case 'labels':
    case 'annotations': {
      try {
        const changes = parseMetadataChanges(raw);
        if (!Object.keys(changes).length) return {error: msg('Enter at least one key=value or key- line.', {id: 'kube.actionBar.metadataEmpty'})};
        return {value: changes};
      } catch (error) {
        const line = (error as Error).message;
        return {error: msg(str`This line is not key=value or key-: ${line}`, {id: 'kube.actionBar.metadataError'})};
      }
    }
    case 'drain': {
      const checked = (id: string) => dialog.querySelector<HTMLInputElement>(`#${id}`)?.checked === true;
      return {value: {force: checked('drain-force'), deleteEmptyDirData: checked('drain-emptydir')}};
    }
    case 'revision': {
      if (raw === '') return {value: 0};
      const revision = Number(raw);
      if (!Number.isInteger(revision) || revision < 1) return {error: msg('Enter a revision number, or leave it empty.', {id: 'kube.actionBar.revisionError'})};
      return {value: revision};
    }
    default:
      return {value: undefined};
  }
}
