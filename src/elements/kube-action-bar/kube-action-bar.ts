import {html, nothing, type PropertyValues, type TemplateResult} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {consumeContext} from '../../internal/consume-context.js';
import {numberOr, textOr, unsetWhenRemoved} from '../../internal/attribute-converters.js';
import {localized, msg, str} from '@lit/localize';
import {KubeElement} from '../../internal/kube-element.js';
import {hostStyles} from '../../styles/host.styles.js';
import {wholeMessageStyles} from '../../styles/whole-message.styles.js';
import {clientContext, clusterContext, namespacesContext} from '../../context/kube-context.js';
import type {KubeClient} from '../../client/kube-client.js';
import type {ObjectReference} from '../../client/types.js';
import {deploymentRevisions, targetOf, typeRef, type ActionTarget} from '../../client/actions/index.js';
import {ActionPermissionsController, type ActionPermission} from '../../controllers/action-permissions-controller.js';
import {builtinActions, definitionApplies, definitionPermissions, labelOf, type KubeActionDefinition} from './actions.js';
import {renderDialog, readDialogInput, type ActionRequest} from './dialog.js';
import * as text from './messages.js';
import {ListSelectionController} from './list-selection.js';
import {ActionRunner} from './action-runner.js';
import {renderLiveRegions} from './live-regions.js';
import {actionId, ToolbarFocus} from './toolbar-focus.js';
import {ReasonTooltip} from './reason-tooltip.js';
import {actionBarStyles} from './kube-action-bar.styles.js';

/**
 * Offers exactly the actions the user may take on one object (`kind`, `name`, `namespace`) or on
 * the selection of a `<kube-resource-list>` (`for`), each gated by SelfSubjectAccessReview for its
 * exact verb, resource, subresource, namespace and name. Denied actions stay focusable and say why;
 * destructive ones confirm first and wait out an undo window before any request is sent.
 * A toolbar: arrow keys, Home and End move between actions. A denied action's reason shows on hover
 * and focus; Escape hides it until focus or the pointer moves to an action.
 *
 * When the control holding focus goes away — a delete empties the followed list's selection and the
 * toolbar gives way to "Select objects to act on them." — focus moves to what took its place in the
 * bar (the action holding the tab stop, or that message), not to the page's start. It stays in the
 * bar rather than going to the list: the user is where they were, and the result is announced by
 * the live regions.
 *
 * Removing the bar cancels only an action still in its undo window (nothing was sent). An action
 * already sending finishes, and its `success` or `error` event is still dispatched on the bar —
 * which, detached, bubbles nowhere: listen on the bar itself to hear it.
 *
 * @tagname kube-action-bar
 * @summary Permission-aware actions (delete, scale, restart, rollback, cordon, drain, …) for one object or a selection.
 * @csspart base - The wrapper around toolbar, undo toast and results.
 * @csspart toolbar - The row of actions (role=toolbar).
 * @csspart item - One action and its reason.
 * @csspart action - An action button; `action-denied`, `action-partial` and `action-destructive` are added.
 * @csspart icon - The glyph of an action.
 * @csspart label - The text of an action.
 * @csspart count - "(3 of 5)" on a partly permitted action.
 * @csspart reason - Why an action is denied or partly permitted; shown on hover and focus until Escape.
 * @csspart message - No client, no target, discovery errors, "Checking your permissions…" or "No actions available." in place of an empty toolbar; focused when it replaces the toolbar that held focus.
 * @csspart undo - The undo toast with its countdown, inside `status`.
 * @csspart undo-button - The Undo button; focused when the undo window opens; pointing at it or focusing it again pauses the countdown.
 * @csspart status - The live region (role=status) for the undo toast, results and cancellations.
 * @csspart alert - The live region (role=alert) for failures.
 * @csspart result - The result of the last action, inside `status` or `alert`; `data-tone` is success, error or info.
 * @csspart result-list - The objects an action failed on (or a drain left), and why; after the live regions, so only the summary is announced.
 * @csspart whole-message - A disclosure, after the result, holding the whole of server messages the result shows shortened.
 * @csspart dialog - The confirmation and input dialog.
 * @csspart dialog-title - The dialog's heading.
 * @csspart dialog-message - The dialog's question.
 * @csspart dialog-targets - The objects the action will change.
 * @csspart field - An input of the dialog.
 * @csspart options - The drain dialog's group of checkboxes (evict unmanaged pods, delete emptyDir data).
 * @csspart option - One checkbox with its label.
 * @csspart dialog-error - Why the dialog's input can't be used.
 * @csspart cancel - The dialog's Cancel button.
 * @csspart confirm - The dialog's confirm button.
 * @cssproperty --kube-action-bar-gap - Space between actions.
 * @cssproperty --kube-action-bar-button-background - Background of action buttons.
 * @cssproperty --kube-action-bar-button-border-color - Border of action buttons.
 * @cssproperty --kube-action-bar-danger-color - Colour of destructive actions and errors.
 * @cssproperty --kube-action-bar-dialog-width - Width of the dialog.
 * @cssstate loading - Permissions are being checked.
 * @cssstate ready - Every offered action has been checked.
 * @cssstate busy - An action is running.
 * @cssstate pending-undo - An action waits out its undo window.
 * @cssstate empty - Nothing to act on (no object, or an empty selection).
 * @cssstate error - The targets could not be resolved or checked.
 * @cssstate no-client - No `<kube-provider>` around the bar.
 * @fires kube-action - `phase` `before` (cancelable), then `success` or `error`; `targets`, `results`, `failures`.
 * @fires kube-open-logs - The user chose Logs; a host or `<kube-pod-logs open-from-events>` shows them.
 * @fires kube-edit-yaml - The user chose Edit YAML.
 */
