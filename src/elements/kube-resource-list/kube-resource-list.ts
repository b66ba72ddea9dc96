import {html, type PropertyValues} from 'lit';
import {property, state} from 'lit/decorators.js';
import {consumeContext} from '../../internal/consume-context.js';
import {numberOr, textOr, unsetWhenRemoved} from '../../internal/attribute-converters.js';
import {localized} from '@lit/localize';
import {KubeElement} from '../../internal/kube-element.js';
import {clientContext, clusterContext, namespacesContext, settingsContext, type KubeSettings} from '../../context/kube-context.js';
import type {KubeClient} from '../../client/kube-client.js';
import type {ResourceRef} from '../../client/discovery.js';
import type {InformerChanges, InformerQuery, InformerSnapshot} from '../../client/informer-types.js';
import type {ObjectReference, TableRow} from '../../client/types.js';
import {InformerGroupController} from '../../controllers/informer-group-controller.js';
import {parseNamespaces} from '../../internal/namespaces.js';
import {formatCount, sortCollator} from '../../client/intl.js';
import {plainOrderApplies} from '../../client/plain-order.js';
import {ResourceListModel} from './list-model.js';
import {nextSort, type ExtraColumn, type RowActionsRenderer} from './columns.js';
import {KubeSelectEvent, KubeSelectionChangeEvent, KubeViewChangeEvent, type KubeViewState} from './events.js';
import {resourceListStyles} from './kube-resource-list.styles.js';
import {GridFocusController} from './grid-focus.js';
import {RowSelection} from './row-selection.js';
import {NamespaceFallbackController} from './namespace-fallback.js';
import {renderGrid} from './grid-templates.js';
import {combinedPollInterval, combinedProgress, combinedStatus, type ListState, type ListStatus} from './list-status.js';
import {Announcement} from './announcement.js';
import {
  countText,
  emptyText,
  renderAnnouncement,
  renderEmpty,
  renderError,
  renderForbidden,
  renderLoading,
  renderNoClient,
  renderNoCluster,
  renderPartial,
  renderReconnecting,
  renderToolbar,
} from './states.js';

export type {ExtraColumn, ResourceListRow, CellContent, RowActionsRenderer} from './columns.js';

const AGE_TICK_MS = 5000;

/**
 * A live table of any Kubernetes kind — the columns `kubectl get` prints, CRDs included — kept in
 * step with the cluster by a shared watch, virtualized for tens of thousands of rows, sortable,
 * filterable and selectable, and operable by keyboard as one grid.
 *
 * Keyboard: the grid is one tab stop. Up and Down, Home and End, PageUp and PageDown move between
 * rows; Enter activates a row (`kube-select`), Space selects it. Up from the first row reaches the
 * header row: Left and Right move along it, Enter or Space sorts by a column (or selects all), Down
 * returns to the rows. Right moves from a row into its controls (links or buttons in `extraColumns`,
 * then `rowActions`), Left and Right move between them, Left from the first or Escape returns to the
 * row, Up and Down to the same control a row up or down; only the control last focused is a tab stop.
 * When the rows are replaced (another namespace, kind or selector) focus stays in the list, on the first row.
 *
 * Screen readers hear, from one visually hidden live region, how many rows show (or that none match)
 * once the initial list has arrived and half a second after the filter last changed.
 *
 * @tagname kube-resource-list
 * @summary A live, virtualized, sortable list of Kubernetes objects of one kind.
 * @slot empty - Shown when the list has no objects (not when a filter hides them all).
 * @csspart toolbar - The bar above the table: filter, label selector, count and progress.
 * @csspart filter - The text filter input.
 * @csspart label-selector - The label selector input.
 * @csspart count - How many objects the list shows, and how often they are refreshed when a kind can't be watched live.
 * @csspart progress - "Loading… 1,500 of 30,000" while the initial list arrives.
 * @csspart table - The scrolling grid.
 * @csspart header - The header row group.
 * @csspart header-row - The header row.
 * @csspart header-cell - A column header.
 * @csspart sort-button - The button in a column header that sorts by the column.
 * @csspart body - The row group holding the (windowed) rows.
 * @csspart row - A row.
 * @csspart cell - A cell.
 * @csspart select - The checkbox of a row (multi-select).
 * @csspart actions - The cell with a row's actions.
 * @csspart status-badge - A pod's status: colour and text.
 * @csspart age - A relative age.
 * @csspart loading - Shown before the first rows arrive.
 * @csspart empty - Shown when there are no objects, or none match the filter.
 * @csspart error - The server's error, with its HTTP code.
 * @csspart forbidden - What was denied, and what to do.
 * @csspart reconnecting - The banner shown, above kept rows, while the watch reconnects.
 * @csspart partial - Above the rows of several namespaces: the namespaces that failed, why, and the HTTP code.
 * @csspart whole-message - A disclosure holding the whole of a server's message too long to show in place (in error, forbidden, partial and reconnecting).
 * @csspart no-client - Shown outside a `<kube-provider>`.
 * @csspart no-cluster - Shown while the provider has no cluster (none chosen yet, or listing them failed).
 * @cssproperty --kube-resource-list-height - Height of the scrolling table (32rem).
 * @cssproperty --kube-resource-list-header-background - Header background.
 * @cssproperty --kube-resource-list-row-hover-background - Background of the row under the pointer.
 * @cssproperty --kube-resource-list-row-selected-background - Background of selected rows.
 * @cssproperty --kube-resource-list-border-color - Border and row separator colour.
 * @cssproperty --kube-resource-list-cell-padding - Cell padding.
 * @cssproperty --kube-resource-list-actions-width - Width of the actions column (8rem).
 * @cssstate loading - The initial list is arriving.
 * @cssstate ready - Listed and watching.
 * @cssstate empty - No objects, or none match the filter.
 * @cssstate error - The list failed; see the error part.
 * @cssstate forbidden - Listing was denied.
 * @cssstate reconnecting - The watch is reconnecting; rows are kept.
 * @cssstate partial - Some of the namespaces listed failed (see the partial part); the others' rows show.
 * @cssstate no-client - No `<kube-provider>` around the element.
 * @cssstate no-cluster - The provider has no cluster yet; see its `cluster-error` state.
 * @fires kube-select - A row was activated by click or Enter. `event.reference` ({cluster, apiVersion, kind, namespace, name, uid}).
 * @fires kube-selection-change - The selection changed. `event.references`.
 * @fires kube-view-change - The user changed the sort, filter or label selector (not fired for the host's own sets). `event.detail` ({sort, filter, labelSelector}), as reflected to the attributes.
 */
