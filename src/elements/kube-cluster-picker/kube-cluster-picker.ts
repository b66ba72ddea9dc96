import {html, nothing, type PropertyValues} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {consumeContext} from '../../internal/consume-context.js';
import {localized, msg, str} from '@lit/localize';
import {KubeElement} from '../../internal/kube-element.js';
import {describeError} from '../../internal/describe-error.js';
import {hostStyles} from '../../styles/host.styles.js';
import {listboxStyles} from '../../styles/listbox.styles.js';
import {clientContext, clusterContext, scopeContext, type KubeScope} from '../../context/kube-context.js';
import type {KubeClient} from '../../client/kube-client.js';
import type {ClusterInfo} from '../../client/types.js';
import {ClusterStatusController, type ClusterStatus} from '../../controllers/cluster-status-controller.js';
import {keepFocus, navigate, TypeAhead} from '../../controllers/listbox-keys.js';
import {clusterPickerStyles} from './kube-cluster-picker.styles.js';

/** `clusters="a, b"` in HTML; an array of `{name, displayName}` as a property. */
const clustersConverter = {
  fromAttribute: (value: string | null): ClusterInfo[] | undefined =>
    value === null ? undefined : value.split(',').map((name) => name.trim()).filter(Boolean).map((name) => ({name})),
};

/**
 * Chooses the cluster of the nearest `<kube-provider>`: lists the clusters the transport knows
 * (or the host's `clusters`), shows each one's server version or why it is unreachable, and
 * reflects the provider's current cluster. A select-only combobox (WAI-ARIA APG): Enter, Space,
 * Alt+ArrowDown or the arrows open it; arrows, Home/End, PageUp/PageDown and type-ahead move;
 * Enter, Space or Tab choose (Space typed in the middle of a type-ahead is part of the name, as in
 * "team a"); Escape closes; focus stays on the button. A list that failed is asked for again when
 * the provider gets a cluster.
 *
 * @tagname kube-cluster-picker
 * @summary Chooses the provider's cluster, with each cluster's version and reachability.
 * @csspart base - The wrapper around label, control and status.
 * @csspart label - The visible label.
 * @csspart control - The button and its popup.
 * @csspart trigger - The combobox button showing the current cluster.
 * @csspart value - The current cluster's name inside the button; "Choose a cluster", or "No cluster" when the list failed or is empty.
 * @csspart detail - The version, "checking" or "unreachable" text (button and options).
 * @csspart indicator - The arrow inside the button.
 * @csspart listbox - The popup list of clusters.
 * @csspart option - One cluster in the list; `option-active` and `option-selected` are added.
 * @csspart option-name - The cluster's name in an option.
 * @csspart dot - The reachability dot in an option.
 * @csspart status - Loading, error, empty and no-client messages (a live region).
 * @cssproperty --kube-cluster-picker-width - Width of the picker (18rem).
 * @cssproperty --kube-cluster-picker-background - Background of the button and the list.
 * @cssproperty --kube-cluster-picker-border-color - Border of the button and the list.
 * @cssproperty --kube-cluster-picker-option-active-background - Background of the active option.
 * @cssproperty --kube-cluster-picker-max-height - Maximum height of the list before it scrolls.
 * @cssproperty --kube-cluster-picker-reachable-color - Dot of a reachable cluster.
 * @cssproperty --kube-cluster-picker-unreachable-color - Dot and text of an unreachable cluster.
 * @cssstate loading - The cluster list is loading.
 * @cssstate error - The cluster list could not be loaded.
 * @cssstate empty - There is no cluster to offer: the transport lists none, or the host's `clusters` is empty.
 * @cssstate no-client - No `<kube-provider>` around the picker.
 * @cssstate open - The list is open.
 * @cssstate unreachable - The current cluster did not answer.
 * @fires change - The user chose another cluster and the provider now hands it down; read `value`. Not fired when the host cancels `kube-cluster-change`, nor for a cluster the host sets itself (even one the user chose earlier).
 */
@localized()
export class KubeClusterPicker extends KubeElement {
  static override styles = [hostStyles, listboxStyles, clusterPickerStyles];

  /** Clusters to offer instead of the transport's list; `clusters="a,b"` as an attribute. */
  @property({converter: clustersConverter}) clusters?: ClusterInfo[];

  /** The visible label; "Cluster" (localized) when unset. */
  @property() label?: string;

  @consumeContext(clientContext) @state() private client?: KubeClient;
  @consumeContext(clusterContext) @state() private cluster?: string;
  @consumeContext(scopeContext) @state() private scope?: KubeScope;