@localized()
export class KubeActionBar extends KubeElement {
  static override styles = [hostStyles, wholeMessageStyles, actionBarStyles];

  /** The object's kind or resource: `Deployment`, `deployments`, `deployments.apps`, `db`. */
  @property({converter: unsetWhenRemoved}) kind?: string;
  /** Narrows `kind` to one API group and version, e.g. `apps/v1`. */
  @property({attribute: 'api-version', converter: unsetWhenRemoved}) apiVersion?: string;
  @property({converter: unsetWhenRemoved}) name?: string;
  @property({converter: unsetWhenRemoved}) namespace?: string;
  /** The cluster; the provider's when unset. */
  @property({converter: unsetWhenRemoved}) cluster?: string;
  /** The id of a `<kube-resource-list>` in the same document or shadow root whose selection to act on. */
  @property({attribute: 'for', converter: unsetWhenRemoved}) htmlFor?: string;
  /** Objects to act on, overriding `kind`/`name` and `for`. */
  @property({attribute: false}) targets?: readonly ObjectReference[];
  /** Host actions, gated and reported like the built-in ones. */
  @property({attribute: false}) actions: readonly KubeActionDefinition[] = [];
  /** Built-in action ids to leave out. */
  @property({attribute: false}) exclude: readonly string[] = [];
  /** What denied actions do: stay visible and disabled with the reason, or disappear. */
  @property({reflect: true, converter: textOr('disable')}) denied: 'disable' | 'hide' = 'disable';
  /** Milliseconds a destructive action waits, with an Undo button, before anything is sent; 0 turns it off. */
  @property({type: Number, attribute: 'undo-ms', converter: numberOr(5000)}) undoMs = 5000;
  /** The toolbar's accessible name; "Actions" (localized) when unset. */
  @property({converter: unsetWhenRemoved}) label?: string;

  @consumeContext(clientContext) @state() private client?: KubeClient;
  @consumeContext(clusterContext) @state() private contextCluster?: string;
  @consumeContext(namespacesContext) @state() private contextNamespaces?: readonly string[];

  @state() private request?: ActionRequest;
  @state() private dialogError?: string;

  @query('dialog') private dialog?: HTMLDialogElement;

