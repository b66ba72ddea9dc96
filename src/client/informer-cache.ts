import type {KubeObject, ResourceType, TableRow} from './types.js';
import type {InformerListener, InformerQuery} from './informer-types.js';
import type {Discovery} from './discovery.js';
import type {KubeHttp} from './http.js';
import {Informer, type InformerOptions} from './informer.js';
import {Backoff, sleep} from './backoff.js';
import {KubeApiError, isAbortError} from './errors.js';
import {wellKnownCore} from './core-resources.js';

export interface InformerCacheOptions extends InformerOptions {
  /** How long an informer stays open after its last subscriber leaves; 5 s by default. */
  graceMs?: number;
}

/**
 * Shares informers between subscribers: one list+watch per (cluster, resource, namespace,
 * selectors, table mode). The resource is resolved through discovery, so `pods`, `Pod` and `po`
 * share one watch; everyday core types (`core-resources.ts`) start before discovery answers. A list
 * answered 404 asks discovery again and follows the type to the version now served. The last
 * subscriber leaving closes it after a grace period.
 */
export class InformerCache {
  private readonly informers = new Map<string, Informer>();
  private readonly closing = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly http: KubeHttp,
    private readonly discovery: Discovery,
    private readonly options: InformerCacheOptions = {}
  ) {}

  /** Number of open informers (open list+watch loops), for tests and diagnostics. */
  get size() {
    return this.informers.size;
  }

  /**
   * Subscribes to a query; returns the function that unsubscribes. The listener gets a
   * `loading` snapshot first, then updates at most once per frame.
   */
  subscribe<T = KubeObject | TableRow>(
    query: InformerQuery,
    listener: InformerListener<T>
  ): () => void {
    const abort = new AbortController();
    let informer: Informer | undefined;
    let rediscovering = false;
    const typed: InformerListener = (snapshot, changes) => {
      (listener as unknown as InformerListener)(snapshot, changes);
      // A 404 to a list of a type discovery described: the API changed under us (a CRD went, or
      // serves another version now). Ask discovery again rather than the same path every 30 s.
      if (informer && !rediscovering && snapshot.error instanceof KubeApiError && snapshot.error.isNotFound) {
        rediscovering = true;
        this.discovery.forgetStale(query.cluster);
        this.discovery.resolve(query.cluster, query.resource).then(
          (type) => {
            rediscovering = false;
            if (!abort.signal.aborted) attach(type);
          },
          (error: unknown) => {
            rediscovering = false;
            if (abort.signal.aborted || !informer || !(error instanceof KubeApiError && error.isNotFound)) return;
            // The type is gone: leave its list, say so, and take it up again once discovery describes it.
            this.release(informer, typed, 0);
            informer = undefined;
            follow(true);
          }
        );
      }
    };
    const attach = (type: ResourceType) => {
      const chosen = this.acquire(query, type);
      if (chosen === informer) return chosen.refineType(type);
      // Moved off the early guess or a version no longer served: nobody will want it back.
      if (informer) this.release(informer, typed, 0);
      informer = chosen;
      informer.addListener(typed);
    };
    const follow = (report: boolean) =>
      void this.resolve(query, typed, abort.signal, report).then((type) => {
        if (!type || abort.signal.aborted) return;
        attach(type);
      });
    // A core type starts its list at once; discovery's answer then refines it (or, from a server
    // that describes it differently, moves the subscription).
    const early = wellKnownCore.find(query.resource);
    if (early) attach(early);
    follow(!early);
    return () => {
      abort.abort();
      if (informer) this.release(informer, typed);
    };
  }

  /** Closes every informer at once (the client is being discarded). */
  dispose() {
    for (const timer of this.closing.values()) clearTimeout(timer);
    this.closing.clear();
    for (const informer of this.informers.values()) informer.close();
    this.informers.clear();
  }

  /**
   * Resolves the query's resource, retrying with backoff, and reporting failures to the listener —
   * unless the list already runs on a well-known type (`report` false), which reports its own.
   */
  private async resolve(query: InformerQuery, listener: InformerListener, signal: AbortSignal, report: boolean) {
    const backoff = new Backoff({initialMs: 1000, maxMs: 30_000});
    for (;;) {
      try {
        return await this.discovery.resolve(query.cluster, query.resource);
      } catch (error) {
        if (signal.aborted || isAbortError(error)) return undefined;
        if (report) listener({
          items: new Map(),
          columns: [],
          serverTable: false,
          status: (error as {code?: number}).code === 403 ? 'forbidden' : 'error',
          error: error as Error,
          listed: false,
          progress: {loaded: 0},
          revision: 0,
        });
        try {
          await sleep(backoff.next(), signal);
        } catch {
          return undefined;
        }
      }
    }
  }

  private acquire(query: InformerQuery, type: ResourceType): Informer {
    const key = cacheKey(query, type);
    const timer = this.closing.get(key);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.closing.delete(key);
    }
    let informer = this.informers.get(key);
    if (!informer) {
      informer = new Informer(this.http, {...query, namespace: type.namespaced ? query.namespace : undefined}, type, this.options);
      this.informers.set(key, informer);
    }
    return informer;
  }

  /** Leaves an informer; the last to leave closes it after `graceMs` (at once for 0). */
  private release(informer: Informer, listener: InformerListener, graceMs = this.options.graceMs ?? 5000) {
    informer.removeListener(listener);
    if (informer.listenerCount > 0) return;
    const key = cacheKey(informer.query, informer.type);
    clearTimeout(this.closing.get(key));
    const close = () => {
      this.closing.delete(key);
      if (informer.listenerCount === 0 && this.informers.get(key) === informer) {
        informer.close();
        this.informers.delete(key);
      }
    };
    if (graceMs <= 0) close();
    else this.closing.set(key, setTimeout(close, graceMs));
  }
}

function cacheKey(query: InformerQuery, type: ResourceType) {
  return JSON.stringify([
    query.cluster,
    type.group,
    type.version,
    type.resource,
    type.namespaced ? query.namespace ?? '' : '',
    query.labelSelector ?? '',
    query.fieldSelector ?? '',
    query.table ? query.includeObject ?? 'Metadata' : 'objects',
    query.pageSize ?? 500,
  ]);
}