@localized()
export class KubeResourceList extends KubeElement {
  static override styles = resourceListStyles;

  /** The kind to list: Kind (`Pod`), plural (`pods`), short name (`po`), or `resource.group`; CRDs too. */
  @property({converter: textOr('')}) kind = '';

  /** API group, when the kind is ambiguous. */
  @property({converter: unsetWhenRemoved}) group?: string;

  /** `group/version` (or `v1`), when the kind is ambiguous. */
  @property({attribute: 'api-version', converter: unsetWhenRemoved}) apiVersion?: string;

  /** Overrides the provider's namespace: one, several separated by commas, or `all`. */
  @property({converter: unsetWhenRemoved}) namespace?: string;

  /** A label selector (`app=web,tier!=cache`); the toolbar edits it. */
  @property({attribute: 'label-selector', reflect: true, converter: textOr('')}) labelSelector = '';

  /** A field selector (`status.phase=Running`). */
  @property({attribute: 'field-selector', converter: textOr('')}) fieldSelector = '';

  /** Which columns to show and in which order, by name, comma-separated (wide columns included). */
  @property({converter: textOr('')}) columns = '';

  /** `single` or `multi`; rows aren't selectable when unset. */
  @property({converter: unsetWhenRemoved}) selectable?: 'single' | 'multi';

  /** Text filter over name, namespace and labels. Reflected so a host can persist it. */
  @property({reflect: true, converter: textOr('')}) filter = '';

  /** The sort column by name, `-Name` for descending. Reflected so a host can persist it. */
  @property({reflect: true, converter: textOr('')}) sort = '';

  /** Row height in pixels; rows are a fixed height so tens of thousands can be windowed. */
  @property({type: Number, attribute: 'row-height', converter: numberOr(36, 1)}) rowHeight = 36;

  /** Columns the host adds, each rendered by a function (optionally for some kinds only). */
  @property({attribute: false}) extraColumns: readonly ExtraColumn[] = [];

  /** Renders each row's actions into a last column. */
  @property({attribute: false}) rowActions?: RowActionsRenderer;

  /**
   * Rows carry whole objects (spec and status), not only their metadata, for host columns and row
   * actions that read them; pages are larger. Also on when a host column says `needsObject`.
   */
  @property({type: Boolean, attribute: 'full-objects'}) fullObjects = false;

