import {sortCollator} from '../../client/intl.js';
import {comparePlain, isPlain, plainOrderApplies} from '../../client/plain-order.js';

/** A row's sort value: numbers sort before strings; a missing value sorts last either way. */
export type SortValue = number | string | undefined;

interface Entry {
  value: SortValue;
  tie: string;
  /** Whether the value (a string) and the tie may be compared without the collator. */
  plainValue: boolean;
  plainTie: boolean;
}

function entryOf(value: SortValue, tie: string): Entry {
  return {value, tie, plainValue: typeof value === 'string' && isPlain(value), plainTie: isPlain(tie)};
}

/**
 * The keys of the visible rows in display order, kept sorted incrementally: each added, modified
 * or deleted key costs a binary search and one splice, never a copy and sort of the whole list.
 * The filter is the caller's: it upserts matching keys and removes the others.
 */
export class SortedIndex {
  private order: string[] = [];
  private readonly entries = new Map<string, Entry>();
  private builtCollator?: Intl.Collator;
  /** Plain names and values are compared directly (see plain-order.ts); the collator only sees the rest. */
  private readonly plainOrder: boolean;

  constructor(
    private readonly descending = false,
    private readonly locale?: string
  ) {
    this.plainOrder = plainOrderApplies(locale);
  }

  /** Built on first use: a page's first collator costs tens of milliseconds. */
  private get collator() {
    return (this.builtCollator ??= sortCollator(this.locale));
  }

  get length() {
    return this.order.length;
  }

  /** Keys in display order. Read-only to callers. */
  get keys(): readonly string[] {
    return this.order;
  }

  at(position: number): string | undefined {
    return this.order[position];
  }

  has(key: string) {
    return this.entries.has(key);
  }

  /** Replaces the whole index: the only O(n log n) path (first list, sort or filter change). */
  rebuild(rows: Iterable<[key: string, value: SortValue, tie: string]>) {
    this.entries.clear();
    for (const [key, value, tie] of rows) this.entries.set(key, entryOf(value, tie));
    this.order = [...this.entries.keys()];
    this.order.sort((a, b) => this.compare(a, this.entries.get(a)!, b, this.entries.get(b)!));
  }

  /** Inserts or moves one key. */
  upsert(key: string, value: SortValue, tie: string) {
    const old = this.entries.get(key);
    if (old) {
      if (old.tie === tie && sameValue(old.value, value)) return;
      this.order.splice(this.search(key, old), 1);
    }
    const entry = entryOf(value, tie);
    this.entries.set(key, entry);
    this.order.splice(this.search(key, entry), 0, key);
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
    const incoming: string[] = [];
    for (const [key, value, tie] of rows) {
      const old = this.entries.get(key);
      if (old && old.tie === tie && sameValue(old.value, value)) continue;
      if (old) moving.add(key);
      this.entries.set(key, entryOf(value, tie));
      incoming.push(key);
    }
    if (incoming.length === 0) return;
    const order = (a: string, b: string) => this.compare(a, this.entries.get(a)!, b, this.entries.get(b)!);
    const kept = moving.size ? this.order.filter((key) => !moving.has(key)) : this.order;
    incoming.sort(order);
    const merged: string[] = new Array(kept.length + incoming.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < kept.length && j < incoming.length) merged[k++] = order(kept[i]!, incoming[j]!) <= 0 ? kept[i++]! : incoming[j++]!;
    while (i < kept.length) merged[k++] = kept[i++]!;
    while (j < incoming.length) merged[k++] = incoming[j++]!;
    this.order = merged;
  }

  remove(key: string): boolean {
    const old = this.entries.get(key);
    if (!old) return false;
    this.order.splice(this.search(key, old), 1);
    this.entries.delete(key);
    return true;
  }

  /** The display position of a key, or -1; O(log n). */
  positionOf(key: string): number {
    const entry = this.entries.get(key);
    if (!entry) return -1;
    const position = this.search(key, entry);
    return this.order[position] === key ? position : -1;
  }

  /** The first position whose key sorts at or after (key, entry). */
  private search(key: string, entry: Entry): number {
    let low = 0;
    let high = this.order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = this.order[mid]!;
      if (this.compare(other, this.entries.get(other) ?? entry, key, entry) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Numbers before strings, a missing value last. */
  private compareValues({value: a, plainValue: plainA}: Entry, {value: b, plainValue: plainB}: Entry): number {
    if (a === b) return 0;
    if (a === undefined) return 1;
    if (b === undefined) return -1;
    if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
    if (typeof a === 'number') return -1;
    if (typeof b === 'number') return 1;
    return this.plainOrder && plainA && plainB ? comparePlain(a, b) : this.collator.compare(a, b);
  }

  private compare(aKey: string, a: Entry, bKey: string, b: Entry): number {
    const byValue = this.compareValues(a, b);
    if (byValue !== 0) return a.value === undefined || b.value === undefined ? byValue : this.descending ? -byValue : byValue;
    const byTie = this.plainOrder && a.plainTie && b.plainTie ? comparePlain(a.tie, b.tie) : this.collator.compare(a.tie, b.tie);
    if (byTie !== 0) return byTie;
    return aKey < bKey ? -1 : aKey > bKey ? 1 : 0;
  }
}

/** Below this many keys, separate splices are cheaper than a merge. */
const BATCH_THRESHOLD = 64;

function sameValue(a: SortValue, b: SortValue) {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}