  private readonly builtins = builtinActions();
  private readonly registered: KubeActionDefinition[] = [];
  private readonly list = new ListSelectionController(this, () => this.htmlFor);
  private readonly toolbarFocus = new ToolbarFocus(this, () => this.visible.length);
  private readonly reasonTooltip = new ReasonTooltip(this);
  /** Whether focus was in the bar when the current update began. */
  private focusWasInside = false;
  private readonly runner = new ActionRunner(this, {
    client: () => this.client,
    undoMs: () => this.undoWindowMs,
    emit: (event) => this.emit(event),
    focusActions: () => this.toolbarFocus.focus(),
    changed: () => this.permissions.refresh(),
  });
  private readonly permissions = new ActionPermissionsController(this, () =>
    this.client
      ? {
          client: this.client,
          targets: this.resolvedTargets,
          actions: this.candidates.map((definition) => ({
            id: definition.id,
            appliesTo: (type) => definitionApplies(definition, type),
            permissions: (type) => definitionPermissions(definition, type),
            ...(definition.availableFor ? {availableFor: definition.availableFor} : {}),
          })),
        }
      : undefined
  );

  /** Adds a host action; it is gated by its permissions and reported like the built-in ones. */
  registerAction(definition: KubeActionDefinition) {
    const index = this.registered.findIndex((existing) => existing.id === definition.id);
    if (index >= 0) this.registered.splice(index, 1, definition);
    else this.registered.push(definition);
    // A replaced definition may need other permissions under the same id.
    this.permissions.refresh();
  }

  /** Checks the permissions again (answers are cached by the client for a minute). */
  refresh() {
    this.permissions.refresh();
  }

  /** The undo window waited: a framework's `null`, `undefined` or `NaN` keeps the default, never sends a destructive action at once. */
  private get undoWindowMs() {
    return Number.isFinite(this.undoMs) && this.undoMs >= 0 ? this.undoMs : 5000;
  }

  /** Every definition, host ones after the built-ins. */
  private get definitions(): KubeActionDefinition[] {
    // A framework may set either to undefined (React's actions={undefined}): none.
    const excluded = new Set(this.exclude ?? []);
    return [...this.builtins.filter((definition) => !excluded.has(definition.id)), ...(this.actions ?? []), ...this.registered];
  }

  /** Definitions that may apply to this many targets. */
  private get candidates(): KubeActionDefinition[] {
    const many = this.resolvedTargets.length > 1;
    return this.definitions.filter((definition) => !many || definition.bulk !== false);
  }

  private get resolvedTargets(): ActionTarget[] {
    // A namespaced object named without a namespace takes the provider's, when it has exactly one.
    const only = this.contextNamespaces?.length === 1 && this.contextNamespaces[0] !== 'all' ? this.contextNamespaces[0] : undefined;
    const withNamespace = (target: ActionTarget) => (target.namespace || !only ? target : {...target, namespace: only});
    if (this.targets) return this.targets.map(targetOf).map(withNamespace);
    if (this.htmlFor) return this.list.selection.map(targetOf).map(withNamespace);
    const cluster = this.cluster ?? this.contextCluster;
    if (!this.kind || !this.name || !cluster) return [];
    const namespace = this.namespace || only;
    return [{cluster, resource: this.apiVersion ? {apiVersion: this.apiVersion, kind: this.kind} : this.kind, namespace, name: this.name}];
  }

  protected override update(changed: PropertyValues) {
    this.focusWasInside = !!this.shadowRoot?.activeElement;
    super.update(changed);
  }

  protected override updated(changed: PropertyValues) {
    const noClient = !this.client;
    const status = this.permissions.status;
    this.toggleState('no-client', noClient);
    this.toggleState('empty', !noClient && status === 'idle');
    this.toggleState('loading', !noClient && (status === 'loading' || this.visible.some(({permission}) => permission.status === 'pending')));
    this.toggleState('ready', !noClient && status === 'ready');
    this.toggleState('error', !noClient && status === 'error');
    this.toggleState('busy', this.runner.busy !== undefined);
    this.toggleState('pending-undo', this.runner.pending !== undefined);
    if (changed.has('request')) {
      if (this.request && !this.dialog?.open) {
        this.dialog?.showModal();
        this.prefill(this.request);
      }
      if (!this.request && this.dialog?.open) this.dialog.close();
    }
    // After the dialog has handed focus back: only now is it known whether focus is lost.
    if (this.focusWasInside && !this.shadowRoot?.activeElement) this.keepFocus();
  }