  /** A user's change to the view is waiting for the update that shows it, to be told to the host. */
  private viewChanged = false;

  @consumeContext(clientContext) @state() private client?: KubeClient;
  @consumeContext(clusterContext) @state() private cluster?: string;
  @consumeContext(namespacesContext) @state() private contextNamespaces?: readonly string[];
  @consumeContext(settingsContext) @state() private settings?: KubeSettings;

  @state() private now = Date.now();

  private selectionDropped = false;
  /** Whether the listed kind is namespaced, as the server answered, for the cluster and kind asked. */
  private learnedScope?: {key: string; namespaced: boolean};
  private ticker?: ReturnType<typeof setInterval>;
  /** Whether Intl's formatters were built ahead of the first page. */
  private warmed = false;

  // Before the informers: its hostUpdate settles the namespaces their target reads.
  private readonly fallback = new NamespaceFallbackController(this, () => {
    const {client, cluster} = this;
    if (!client || !cluster) return undefined;
    const candidates = this.contextNamespaces ?? [];
    return {client, cluster, ref: this.ref, requested: this.requestedNamespaces, candidates, allowed: this.settings?.allowedNamespaces ?? []};
  });

  private readonly informers = new InformerGroupController<TableRow>(
    this,
    () => this.target(),
    (source, snapshot, changes) => this.onNotify(source, snapshot, changes),
    (changed) => this.onReset(changed)
  );

  private readonly model = new ResourceListModel(
    this.informers,
    () => ({
      kind: this.kind,
      cluster: this.cluster ?? '',
      sort: this.sort,
      filter: this.filter,
      columns: this.columns,
      extraColumns: this.extraColumns,
      locale: this.locale,
    }),
    (key, position) => this.onDrop(key, position)
  );

  /** The state the last update saw, to tell when the initial list has arrived. */
  private lastState?: ListState;

  private readonly announcement = new Announcement(this, () => this.settledText());

  private readonly selection = new RowSelection(() => this.selectable, this.model);

  private readonly grid = new GridFocusController(this, {
    rows: () => this.model.index,
    rowHeight: () => this.rowHeight,
    activate: (key) => this.activate(key),
    toggle: (key) => {
      this.toggleSelected(key);
      return !!this.selectable;
    },
    pressHeader: (column) => this.pressHeader(column),
  });

  /** References of the selected objects. */
  get selected(): ObjectReference[] {
    return this.selection.references;
  }

  /** How many objects the list shows (after the filter). */
  get rowCount() {
    return this.model.index.length;
  }

  /** Clears the selection. */
  clearSelection() {
    if (!this.selection.clear()) return;
    this.emit(new KubeSelectionChangeEvent([]));
    this.requestUpdate();
  }

  override connectedCallback() {
    super.connectedCallback();
    this.ticker = setInterval(() => {
      if (this.model.showsAges && this.model.index.length) this.now = Date.now();
    }, AGE_TICK_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.ticker);
  }

  // ---- what to watch -------------------------------------------------------------------------

  private get ref(): ResourceRef {
    return this.group !== undefined || this.apiVersion ? {kind: this.kind, group: this.group, apiVersion: this.apiVersion} : this.kind;
  }

  private get requestedNamespaces(): readonly string[] {
    return this.namespace !== undefined ? parseNamespaces(this.namespace) : this.contextNamespaces ?? [];
  }

  private target() {
    const {client, cluster} = this;
    if (!client || !cluster || !this.kind) return undefined;
    const base: InformerQuery = {
      cluster,
      resource: this.ref,
      table: true,
      ...(this.fullObjects || this.extraColumns.some((extra) => extra.needsObject) ? {includeObject: 'Object' as const} : {}),
      ...(this.labelSelector ? {labelSelector: this.labelSelector} : {}),
      ...(this.fieldSelector ? {fieldSelector: this.fieldSelector} : {}),
    };
    // Falling back with no namespace yet (or none at all): nothing is watched; the status says why.
    const namespaces = this.fallback.namespaces ?? this.requestedNamespaces;
    if (this.fallback.namespaces && !namespaces.length) return undefined;
    // A cluster-scoped kind (nodes, PVs…) is one list whatever namespaces are chosen; the first answer tells.
    const scope = this.learnedScope;
    if (!namespaces.length || (scope?.key === scopeKey(cluster, this.ref) && !scope.namespaced)) return {client, queries: [base]};
    return {client, queries: namespaces.map((namespace) => ({...base, namespace}))};
  }

