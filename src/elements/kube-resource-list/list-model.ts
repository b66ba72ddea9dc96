import type {InformerChanges} from '../../client/informer-types.js';
import type {KubeObject, ObjectReference, ResourceType, TableColumnDefinition, TableRow} from '../../client/types.js';
import type {InformerGroupController} from '../../controllers/informer-group-controller.js';
import {SortedIndex, type SortValue} from './sorted-index.js';
import {ServerClock} from './server-clock.js';
import {
  cellAt,
  columnId,
  createdAt,
  extraColumn,
  matchesFilter,
  metadataColumns,
  namespaceColumn,
  objectOf,
  parseSort,
  serverColumn,
  sortValueOf,
  tieOf,
  type ExtraColumn,
  type ListColumn,
  type ResourceListRow,
} from './columns.js';

/** Rows per batch whose Age cell refines the server-clock estimate: a few suffice, every row costs a parse. */
const CLOCK_SAMPLES = 32;

/** What the list's host decides: the inputs of the index and the columns. */
export interface ListSettings {
  kind: string;
  cluster: string;
  /** `Column` or `-Column`. */
  sort: string;
  filter: string;
  /** Chosen columns, comma-separated; empty for the defaults. */
  columns: string;
  extraColumns: readonly ExtraColumn[];
  locale?: string;
}

/**
 * The rows a `<kube-resource-list>` shows, in order: its columns, and a sorted, filtered index of
 * store keys kept incrementally from the informers' changes. No Lit, no DOM.
 */
export class ResourceListModel {
  index = new SortedIndex();
  displayed: ListColumn[] = [];
  sortColumn?: ListColumn;
  /** Whether an Age column shows, whose ages (relative to now) the list keeps current. */
  showsAges = false;
  /** The server's Age column, whose cells tell the server's clock. */
  private ageColumn?: ListColumn;
  private readonly clock = new ServerClock();

  private needsRebuild = true;
  /** The row each key was last indexed from (filtered-out ones too), to reconcile a re-read store by identity. */
  private readonly indexed = new Map<string, TableRow>();
  private builtFor?: string;

  constructor(
    private readonly source: InformerGroupController<TableRow>,
    private readonly settings: () => ListSettings,
    /** A key was deleted; `position` is where it showed (-1 when filtered out). */
    private readonly onDrop: (key: string, position: number) => void
  ) {}

  get type(): ResourceType | undefined {
    for (const snapshot of this.source.snapshots) if (snapshot?.type) return snapshot.type;
    return undefined;
  }

  /** Whether the rows come from more than one namespace (then a Namespace column shows). */
  get spansNamespaces() {
    if (this.type?.namespaced === false) return false;
    const queries = this.source.queries;
    return queries.length > 1 || (queries.length === 1 && !queries[0]!.namespace);
  }

  /** Server clock minus ours, estimated from Age cells (see `ServerClock`), so ages match the server's. */
  get serverOffset() {
    return this.clock.offset;
  }

  get descending() {
    return parseSort(this.settings().sort).descending;
  }

  /** The subscriptions moved: everything indexed so far is gone. */
  reset() {
    this.index = new SortedIndex(this.descending, this.settings().locale);
    this.indexed.clear();
    this.needsRebuild = true;
    this.builtFor = undefined;
    this.clock.reset();
  }

  /** Sort, filter or columns changed: rebuild before the next render. */
  invalidate() {
    this.needsRebuild = true;
  }

  /** Rebuilds if something asked for it. */
  refresh() {
    if (this.needsRebuild) this.rebuild();
  }

  /** One informer notification: a binary-search move per changed key. */
  notify(changes?: InformerChanges) {
    if (this.needsRebuild) return;
    if (!changes) {
      // A re-read store with the same columns (a page of the initial list, a re-list): reconcile by
      // row identity — O(n) lookups and a move per changed row, not a re-sort.
      if (this.signature() === this.builtFor) this.reconcile();
      else this.needsRebuild = true;
      return;
    }
    for (const key of changes.deleted) this.drop(key);
    this.placeAll([...changes.added, ...changes.modified]);
  }

  /** A row with its object and reference; `settings` read once by callers that walk many rows. */
  rowOf(key: string, settings = this.settings()): ResourceListRow | undefined {
    const row = this.source.get(key);
    if (!row) return undefined;
    const {kind, cluster} = settings;
    const object = objectOf(key, row);
    const type = this.type;
    const {namespace, name = '', uid} = object.metadata;
    const apiVersion = type ? (type.group ? `${type.group}/${type.version}` : type.version) : object.apiVersion ?? '';
    const reference: ObjectReference = {cluster, apiVersion, kind: type?.kind ?? object.kind ?? kind, name};
    if (namespace) reference.namespace = namespace;
    if (uid) reference.uid = uid;
    return {key, row, object, reference};
  }

  private get needle() {
    return this.settings().filter.trim().toLowerCase();
  }

  /** Indexes changed rows: those the filter rejects leave the index, the rest move in one batch. */
  private placeAll(keys: readonly string[]) {
    const needle = this.needle;
    const settings = this.settings();
    const batch: Array<[string, SortValue, string]> = [];
    let clockSamples = CLOCK_SAMPLES;
    for (const key of keys) {
      const row = this.source.get(key);
      if (!row) continue;
      // Deleted and created again under the same name (a StatefulSet's pod): another object, not a change.
      const previous = this.indexed.get(key);
      if (previous && previous !== row && uidOf(key, previous) !== uidOf(key, row)) this.drop(key);
      const entry = this.indexEntry(key, row, needle, settings, clockSamples-- > 0);
      if (entry) batch.push(entry);
      else this.index.remove(key);
    }
    this.index.upsertMany(batch);
    this.clock.settle();
  }