  /** The focused control was rendered away: focus goes to what took its place, not to the page's start. */
  private keepFocus() {
    const root = this.renderRoot;
    (root.querySelector<HTMLElement>(`#${actionId(this.toolbarFocus.tabStop(this.visible.length))}`) ?? root.querySelector<HTMLElement>('[part="message"]'))?.focus();
  }

  /** The offered actions with their standing, minus denied ones when `denied="hide"`. */
  private get visible(): Array<{definition: KubeActionDefinition; permission: ActionPermission}> {
    const byId = new Map(this.candidates.map((definition) => [definition.id, definition]));
    const out: Array<{definition: KubeActionDefinition; permission: ActionPermission}> = [];
    for (const id of this.permissions.offered) {
      const definition = byId.get(id);
      const permission = this.permissions.get(id);
      if (!definition || !permission) continue;
      if (this.denied === 'hide' && (permission.status !== 'ready' || permission.permitted.length === 0)) continue;
      out.push({definition, permission});
    }
    return out;
  }

  protected override render() {
    return html`
      <div part="base">
        ${this.renderToolbar()} ${renderLiveRegions(this.runner)}
        ${renderDialog(this.request, this.dialogError, {
          onSubmit: (event) => this.onDialogSubmit(event),
          onCancel: () => this.closeDialog(),
        })}
      </div>
    `;
  }

  private renderToolbar(): TemplateResult {
    if (!this.client) return html`<p part="message" tabindex="-1">${msg('No client — wrap me in <kube-provider>.', {id: 'kube.actionBar.noClient'})}</p>`;
    if (this.permissions.status === 'idle') {
      return html`<p part="message" tabindex="-1">${this.htmlFor ? msg('Select objects to act on them.', {id: 'kube.actionBar.noSelection'}) : msg('No object to act on.', {id: 'kube.actionBar.noTarget'})}</p>`;
    }
    if (this.permissions.status === 'error') {
      return html`<p part="message" role="alert" tabindex="-1">${text.targetErrorText(this.permissions.error)}</p>`;
    }
    const items = this.visible;
    if (!items.length) return html`<p part="message" role="status" tabindex="-1">${this.emptyToolbarText()}</p>`;
    const active = this.toolbarFocus.tabStop(items.length);
    return html`
      <div
        part="toolbar"
        role="toolbar"
        aria-label=${this.label ?? msg('Actions', {id: 'kube.actionBar.label'})}
        aria-busy=${this.permissions.status === 'loading' ? 'true' : 'false'}
        ?data-reason-dismissed=${this.reasonTooltip.dismissed}
        @keydown=${this.onToolbarKeyDown}
      >
        ${items.map(({definition, permission}, index) => this.renderAction(definition, permission, index, index === active))}
      </div>
    `;
  }

  /** Escape hides a reason; arrows, Home and End move between actions. */
  private readonly onToolbarKeyDown = (event: KeyboardEvent) => {
    this.reasonTooltip.onKeyDown(event);
    this.toolbarFocus.onKeyDown(event);
  };

  /** Words for a toolbar with nothing in it: still checking, could not check, or nothing to offer. */
  private emptyToolbarText(): string {
    const standings = this.permissions.offered.map((id) => this.permissions.get(id));
    if (this.permissions.status === 'loading' || standings.some((permission) => permission?.status === 'pending')) return text.checkingReason();
    const failed = standings.find((permission) => permission?.status === 'error');
    if (failed) return text.checkFailedReason(failed.error);
    return msg('No actions available.', {id: 'kube.actionBar.noActions'});
  }

