import type {KubeList, KubeObject, KubeStatus, KubeTable, ResourceType, TableColumnDefinition, TableRow} from './types.js';
import type {InformerListener, InformerQuery, InformerSnapshot, InformerStatus} from './informer-types.js';
import {KubeApiError, KubeNetworkError, isStatus} from './errors.js';
import {ACCEPT_JSON, ACCEPT_TABLE, type KubeHttp} from './http.js';
import {objectKey, resourcePath} from './paths.js';
import {readWatchEvents} from './watch.js';
import {Backoff, sleep, type BackoffOptions} from './backoff.js';
import {FrameBatcher, type FrameScheduler} from './frame-batcher.js';
import {ChangeSet} from './change-set.js';

type Entry = KubeObject | TableRow;

export interface InformerOptions {
  backoff?: BackoffOptions;
  scheduler?: FrameScheduler;
  /** Watch timeout range in seconds; a random value in it spreads reconnects (client-go uses 5–10 min). */
  watchTimeoutSeconds?: [number, number];
}

/** Columns for servers that print no tables, as kubectl's default printer shows. */
const FALLBACK_COLUMNS: TableColumnDefinition[] = [
  {name: 'Name', type: 'string', format: 'name', description: 'Name of the object', priority: 0},
  {name: 'Created At', type: 'date', description: 'Creation timestamp', priority: 0},
];

/** A watch that ended cleanly sooner than this counts as a failure, so a bad proxy can't spin us. */
const MIN_HEALTHY_WATCH_MS = 1000;

/**
 * One list+watch of one query: a keyed store kept current by watch events. Work per event is
 * O(1) (a Map write and a change-set entry); subscribers are notified at most once per frame.
 */
export class Informer {
  private readonly store = new Map<string, Entry>();
  private readonly listeners = new Set<InformerListener>();
  private readonly fresh = new Set<InformerListener>();
  private changes = new ChangeSet();
  private replaced = false;
  private readonly batcher: FrameBatcher;
  private readonly backoff: Backoff;
  private readonly abort = new AbortController();
  private snapshot: InformerSnapshot;
  private resourceVersion?: string;
  private running = false;