  /**
   * Notes a row as indexed and returns its index entry — or undefined when the filter rejects it.
   * Reads the Table row and its metadata only: no reference is built unless a host column sorts.
   */
  private indexEntry(key: string, row: TableRow, needle: string, settings: ListSettings, sampleClock: boolean): [string, SortValue, string] | undefined {
    this.indexed.set(key, row);
    const object = objectOf(key, row);
    if (sampleClock) this.noteServerClock(row, object);
    return matchesFilter(object, needle) ? [key, this.sortValue(key, row, object, settings), tieOf(object)] : undefined;
  }

  private drop(key: string) {
    this.onDrop(key, this.index.positionOf(key));
    this.index.remove(key);
    this.indexed.delete(key);
  }

  private reconcile() {
    const changed: string[] = [];
    for (const [key, row] of this.source.entries()) if (this.indexed.get(key) !== row) changed.push(key);
    this.placeAll(changed);
    if (this.indexed.size === this.source.size) return;
    for (const key of [...this.indexed.keys()]) if (!this.source.get(key)) this.drop(key);
  }

  private sortValue(key: string, row: TableRow, object: KubeObject, settings: ListSettings): SortValue {
    return this.sortColumn ? sortValueOf(this.sortColumn, row, object, () => this.rowOf(key, settings)!) : undefined;
  }

  /** What the index was built for: a change here needs a rebuild, not a reconcile. */
  private signature() {
    const read = (d: Partial<TableColumnDefinition> | null) => (typeof d === 'object' && d !== null ? [d.name, d.type, d.priority ?? 0] : d);
    return JSON.stringify([this.type?.kind, this.spansNamespaces, this.definitions.map(read)]);
  }

  /** The server's columns, as the first query that has any sent them; whatever they hold. */
  private get definitions(): readonly TableColumnDefinition[] {
    const columns: unknown = this.source.snapshots.find((snapshot) => Array.isArray(snapshot?.columns) && snapshot.columns.length)?.columns;
    return Array.isArray(columns) ? columns : [];
  }

  /** The full rebuild: first notification, new columns, or a new sort or filter. */
  private rebuild() {
    this.needsRebuild = false;
    this.builtFor = this.signature();
    this.resolveColumns();
    const needle = this.needle;
    const settings = this.settings();
    const entries: Array<[string, SortValue, string]> = [];
    this.indexed.clear();
    let clockSamples = CLOCK_SAMPLES;
    for (const [key, row] of this.source.entries()) {
      const entry = this.indexEntry(key, row, needle, settings, clockSamples-- > 0);
      if (entry) entries.push(entry);
    }
    const index = new SortedIndex(this.descending, settings.locale);
    index.rebuild(entries);
    this.index = index;
    this.clock.settle();
  }

  private resolveColumns() {
    const {kind, columns, extraColumns, sort} = this.settings();
    const definitions = this.definitions;
    const taken = new Set<string>();
    // Rows without columns (a Table that carries none) still show what each object is called, and its age.
    const server = definitions.length ? definitions.map((definition, cell) => serverColumn(definition, cell, taken)) : [...metadataColumns];
    this.ageColumn = server.find((column) => column.source === 'server' && column.age && column.name === 'Age');
    const type = this.type;
    const names = new Set([kind, type?.kind, type?.resource, type?.singular, ...(type?.shortNames ?? [])].filter(Boolean).map((name) => name!.toLowerCase()));
    const extras = extraColumns.filter((extra) => !extra.kinds || extra.kinds.some((k) => names.has(k.toLowerCase()))).map(extraColumn);
    const candidates = [...server, namespaceColumn, ...extras];
    const find = (name: string) => candidates.find((column) => columnId(column.name) === columnId(name));
    const chosen = columns.trim() ? columns.split(',').map(find).filter((column): column is ListColumn => !!column) : [];
    if (chosen.length) {
      this.displayed = chosen;
    } else {
      // No columns chosen — or none of the names chosen exists for this kind: a grid without columns helps no one.
      if (columns.trim() && definitions.length) console.warn(`<kube-resource-list>: none of the columns "${columns}" exists for ${type?.kind ?? kind}; showing the default columns`);
      const shown = server.filter((column) => !column.definition?.priority);
      if (this.spansNamespaces) shown.splice(Math.max(0, shown.findIndex((column) => column.definition?.format === 'name')) + 1, 0, namespaceColumn);
      this.displayed = [...shown, ...extras];
    }
    this.showsAges = this.displayed.some((column) => column.age && column.name === 'Age');
    const sortName = parseSort(sort).name;
    const sortColumn = sortName ? find(sortName) : undefined;
    this.sortColumn = sortColumn?.sortable ? sortColumn : undefined;
  }

  private noteServerClock(row: TableRow, object: KubeObject) {
    if (this.ageColumn) this.clock.note(row, cellAt(row, this.ageColumn), createdAt(object));
  }
}

function uidOf(key: string, row: TableRow) {
  return objectOf(key, row).metadata.uid;
}