  @state() private open = false;
  @state() private active = -1;

  @query('[part="trigger"]') private trigger!: HTMLButtonElement;

  private readonly status = new ClusterStatusController(this, () =>
    this.client ? {client: this.client, clusters: this.clusters} : undefined
  );
  private readonly typeAhead = new TypeAhead();
  /** The cluster the user chose and the provider accepted: the next cluster handed down fires `change` only if it is this one. */
  private requested?: string;

  /** The provider's current cluster. */
  get value(): string {
    return this.cluster ?? '';
  }

  /** Puts focus on the picker's button. */
  override focus(options?: FocusOptions) {
    this.trigger?.focus(options);
  }

  private get options(): ClusterStatus[] {
    return this.status.clusters;
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has('cluster') && this.requested !== undefined) {
      const chosen = this.cluster === this.requested;
      this.requested = undefined;
      if (chosen) this.updateComplete.then(() => this.emit(new Event('change', {bubbles: true, composed: true})));
    }
    // A cluster arriving after the list failed (the provider's own listing got through): list again.
    if (changed.has('cluster') && this.cluster && this.status.status === 'error') this.status.refresh();
  }

  /** The options refresh in the controllers' hostUpdate, after willUpdate: the active one is kept among them here. */
  protected override update(changed: PropertyValues) {
    // A shorter list (the host's `clusters`, a new listing) leaves no option at the old index.
    if (this.active >= this.options.length) this.active = this.options.length - 1;
    super.update(changed);
  }

  /** States follow the controllers, which refresh in hostUpdate — after willUpdate. */
  protected override updated() {
    const current = this.status.get(this.cluster);
    const noClient = !this.client;
    this.toggleState('no-client', noClient);
    this.toggleState('loading', !noClient && this.status.status === 'loading');
    this.toggleState('error', !noClient && this.status.status === 'error');
    this.toggleState('empty', !noClient && this.status.status === 'ready' && this.options.length === 0);
    this.toggleState('open', this.open && this.options.length > 0);
    this.toggleState('unreachable', current?.reach.state === 'unreachable');
    if (this.open && this.active >= 0) {
      this.renderRoot.querySelector(`#option-${this.active}`)?.scrollIntoView({block: 'nearest'});
    }
  }

  protected override render() {
    const current = this.status.get(this.cluster);
    const label = this.label ?? msg('Cluster', {id: 'kube.clusterPicker.label'});
    const open = this.open && this.options.length > 0;
    const activeId = open && this.active >= 0 && this.active < this.options.length ? `option-${this.active}` : undefined;
    return html`
      <div part="base">
        <span part="label" id="label">${label}</span>
        <div part="control">
          <button
            part="trigger"
            id="trigger"
            type="button"
            role="combobox"
            aria-labelledby="label"
            aria-describedby="status"
            aria-haspopup="listbox"
            aria-controls="listbox"
            aria-expanded=${open ? 'true' : 'false'}
            aria-activedescendant=${activeId ?? nothing}
            ?disabled=${!this.client}
            @click=${this.onClick}
            @keydown=${this.onKeyDown}
            @keyup=${this.onKeyUp}
            @blur=${this.close}
          >
            <span part="value">${current?.info.displayName ?? this.cluster ?? this.placeholder()}</span>
            ${current ? this.renderDetail(current, true) : nothing}
            <span part="indicator" aria-hidden="true">▾</span>
          </button>
          <div part="listbox" id="listbox" role="listbox" aria-labelledby="label" tabindex="-1" ?hidden=${!open} @mousedown=${keepFocus}>
            ${this.options.map((option, index) => this.renderOption(option, index))}
          </div>
        </div>
        <div part="status" id="status" role="status">${this.renderStatus()}</div>
      </div>
    `;
  }

  private renderOption(option: ClusterStatus, index: number) {
    const selected = option.info.name === this.cluster;
    const parts = ['option', selected ? 'option-selected' : '', index === this.active ? 'option-active' : ''].filter(Boolean).join(' ');
    return html`<div
      part=${parts}
      id="option-${index}"
      role="option"
      aria-selected=${selected ? 'true' : 'false'}
      @click=${() => this.choose(index)}
    >
      <span part="dot" data-reach=${option.reach.state} aria-hidden="true"></span>
      <span part="option-name">${option.info.displayName ?? option.info.name}</span>
      ${this.renderDetail(option, false)}
    </div>`;
  }

  private renderDetail({reach}: ClusterStatus, short: boolean) {
    switch (reach.state) {
      case 'checking':
        return html`<span part="detail" data-reach="checking">${msg('checking…', {id: 'kube.clusterPicker.checking'})}</span>`;
      case 'reachable':
        return html`<span part="detail" data-reach="reachable">${reach.version.gitVersion}</span>`;
      case 'unreachable': {
        const reason = describeError(reach.error, unknownError);
        // The button shows the short word; the reason stays readable to screen readers there.
        return short
          ? html`<span part="detail" data-reach="unreachable" title=${reason}
              >${msg('unreachable', {id: 'kube.clusterPicker.unreachable'})}<span class="visually-hidden">: ${reason}</span></span
            >`
          : html`<span part="detail" data-reach="unreachable"
              >${msg(str`unreachable: ${reason}`, {id: 'kube.clusterPicker.unreachableReason'})}</span
            >`;
      }
    }
  }

  /** What the button says without a current cluster: an invitation, unless there is nothing to choose. */
  private placeholder() {
    const {status} = this.status;
    return status === 'error' || (status === 'ready' && this.options.length === 0)
      ? msg('No cluster', {id: 'kube.clusterPicker.none'})
      : msg('Choose a cluster', {id: 'kube.clusterPicker.placeholder'});
  }

  private renderStatus() {
    if (!this.client) return msg('No client — wrap me in <kube-provider>.', {id: 'kube.clusterPicker.noClient'});
    switch (this.status.status) {
      case 'loading':
        return msg('Loading clusters…', {id: 'kube.clusterPicker.loading'});
      case 'error':
        return msg(str`Couldn't list the clusters: ${describeError(this.status.error, unknownError)}`, {id: 'kube.clusterPicker.error'});
      case 'ready':
        return this.options.length === 0 ? msg('No clusters are configured.', {id: 'kube.clusterPicker.empty'}) : '';
      default:
        return '';
    }
  }

  private onClick() {
    if (this.open) this.close();
    else this.show(this.selectedIndex());
  }

  private onKeyDown(event: KeyboardEvent) {
    const {key} = event;
    const count = this.options.length;
    if (!this.open) {
      if (key === 'Enter' || key === ' ' || key === 'ArrowDown' || key === 'ArrowUp' || key === 'Home' || key === 'End') {
        event.preventDefault();
        const start = key === 'Home' ? 0 : key === 'End' ? count - 1 : Math.max(this.selectedIndex(), 0);
        this.show(start);
      } else if (this.typeAhead.accepts(event)) {
        const index = this.typeAhead.match(key, this.labels(), this.selectedIndex());
        this.show(index >= 0 ? index : this.selectedIndex());
      }
      return;
    }
    // Before Space chooses: in the middle of a type-ahead it belongs to the name typed.
    if (this.typeAhead.accepts(event)) {
      if (key === ' ') event.preventDefault();
      const index = this.typeAhead.match(key, this.labels(), this.active);
      if (index >= 0) this.active = index;
    } else if (key === 'Enter' || key === ' ' || (key === 'ArrowUp' && event.altKey)) {
      event.preventDefault();
      this.choose(this.active);
    } else if (key === 'Tab') {
      this.choose(this.active);
    } else if (key === 'Escape') {
      event.preventDefault();
      this.close();
    } else {
      const next = navigate(key, this.active, count);
      if (next === undefined) return;
      event.preventDefault();
      this.active = next;
    }
  }

  /** Space on a button clicks on keyup; the keydown already acted. */
  private onKeyUp(event: KeyboardEvent) {
    if (event.key === ' ') event.preventDefault();
  }

  /** Opens at `active`; a type-ahead that opened the list goes on with its next character. */
  private show(active: number) {
    if (!this.options.length) return;
    this.open = true;
    this.active = active;
  }

  private close = () => {
    this.open = false;
    this.active = -1;
    this.typeAhead.reset();
  };

  private choose(index: number) {
    const option = this.options[index];
    this.close();
    this.trigger.focus();
    if (!option || option.info.name === this.cluster) return;
    // Cancelled, there is nothing to wait for: the host's own later `cluster = …` is not the user's choice. `undefined` (an older custom scope) accepts.
    const accepted = this.scope ? this.scope.setCluster(option.info.name) !== false : false;
    this.requested = accepted ? option.info.name : undefined;
  }

  private selectedIndex() {
    return this.options.findIndex((option) => option.info.name === this.cluster);
  }

  private labels() {
    return this.options.map((option) => option.info.displayName ?? option.info.name);
  }
}

const unknownError = () => msg('unknown error', {id: 'kube.clusterPicker.unknownError'});


declare global {
  interface HTMLElementTagNameMap {
    'kube-cluster-picker': KubeClusterPicker;
  }
}
