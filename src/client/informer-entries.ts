import type {KubeObject, ObjectMeta, TableColumnDefinition, TableRow} from './types.js';
import {KubeMalformedResponseError, isRecord} from './errors.js';
import {itemsOf} from './http.js';
import {objectKey} from './paths.js';

/** What an informer stores: objects, or Table rows in table mode. */
export type Entry = KubeObject | TableRow;

/** The entries of one list page or watch event, keyed; what couldn't be read is counted, not kept. */
export interface Entries {
  entries: Entry[];
  /** Each entry's store key, at the same index (two arrays: no pair allocated per row of a big list). */
  keys: string[];
  /** The Table's columns, when it carries any. */
  columns?: readonly TableColumnDefinition[];
  /** Items or rows left out: not an object, no name to key it by, a row without cells. */
  malformed: number;
  /** Read from objects (a plain list, an object's event), not from a Table. */
  plain: boolean;
}

/** Columns for servers that print no tables, as kubectl's default printer shows. */
export const FALLBACK_COLUMNS: TableColumnDefinition[] = [
  {name: 'Name', type: 'string', format: 'name', description: 'Name of the object', priority: 0},
  {name: 'Created At', type: 'date', description: 'Creation timestamp', priority: 0},
];

/** How a body is read: as table rows or objects, under which columns, in which namespace. */
export interface EntryContext {
  /** Table mode: objects of a plain list become Name/Created rows. */
  table: boolean;
  /** The columns rows are read under when the body carries none. */
  columns: readonly TableColumnDefinition[];
  /** The query's namespace: rows keyed by their Name cell are keyed in it, as objects are. */
  namespace?: string;
}

/**
 * A list page: a Table's rows, or a list's items (as rows in table mode). `items` or `rows` null or
 * absent is an empty page; anything else that isn't an array is a `KubeMalformedResponseError`.
 * `offset` is how many entries earlier pages held: a row with nothing else to key it by is keyed by
 * its place in the whole list.
 */
export function listEntries(page: Record<string, unknown>, context: EntryContext, offset: number): Entries {
  if (page.kind === 'Table') return tableEntries(page, context, offset);
  return objectEntries(itemsOf(page, 'items'), context);
}

/** A watch event's object: a Table (of one row, as kube-apiserver sends them) or one object. A Table that can't be read is one malformed entry. */
export function eventEntries(object: Record<string, unknown>, context: EntryContext): Entries {
  if (object.kind !== 'Table') return objectEntries([object], context);
  try {
    return tableEntries(object, context);
  } catch (error) {
    if (error instanceof KubeMalformedResponseError) return {entries: [], keys: [], malformed: 1, plain: false};
    throw error;
  }
}

/** The resourceVersion an entry (or anything a server sent as one) carries, if it carries one as text. */
export function resourceVersionOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const metadata = Array.isArray(value.cells) ? (isRecord(value.object) ? value.object.metadata : undefined) : value.metadata;
  const version = isRecord(metadata) ? metadata.resourceVersion : undefined;
  return typeof version === 'string' && version ? version : undefined;
}

function tableEntries(table: Record<string, unknown>, context: EntryContext, offset?: number): Entries {
  const columns = tableColumns(table.columnDefinitions);
  const layout = columns ?? context.columns;
  const entries: Entry[] = [];
  const keys: string[] = [];
  let malformed = 0;
  itemsOf(table, 'rows').forEach((row, index) => {
    const key = isRecord(row) && Array.isArray(row.cells) ? rowKey(row as unknown as TableRow, layout, context.namespace, offset === undefined ? undefined : offset + index) : undefined;
    if (key === undefined) {
      malformed++;
    } else {
      entries.push(row as unknown as TableRow);
      keys.push(key);
    }
  });
  return {entries, keys, columns, malformed, plain: false};
}

function objectEntries(items: unknown[], context: EntryContext): Entries {
  const entries: Entry[] = [];
  const keys: string[] = [];
  let malformed = 0;
  for (const item of items) {
    const metadata = isRecord(item) ? validMetadata(item.metadata) : undefined;
    if (!metadata) {
      malformed++;
      continue;
    }
    const object = item as KubeObject;
    entries.push(context.table ? {cells: [metadata.name, metadata.creationTimestamp], object} : object);
    keys.push(objectKey(metadata));
  }
  return {entries, keys, columns: undefined, malformed, plain: true};
}

/** Metadata an object can be keyed by: a non-empty name, and a namespace that is text if there is one. */
function validMetadata(metadata: unknown): ObjectMeta | undefined {
  if (!isRecord(metadata) || typeof metadata.name !== 'string' || !metadata.name) return undefined;
  if (metadata.namespace != null && typeof metadata.namespace !== 'string') return undefined;
  return metadata as ObjectMeta;
}

/**
 * A row's key: its object's `namespace/name`; without one (`includeObject=None`, a server that
 * ignores it), its Name cell, in its Namespace cell's namespace or the query's; without that, its
 * place in the list (`#3`). Never '' — rows without an object would all be one row. Undefined for a
 * row of a watch event that can't be keyed: it would match no row.
 */
function rowKey(row: TableRow, columns: readonly TableColumnDefinition[], namespace: string | undefined, index: number | undefined): string | undefined {
  const metadata = isRecord(row.object) ? validMetadata(row.object.metadata) : undefined;
  if (metadata) return objectKey(metadata);
  const name = cellText(row, columns.findIndex((column) => column.format === 'name'));
  const rowNamespace = cellText(row, columns.findIndex((column) => /^namespace$/i.test(column.name))) ?? namespace;
  const local = name ?? (index === undefined ? undefined : `#${index}`);
  if (local === undefined) return undefined;
  return rowNamespace ? `${rowNamespace}/${local}` : local;
}

function cellText(row: TableRow, index: number): string | undefined {
  if (index < 0) return undefined;
  const cell = row.cells[index];
  if (typeof cell === 'number') return String(cell);
  return typeof cell === 'string' && cell ? cell : undefined;
}

/** A Table's columns; undefined when it carries none. Columns that aren't objects with a name make it malformed. */
function tableColumns(value: unknown): readonly TableColumnDefinition[] | undefined {
  if (value == null || (Array.isArray(value) && value.length === 0)) return undefined;
  if (!Array.isArray(value) || !value.every((column) => isRecord(column) && typeof column.name === 'string')) {
    throw new KubeMalformedResponseError(200, 'The server sent a Table whose columnDefinitions are not a list of named columns');
  }
  return value as TableColumnDefinition[];
}
