import type {ResourceType, TableColumnDefinition} from './types.js';
import type {InformerListener, InformerQuery, InformerSnapshot, InformerStatus} from './informer-types.js';
import {KubeApiError, KubeNetworkError, isRecord, watchError} from './errors.js';
import {ACCEPT_JSON, ACCEPT_TABLE, type KubeHttp} from './http.js';
import {resourcePath} from './paths.js';
import {readWatchEvents} from './watch.js';
import {Backoff, sleep, type BackoffOptions} from './backoff.js';
import {FrameBatcher, type FrameScheduler} from './frame-batcher.js';
import {ChangeSet} from './change-set.js';
import {listPages} from './list-pages.js';
import {failureKind, retryAfterMs, sameFailure, type FailureKind} from './failures.js';
import {eitherSignal} from './either-signal.js';
import {FALLBACK_COLUMNS, eventEntries, listEntries, resourceVersionOf, type Entries, type Entry, type EntryContext} from './informer-entries.js';

/** How an informer lists, watches and recovers; the defaults suit a real cluster, tests shorten them. */
export interface InformerOptions {
  /**
   * Waits between attempts after a failure (0.5 s doubling to 30 s, with jitter, by default); also
   * paces re-lists from scratch that follow one another.
   */
  backoff?: BackoffOptions;
  /** Schedules notifications; once per animation frame by default. */
  scheduler?: FrameScheduler;
  /** Watch timeout range in seconds; a random value in it spreads reconnects (client-go uses 5–10 min). */
  watchTimeoutSeconds?: [number, number];
  /**
   * How often a kind that can't be watched is listed again: one whose discovery verbs lack `watch`
   * (PodMetrics, NodeMetrics, ComponentStatus), or whose watch was answered 405. 10 s by default.
   */
  pollIntervalMs?: number;
  /**
   * The wait before asking again after a refusal that can change while the query stays the same:
   * 401 (a token refreshed), 403 (RBAC granted), 404 (a CRD installed). 30 s by default.
   */
  refusedRetryMs?: number;
}

/**
 * A watch open this long (or that delivered events) was healthy: the next reconnect starts from the
 * shortest wait, however it ended. One that ended cleanly sooner, with nothing delivered, counts as
 * a failure, so a bad proxy can't spin us (client-go's "very short watch").
 */
const MIN_HEALTHY_WATCH_MS = 1000;

/** Re-lists from scratch closer together than this back off; client-go's reflector resets its backoff after as long without one. */
const RELIST_QUIET_MS = 120_000;

/** Watch event types an informer applies; any other (a newer server's) is ignored, as client-go does. */
const APPLIED_EVENTS = new Set(['ADDED', 'MODIFIED', 'DELETED']);

/** The server's Table columns changed: rows stored have the old ones' cells. */
class ColumnsChanged extends Error {
  override readonly name = 'ColumnsChanged';
}

/**
 * One list+watch of one query: a keyed store kept current by watch events. Work per event is
 * O(1) (a Map write and a change-set entry); subscribers are notified at most once per frame.
 * A kind that can't be watched is listed on an interval instead. Failures are retried with
 * backoff (slowly for 401/403/404, not at all for a refusal the query will always get); a 410 Gone
 * or changed Table columns re-list from scratch.
 */
export class Informer {
  private store = new Map<string, Entry>();
  private readonly listeners = new Set<InformerListener>();
  private readonly fresh = new Set<InformerListener>();
  private changes = new ChangeSet();
  private replaced = false;
  private readonly batcher: FrameBatcher;
  private readonly backoff: Backoff;
  /** Paces re-lists from scratch (410 Gone, changed columns) that follow one another. */
  private readonly relistBackoff: Backoff;
  private lastRelistAt = -Infinity;
  /** A watch was answered 405: this kind is listed on an interval instead. */
  private watchRefused = false;
  /** No connection was free to watch on (`StreamSlots`): listed on an interval until one is. */
  private unwatched = false;
  /** When the last list completed (ms since the epoch). */
  private listedAt = 0;
  private readonly abort = new AbortController();
  private snapshot: InformerSnapshot;
  private resourceVersion?: string;
  private running = false;
  /** Items of the last list and watch events since that the server sent malformed (see `InformerSnapshot.malformed`). */
  private malformed = 0;

