import {html, nothing, type PropertyValues} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {live} from 'lit/directives/live.js';
import {consumeContext} from '../../internal/consume-context.js';
import {localized, msg, str} from '@lit/localize';
import {KubeElement} from '../../internal/kube-element.js';
import {describeError} from '../../internal/describe-error.js';
import {hostStyles} from '../../styles/host.styles.js';
import {listboxStyles} from '../../styles/listbox.styles.js';
import {
  clientContext,
  clusterContext,
  namespacesContext,
  scopeContext,
  settingsContext,
  type KubeScope,
  type KubeSettings,
} from '../../context/kube-context.js';
import type {KubeClient} from '../../client/kube-client.js';
import {AccessibleNamespacesController} from '../../controllers/accessible-namespaces-controller.js';
import {keepFocus, navigate} from '../../controllers/listbox-keys.js';
import {namespacePickerStyles} from './kube-namespace-picker.styles.js';

/** One row of the list: a namespace, or `null` for "All namespaces". */
interface NamespaceOption {
  namespace: string | null;
  label: string;
}

const EMPTY: readonly string[] = [];

/**
 * Chooses the namespaces of the nearest `<kube-provider>`. Where the user may list namespaces, it
 * offers the live namespace list (only the provider's `allowed-namespaces` among them, when set),
 * without checking what the user may do inside each one. Otherwise it offers the namespaces where
 * SelfSubjectRulesReview grants the user some `list` right, among the provider's
 * `allowed-namespaces` — or, when it sets none, among every namespace the provider has had
 * selected since its client or cluster last changed, so a namespace deselected can be chosen
 * again. "All namespaces" is offered to users who may list pods in every namespace — or, when
 * that access review can't be answered, who may list namespaces.
 * An editable combobox (WAI-ARIA APG): type to filter; ArrowDown, Alt+ArrowDown, Enter or Space
 * open; arrows, PageUp/PageDown and Home/End move (while a search is typed, Home/End, like
 * ArrowLeft/ArrowRight, move the caret and leave the options); Enter or Space choose (with
 * `multiple`, they toggle and the list stays open); Escape closes and clears the search.
 *
 * @tagname kube-namespace-picker
 * @summary Chooses the provider's namespaces among those the user may list or is granted; searchable, optionally multiple.
 * @csspart base - The wrapper around label, control and status.
 * @csspart label - The visible label.
 * @csspart control - The field and its popup.
 * @csspart field - The box around the input and the toggle button.
 * @csspart input - The search input (the combobox).
 * @csspart toggle - The button that opens and closes the list.
 * @csspart indicator - The arrow inside the toggle.
 * @csspart listbox - The popup list of namespaces.
 * @csspart option - One namespace; `option-all`, `option-active` and `option-selected` are added.
 * @csspart option-name - The namespace's name in an option.
 * @csspart check - The check mark of a selected option.
 * @csspart status - Loading, error, limited, empty, no-match, no-cluster and no-client messages (a live region).
 * @cssproperty --kube-namespace-picker-width - Width of the picker (18rem).
 * @cssproperty --kube-namespace-picker-background - Background of the field and the list.
 * @cssproperty --kube-namespace-picker-border-color - Border of the field and the list.
 * @cssproperty --kube-namespace-picker-option-active-background - Background of the active option.
 * @cssproperty --kube-namespace-picker-max-height - Maximum height of the list before it scrolls.
 * @cssstate loading - The namespaces are loading.
 * @cssstate error - The namespaces could not be loaded.
 * @cssstate empty - There is no namespace to offer.
 * @cssstate limited - The user may not list namespaces; the picker shows those the user can use.
 * @cssstate no-client - No `<kube-provider>` around the picker.
 * @cssstate no-cluster - The provider has no cluster (none chosen yet, or its transport lists none), so there are no namespaces to offer.
 * @cssstate open - The list is open.
 * @fires change - The user changed the selection and the provider now hands it down; read `value` / `values`. Not fired when the host cancels `kube-namespace-change`, nor for a selection the host sets itself (even one the user chose earlier).
 */
@localized()
export class KubeNamespacePicker extends KubeElement {
  static override styles = [hostStyles, listboxStyles, namespacePickerStyles];

  /** Lets the user choose several namespaces. */
  @property({type: Boolean, reflect: true}) multiple = false;

  /** The visible label; "Namespace" / "Namespaces" (localized) when unset. */
  @property() label?: string;

  @consumeContext(clientContext) @state() private client?: KubeClient;
  @consumeContext(clusterContext) @state() private cluster?: string;
  @consumeContext(namespacesContext) @state() private selection?: readonly string[];
  @consumeContext(settingsContext) @state() private settings?: KubeSettings;
  @consumeContext(scopeContext) @state() private scope?: KubeScope;

  @state() private open = false;
  @state() private active = -1;
  /** What the user typed; undefined while the input shows the selection. */
  @state() private search?: string;

  @query('[part="input"]') private input!: HTMLInputElement;