  // ---- the incremental index -------------------------------------------------------------------

  private onNotify(source: number, snapshot: InformerSnapshot<TableRow>, changes?: InformerChanges) {
    if (snapshot.type && this.cluster) this.learnedScope = {key: scopeKey(this.cluster, this.ref), namespaced: snapshot.type.namespaced};
    if (!this.warmed && snapshot.status === 'loading') {
      // The first page's count needs Intl's number format, except in plain English; building the first
      // Intl object (tens of milliseconds) while that page is on the wire keeps it off the page's path.
      // So does the collator where plain order doesn't apply: there, every name comparison is its call.
      this.warmed = true;
      setTimeout(() => {
        const locale = this.locale;
        formatCount(0, locale);
        if (!plainOrderApplies(locale)) sortCollator(locale);
      });
    }
    this.fallback.notice(this.informers.queries[source], snapshot);
    this.grid.beforeChange();
    this.selectionDropped = false;
    this.model.notify(changes);
    if (this.selectionDropped) this.emit(new KubeSelectionChangeEvent(this.selected));
  }

  /** Subscribed afresh; to another query (kind, cluster, namespaces, selectors), nothing selected carries over. */
  private onReset(changed: boolean) {
    this.model.reset();
    if (!changed) return;
    this.grid.reset();
    this.clearSelection();
  }

  /** A deleted row: forget its selection; if it was the active row, keep its place (and focus). */
  private onDrop(key: string, position: number) {
    this.grid.dropped(key, position);
    if (this.selection.drop(key)) this.selectionDropped = true;
  }

