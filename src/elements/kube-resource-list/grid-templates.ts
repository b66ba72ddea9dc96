import {html, nothing, type TemplateResult} from 'lit';
import {msg, str} from '@lit/localize';
import {repeat} from 'lit/directives/repeat.js';
import {ifDefined} from 'lit/directives/if-defined.js';
import {styleMap} from 'lit/directives/style-map.js';
import {ageMs, formatAge} from '../../client/age.js';
import {cellAt, cellText, columnWidth, parseSort, statusTone, type ListColumn, type ResourceListRow, type RowActionsRenderer} from './columns.js';
import {isolate, shorten} from '../../internal/untrusted-text.js';
import type {ResourceListModel} from './list-model.js';
import type {GridFocusController} from './grid-focus.js';

/** What the grid's templates read from the element. */
export interface GridView {
  model: ResourceListModel;
  focus: GridFocusController;
  selection: ReadonlySet<string>;
  selectable?: 'single' | 'multi';
  rowActions?: RowActionsRenderer;
  rowHeight: number;
  kind: string;
  sort: string;
  /** The clock ages are measured against. */
  now: number;
  onClick: (event: MouseEvent) => void;
  onToggleAll: (event: Event) => void;
  onSort: (column: ListColumn) => void;
}

/** The windowed grid: a header row and the rows in view (plus the active one), as an ARIA grid. */
export function renderGrid(view: GridView) {
  const {model, focus, selectable, rowActions, rowHeight} = view;
  const total = model.index.length;
  const {positions, active} = focus.window();
  const multi = selectable === 'multi';
  const columns = gridColumns(view);
  const colCount = model.displayed.length + (multi ? 1 : 0) + (rowActions ? 1 : 0);
  focus.fitColumns(colCount);
  const now = view.now + model.serverOffset;
  return html`<div
    part="table"
    role="grid"
    aria-label=${model.type?.kind ? msg(str`${isolate(model.type.kind)} list`, {id: 'kube.resourceList.gridLabel'}) : isolate(view.kind)}
    aria-rowcount=${total + 1}
    aria-colcount=${colCount}
    aria-multiselectable=${ifDefined(multi ? 'true' : undefined)}
    style=${styleMap({
      '--_columns': columns.template,
      '--_min-width': columns.min,
      '--_row-height': `${rowHeight}px`,
    })}
    @scroll=${focus.onScroll}
    @keydown=${focus.onKeyDown}
    @click=${view.onClick}
    @focusin=${focus.onFocusIn}
  >
    <div role="rowgroup" part="header">
      <div role="row" part="header-row" aria-rowindex="1">
        ${multi ? renderSelectAll(view) : nothing} ${model.displayed.map((column, i) => renderHeaderCell(view, column, i + (multi ? 2 : 1)))}
        ${rowActions
          ? html`<div role="columnheader" part="header-cell" aria-colindex=${colCount} tabindex=${headerTabIndex(view, colCount - 1)}>
              <span class="visually-hidden">${msg('Actions', {id: 'kube.resourceList.actions'})}</span>
            </div>`
          : nothing}
      </div>
    </div>
    <div role="rowgroup" part="body" style=${styleMap({height: `${total * rowHeight}px`})}>
      ${repeat(
        positions,
        (position) => model.index.at(position)!,
        (position) => renderRow(view, position, position === active, now)
      )}
    </div>
  </div>`;
}

function gridColumns({model, selectable, rowActions}: GridView) {
  const parts: string[] = [];
  let min = 0;
  if (selectable === 'multi') {
    parts.push('2.5rem');
    min += 2.5;
  }
  for (const column of model.displayed) {
    const [width, grow] = columnWidth(column);
    parts.push(`minmax(${width}rem, ${grow}fr)`);
    min += width;
  }
  if (rowActions) {
    parts.push('var(--kube-resource-list-actions-width, 8rem)');
    min += 8;
  }
  return {template: parts.join(' '), min: `${min}rem`};
}

/** The one tab stop of the header row, when it holds it. */
function headerTabIndex(view: GridView, column: number) {
  return view.focus.header === column ? 0 : -1;
}