  constructor(
    private readonly http: KubeHttp,
    readonly query: InformerQuery,
    private described: ResourceType,
    private readonly options: InformerOptions = {}
  ) {
    this.batcher = new FrameBatcher(() => this.flush(), options.scheduler);
    this.backoff = new Backoff({initialMs: 500, maxMs: 30_000, ...options.backoff});
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

  private async run() {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        if (this.resourceVersion === undefined) await this.list(signal);
        await this.watch(signal);
      } catch (error) {
        // Only our own close ends the loop; an abort from elsewhere (a proxy, a cut network) is a failure to retry.
        if (signal.aborted) return;
        if (error instanceof KubeApiError && error.isGone) {
          // Our resourceVersion is too old: re-list from scratch, right away, as client-go does.
          this.resourceVersion = undefined;
          continue;
        }
        this.fail(error as Error);
        const floor = error instanceof KubeApiError ? (error.retryAfterSeconds ?? 0) * 1000 : 0;
        try {
          await sleep(this.backoff.next(floor), signal);
        } catch {
          return;
        }
      }
    }
  }

  private fail(error: Error) {
    const transient = !(error instanceof KubeApiError) || error.code === 429 || error.code >= 500;
    let status: InformerStatus = 'error';
    if (error instanceof KubeApiError && error.isForbidden) status = 'forbidden';
    else if (transient && this.snapshot.listed) status = 'reconnecting';
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

  /** The paged initial list (or a re-list): items reach subscribers page by page. */
  private async list(signal: AbortSignal) {
    // A re-list drops what the server no longer has; a list into an empty store has nothing to drop.
    const seen = this.store.size ? new Set<string>() : undefined;
    const relist = this.snapshot.listed;
    this.update({progress: {loaded: 0}, status: relist ? 'reconnecting' : 'loading'});
    let continueToken: string | undefined;
    let resourceVersion: string | undefined;
    const first = this.query.pageSize ?? 500;
    let limit = first;
    // One page ahead at most: the page the loop waits for may have its successor asked for early.
    const ahead = (request: PageRequest) => {
      if (request.nextToken && !request.next && !request.taken) request.next = fetchPage(request.nextToken, nextPageSize(request.limit, first));
    };
    const fetchPage = (token: string | undefined, pageLimit: number): PageRequest => {
      const own = new AbortController();
      const pending: PageRequest = {
        token,
        limit: pageLimit,
        abort: () => own.abort(),
        page: this.http.json<KubeTable | KubeList>(this.query.cluster, resourcePath(this.address()), {
          accept: this.query.table ? ACCEPT_TABLE : ACCEPT_JSON,
          query: {...this.baseQuery(), limit: pageLimit, continue: token},
          signal: eitherSignal(signal, own.signal),
          // The next page is asked for as soon as this one's token arrives, if the loop is waiting for
          // this one: the server works on it while this page is still arriving, being parsed and stored.
          onContinue: (next) => {
            pending.nextToken = next;
            if (pending === current) ahead(pending);
          },
        }),
      };
      // Awaited on a later turn of the loop, or never (dropped); until then a failure must not count as unhandled.
      pending.page.catch(() => {});
      return pending;
    };
    const dropFrom = (request: PageRequest | undefined) => {
      for (; request; request = request.next) request.abort();
    };
    let current = fetchPage(undefined, limit);
    try {
      do {
        const page = await current.page;
        current.taken = true;
        continueToken = page.metadata?.continue || undefined;
        limit = nextPageSize(limit, first);
        // A page asked for early whose token turns out different (never, from a real server) is dropped.
        let next = current.next;
        if (next && next.token !== continueToken) {
          dropFrom(next);
          next = undefined;
        }
        if (continueToken) {
          current = next ?? fetchPage(continueToken, limit);
          // Its token may have arrived while it was the page ahead.
          ahead(current);
        }
        const rows = this.entriesOf(page);
        for (const entry of rows) {
          const key = keyOf(entry);
          seen?.add(key);
          this.put(key, entry);
        }
        resourceVersion = page.metadata?.resourceVersion;
        this.update({
          progress: {loaded: seen?.size ?? this.store.size, remaining: page.metadata?.remainingItemCount},
          // First rows are useful at once: show them as ready-while-loading on the first list.
          status: relist ? 'reconnecting' : continueToken ? 'loading' : 'ready',
        });
      } while (continueToken);
    } catch (error) {
      // Pages asked for early are no use to the re-list that follows.
      dropFrom(current);
      throw error;
    }
    if (seen) {
      for (const key of [...this.store.keys()]) {
        if (!seen.has(key)) {
          this.store.delete(key);
          this.changes.delete(key);
        }
      }
    }
    this.resourceVersion = resourceVersion;
    this.backoff.reset();
    this.update({status: 'ready', error: undefined, listed: true, resourceVersion});
  }

  private async watch(signal: AbortSignal) {
    const [min, max] = this.options.watchTimeoutSeconds ?? [300, 600];
    const started = Date.now();
    const response = await this.http.request(this.query.cluster, resourcePath(this.address()), {
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
    if (!response.body) throw new KubeNetworkError('The watch response has no body');
    if (this.snapshot.status !== 'ready') this.update({status: 'ready', error: undefined});
    let events = 0;
    for await (const event of readWatchEvents<KubeObject | KubeTable | KubeStatus>(response.body, signal)) {
      events++;
      if (event.type === 'ERROR') {
        throw new KubeApiError(isStatus(event.object) ? event.object : {kind: 'Status', code: 500, message: 'Watch error'});
      }
      const rv = (event.object as KubeObject).metadata?.resourceVersion;
      if (event.type === 'BOOKMARK') {
        if (rv) this.resourceVersion = rv;
        continue;
      }
      for (const entry of this.entriesOf(event.object as KubeObject | KubeTable)) {
        const key = keyOf(entry);
        if (event.type === 'DELETED') {
          if (this.store.delete(key)) this.changes.delete(key);
        } else {
          this.put(key, entry);
        }
        const entryVersion = metadataOf(entry)?.resourceVersion;
        if (entryVersion) this.resourceVersion = entryVersion;
      }
      this.batcher.schedule();
    }
    if (Date.now() - started < MIN_HEALTHY_WATCH_MS && events === 0) {
      throw new KubeApiError({kind: 'Status', code: 503, reason: 'ServiceUnavailable', message: 'The watch closed at once'});
    }
    this.backoff.reset();
  }

  private put(key: string, entry: Entry) {
    if (this.store.has(key)) this.changes.modify(key);
    else this.changes.add(key);
    this.store.set(key, entry);
  }

  /** Rows of a Table (taking its columns), or objects of a list — converted to rows in table mode. */
  private entriesOf(body: KubeTable | KubeList | KubeObject): Entry[] {
    if (body.kind === 'Table') {
      const table = body as KubeTable;
      // Every page and watch event repeats the columns; only a real change replaces the store.
      if (table.columnDefinitions?.length && !sameColumns(table.columnDefinitions, this.snapshot.columns)) {
        this.snapshot = {...this.snapshot, columns: table.columnDefinitions, serverTable: true};
        this.replaced = true;
      }
      return table.rows ?? [];
    }
    const objects = Array.isArray((body as KubeList).items) ? (body as KubeList).items : [body as KubeObject];
    if (!this.query.table) return objects;
    if (this.snapshot.columns.length === 0) this.snapshot = {...this.snapshot, columns: FALLBACK_COLUMNS};
    return objects.map((object): TableRow => ({cells: [object.metadata.name, object.metadata.creationTimestamp], object}));
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

/** One page of a paged list on its way, and the page after it when that was asked for early. */
interface PageRequest {
  token: string | undefined;
  limit: number;
  page: Promise<KubeTable | KubeList>;
  abort: () => void;
  /** This page's own continue token, once its first bytes have arrived. */
  nextToken?: string;
  next?: PageRequest;
  /** The list loop has this page: an early request for the next one is no longer useful. */
  taken?: boolean;
}

/** Aborts when either does; `AbortSignal.any` where the browser has it (Safari 17.4, Firefox 124, Chrome 116). */
function eitherSignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const both = new AbortController();
  const abort = (from: AbortSignal) => () => both.abort(from.reason);
  if (a.aborted || b.aborted) both.abort((a.aborted ? a : b).reason);
  a.addEventListener('abort', abort(a), {once: true, signal: both.signal});
  b.addEventListener('abort', abort(b), {once: true, signal: both.signal});
  return both.signal;
}

/**
 * The first page stays small so rows show at once; later pages double, up to 8× the first, so a
 * 30,000-item list takes about a dozen round trips and renders instead of sixty.
 */
export function nextPageSize(previous: number, first: number) {
  return Math.min(previous * 2, first * 8);
}

function sameColumns(a: readonly TableColumnDefinition[], b: readonly TableColumnDefinition[]) {
  return (
    a.length === b.length &&
    a.every((column, i) => column.name === b[i]!.name && column.type === b[i]!.type && column.format === b[i]!.format && (column.priority ?? 0) === (b[i]!.priority ?? 0))
  );
}

function metadataOf(entry: Entry) {
  return 'cells' in entry ? (entry as TableRow).object?.metadata : (entry as KubeObject).metadata;
}

function keyOf(entry: Entry) {
  return objectKey(metadataOf(entry));
}
