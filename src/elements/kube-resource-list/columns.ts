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
  /** `metadata`: the Name and Age of each row's object, for a Table that carries no columns. */
  readonly source: 'server' | 'namespace' | 'extra' | 'metadata';
  /** Index into `row.cells`, for server columns. */
  readonly cell?: number;
  readonly definition?: TableColumnDefinition;
  readonly extra?: ExtraColumn;
  readonly sortable: boolean;
  /** Relative ages from creationTimestamp. */
  readonly age: boolean;
  readonly numeric: boolean;
  /** The server gave the column no name: it is named after its place (`Column 3`). */
  readonly unnamed?: boolean;
}

/** The column `sort`/`columns` name; case and surrounding spaces don't matter. */
export const columnId = (name: string) => String(name ?? '').trim().toLowerCase();

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

/**
 * A server's column, whatever its definition holds: a column without a usable name is called
 * `Column 3` after its place, and one whose name an earlier column has is told apart by its place
 * (`Age (6)`), so that `sort` and `columns` can name every column. `taken` holds the ids used so far.
 */
export function serverColumn(definition: unknown, cell: number, taken?: Set<string>): ListColumn {
  const read = readDefinition(definition);
  const unnamed = !read.name;
  let name = unnamed ? `Column ${cell + 1}` : read.name;
  if (taken?.has(columnId(name))) name = `${name} (${cell + 1})`;
  taken?.add(columnId(name));
  return {
    name,
    source: 'server',
    cell,
    definition: {...read, name},
    sortable: true,
    age: read.type === 'date' || TIME_COLUMNS.has(name),
    numeric: read.type === 'integer' || read.type === 'number',
    ...(unnamed ? {unnamed} : {}),
  };
}

/** A column definition as the list reads it: text where text is due, the rest dropped; `name` empty when there is none. */
function readDefinition(definition: unknown): TableColumnDefinition {
  const fields = typeof definition === 'object' && definition !== null ? (definition as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const given = fields.name;
  const name = typeof given === 'string' ? given.trim() : typeof given === 'number' && Number.isFinite(given) ? String(given) : '';
  const read: TableColumnDefinition = {name, type: text(fields.type) ?? 'string'};
  const format = text(fields.format);
  const description = text(fields.description);
  if (format) read.format = format;
  if (description) read.description = description;
  if (typeof fields.priority === 'number' && Number.isFinite(fields.priority)) read.priority = fields.priority;
  return read;
}

/**
 * Columns for a Table that carries none — or rows that came before any columns: each object's
 * name and age, as kubectl's default printer shows them. Never a grid of rows without columns.
 */
export const metadataColumns: readonly ListColumn[] = [
  {name: 'Name', source: 'metadata', definition: {name: 'Name', type: 'string', format: 'name'}, sortable: true, age: false, numeric: false},
  {name: 'Age', source: 'metadata', definition: {name: 'Age', type: 'date'}, sortable: true, age: true, numeric: false},
];

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
  const created = column.age && column.name === 'Age' ? createdAt(object) : undefined;
  if (created !== undefined) return -created;
  if (column.source === 'metadata') return column.age ? undefined : object.metadata.name ?? '';
  const cell = cellAt(row, column);
  if (column.age) {
    const ms = typeof cell === 'string' ? parseAge(cell) ?? Date.now() - Date.parse(cell) : undefined;
    return clean(ms);
  }
  // Numbers, and text that reads as one; nothing else ([2] is no number, though JavaScript would make it one).
  if (column.numeric) return typeof cell === 'number' ? clean(cell) : typeof cell === 'string' && cell.trim() ? clean(Number(cell)) : undefined;
  if (typeof cell === 'number') return clean(cell);
  if (typeof cell !== 'string') return cell === undefined || cell === null ? undefined : cellText(cell);
  const restarts = /^(\d+) \(.+\)$/.exec(cell);
  if (restarts) return Number(restarts[1]);
  return tryParseQuantity(cell) ?? cell;
}

function clean(value: number | string | undefined): SortValue {
  return typeof value === 'number' && Number.isNaN(value) ? undefined : value;
}

/** An object's creation time in ms, when it has one that reads as a time. */
export function createdAt(object: KubeObject): number | undefined {
  const timestamp = object.metadata.creationTimestamp;
  const time = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
  return Number.isNaN(time) ? undefined : time;
}

/** A server column's cell in a row, whatever the row holds. */
export function cellAt(row: TableRow, column: ListColumn): unknown {
  return column.cell !== undefined && Array.isArray(row.cells) ? row.cells[column.cell] : undefined;
}

/** Characters of an object or list cell shown, as JSON. */
const CELL_JSON_LENGTH = 200;
/** Characters of a text cell shown: more than any cell is wide, fewer than a runaway value has. */
const CELL_TEXT_LENGTH = 1000;

/** Cells are rendered again as rows scroll into view: each object's JSON is written once. */
const cellJson = new WeakMap<object, string>();

/**
 * A cell as text: text as it is (up to a length no cell is wider than), numbers and booleans
 * written out, objects and lists as their JSON (the first 200 characters), nothing for null.
 */
export function cellText(cell: unknown): string {
  if (cell === undefined || cell === null) return '';
  if (typeof cell === 'string') return cell.length > CELL_TEXT_LENGTH ? `${cell.slice(0, CELL_TEXT_LENGTH)}…` : cell;
  if (typeof cell !== 'object') return String(cell);
  let text = cellJson.get(cell);
  if (text === undefined) {
    const json = JSON.stringify(cell);
    text = json.length > CELL_JSON_LENGTH ? `${json.slice(0, CELL_JSON_LENGTH)}…` : json;
    cellJson.set(cell, text);
  }
  return text;
}

/**
 * The object a Table row stands for: its metadata as the server sent it — or, when the row has no
 * object whose metadata reads as such, one named by the row's first cell (or its key).
 */
export function objectOf(key: string, row: TableRow): KubeObject {
  const object: unknown = row.object;
  if (isRecord(object) && isRecord(object.metadata) && optionalText(object.metadata.name) && optionalText(object.metadata.namespace)) return object as KubeObject;
  const first: unknown = Array.isArray(row.cells) ? row.cells[0] : undefined;
  return {metadata: {name: typeof first === 'string' || typeof first === 'number' ? String(first) : key}};
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const optionalText = (value: unknown) => value === undefined || typeof value === 'string';

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