function renderSelectAll(view: GridView) {
  const {index} = view.model;
  let selected = 0;
  for (const key of view.selection) if (index.has(key)) selected++;
  return html`<div role="columnheader" part="header-cell" aria-colindex="1">
    <input
      part="select"
      type="checkbox"
      tabindex=${headerTabIndex(view, 0)}
      aria-label=${msg('Select all', {id: 'kube.resourceList.selectAll'})}
      .checked=${index.length > 0 && selected === index.length}
      .indeterminate=${selected > 0 && selected < index.length}
      @change=${view.onToggleAll}
    />
  </div>`;
}

function renderHeaderCell(view: GridView, column: ListColumn, colIndex: number) {
  const sorted = view.model.sortColumn === column;
  const direction = sorted ? (parseSort(view.sort).descending ? 'descending' : 'ascending') : 'none';
  const label =
    column.source === 'namespace'
      ? msg('Namespace', {id: 'kube.resourceList.namespace'})
      : column.unnamed
        ? unnamedLabel(column.cell! + 1)
        : column.name;
  const tabindex = headerTabIndex(view, colIndex - 1);
  return html`<div
    role="columnheader"
    part="header-cell"
    aria-colindex=${colIndex}
    aria-sort=${direction}
    title=${ifDefined(column.definition?.description ? shorten(column.definition.description) : undefined)}
    tabindex=${ifDefined(column.sortable ? undefined : tabindex)}
  >
    ${column.sortable
      ? html`<button part="sort-button" type="button" tabindex=${tabindex} @click=${() => view.onSort(column)}>
          ${label}<span aria-hidden="true">${sorted ? (direction === 'ascending' ? '▲' : '▼') : ''}</span>
        </button>`
      : label}
  </div>`;
}

function unnamedLabel(place: number) {
  return msg(str`Column ${place}`, {id: 'kube.resourceList.unnamedColumn', desc: 'A column the server sent without a name, named after its place.'});
}

function renderRow(view: GridView, position: number, active: boolean, now: number) {
  const {model, selectable, rowActions} = view;
  const key = model.index.at(position)!;
  const row = model.rowOf(key);
  if (!row) return nothing;
  const selected = view.selection.has(key);
  return html`<div
    role="row"
    part="row"
    data-key=${key}
    aria-rowindex=${position + 2}
    aria-selected=${ifDefined(selectable ? (selected ? 'true' : 'false') : undefined)}
    tabindex=${active && view.focus.rowHoldsTabStop ? 0 : -1}
    style=${styleMap({transform: `translateY(${position * view.rowHeight}px)`})}
  >
    ${selectable === 'multi'
      ? html`<div role="gridcell" part="cell select-cell">
          <input part="select" type="checkbox" tabindex="-1" .checked=${selected} aria-label=${msg(str`Select ${isolate(row.object.metadata.name ?? key)}`, {id: 'kube.resourceList.selectRow'})} />
        </div>`
      : nothing}
    ${model.displayed.map((column) => renderCell(view, column, row, now))}
    ${rowActions ? html`<div role="gridcell" part="cell actions">${rowActions(row)}</div>` : nothing}
  </div>`;
}

function renderCell(view: GridView, column: ListColumn, row: ResourceListRow, now: number) {
  let content: unknown;
  const created = row.object.metadata.creationTimestamp;
  if (column.source === 'namespace') content = row.object.metadata.namespace ?? '';
  else if (column.source === 'extra') content = column.extra!.render(row, row.object);
  else if (column.age && column.name === 'Age' && typeof created === 'string' && created) {
    content = html`<time part="age" datetime=${created}>${formatAge(ageMs(created, now))}</time>`;
  } else if (column.source === 'metadata') {
    content = column.age ? '' : row.object.metadata.name ?? '';
  } else {
    const text = cellText(cellAt(row.row, column));
    content = column.name === 'Status' && view.model.type?.kind === 'Pod' ? renderBadge(text) : text;
  }
  // data-extra: the grid roves over the host's controls in it (see host-controls.ts).
  return html`<div role="gridcell" part="cell" data-column=${column.name} ?data-numeric=${column.numeric} ?data-extra=${column.source === 'extra'}>${content}</div>`;
}

function renderBadge(text: string): TemplateResult {
  return html`<span part="status-badge" data-tone=${statusTone(text)}>${text}</span>`;
}