  constructor(
    private readonly http: KubeHttp,
    readonly query: InformerQuery,
    private described: ResourceType,
    private readonly options: InformerOptions = {}
  ) {
    this.batcher = new FrameBatcher(() => this.flush(), options.scheduler);
    this.backoff = new Backoff({initialMs: 500, maxMs: 30_000, ...options.backoff});
    this.relistBackoff = new Backoff({initialMs: 500, maxMs: 30_000, ...options.backoff});
    this.snapshot = {
      items: this.store,
      columns: [],
      serverTable: false,
      status: 'loading',
      listed: false,
      progress: {loaded: 0},
      type: described,
      revision: 0,
    };
  }

  get current(): InformerSnapshot {
    return this.snapshot;
  }

  /** The resource type this informer lists and watches. */
  get type(): ResourceType {
    return this.described;
  }

  /**
   * Takes discovery's description of the resource in place of the well-known one the list started
   * with (its verbs and subresources) — only of the same resource at the same address: requests
   * are made from it.
   */
  refineType(type: ResourceType) {
    const was = this.described;
    if (type === was) return;
    if (type.group !== was.group || type.version !== was.version || type.resource !== was.resource || type.namespaced !== was.namespaced) return;
    this.described = type;
    this.update({type});
  }

  get closed() {
    return this.abort.signal.aborted;
  }

  addListener(listener: InformerListener) {
    this.listeners.add(listener);
    this.fresh.add(listener);
    this.batcher.schedule();
    if (!this.running) {
      this.running = true;
      void this.run();
    }
  }

  removeListener(listener: InformerListener) {
    this.listeners.delete(listener);
    this.fresh.delete(listener);
  }

  get listenerCount() {
    return this.listeners.size;
  }

  close() {
    this.abort.abort();
    this.listeners.clear();
  }

  /** Whether this kind is listed on an interval: discovery lists no `watch` verb for it, or a watch was answered 405. */
  private get polling() {
    const {verbs} = this.described;
    return this.watchRefused || (verbs.length > 0 && !verbs.includes('watch'));
  }

