import {html, nothing, type PropertyValues, type TemplateResult} from 'lit';
import {property, state} from 'lit/decorators.js';
import {consume} from '@lit/context';
import {localized, msg, str} from '@lit/localize';
import {repeat} from 'lit/directives/repeat.js';
import {ifDefined} from 'lit/directives/if-defined.js';
import {styleMap} from 'lit/directives/style-map.js';
import {KubeElement} from '../../internal/kube-element.js';
import {clientContext, clusterContext, namespacesContext, settingsContext, type KubeSettings} from '../../context/kube-context.js';
import type {KubeClient} from '../../client/kube-client.js';
import type {ResourceRef} from '../../client/discovery.js';
import type {InformerChanges, InformerQuery, InformerSnapshot, InformerStatus} from '../../client/informer-types.js';
import type {ObjectReference, TableRow} from '../../client/types.js';
import {ageMs, formatAge} from '../../client/age.js';
import {InformerGroupController} from '../../controllers/informer-group-controller.js';
import {AccessibleNamespacesController} from '../../controllers/accessible-namespaces-controller.js';
import {parseNamespaces} from '../../internal/namespaces.js';
import {ResourceListModel} from './list-model.js';
import {columnId, columnWidth, statusTone, type CellContent, type ExtraColumn, type ListColumn, type ResourceListRow} from './columns.js';
import {KubeSelectEvent, KubeSelectionChangeEvent} from './events.js';
import {resourceListStyles} from './kube-resource-list.styles.js';
import {GridFocusController} from './grid-focus.js';
import {renderError, renderForbidden} from './states.js';

export type {ExtraColumn, ResourceListRow, CellContent} from './columns.js';

/** Renders a row's actions (buttons, menus); rows are virtualized, so this is a function, not a slot. */
export type RowActionsRenderer = (row: ResourceListRow) => CellContent;

const AGE_TICK_MS = 5000;

/**
 * A live table of any Kubernetes kind — the columns `kubectl get` prints, CRDs included — kept in
 * step with the cluster by a shared watch, virtualized for tens of thousands of rows, sortable,
 * filterable and selectable, and operable by keyboard as one grid.
 *
 * @tagname kube-resource-list
 * @summary A live, virtualized, sortable list of Kubernetes objects of one kind.
 * @slot empty - Shown when the list has no objects (not when a filter hides them all).
 * @csspart toolbar - The bar above the table: filter, label selector, count and progress.
 * @csspart filter - The text filter input.
 * @csspart label-selector - The label selector input.
 * @csspart count - How many objects the list shows.
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
 * @csspart no-client - Shown outside a `<kube-provider>`.
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
 * @cssstate no-client - No `<kube-provider>` around the element.
 * @fires kube-select - A row was activated by click or Enter. `event.reference` ({cluster, apiVersion, kind, namespace, name, uid}).
 * @fires kube-selection-change - The selection changed. `event.references`.
 */
@localized()
export class KubeResourceList extends KubeElement {
  static override styles = resourceListStyles;

  /** The kind to list: Kind (`Pod`), plural (`pods`), short name (`po`), or `resource.group`; CRDs too. */
  @property() kind = '';

  /** API group, when the kind is ambiguous. */
  @property() group?: string;

  /** `group/version` (or `v1`), when the kind is ambiguous. */
  @property({attribute: 'api-version'}) apiVersion?: string;

  /** Overrides the provider's namespace: one, several separated by commas, or `all`. */
  @property() namespace?: string;

  /** A label selector (`app=web,tier!=cache`); the toolbar edits it. */
  @property({attribute: 'label-selector', reflect: true}) labelSelector = '';

  /** A field selector (`status.phase=Running`). */
  @property({attribute: 'field-selector'}) fieldSelector = '';

  /** Which columns to show and in which order, by name, comma-separated (wide columns included). */
  @property() columns = '';

  /** `single` or `multi`; rows aren't selectable when unset. */
  @property() selectable?: 'single' | 'multi';

  /** Text filter over name, namespace and labels. Reflected so a host can persist it. */
  @property({reflect: true}) filter = '';

  /** The sort column by name, `-Name` for descending. Reflected so a host can persist it. */
  @property({reflect: true}) sort = '';

  /** Row height in pixels; rows are a fixed height so tens of thousands can be windowed. */
  @property({type: Number, attribute: 'row-height'}) rowHeight = 36;

  /** Columns the host adds, each rendered by a function (optionally for some kinds only). */
  @property({attribute: false}) extraColumns: readonly ExtraColumn[] = [];

  /** Renders each row's actions into a last column. */
  @property({attribute: false}) rowActions?: RowActionsRenderer;

