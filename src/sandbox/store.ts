import type {KubeObject} from '../client/types.js';

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One write, as the watch cache keeps it. */
export interface StoreEvent {
  type: StoreEventType;
  storage: string;
  rv: number;
  object: KubeObject;
  /** The object before a MODIFIED or DELETED write, for selector transitions. */
  old?: KubeObject;
}

export type StoreListener = (event: StoreEvent) => void;

interface Collection {
  objects: Map<string, KubeObject>;
  /** Keys in etcd order; dropped when a key is added or removed, rebuilt lazily on the next list. */
  sorted: string[] | null;
}

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function keyOf(obj: KubeObject): string {
  return objectKey(obj.metadata.namespace, obj.metadata.name ?? '');
}

/**
 * Keyed in-memory storage with one cluster-wide resourceVersion counter and a bounded ring of
 * recent events — the parts of etcd plus the watch cache a UI can observe. Stored objects are
 * never mutated: every write stores a new object, so readers may hold references safely.
 */
export class ObjectStore {
  private readonly collections = new Map<string, Collection>();
  private readonly listeners = new Map<string, Set<StoreListener>>();
  private readonly anyListeners = new Set<StoreListener>();
  private readonly ring: Array<StoreEvent | undefined>;
  private ringStart = 0;
  private ringSize = 0;
  private counter: number;
  /** RVs at or below this are reported as expired, whatever the ring holds. */
  private expiredBelow = 0;
  /** Dependents by owner uid, for garbage collection and controllers. */
  private readonly owners = new Map<string, Set<string>>();

  constructor(
    readonly capacity = 50_000,
    initialRv = 1000
  ) {
    this.ring = new Array(capacity);
    this.counter = initialRv;
  }

  get resourceVersion(): number {
    return this.counter;
  }

  private collection(storage: string): Collection {
    let c = this.collections.get(storage);
    if (!c) {
      c = {objects: new Map(), sorted: null};
      this.collections.set(storage, c);
    }
    return c;
  }

  get(storage: string, key: string): KubeObject | undefined {
    return this.collections.get(storage)?.objects.get(key);
  }

  count(storage: string): number {
    return this.collections.get(storage)?.objects.size ?? 0;
  }

  /** All keys of a storage in etcd order (cached until a key is added or removed). */
  sortedKeys(storage: string): string[] {
    const c = this.collection(storage);
    if (!c.sorted) c.sorted = [...c.objects.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return c.sorted;
  }

  values(storage: string): IterableIterator<KubeObject> {
    return this.collection(storage).objects.values();
  }

  /** Stores an object, stamping the next resourceVersion; returns the stored object. */
  put(storage: string, obj: KubeObject, options: {silent?: boolean} = {}): KubeObject {
    const c = this.collection(storage);
    const key = keyOf(obj);
    const old = c.objects.get(key);
    const rv = ++this.counter;
    const stored: KubeObject = {...obj, metadata: {...obj.metadata, resourceVersion: String(rv)}};
    c.objects.set(key, stored);
    if (!old) c.sorted = null;
    this.indexOwners(storage, key, old, stored);
    if (!options.silent) this.emit({type: old ? 'MODIFIED' : 'ADDED', storage, rv, object: stored, ...(old ? {old} : {})});
    return stored;
  }

  remove(storage: string, key: string): KubeObject | undefined {
    const c = this.collections.get(storage);
    const old = c?.objects.get(key);
    if (!c || !old) return undefined;
    c.objects.delete(key);
    c.sorted = null;
    this.indexOwners(storage, key, old, undefined);
    const rv = ++this.counter;
    // A deleted object's last state carries the deletion's resourceVersion, as etcd reports it.
    const object: KubeObject = {...old, metadata: {...old.metadata, resourceVersion: String(rv)}};
    this.emit({type: 'DELETED', storage, rv, object, old});
    return object;
  }

  /** Keys (storage + "\u0000" + key) of objects whose ownerReferences name this uid. */
  dependents(uid: string): Array<{storage: string; key: string}> {
    const set = this.owners.get(uid);
    if (!set) return [];
    return [...set].map((s) => {
      const i = s.indexOf('\u0000');
      return {storage: s.slice(0, i), key: s.slice(i + 1)};
    });
  }

  private indexOwners(storage: string, key: string, old: KubeObject | undefined, next: KubeObject | undefined): void {
    const before = old?.metadata.ownerReferences;
    const after = next?.metadata.ownerReferences;
    if (before === after) return;
    const id = storage + '\u0000' + key;
    for (const ref of before ?? []) this.owners.get(ref.uid)?.delete(id);
    for (const ref of after ?? []) {
      let set = this.owners.get(ref.uid);
      if (!set) this.owners.set(ref.uid, (set = new Set()));
      set.add(id);
    }
  }

  subscribe(storage: string | null, listener: StoreListener): () => void {
    if (storage === null) {
      this.anyListeners.add(listener);
      return () => this.anyListeners.delete(listener);
    }
    let set = this.listeners.get(storage);
    if (!set) this.listeners.set(storage, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private emit(event: StoreEvent): void {
    if (this.ringSize < this.capacity) {
      this.ring[(this.ringStart + this.ringSize) % this.capacity] = event;
      this.ringSize++;
    } else {
      this.ring[this.ringStart] = event;
      this.ringStart = (this.ringStart + 1) % this.capacity;
    }
    for (const l of this.anyListeners) l(event);
    const set = this.listeners.get(event.storage);
    if (set) for (const l of set) l(event);
  }

  /** The oldest resourceVersion a watch may still start from. */
  oldestWatchable(): number {
    const first = this.ringSize ? this.ring[this.ringStart]!.rv - 1 : this.counter;
    return Math.max(first, this.expiredBelow);
  }

  /** Makes every resourceVersion up to now too old to watch from (fault injection). */
  expire(): void {
    // Bump the counter so lists after this point get a resourceVersion that is still watchable.
    this.expiredBelow = ++this.counter;
    this.ringStart = 0;
    this.ringSize = 0;
    this.ring.fill(undefined);
  }

  /**
   * Events after `rv` for one storage, or `undefined` when `rv` is older than the window
   * (the caller answers 410 Gone).
   */
  eventsSince(storage: string, rv: number): StoreEvent[] | undefined {
    if (rv < this.oldestWatchable()) return undefined;
    const out: StoreEvent[] = [];
    // Binary search for the first event after rv: the ring is ordered by rv.
    let lo = 0;
    let hi = this.ringSize;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ring[(this.ringStart + mid) % this.capacity]!.rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.ringSize; i++) {
      const e = this.ring[(this.ringStart + i) % this.capacity]!;
      if (e.storage === storage) out.push(e);
    }
    return out;
  }
}