  // ---- lifecycle ---------------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>) {
    this.settleProperties();
    // Rows that no longer look selected must not stay selected (a <kube-action-bar for> acts on them).
    if (changed.has('selectable') && this.selection.fitMode()) this.emit(new KubeSelectionChangeEvent(this.selected));
    if (changed.has('sort') || changed.has('filter') || changed.has('columns') || changed.has('extraColumns')) this.model.invalidate();
    this.model.refresh();
    const status = this.status;
    for (const name of ['loading', 'ready', 'error', 'forbidden', 'reconnecting', 'no-client', 'no-cluster'] as const) this.toggleState(name, status.state === name);
    this.toggleState('empty', status.state === 'ready' && this.model.index.length === 0);
    this.toggleState('partial', !!status.failures);
    // Said once the rows settle: when the initial list has arrived, and after the filter changes.
    const arrived = this.lastState === 'loading' && (status.state === 'ready' || status.state === 'reconnecting');
    if (arrived || (changed.has('filter') && this.hasUpdated)) this.announcement.schedule();
    this.lastState = status.state;
  }

  /** What the live region says once the rows settle: how many show, or why none do. */
  private settledText() {
    const {state} = this.status;
    if (state !== 'ready' && state !== 'reconnecting') return undefined;
    const shown = this.model.index.length;
    return shown ? countText(shown, this.locale) : emptyText(this.resourceName, this.informers.size > 0 ? this.filter.trim() : undefined);
  }

  /** A framework's `null` or `undefined` (React's `sort={undefined}`) reads as unset or as the default, as a removed attribute does. */
  private settleProperties() {
    this.kind ??= '';
    this.labelSelector ??= '';
    this.fieldSelector ??= '';
    this.columns ??= '';
    this.filter ??= '';
    this.sort ??= '';
    this.extraColumns ??= [];
    if (this.group === null) this.group = undefined;
    if (this.apiVersion === null) this.apiVersion = undefined;
    if (this.namespace === null) this.namespace = undefined;
    if (this.selectable === null) this.selectable = undefined;
    if (!Number.isFinite(this.rowHeight) || this.rowHeight < 1) this.rowHeight = 36;
  }

  /** The list's overall state across its queries. */
  private get status(): ListStatus {
    if (!this.client) return {state: 'no-client'};
    if (!this.kind) return {state: 'idle'};
    if (!this.cluster) return {state: 'no-cluster'};
    return this.fallback.status ?? combinedStatus(this.informers.snapshots);
  }

  private get locale() {
    return this.closest<HTMLElement>('[lang]')?.lang || document.documentElement.lang || undefined;
  }

  private get resourceName() {
    return this.model.type?.resource ?? this.kind;
  }

  // ---- rendering ---------------------------------------------------------------------------------

  protected override render() {
    const status = this.status;
    if (status.state === 'no-client') return renderNoClient();
    const toolbar = renderToolbar({
      state: status.state,
      filter: this.filter,
      labelSelector: this.labelSelector,
      progress: combinedProgress(this.informers.snapshots),
      shown: this.model.index.length,
      pollIntervalMs: combinedPollInterval(this.informers.snapshots),
      locale: this.locale,
      onFilter: (value) => this.changeView({filter: value}),
      onLabelSelector: (value) => this.changeView({labelSelector: value}),
    });
    return html`${toolbar} ${this.renderBody(status)} ${renderAnnouncement(this.announcement.text)}`;
  }

  private renderBody(status: ListStatus) {
    const resource = this.resourceName;
    switch (status.state) {
      case 'idle':
        return null;
      case 'no-cluster':
        return renderNoCluster();
      case 'forbidden': {
        const namespace = status.source !== undefined ? this.informers.queries[status.source]?.namespace : undefined;
        return renderForbidden({resource, namespace, clusterScoped: this.model.type?.namespaced === false, error: status.error});
      }
      case 'error':
        return renderError(resource, status.error);
    }
    const empty = this.model.index.length === 0;
    const partial = status.failures
      ? renderPartial(resource, status.failures.map((failure) => ({...failure, namespace: this.informers.queries[failure.source]?.namespace})))
      : null;
    if (status.state === 'loading' && empty) return html`${partial}${renderLoading(resource)}`;
    const banner = html`${partial}${status.state === 'reconnecting' ? renderReconnecting(status.error) : null}`;
    if (empty) return html`${banner}${renderEmpty(resource, this.informers.size > 0 ? this.filter.trim() : undefined)}`;
    const grid = renderGrid({
      model: this.model,
      focus: this.grid,
      selection: this.selection.keys,
      selectable: this.selectable,
      rowActions: this.rowActions,
      rowHeight: this.rowHeight,
      kind: this.kind,
      sort: this.sort,
      now: this.now,
      onClick: this.onClick,
      onToggleAll: this.onToggleAll,
      onSort: (column) => this.changeView({sort: nextSort(this.sort, column)}),
    });
    return html`${banner}${grid}`;
  }

  // ---- interaction -------------------------------------------------------------------------------

  private onClick = (event: MouseEvent) => {
    const {key, inControls, checkbox} = this.grid.targetOf(event);
    if (!key || inControls) return;
    this.grid.clicked(key);
    if (checkbox || (this.selectable === 'multi' && (event.ctrlKey || event.metaKey))) {
      this.toggleSelected(key);
      return;
    }
    this.activate(key);
  };

  private activate(key: string) {
    const row = this.model.rowOf(key);
    if (!row) return;
    if (this.selection.activate(key)) this.emit(new KubeSelectionChangeEvent([row.reference]));
    this.requestUpdate();
    this.emit(new KubeSelectEvent(row.reference));
  }

  private toggleSelected(key: string) {
    if (!this.selection.toggle(key)) return;
    this.requestUpdate();
    this.emit(new KubeSelectionChangeEvent(this.selected));
  }

  private onToggleAll = (event: Event) => {
    this.selection.setAll((event.target as HTMLInputElement).checked);
    this.requestUpdate();
    this.emit(new KubeSelectionChangeEvent(this.selected));
  };

  /** Enter or Space on a column header: select all, or sort. */
  private pressHeader(index: number) {
    const multi = this.selectable === 'multi';
    if (multi && index === 0) {
      const checkbox = this.renderRoot.querySelector<HTMLInputElement>('[role="columnheader"] input[part~="select"]');
      checkbox?.click();
      return;
    }
    const column = this.model.displayed[index - (multi ? 1 : 0)];
    if (column?.sortable) this.changeView({sort: nextSort(this.sort, column)});
  }

  /** A change the user made to the view: applied, then told to the host once the list has updated. */
  private changeView(change: Partial<KubeViewState>) {
    Object.assign(this, change);
    if (this.viewChanged) return;
    this.viewChanged = true;
    void this.updateComplete.then(() => {
      this.viewChanged = false;
      this.emit(new KubeViewChangeEvent({sort: this.sort, filter: this.filter, labelSelector: this.labelSelector}));
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kube-resource-list': KubeResourceList;
  }
}

/** What a learned scope is for: the same kind, spelled the same way, on the same cluster. */
function scopeKey(cluster: string, ref: ResourceRef) {
  return JSON.stringify([cluster, ref]);
}