  @consume({context: clientContext, subscribe: true}) @state() private client?: KubeClient;
  @consume({context: clusterContext, subscribe: true}) @state() private cluster?: string;
  @consume({context: namespacesContext, subscribe: true}) @state() private contextNamespaces?: readonly string[];
  @consume({context: settingsContext, subscribe: true}) @state() private settings?: KubeSettings;

  @state() private now = Date.now();
  /** Listing across namespaces was denied for this scope; the list falls back to the accessible namespaces. */
  @state() private denied?: {scope: string; error?: Error};

  private selection = new Set<string>();
  private selectionDropped = false;
  private ticker?: ReturnType<typeof setInterval>;

  // Before the informers: its hostUpdate settles the namespaces their target reads.
  private readonly access = new AccessibleNamespacesController(this, () => {
    const {client, cluster} = this;
    if (!client || !cluster || this.denied?.scope !== this.scope) return undefined;
    return {client, cluster, candidates: this.contextNamespaces ?? [], allowed: this.settings?.allowedNamespaces ?? [], resource: this.ref};
  });

  private readonly informers = new InformerGroupController<TableRow>(
    this,
    () => this.target(),
    (source, snapshot, changes) => this.onNotify(source, snapshot, changes),
    () => this.model.reset()
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

  private readonly grid = new GridFocusController(this, {
    rows: () => this.model.index,
    rowHeight: () => this.rowHeight,
    activate: (key) => this.activate(key),
    toggle: (key) => {
      if (this.selectable) this.toggleSelected(key);
      return !!this.selectable;
    },
    pressHeader: (column) => this.pressHeader(column),
  });

  /** References of the selected objects. */
  get selected(): ObjectReference[] {
    const references: ObjectReference[] = [];
    for (const key of this.selection) {
      const row = this.model.rowOf(key);
      if (row) references.push(row.reference);
    }
    return references;
  }

  /** How many objects the list shows (after the filter). */
  get rowCount() {
    return this.model.index.length;
  }

  /** Clears the selection. */
  clearSelection() {
    if (!this.selection.size) return;
    this.selection.clear();
    this.emit(new KubeSelectionChangeEvent([]));
    this.requestUpdate();
  }

  override connectedCallback() {
    super.connectedCallback();
    this.ticker = setInterval(() => {
      if (this.model.ageCell >= 0 && this.model.index.length) this.now = Date.now();
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

  /** What a denied all-namespaces list applies to; the accessible namespaces themselves stay live. */
  private get scope() {
    return JSON.stringify([this.cluster, this.ref, this.requestedNamespaces]);
  }

  private target() {
    const {client, cluster} = this;
    if (!client || !cluster || !this.kind) return undefined;
    const base: InformerQuery = {
      cluster,
      resource: this.ref,
      table: true,
      ...(this.labelSelector ? {labelSelector: this.labelSelector} : {}),
      ...(this.fieldSelector ? {fieldSelector: this.fieldSelector} : {}),
    };
    let namespaces = this.requestedNamespaces;
    if (!namespaces.length && this.denied) {
      // Until accessible namespaces are known (or when there are none) nothing is watched; the status says why.
      namespaces = this.access.namespaces;
      if (!namespaces.length) return undefined;
    }
    if (!namespaces.length) return {client, queries: [base]};
    return {client, queries: namespaces.map((namespace) => ({...base, namespace}))};
  }

  // ---- the incremental index -------------------------------------------------------------------

  private onNotify(source: number, snapshot: InformerSnapshot<TableRow>, changes?: InformerChanges) {
    this.maybeFallBack(source, snapshot);
    this.grid.beforeChange();
    this.selectionDropped = false;
    this.model.notify(changes);
    if (this.selectionDropped) this.emit(new KubeSelectionChangeEvent(this.selected));
  }

  /** A deleted row: forget its selection; if it was the active row, keep its place (and focus). */
  private onDrop(key: string, position: number) {
    this.grid.dropped(key, position);
    if (this.selection.delete(key)) this.selectionDropped = true;
  }

  /** Listing across namespaces was denied: fall back to the namespaces the user may use. */
  private maybeFallBack(source: number, snapshot: InformerSnapshot<TableRow>) {
    if (snapshot.status !== 'forbidden' || this.requestedNamespaces.length || this.denied || snapshot.type?.namespaced === false) return;
    if (!this.informers.queries[source]?.namespace) this.denied = {scope: this.scope, error: snapshot.error};
  }

  // ---- lifecycle ---------------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>) {
    if (this.denied && this.denied.scope !== this.scope) this.denied = undefined;
    if (changed.has('sort') || changed.has('filter') || changed.has('columns') || changed.has('extraColumns')) this.model.invalidate();
    this.model.refresh();
    const status = this.status;
    for (const name of ['loading', 'ready', 'error', 'forbidden', 'reconnecting', 'no-client'] as const) this.toggleState(name, status.state === name);
    this.toggleState('empty', status.state === 'ready' && this.model.index.length === 0);
  }

  /** The list's overall state across its queries. */
  private get status(): {state: InformerStatus | 'no-client' | 'idle'; error?: Error; source?: number} {
    if (!this.client) return {state: 'no-client'};
    if (!this.cluster || !this.kind) return {state: 'idle'};
    if (this.denied && !this.access.namespaces.length) {
      const {status, error} = this.access;
      if (status === 'error') return {state: 'error', error};
      return status === 'ready' ? {state: 'forbidden', error: this.denied.error} : {state: 'loading'};
    }
    const snapshots = this.informers.snapshots;
    const failed = snapshots.findIndex((snapshot) => snapshot?.status === 'forbidden' || snapshot?.status === 'error');
    if (failed >= 0) return {state: snapshots[failed]!.status, error: snapshots[failed]!.error, source: failed};
    if (!snapshots.length || snapshots.some((snapshot) => !snapshot || snapshot.status === 'loading')) return {state: 'loading'};
    if (snapshots.some((snapshot) => snapshot!.status === 'reconnecting')) return {state: 'reconnecting'};
    return {state: 'ready'};
  }

  private get locale() {
    return this.closest<HTMLElement>('[lang]')?.lang || document.documentElement.lang || undefined;
  }

  // ---- rendering ---------------------------------------------------------------------------------

  protected override render() {
    const status = this.status;
    if (status.state === 'no-client') {
      return html`<div part="no-client" role="note">${msg('No Kubernetes client — place this element inside <kube-provider>.', {id: 'kube.resourceList.noClient'})}</div>`;
    }
    return html`${this.renderToolbar(status.state)} ${this.renderBody(status)}`;
  }

  private get resourceName() {
    return this.model.type?.resource ?? this.kind;
  }

  private renderToolbar(state: string) {
    const format = new Intl.NumberFormat(this.locale);
    const progress = this.progress;
    return html`<div part="toolbar">
      <input
        part="filter"
        type="search"
        .value=${this.filter}
        placeholder=${msg('Filter by name, namespace or label', {id: 'kube.resourceList.filterPlaceholder'})}
        aria-label=${msg('Filter', {id: 'kube.resourceList.filter'})}
        @input=${(event: InputEvent) => (this.filter = (event.target as HTMLInputElement).value)}
      />
      <input
        part="label-selector"
        type="text"
        .value=${this.labelSelector}
        placeholder=${msg('Label selector, e.g. app=web', {id: 'kube.resourceList.labelSelectorPlaceholder'})}
        aria-label=${msg('Label selector', {id: 'kube.resourceList.labelSelector'})}
        spellcheck="false"
        @change=${(event: Event) => (this.labelSelector = (event.target as HTMLInputElement).value.trim())}
      />
      ${state === 'loading' && progress
        ? html`<span part="progress" role="status"
            >${progress.total !== undefined
              ? msg(str`Loading… ${format.format(progress.loaded)} of ${format.format(progress.total)}`, {id: 'kube.resourceList.progress'})
              : msg(str`Loading… ${format.format(progress.loaded)}`, {id: 'kube.resourceList.progressUnknown'})}</span
          >`
        : state === 'ready' || state === 'reconnecting'
          ? html`<span part="count">${msg(str`${format.format(this.model.index.length)} shown`, {id: 'kube.resourceList.count'})}</span>`
          : nothing}
    </div>`;
  }

  private get progress(): {loaded: number; total?: number} | undefined {
    let loaded = 0;
    let total: number | undefined = 0;
    for (const snapshot of this.informers.snapshots) {
      if (!snapshot) continue;
      loaded += snapshot.progress.loaded;
      if (snapshot.listed) total = total === undefined ? undefined : total + snapshot.items.size;
      else if (snapshot.progress.remaining !== undefined && total !== undefined) total += snapshot.progress.loaded + snapshot.progress.remaining;
      else total = undefined;
    }
    return {loaded, total: total || undefined};
  }

  private renderBody(status: {state: string; error?: Error; source?: number}) {
    switch (status.state) {
      case 'idle':
        return nothing;
      case 'forbidden': {
        const namespace = status.source !== undefined ? this.informers.queries[status.source]?.namespace : undefined;
        return renderForbidden({resource: this.resourceName, namespace, clusterScoped: this.model.type?.namespaced === false, error: status.error});
      }
      case 'error':
        return renderError(this.resourceName, status.error);
    }
    if (status.state === 'loading' && this.model.index.length === 0) {
      return html`<div part="loading" role="status">${msg(str`Loading ${this.resourceName}…`, {id: 'kube.resourceList.loading'})}</div>`;
    }
    const banner =
      status.state === 'reconnecting'
        ? html`<div part="reconnecting" role="status">${msg('Connection lost — reconnecting. The rows shown may be out of date.', {id: 'kube.resourceList.reconnecting'})}</div>`
        : nothing;
    if (this.model.index.length === 0) {
      const filtered = this.filter.trim() && this.informers.size > 0;
      return html`${banner}
        <div part="empty" role="status">
          ${filtered
            ? msg(str`No ${this.resourceName} match “${this.filter.trim()}”.`, {id: 'kube.resourceList.noMatch'})
            : html`<slot name="empty">${msg(str`No ${this.resourceName} found.`, {id: 'kube.resourceList.empty'})}</slot>`}
        </div>`;
    }
    return html`${banner}${this.renderGrid()}`;
  }

  private get gridColumns() {
    const parts: string[] = [];
    let min = 0;
    if (this.selectable === 'multi') {
      parts.push('2.5rem');
      min += 2.5;
    }
    for (const column of this.model.displayed) {
      const [width, grow] = columnWidth(column);
      parts.push(`minmax(${width}rem, ${grow}fr)`);
      min += width;
    }
    if (this.rowActions) {
      parts.push('var(--kube-resource-list-actions-width, 8rem)');
      min += 8;
    }
    return {template: parts.join(' '), min: `${min}rem`};
  }

  private renderGrid() {
    const total = this.model.index.length;
    const rowHeight = this.rowHeight;
    const {positions, active} = this.grid.window();
    const multi = this.selectable === 'multi';
    const columns = this.gridColumns;
    const colCount = this.model.displayed.length + (multi ? 1 : 0) + (this.rowActions ? 1 : 0);
    const now = this.now + (Number.isFinite(this.model.serverOffset) ? this.model.serverOffset : 0);
    return html`<div
      part="table"
      role="grid"
      aria-label=${this.model.type?.kind ? msg(str`${this.model.type.kind} list`, {id: 'kube.resourceList.gridLabel'}) : this.kind}
      aria-rowcount=${total + 1}
      aria-colcount=${colCount}
      aria-multiselectable=${ifDefined(multi ? 'true' : undefined)}
      style=${styleMap({
        '--_columns': columns.template,
        '--_min-width': columns.min,
        '--_row-height': `${rowHeight}px`,
        '--_content-height': `calc(${total * rowHeight}px + 2.5rem)`,
      })}
      @scroll=${this.grid.onScroll}
      @keydown=${this.grid.onKeyDown}
      @click=${this.onClick}
      @focusin=${this.grid.onFocusIn}
    >
      <div role="rowgroup" part="header">
        <div role="row" part="header-row" aria-rowindex="1">
          ${multi ? this.renderSelectAll() : nothing} ${this.model.displayed.map((column, i) => this.renderHeaderCell(column, i + (multi ? 2 : 1)))}
          ${this.rowActions
            ? html`<div role="columnheader" part="header-cell" aria-colindex=${colCount} tabindex=${this.headerTabIndex(colCount - 1)}>
                <span class="visually-hidden">${msg('Actions', {id: 'kube.resourceList.actions'})}</span>
              </div>`
            : nothing}
        </div>
      </div>
      <div role="rowgroup" part="body" style=${styleMap({height: `${total * rowHeight}px`})}>
        ${repeat(
          positions,
          (position) => this.model.index.at(position)!,
          (position) => this.renderRow(position, position === active, now)
        )}
      </div>
    </div>`;
  }

  private renderSelectAll() {
    const total = this.model.index.length;
    let selected = 0;
    for (const key of this.selection) if (this.model.index.has(key)) selected++;
    return html`<div role="columnheader" part="header-cell" aria-colindex="1">
      <input
        part="select"
        type="checkbox"
        tabindex=${this.headerTabIndex(0)}
        aria-label=${msg('Select all', {id: 'kube.resourceList.selectAll'})}
        .checked=${total > 0 && selected === total}
        .indeterminate=${selected > 0 && selected < total}
        @change=${this.toggleAll}
      />
    </div>`;
  }

  private renderHeaderCell(column: ListColumn, colIndex: number) {
    const sorted = this.model.sortColumn === column;
    const direction = sorted ? (this.sort.startsWith('-') ? 'descending' : 'ascending') : 'none';
    const label = column.source === 'namespace' ? msg('Namespace', {id: 'kube.resourceList.namespace'}) : column.name;
    const tabindex = this.headerTabIndex(colIndex - 1);
    return html`<div
      role="columnheader"
      part="header-cell"
      aria-colindex=${colIndex}
      aria-sort=${direction}
      title=${ifDefined(column.definition?.description || undefined)}
      tabindex=${ifDefined(column.sortable ? undefined : tabindex)}
    >
      ${column.sortable
        ? html`<button part="sort-button" type="button" tabindex=${tabindex} @click=${() => this.sortBy(column)}>
            ${label}<span aria-hidden="true">${sorted ? (direction === 'ascending' ? '▲' : '▼') : ''}</span>
          </button>`
        : label}
    </div>`;
  }

  private renderRow(position: number, active: boolean, now: number) {
    const key = this.model.index.at(position)!;
    const row = this.model.rowOf(key);
    if (!row) return nothing;
    const multi = this.selectable === 'multi';
    const selected = this.selection.has(key);
    return html`<div
      role="row"
      part="row"
      data-key=${key}
      aria-rowindex=${position + 2}
      aria-selected=${ifDefined(this.selectable ? (selected ? 'true' : 'false') : undefined)}
      tabindex=${active && this.grid.header === undefined ? 0 : -1}
      style=${styleMap({transform: `translateY(${position * this.rowHeight}px)`})}
    >
      ${multi
        ? html`<div role="gridcell" part="cell select-cell">
            <input part="select" type="checkbox" tabindex="-1" .checked=${selected} aria-label=${msg(str`Select ${row.object.metadata.name ?? key}`, {id: 'kube.resourceList.selectRow'})} />
          </div>`
        : nothing}
      ${this.model.displayed.map((column) => this.renderCell(column, row, now))}
      ${this.rowActions ? html`<div role="gridcell" part="cell actions">${this.rowActions(row)}</div>` : nothing}
    </div>`;
  }

  private renderCell(column: ListColumn, row: ResourceListRow, now: number) {
    let content: unknown;
    if (column.source === 'namespace') content = row.object.metadata.namespace ?? '';
    else if (column.source === 'extra') content = column.extra!.render(row, row.object);
    else if (column.age && column.name === 'Age' && row.object.metadata.creationTimestamp) {
      const created = row.object.metadata.creationTimestamp;
      content = html`<time part="age" datetime=${created}>${formatAge(ageMs(created, now))}</time>`;
    } else {
      const cell = row.row.cells[column.cell!];
      const text = cell === undefined || cell === null ? '' : String(cell);
      content = column.name === 'Status' && this.model.type?.kind === 'Pod' ? this.renderBadge(text) : text;
    }
    return html`<div role="gridcell" part="cell" data-column=${column.name} ?data-numeric=${column.numeric}>${content}</div>`;
  }

  private renderBadge(text: string): TemplateResult {
    return html`<span part="status-badge" data-tone=${statusTone(text)}>${text}</span>`;
  }

  // ---- interaction -------------------------------------------------------------------------------

  /** The one tab stop of the header row, when it holds it. */
  private headerTabIndex(column: number) {
    return this.grid.header === column ? 0 : -1;
  }

  private onClick = (event: MouseEvent) => {
    const {key, inActions, checkbox} = this.grid.targetOf(event);
    if (!key || inActions) return;
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
    if (this.selectable === 'single' && !(this.selection.size === 1 && this.selection.has(key))) {
      this.selection = new Set([key]);
      this.emit(new KubeSelectionChangeEvent([row.reference]));
    }
    this.requestUpdate();
    this.emit(new KubeSelectEvent(row.reference));
  }

  private toggleSelected(key: string) {
    if (!this.selectable) return;
    if (this.selectable === 'single') {
      this.selection = this.selection.has(key) ? new Set() : new Set([key]);
    } else if (!this.selection.delete(key)) {
      this.selection.add(key);
    }
    this.requestUpdate();
    this.emit(new KubeSelectionChangeEvent(this.selected));
  }

  private toggleAll = (event: Event) => {
    const checked = (event.target as HTMLInputElement).checked;
    for (const key of this.model.index.keys) {
      if (checked) this.selection.add(key);
      else this.selection.delete(key);
    }
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
    if (column?.sortable) this.sortBy(column);
  }

  private sortBy(column: ListColumn) {
    const ascending = columnId(this.sort.replace(/^[-+]/, '')) === columnId(column.name) && !this.sort.startsWith('-');
    this.sort = ascending ? `-${column.name}` : column.name;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kube-resource-list': KubeResourceList;
  }
}