  private async run() {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        if (this.resourceVersion === undefined) await this.list(signal);
        if (this.polling) {
          this.markPolled(true);
          await sleep(this.options.pollIntervalMs ?? 10_000, signal);
          this.resourceVersion = undefined;
        } else if (!(await this.watch(signal))) {
          // No connection to watch on: try again as soon as one frees, and list again once the interval has passed.
          this.markPolled(true);
          const interval = this.options.pollIntervalMs ?? 10_000;
          const wake = new AbortController();
          const woken = eitherSignal(signal, wake.signal);
          await Promise.race([sleep(interval - (Date.now() - this.listedAt), woken).catch(() => {}), this.http.streams.freed(woken)]);
          wake.abort();
          // Woken early, the last list is recent enough to watch from.
          if (Date.now() - this.listedAt >= interval) this.resourceVersion = undefined;
        }
      } catch (error) {
        // Only our own close ends the loop; an abort from elsewhere (a proxy, a cut network) is a failure to retry.
        if (signal.aborted) return;
        const delay = this.recover(error as Error);
        if (delay === undefined) return;
        try {
          if (delay > 0) await sleep(delay, signal);
        } catch {
          return;
        }
      }
    }
  }

  /** Takes in a failed list or watch: the wait before the next attempt, or undefined for none. */
  private recover(error: Error): number | undefined {
    if (error instanceof ColumnsChanged || (error instanceof KubeApiError && error.isGone)) {
      // Our resourceVersion is too old, or our rows are in an old layout: re-list from scratch.
      this.resourceVersion = undefined;
      const delay = this.relistDelay();
      // Waiting to list again, the rows shown are no longer kept current.
      if (delay > 0 && this.snapshot.status === 'ready' && this.snapshot.listed) this.update({status: 'reconnecting'});
      return delay;
    }
    const kind = failureKind(error);
    this.fail(error, kind);
    if (kind === 'permanent') return undefined;
    const retryAfter = retryAfterMs(error);
    return this.backoff.next(kind === 'refused' ? Math.max(retryAfter, this.options.refusedRetryMs ?? 30_000) : retryAfter);
  }

  /**
   * The first re-list from scratch goes at once; one soon after another backs off (client-go's
   * reflector backs off every one), so a server answering every watch with 410 isn't listed in a loop.
   */
  private relistDelay() {
    const now = Date.now();
    const quick = now - this.lastRelistAt < RELIST_QUIET_MS;
    this.lastRelistAt = now;
    if (quick) return this.relistBackoff.next();
    this.relistBackoff.reset();
    return 0;
  }

  private fail(error: Error, kind: FailureKind) {
    let status: InformerStatus = 'error';
    if (error instanceof KubeApiError && error.isForbidden) status = 'forbidden';
    // Rows already shown stay shown, with the error, while a passing failure is retried.
    else if (kind === 'transient' && (this.snapshot.listed || this.store.size > 0)) status = 'reconnecting';
    if (status === this.snapshot.status && sameFailure(this.snapshot.error, error)) return;
    this.update({status, error});
  }

  private address() {
    const {group, version, resource, namespaced} = this.type;
    return {group, version, resource, namespace: namespaced ? this.query.namespace || undefined : undefined};
  }

  private baseQuery() {
    return {
      labelSelector: this.query.labelSelector || undefined,
      fieldSelector: this.query.fieldSelector || undefined,
      includeObject: this.query.table ? this.query.includeObject ?? 'Metadata' : undefined,
    };
  }

  /**
   * The paged initial list (or a re-list): items reach subscribers page by page. When the server's
   * columns differ from those of the rows stored, the rows go into a new store instead, swapped in
   * whole at the end, so no row is ever shown under columns it wasn't printed for.
   */
  private async list(signal: AbortSignal) {
    const relist = this.snapshot.listed;
    // Listing again on the poll interval is routine: the list stays ready, not reconnecting.
    const quiet = relist && (this.polling || this.unwatched);
    // An error shown stays until a page arrives: a retry doesn't flip it to loading and back.
    if (!quiet && !this.snapshot.error) this.update({progress: {loaded: 0}, status: relist ? 'reconnecting' : 'loading'});
    let into = this.store;
    this.malformed = 0;
    // A re-list into the store drops what the server no longer has; a list into an empty store has nothing to drop.
    const seen = this.store.size ? new Set<string>() : undefined;
    // The columns this list's rows were printed for, once a page has told.
    let layout: readonly TableColumnDefinition[] | undefined;
    let loaded = 0;
    let resourceVersion: string | undefined;
    const pages = listPages(this.http, {
      cluster: this.query.cluster,
      path: resourcePath(this.address()),
      accept: this.query.table ? ACCEPT_TABLE : ACCEPT_JSON,
      query: this.baseQuery(),
      pageSize: this.query.pageSize ?? 500,
      signal,
    });
    for await (const page of pages) {
      const {entries, keys, columns, malformed} = this.entriesOf(listEntries(page as unknown as Record<string, unknown>, this.entryContext(), loaded));
      this.malformed += malformed;
      if (columns) {
        // Columns changed between two pages of one list (an upgrade under way): start over, all in one layout.
        if (layout && !sameColumns(columns, layout)) throw new ColumnsChanged();
        if (!layout && !sameColumns(columns, this.snapshot.columns)) {
          if (this.store.size) into = new Map();
          else this.setColumns(columns);
        }
        layout = columns;
      }
      for (let i = 0; i < entries.length; i++) {
        const key = keys[i]!;
        const entry = entries[i]!;
        if (into !== this.store) {
          into.set(key, entry);
          continue;
        }
        seen?.add(key);
        this.put(key, entry);
      }
      loaded += entries.length + malformed;
      const metadata = isRecord(page.metadata) ? page.metadata : {};
      resourceVersion = typeof metadata.resourceVersion === 'string' && metadata.resourceVersion ? metadata.resourceVersion : undefined;
      const remaining = typeof metadata.remainingItemCount === 'number' ? metadata.remainingItemCount : undefined;
      // First rows are useful at once: show them as ready-while-loading on the first list. A page arrived: any error shown is past.
      const status: InformerStatus = relist ? 'reconnecting' : metadata.continue ? 'loading' : 'ready';
      this.update({progress: {loaded, remaining}, ...this.malformedPatch(), ...(quiet ? {} : {status, error: undefined})});
    }
    if (into !== this.store) {
      this.replaceStore(into, layout!);
    } else if (seen) {
      for (const key of [...this.store.keys()]) {
        if (!seen.has(key)) {
          this.store.delete(key);
          this.changes.delete(key);
        }
      }
    }
    this.resourceVersion = resourceVersion;
    this.listedAt = Date.now();
    this.backoff.reset();
    this.update({status: 'ready', error: undefined, listed: true, resourceVersion});
  }

  /**
   * Watches from `resourceVersion` until the server ends the watch. False when it couldn't: no
   * connection was free for it, or a followed log took its connection.
   */
  private async watch(signal: AbortSignal): Promise<boolean> {
    const yielded = new AbortController();
    const slot = this.http.streams.forWatch(() => yielded.abort());
    this.unwatched = !slot;
    if (!slot) return false;
    try {
      await this.watchOn(eitherSignal(signal, yielded.signal));
      return true;
    } catch (error) {
      if (yielded.signal.aborted && !signal.aborted) {
        this.unwatched = true;
        return false;
      }
      throw error;
    } finally {
      slot.release();
    }
  }

  private async watchOn(signal: AbortSignal) {
    const [min, max] = this.options.watchTimeoutSeconds ?? [300, 600];
    let response: Response;
    try {
      response = await this.http.request(this.query.cluster, resourcePath(this.address()), {
        accept: this.query.table ? ACCEPT_TABLE : ACCEPT_JSON,
        query: {
          ...this.baseQuery(),
          watch: 1,
          resourceVersion: this.resourceVersion,
          allowWatchBookmarks: true,
          timeoutSeconds: Math.round(min + Math.random() * (max - min)),
        },
        signal,
      });
    } catch (error) {
      // Listed but never watched (an aggregated API that serves list only): list on an interval instead, still ready.
      if (error instanceof KubeApiError && error.code === 405) {
        this.watchRefused = true;
        return;
      }
      throw error;
    }
    if (!response.body) throw new KubeNetworkError('The watch response has no body');
    if (this.snapshot.status !== 'ready') this.update({status: 'ready', error: undefined});
    this.markPolled(false);
    const opened = Date.now();
    // Events applied: a watch that delivers none of them (only malformed or unknown ones) isn't healthy.
    let events = 0;
    const onMalformed = () => this.countMalformed(1);
    try {
      for await (const event of readWatchEvents<Record<string, unknown>>(response.body, signal, onMalformed)) {
        if (event.type === 'ERROR') throw watchError(event.object);
        const rv = resourceVersionOf(event.object);
        if (event.type === 'BOOKMARK') {
          if (rv) this.resourceVersion = rv;
          events++;
          continue;
        }
        if (!APPLIED_EVENTS.has(event.type)) {
          // Passed over, but not replayed on the next reconnect.
          if (rv) this.resourceVersion = rv;
          continue;
        }
        const {entries, keys, columns, malformed} = this.entriesOf(eventEntries(event.object, this.entryContext()));
        if (columns && !sameColumns(columns, this.snapshot.columns)) {
          // The server prints this kind differently now (an upgrade, a CRD's printer columns edited).
          if (this.store.size) throw new ColumnsChanged();
          this.setColumns(columns);
        }
        for (let i = 0; i < entries.length; i++) {
          const key = keys[i]!;
          const entry = entries[i]!;
          if (event.type === 'DELETED') {
            if (this.store.delete(key)) this.changes.delete(key);
          } else {
            this.put(key, entry);
          }
          const entryVersion = resourceVersionOf(entry);
          if (entryVersion) this.resourceVersion = entryVersion;
        }
        if (malformed) {
          // Left out; one that says its version isn't read again on the next reconnect.
          if (!entries.length && rv) this.resourceVersion = rv;
          this.countMalformed(malformed);
        }
        if (!entries.length) continue;
        events++;
        this.batcher.schedule();
      }
    } finally {
      // However it ended, a watch that was healthy (a proxy cutting it every minute) leaves the next reconnect the shortest wait.
      if (events > 0 || Date.now() - opened >= MIN_HEALTHY_WATCH_MS) this.backoff.reset();
    }
    if (Date.now() - opened < MIN_HEALTHY_WATCH_MS && events === 0) {
      throw new KubeApiError({kind: 'Status', code: 503, reason: 'ServiceUnavailable', message: 'The watch closed at once'});
    }
  }

  private put(key: string, entry: Entry) {
    if (this.store.has(key)) this.changes.modify(key);
    else this.changes.add(key);
    this.store.set(key, entry);
  }

  private setColumns(columns: readonly TableColumnDefinition[]) {
    this.snapshot = {...this.snapshot, columns, serverTable: true};
    this.replaced = true;
  }

  /** Puts a store filled by a list in place of the one shown; subscribers re-read it whole (`changes` undefined). */
  private replaceStore(store: Map<string, Entry>, columns: readonly TableColumnDefinition[]) {
    this.store = store;
    this.changes = new ChangeSet();
    this.replaced = true;
    this.update({items: store, columns, serverTable: true});
  }

  /** How list pages and watch events are read into entries (`informer-entries.ts`). */
  private entryContext(): EntryContext {
    return {table: !!this.query.table, columns: this.snapshot.columns, namespace: this.address().namespace};
  }

  /** Entries read from a page or event; objects of a plain list shown as a table get the Name/Created columns. */
  private entriesOf(read: Entries): Entries {
    if (this.query.table && read.plain && this.snapshot.columns.length === 0) {
      this.snapshot = {...this.snapshot, columns: FALLBACK_COLUMNS};
    }
    return read;
  }

  private countMalformed(count: number) {
    this.malformed += count;
    this.update(this.malformedPatch());
  }

  /** The malformed count for the snapshot; nothing while there is none, so a sound server's snapshots don't carry it. */
  private malformedPatch(): Partial<InformerSnapshot> {
    return this.malformed || this.snapshot.malformed ? {malformed: this.malformed} : {};
  }

  /** Says whether the items are kept current by listing on the interval (see `pollIntervalMs` on the snapshot). */
  private markPolled(polled: boolean) {
    const pollIntervalMs = polled ? this.options.pollIntervalMs ?? 10_000 : undefined;
    if (pollIntervalMs !== this.snapshot.pollIntervalMs) this.update({pollIntervalMs});
  }

  private update(patch: Partial<InformerSnapshot>) {
    this.snapshot = {...this.snapshot, ...patch};
    this.batcher.schedule();
  }

  private flush() {
    if (this.closed) return;
    const changes = this.changes;
    const replaced = this.replaced;
    this.changes = new ChangeSet();
    this.replaced = false;
    this.snapshot = {...this.snapshot, revision: this.snapshot.revision + 1};
    for (const listener of this.listeners) {
      const first = this.fresh.delete(listener);
      try {
        listener(this.snapshot, first || replaced ? undefined : changes);
      } catch (error) {
        // Reported as the DOM reports an event listener's exception: it stops neither the other subscribers nor the informer.
        if (typeof reportError === 'function') reportError(error);
        else
          queueMicrotask(() => {
            throw error;
          });
      }
    }
  }
}

function sameColumns(a: readonly TableColumnDefinition[], b: readonly TableColumnDefinition[]) {
  return (
    a.length === b.length &&
    a.every((column, i) => column.name === b[i]!.name && column.type === b[i]!.type && column.format === b[i]!.format && (column.priority ?? 0) === (b[i]!.priority ?? 0))
  );
}