  private readonly access = new AccessibleNamespacesController(this, () =>
    this.client && this.cluster
      ? {client: this.client, cluster: this.cluster, candidates: this.selection ?? EMPTY, allowed: this.settings?.allowedNamespaces ?? EMPTY}
      : undefined
  );
  /** The selection (comma-separated) the user chose and the provider accepted: the next one handed down fires `change` only if it is this one. */
  private requested?: string;

  /** The selected namespaces, comma-separated; `''` for all namespaces. */
  get value(): string {
    return this.values.join(',');
  }

  /** The selected namespaces; empty for all namespaces. */
  get values(): readonly string[] {
    return this.selection ?? EMPTY;
  }

  /** Puts focus on the search input. */
  override focus(options?: FocusOptions) {
    this.input?.focus(options);
  }

  private get options(): NamespaceOption[] {
    const term = this.search?.trim().toLowerCase() ?? '';
    const namespaces = this.access.namespaces.filter((namespace) => namespace.includes(term));
    const all: NamespaceOption[] = this.access.allPermitted && !term ? [{namespace: null, label: this.allLabel}] : [];
    return [...all, ...namespaces.map((namespace) => ({namespace, label: namespace}))];
  }

  /** Open, and something to show: an empty list is never shown open. */
  private get expanded() {
    return this.open && this.options.length > 0;
  }

  private get allLabel() {
    return msg('All namespaces', {id: 'kube.namespacePicker.all'});
  }

