import type {TemplateResult} from 'lit';
import type {KubeObject, ObjectReference, TableColumnDefinition, TableRow} from '../../client/types.js';
import {parseAge} from '../../client/age.js';
import {tryParseQuantity} from '../../client/quantity.js';
import {TIE_SEPARATOR, type SortValue} from './sorted-index.js';

/** One row as renderers see it: the Table row, its object (metadata by default) and its reference. */
export interface ResourceListRow {
  /** Store key, `namespace/name`. */
  readonly key: string;
  readonly row: TableRow;
  readonly object: KubeObject;
  readonly reference: ObjectReference;
}

/** What a cell renderer may return. */
export type CellContent = TemplateResult | string | number | null | undefined;

/** Renders a row's actions (buttons, menus); rows are virtualized, so this is a function, not a slot. */
export type RowActionsRenderer = (row: ResourceListRow) => CellContent;

/**
 * A column the host adds. Rows are virtualized, so content comes from a function, not from slots.
 * `kinds` limits it to some kinds (Kind, plural or short name as the list's `kind` says; all when omitted).
 */
export interface ExtraColumn {
  /** Header text; also the name `columns` and `sort` use. */
  header: string;
  /** The cell. `object` holds the object's metadata only, unless `needsObject` (or the list's `full-objects`). */
  render(row: ResourceListRow, object: KubeObject): CellContent;
  /** Makes the column sortable. */
  sortValue?(row: ResourceListRow, object: KubeObject): number | string | undefined;
  kinds?: readonly string[];
  /** The column reads more than metadata (spec, status): the list then fetches whole objects. */
  needsObject?: boolean;
}

/** A displayed column. */
export interface ListColumn {
  /** The name `columns` and `sort` use (server column name, `Namespace`, or an extra column's header). */
  readonly name: string;
  readonly source: 'server' | 'namespace' | 'extra';
  /** Index into `row.cells`, for server columns. */
  readonly cell?: number;
  readonly definition?: TableColumnDefinition;
  readonly extra?: ExtraColumn;
  readonly sortable: boolean;
  /** Relative ages from creationTimestamp. */
  readonly age: boolean;
  readonly numeric: boolean;
}

/** The column `sort`/`columns` name; case and surrounding spaces don't matter. */
export const columnId = (name: string) => name.trim().toLowerCase();

/** A `sort` value read: the column's name and the direction (`-Name` descending; spaces around ignored). */
export function parseSort(sort: string): {name: string; descending: boolean} {
  const trimmed = sort.trim();
  return {name: trimmed.replace(/^[-+]/, ''), descending: trimmed.startsWith('-')};
}

/** The `sort` value after a click on a column's header: ascending first, then descending. */
export function nextSort(sort: string, column: ListColumn): string {
  const {name, descending} = parseSort(sort);
  return columnId(name) === columnId(column.name) && !descending ? `-${column.name}` : column.name;
}

/**
 * Columns whose cells are spans of time as kubectl prints them (`45s`, `5m`, `3h12m`): `date`
 * columns (the server turns their timestamps into ages), and the built-in printers' time columns,
 * which say `string`.
 */
const TIME_COLUMNS = new Set(['Age', 'Last Seen', 'First Seen', 'Duration', 'Last Schedule']);

export function serverColumn(definition: TableColumnDefinition, cell: number): ListColumn {
  const age = definition.type === 'date' || TIME_COLUMNS.has(definition.name);
  return {
    name: definition.name,
    source: 'server',
    cell,
    definition,
    sortable: true,
    age,
    numeric: definition.type === 'integer' || definition.type === 'number',
  };
}

export const namespaceColumn: ListColumn = {name: 'Namespace', source: 'namespace', sortable: true, age: false, numeric: false};

export function extraColumn(extra: ExtraColumn): ListColumn {
  return {name: extra.header, source: 'extra', extra, sortable: !!extra.sortValue, age: false, numeric: false};
}

/**
 * The sort value of a column's cell, by the column's type: numbers for `integer`/`number` (none
 * for a missing value, which sorts last), the creation time for Age and the span for other time
 * columns, a leading count for restarts (`2 (5m ago)`), quantities (`128Mi`) as numbers, and
 * everything else as text (compared with a numeric collator).
 */
export function sortValueOf(column: ListColumn, row: TableRow, object: KubeObject, full: () => ResourceListRow): SortValue {
  if (column.source === 'namespace') return object.metadata.namespace ?? '';
  // Only a host's column gets the whole row, reference included: indexing builds none otherwise.
  if (column.source === 'extra') return clean(column.extra!.sortValue?.(full(), object));
  const cell = row.cells[column.cell!];
  if (column.age) {
    const created = Date.parse(object.metadata.creationTimestamp ?? '');
    if (column.name === 'Age' && !Number.isNaN(created)) return -created;
    const ms = typeof cell === 'string' ? parseAge(cell) ?? Date.now() - Date.parse(cell) : undefined;
    return clean(ms);
  }
  if (column.numeric) return typeof cell === 'number' ? clean(cell) : cell === null || cell === undefined || cell === '' ? undefined : clean(Number(cell));
  if (typeof cell === 'number') return cell;
  if (typeof cell !== 'string') return cell === undefined || cell === null ? undefined : String(cell);
  const restarts = /^(\d+) \(.+\)$/.exec(cell);
  if (restarts) return Number(restarts[1]);
  return tryParseQuantity(cell) ?? cell;
}

function clean(value: number | string | undefined): SortValue {
  return typeof value === 'number' && Number.isNaN(value) ? undefined : value;
}

/** The object a Table row stands for: its metadata as the server sent it, or its name from the first cell. */
export function objectOf(key: string, row: TableRow): KubeObject {
  return row.object ?? {metadata: {name: String(row.cells[0] ?? key)}};
}

/** Name, then namespace: the order rows with equal sort values keep. */
export function tieOf(object: KubeObject) {
  return `${object.metadata.name ?? ''}${TIE_SEPARATOR}${object.metadata.namespace ?? ''}`;
}

/** Whether the filter text (lower-case) occurs in the name, the namespace or a `key=value` label. */
export function matchesFilter(object: KubeObject, needle: string): boolean {
  if (!needle) return true;
  const {name = '', namespace = '', labels} = object.metadata;
  if (name.toLowerCase().includes(needle) || namespace.toLowerCase().includes(needle)) return true;
  if (!labels) return false;
  for (const key in labels) {
    if (`${key}=${labels[key]}`.toLowerCase().includes(needle)) return true;
  }
  return false;
}

export type StatusTone = 'success' | 'warning' | 'danger' | 'neutral';

const SUCCESS = new Set(['Running', 'Succeeded', 'Ready', 'Active', 'Bound', 'Complete', 'Available']);
const NEUTRAL = new Set(['Completed']);
const WARNING = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'Terminating', 'NotReady', 'Unknown', 'SchedulingGated']);

/** How a pod's Status cell reads at a glance; the text always goes with the colour. */
export function statusTone(status: string): StatusTone {
  if (SUCCESS.has(status)) return 'success';
  if (NEUTRAL.has(status)) return 'neutral';
  if (WARNING.has(status) || /^Init:\d+\/\d+$/.test(status)) return 'warning';
  return 'danger';
}

/** Minimum width (rem) and share of the rest: names widest, status badges and restarts sized to fit. */
export function columnWidth(column: ListColumn): [number, number] {
  if (column.definition?.format === 'name') return [12, 3];
  if (column.name === 'Status') return [11, 1];
  if (column.name === 'Restarts') return [8, 1];
  return [6, 1];
}