  private renderAction(definition: KubeActionDefinition, permission: ActionPermission, index: number, tabbable: boolean) {
    const reason = this.reasonFor(permission);
    const usable = this.usable(permission);
    const partial = permission.status === 'ready' && permission.permitted.length > 0 && permission.permitted.length < permission.total;
    const parts = ['action', `action-${definition.id}`, usable ? '' : 'action-denied', partial ? 'action-partial' : '', definition.destructive ? 'action-destructive' : ''].filter(Boolean).join(' ');
    const label = labelOf(definition);
    const permitted = permission.permitted.length;
    const total = permission.total;
    return html`
      <span part="item" @pointerenter=${this.reasonTooltip.onPointerEnter} @pointerleave=${this.reasonTooltip.onPointerLeave}>
        <button
          part=${parts}
          id=${actionId(index)}
          type="button"
          data-action=${definition.id}
          tabindex=${tabbable ? 0 : -1}
          aria-disabled=${usable ? 'false' : 'true'}
          aria-describedby=${reason ? `reason-${index}` : nothing}
          @click=${() => this.activate(definition, permission)}
          @focus=${(event: FocusEvent) => {
            this.toolbarFocus.active = index;
            this.reasonTooltip.onFocus(event);
          }}
        >
          ${definition.icon ? html`<span part="icon" aria-hidden="true">${definition.icon}</span>` : nothing}
          <span part="label">${label}</span>${partial ? html` <span part="count">${msg(str`(${permitted} of ${total})`, {id: 'kube.actionBar.count'})}</span>` : nothing}
        </button>
        ${reason ? html`<span part="reason" id=${`reason-${index}`} role="tooltip">${reason}</span>` : nothing}
      </span>
    `;
  }

  private usable(permission: ActionPermission) {
    return permission.status === 'ready' && permission.permitted.length > 0 && this.runner.idle;
  }

  private reasonFor(permission: ActionPermission): string | undefined {
    if (permission.status === 'pending') return text.checkingReason();
    if (permission.status === 'error') return text.checkFailedReason(permission.error);
    const first = permission.denied[0];
    if (!first) return undefined;
    const reason = text.denialReason(first.denial.check);
    return permission.permitted.length ? text.partialReason(permission.permitted.length, permission.total, reason) : reason;
  }

  private activate(definition: KubeActionDefinition, permission: ActionPermission) {
    if (!this.usable(permission)) return;
    // The chosen action is where focus comes back to (roving tabindex), clicked or not.
    this.toolbarFocus.active = Math.max(0, this.visible.findIndex((item) => item.definition.id === definition.id));
    const request: ActionRequest = {definition, targets: permission.permitted, skipped: permission.denied.map(({target}) => target)};
    this.runner.clearOutcome();
    if (definition.input || definition.destructive) {
      this.dialogError = undefined;
      this.request = request;
    } else {
      this.runner.run(request, undefined);
    }
  }

  /** Scaling one object starts from its current replicas; rolling back one lists its revisions. */
  private prefill(request: ActionRequest) {
    const [target] = request.targets;
    const client = this.client;
    if (request.targets.length !== 1 || !target || !client) return;
    const still = () => this.request?.definition === request.definition && this.request.targets === request.targets;
    if (request.definition.input === 'replicas') {
      client.getScale(target.cluster, typeRef(target.type), target).then(
        (scale) => {
          const field = this.dialog?.querySelector<HTMLInputElement>('#input');
          if (still() && field && field.value === '') field.value = String(scale.spec?.replicas ?? 0);
        },
        () => undefined // the field stays empty; the user types a number
      );
    } else if (request.definition.input === 'revision') {
      deploymentRevisions(client, target).then(
        ({revisions}) => {
          if (still()) this.request = {...this.request!, revisions};
        },
        () => undefined // the number field stays; the user types a revision
      );
    }
  }

  private onDialogSubmit(event: Event) {
    event.preventDefault();
    const request = this.request;
    if (!request || !this.dialog) return;
    const read = readDialogInput(request, this.dialog);
    if ('error' in read) {
      this.dialogError = read.error;
      return;
    }
    this.closeDialog();
    this.runner.run(request, read.value);
  }

  private closeDialog() {
    this.request = undefined;
    this.dialogError = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kube-action-bar': KubeActionBar;
  }
}