  private isSelected(option: NamespaceOption) {
    return option.namespace === null ? this.values.length === 0 : this.values.includes(option.namespace);
  }

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has('selection') && this.requested !== undefined) {
      const chosen = this.value === this.requested;
      this.requested = undefined;
      if (chosen) this.updateComplete.then(() => this.emit(new Event('change', {bubbles: true, composed: true})));
    }
    if (changed.has('cluster')) this.search = undefined;
  }

  /** States follow the controllers, which refresh in hostUpdate — after willUpdate. */
  protected override updated() {
    const noClient = !this.client;
    const {status, source, namespaces} = this.access;
    this.toggleState('no-client', noClient);
    this.toggleState('no-cluster', !noClient && !this.cluster);
    this.toggleState('loading', !noClient && status === 'loading');
    this.toggleState('error', !noClient && status === 'error');
    this.toggleState('empty', !noClient && status === 'ready' && namespaces.length === 0);
    this.toggleState('limited', !noClient && status === 'ready' && source === 'rules');
    this.toggleState('open', this.expanded);
    if (this.expanded && this.active >= 0) {
      this.renderRoot.querySelector(`#option-${this.active}`)?.scrollIntoView({block: 'nearest'});
    }
  }

  protected override render() {
    const label = this.label ?? (this.multiple ? msg('Namespaces', {id: 'kube.namespacePicker.labelMultiple'}) : msg('Namespace', {id: 'kube.namespacePicker.label'}));
    const options = this.options;
    const open = this.expanded;
    const activeId = open && this.active >= 0 && this.active < options.length ? `option-${this.active}` : undefined;
    return html`
      <div part="base">
        <label part="label" id="label" for="input">${label}</label>
        <div part="control">
          <div part="field">
            <input
              part="input"
              id="input"
              type="text"
              role="combobox"
              autocomplete="off"
              spellcheck="false"
              aria-autocomplete="list"
              aria-controls="listbox"
              aria-expanded=${open ? 'true' : 'false'}
              aria-activedescendant=${activeId ?? nothing}
              aria-describedby="status"
              placeholder=${msg('Choose a namespace', {id: 'kube.namespacePicker.placeholder'})}
              .value=${live(this.search ?? this.summary())}
              ?disabled=${!this.client}
              @input=${this.onInput}
              @keydown=${this.onKeyDown}
              @focus=${this.onFocus}
              @click=${this.onInputClick}
              @blur=${this.close}
            />
            <button
              part="toggle"
              type="button"
              tabindex="-1"
              aria-label=${msg('Show namespaces', {id: 'kube.namespacePicker.toggle'})}
              aria-controls="listbox"
              aria-expanded=${open ? 'true' : 'false'}
              ?disabled=${!this.client}
              @mousedown=${keepFocus}
              @click=${this.onToggleClick}
            >
              <span part="indicator" aria-hidden="true">▾</span>
            </button>
          </div>
          <div
            part="listbox"
            id="listbox"
            role="listbox"
            aria-labelledby="label"
            aria-multiselectable=${this.multiple ? 'true' : 'false'}
            tabindex="-1"
            ?hidden=${!open}
            @mousedown=${keepFocus}
          >
            ${options.map((option, index) => this.renderOption(option, index))}
          </div>
        </div>
        <div part="status" id="status" role="status">${this.renderStatus(options)}</div>
      </div>
    `;
  }

  private renderOption(option: NamespaceOption, index: number) {
    const selected = this.isSelected(option);
    const parts = ['option', option.namespace === null ? 'option-all' : '', selected ? 'option-selected' : '', index === this.active ? 'option-active' : '']
      .filter(Boolean)
      .join(' ');
    return html`<div
      part=${parts}
      id="option-${index}"
      role="option"
      aria-selected=${selected ? 'true' : 'false'}
      @click=${() => this.choose(index)}
    >
      <span part="check" aria-hidden="true">${selected ? '✓' : ''}</span>
      <span part="option-name">${option.label}</span>
    </div>`;
  }

  private renderStatus(options: NamespaceOption[]) {
    if (!this.client) return msg('No client — wrap me in <kube-provider>.', {id: 'kube.namespacePicker.noClient'});
    const {status, source, namespaces, error} = this.access;
    if (!this.cluster) return msg('Waiting for a cluster.', {id: 'kube.namespacePicker.noCluster'});
    if (status === 'loading') return msg('Loading namespaces…', {id: 'kube.namespacePicker.loading'});
    if (status === 'error') return msg(str`Couldn't load the namespaces: ${describeError(error, unknownError)}`, {id: 'kube.namespacePicker.error'});
    if (status !== 'ready') return '';
    if (namespaces.length === 0) {
      return source === 'rules'
        ? msg('There is no namespace you can use here. Ask for access, or set allowed-namespaces on the provider.', {id: 'kube.namespacePicker.emptyLimited'})
        : msg('This cluster has no namespaces.', {id: 'kube.namespacePicker.empty'});
    }
    const term = this.search?.trim();
    if (term && options.length === 0) return msg(str`No namespace matches “${term}”.`, {id: 'kube.namespacePicker.noMatch'});
    return source === 'rules' ? msg('Showing the namespaces you can use.', {id: 'kube.namespacePicker.limited'}) : '';
  }

  /** The selection in words, shown in the input while the user isn't searching. */
  private summary() {
    if (this.values.length) return this.values.join(', ');
    return this.access.allPermitted ? this.allLabel : '';
  }

  private onInput() {
    this.search = this.input.value;
    this.open = true;
    this.active = this.options.length ? 0 : -1;
  }

  private onFocus() {
    // Typing replaces the shown selection instead of appending to it.
    if (this.search === undefined) this.input.select();
  }

  private onInputClick() {
    if (!this.expanded) this.show(this.selectedIndex());
  }

  private onToggleClick() {
    this.input.focus();
    if (this.expanded) this.close();
    else this.show(this.selectedIndex());
  }

  private onKeyDown(event: KeyboardEvent) {
    const {key} = event;
    if (!this.expanded) {
      if (key === 'ArrowDown' || key === 'ArrowUp' || key === 'Enter' || key === ' ') {
        event.preventDefault();
        this.show(event.altKey ? -1 : key === 'ArrowUp' ? this.options.length - 1 : this.selectedIndex());
      } else if (key === 'Escape' && this.search !== undefined) {
        event.preventDefault();
        this.search = undefined;
      }
      return;
    }
    // Namespace names never hold a space, so Space is free to choose, as in a select.
    if (key === 'Enter' || key === ' ') {
      event.preventDefault();
      if (this.active >= 0) this.choose(this.active);
      else if (key === 'Enter') this.close();
    } else if (key === 'ArrowUp' && event.altKey) {
      event.preventDefault();
      this.close();
    } else if (key === 'Escape') {
      event.preventDefault();
      this.close();
    } else if (key === 'Tab') {
      this.close();
    } else if (key === 'ArrowLeft' || key === 'ArrowRight' || (this.search && (key === 'Home' || key === 'End'))) {
      // Editing the text: the caret moves, and screen readers follow the input again, not an option.
      this.active = -1;
    } else {
      const next = navigate(key, this.active, this.options.length);
      if (next === undefined) return;
      event.preventDefault();
      this.active = next;
    }
  }

  private show(active: number) {
    if (!this.options.length) return;
    this.open = true;
    this.active = active < 0 && this.search ? 0 : active;
  }

  private close = () => {
    this.open = false;
    this.active = -1;
    this.search = undefined;
  };

  private choose(index: number) {
    const option = this.options[index];
    if (!option) return;
    let next: readonly string[];
    if (option.namespace === null) next = [];
    else if (!this.multiple) next = [option.namespace];
    else if (this.values.includes(option.namespace)) next = this.values.filter((namespace) => namespace !== option.namespace);
    else next = [...this.values, option.namespace].sort();
    // Without the right to list everything, deselecting the last namespace would mean "all".
    if (next.length === 0 && !this.access.allPermitted) return;
    if (!this.multiple) this.close();
    this.input.focus();
    if (next.join(',') === this.values.join(',')) return;
    // Cancelled, there is nothing to wait for: the host's own later `namespace = …` is not the user's choice. `undefined` (an older custom scope) accepts.
    const accepted = this.scope ? this.scope.setNamespaces(next) !== false : false;
    this.requested = accepted ? next.join(',') : undefined;
  }

  private selectedIndex() {
    return this.options.findIndex((option) => this.isSelected(option));
  }
}

const unknownError = () => msg('unknown error', {id: 'kube.namespacePicker.unknownError'});


declare global {
  interface HTMLElementTagNameMap {
    'kube-namespace-picker': KubeNamespacePicker;
  }
}
