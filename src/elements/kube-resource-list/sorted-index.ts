import {sortCollator} from '../../client/intl.js';
import {plainOrderApplies, plainSortKey} from '../../client/plain-order.js';

/** A row's sort value: numbers sort before strings; a missing value sorts last either way. */
export type SortValue = number | string | undefined;

interface Entry {
  key: string;
  value: SortValue;
  tie: string;
  /** `plainSortKey` of a plain string value, and of a plain tie, where plain order applies. */
  valueKey?: string;
  tieKey?: string;
}

/**
 * The keys of the visible rows in display order, kept sorted incrementally: each added, modified
 * or deleted key costs a binary search and one splice, never a copy and sort of the whole list.
 * The filter is the caller's: it upserts matching keys and removes the others.
 */
export class SortedIndex {
  /** Entries in display order. */
  private order: Entry[] = [];
  private readonly entries = new Map<string, Entry>();
  private builtCollator?: Intl.Collator;
  private plainOrderKnown?: boolean;

  constructor(
    private readonly descending = false,
    private readonly locale?: string
  ) {}

  /** Built on first use: a page's first collator costs tens of milliseconds. */
  private get collator() {
    return (this.builtCollator ??= sortCollator(this.locale));
  }

  /** Plain names and values are compared by sort key (see plain-order.ts); the collator only sees the rest. */
  private get plainOrder() {
    return (this.plainOrderKnown ??= plainOrderApplies(this.locale));
  }

  private entryOf(key: string, value: SortValue, tie: string): Entry {
    const entry: Entry = {key, value, tie};
    if (this.plainOrder) {
      if (typeof value === 'string') entry.valueKey = plainSortKey(value);
      entry.tieKey = plainSortKey(tie, true);
    }
    return entry;
  }

  get length() {
    return this.order.length;
  }

  /** Keys in display order. */
  *keys(): IterableIterator<string> {
    for (const entry of this.order) yield entry.key;
  }

  at(position: number): string | undefined {
    return this.order[position]?.key;
  }

  has(key: string) {
    return this.entries.has(key);
  }

  /** Replaces the whole index: the only O(n log n) path (first list, sort or filter change). */
  rebuild(rows: Iterable<[key: string, value: SortValue, tie: string]>) {
    this.entries.clear();
    for (const [key, value, tie] of rows) this.entries.set(key, this.entryOf(key, value, tie));
    this.order = [...this.entries.values()].sort(this.compare);
  }

  /** Inserts or moves one key. */
  upsert(key: string, value: SortValue, tie: string) {
    const old = this.entries.get(key);
    if (old) {
      if (old.tie === tie && sameValue(old.value, value)) return;
      this.order.splice(this.find(old), 1);
    }
    const entry = this.entryOf(key, value, tie);
    this.entries.set(key, entry);
    this.order.splice(this.search(entry), 0, entry);
  }

  /**
   * Inserts or moves many keys. A page of the initial list arrives as hundreds of additions: one
   * sort of the batch and one merge (O(n + k log k)) instead of k splices into an n-long array.
   */
  upsertMany(rows: ReadonlyArray<readonly [key: string, value: SortValue, tie: string]>) {
    if (rows.length < BATCH_THRESHOLD) {
      for (const [key, value, tie] of rows) this.upsert(key, value, tie);
      return;
    }
    const moving = new Set<string>();
    const incoming: Entry[] = [];
    for (const [key, value, tie] of rows) {
      const old = this.entries.get(key);
      if (old && old.tie === tie && sameValue(old.value, value)) continue;
      if (old) moving.add(key);
      const entry = this.entryOf(key, value, tie);
      this.entries.set(key, entry);
      incoming.push(entry);
    }
    if (incoming.length === 0) return;
    const kept = moving.size ? this.order.filter((entry) => !moving.has(entry.key)) : this.order;
    incoming.sort(this.compare);
    const merged: Entry[] = new Array(kept.length + incoming.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < kept.length && j < incoming.length) merged[k++] = this.compare(kept[i]!, incoming[j]!) <= 0 ? kept[i++]! : incoming[j++]!;
    while (i < kept.length) merged[k++] = kept[i++]!;
    while (j < incoming.length) merged[k++] = incoming[j++]!;
    this.order = merged;
  }

  remove(key: string): boolean {
    const old = this.entries.get(key);
    if (!old) return false;
    this.order.splice(this.find(old), 1);
    this.entries.delete(key);
    return true;
  }

  /** The display position of a key, or -1; O(log n). */
  positionOf(key: string): number {
    const entry = this.entries.get(key);
    if (!entry) return -1;
    const position = this.search(entry);
    return this.order[position] === entry ? position : -1;
  }

  /** Where an entry of the index is: a binary search, checked (a linear one should the order ever disagree). */
  private find(entry: Entry): number {
    const position = this.search(entry);
    return this.order[position] === entry ? position : this.order.indexOf(entry);
  }

  /** The first position whose key sorts at or after the entry. */
  private search(entry: Entry): number {
    let low = 0;
    let high = this.order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compare(this.order[mid]!, entry) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Numbers before strings, a missing value last. */
  private compareValues(a: Entry, b: Entry): number {
    const x = a.value;
    const y = b.value;
    if (x === y) return 0;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : x > y ? 1 : 0;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return a.valueKey !== undefined && b.valueKey !== undefined ? compareKeys(a.valueKey, b.valueKey) : this.collator.compare(x, y);
  }

  /** By value (in the chosen direction; missing last), then by tie, then by key. Bound: sorts pass it as is. */
  private readonly compare = (a: Entry, b: Entry): number => {
    const byValue = this.compareValues(a, b);
    if (byValue !== 0) return a.value === undefined || b.value === undefined ? byValue : this.descending ? -byValue : byValue;
    const byTie = a.tieKey !== undefined && b.tieKey !== undefined ? compareKeys(a.tieKey, b.tieKey) : this.compareTies(a.tie, b.tie);
    if (byTie !== 0) return byTie;
    return compareKeys(a.key, b.key);
  };

  /** Part by part, as the joined plain keys compare (the collator alone would ignore the separator). */
  private compareTies(a: string, b: string): number {
    const x = a.split(TIE_SEPARATOR);
    const y = b.split(TIE_SEPARATOR);
    for (let i = 0; i < x.length || i < y.length; i++) {
      if (i >= x.length || i >= y.length) return i >= x.length ? -1 : 1;
      const order = this.collator.compare(x[i]!, y[i]!);
      if (order !== 0) return order;
    }
    return 0;
  }
}

/** Ties are parts — name, then namespace (`tieOf`) — joined with this, which `plainSortKey(tie, true)` keeps. */
export const TIE_SEPARATOR = '\u0000';

function compareKeys(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Below this many keys, separate splices are cheaper than a merge. */
const BATCH_THRESHOLD = 64;

function sameValue(a: SortValue, b: SortValue) {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}


