import type {KubeObject, WatchEvent} from '../client/types.js';
import type {SimClock, WallClock, WallTimer} from './clock.js';
import {present} from './representation.js';
import {apiVersionOf, type ResourceDef} from './resources.js';
import {parseFieldSelector, parseLabelSelector} from './selectors.js';
import {errors} from './status.js';
import type {ObjectStore, StoreEvent} from './store.js';
import {toTable, type IncludeObject} from './tables.js';

export interface WatchRequest {
  def: ResourceDef;
  namespace?: string;
  labelSelector?: string | null;
  fieldSelector?: string | null;
  /** Absent or "0": start with ADDED events for the current state. */
  resourceVersion?: string | null;
  allowBookmarks?: boolean;
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
  table?: {include: IncludeObject};
  signal?: AbortSignal;
  /**
   * Kept referenced while the stream is open: a Request's signal only follows its caller's
   * AbortSignal while the Request itself is alive (undici holds it weakly).
   */
  retain?: object;
}

interface OpenWatch {
  def: ResourceDef;
  allowBookmarks: boolean;
  send(event: WatchEvent): void;
  sendBookmark(rv: number, annotations?: Record<string, string>): void;
  close(error?: Error): void;
}

const encoder = new TextEncoder();

/** The watch cache's bookmark period (cacher bookmarkFrequency), on the server's wall clock. */
export const BOOKMARK_PERIOD_MS = 60_000;
/** How long before its deadline a watch gets its last bookmark (cacher nextBookmarkTime). */
const PRE_TIMEOUT_MS = 2_000;
/** kube-apiserver's --min-request-timeout: watches without timeoutSeconds end after 1–2× this. */
const MIN_REQUEST_TIMEOUT_MS = 1_800_000;

/** Serves watch streams from the store's event feed: chunked JSON lines, one event per line. */
export class WatchHub {
  private readonly open = new Set<OpenWatch>();
  private started = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: SimClock,
    private readonly wall: WallClock
  ) {}

  /** Open watches per resource, e.g. `pods` or `deployments.apps` — for request-sharing tests. */
  openCount(resource?: string): number {
    let n = 0;
    for (const w of this.open) if (!resource || resourceName(w.def) === resource) n++;
    return n;
  }

  start(req: WatchRequest): ReadableStream<Uint8Array> {
    const {def} = req;
    const labels = parseLabelSelector(req.labelSelector ?? null);
    const fields = parseFieldSelector(req.fieldSelector ?? null, def.kind);
    const rvText = req.resourceVersion ?? '';
    if (rvText && rvText !== '0' && !/^\d+$/.test(rvText)) errors.badRequest(`resourceVersion: Invalid value: "${rvText}": must be a non-negative integer`);
    const matches = (obj: KubeObject | undefined): boolean =>
      !!obj &&
      (!def.namespaced || !req.namespace || obj.metadata.namespace === req.namespace) &&
      (!labels || labels(obj.metadata.labels)) &&
      (!fields || fields(obj));

    let headersSent = false;
    const wire = (type: WatchEvent['type'], obj: KubeObject): WatchEvent => {
      const object = present(def, obj);
      if (!req.table) return {type, object};
      const table = toTable(def, [object], this.clock.now(), {include: req.table.include, noHeaders: headersSent, metadata: {resourceVersion: obj.metadata.resourceVersion}});
      headersSent = true;
      return {type, object: table as unknown as KubeObject};
    };

    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        let closed = false;
        const watch: OpenWatch = {
          def,
          allowBookmarks: !!req.allowBookmarks,
          send: (event) => {
            if (!closed) controller.enqueue(encoder.encode(JSON.stringify(event) + '\n'));
          },
          sendBookmark: (rv, annotations) => watch.send(bookmark(def, rv, req.table ? () => {
            const headers = !headersSent;
            headersSent = true;
            return toTable(def, [], this.clock.now(), {include: 'None', noHeaders: !headers});
          } : undefined, annotations)),
          close: (error) => {
            if (closed) return;
            closed = true;
            cleanup();
            if (error) controller.error(error);
            else controller.close();
          },
        };
        const onEvent = (e: StoreEvent) => {
          const now = matches(e.object);
          const before = e.type === 'MODIFIED' ? matches(e.old) : now;
          if (e.type === 'DELETED') {
            if (matches(e.old ?? e.object)) watch.send(wire('DELETED', e.object));
          } else if (e.type === 'ADDED') {
            if (now) watch.send(wire('ADDED', e.object));
          } else if (now && before) watch.send(wire('MODIFIED', e.object));
          else if (now) watch.send(wire('ADDED', e.object));
          else if (before) watch.send(wire('DELETED', e.object));
        };
        const fromRv = rvText && rvText !== '0' ? Number(rvText) : undefined;
        if (fromRv !== undefined && !req.sendInitialEvents) {
          const replay = this.store.eventsSince(def.storage, fromRv);
          if (!replay) {
            watch.send({type: 'ERROR', object: errors.expired(rvText, this.store.oldestWatchable()) as unknown as KubeObject});
            closed = true;
            controller.close();
            return;
          }
          for (const e of replay) onEvent(e);
        } else {
          for (const key of this.store.sortedKeys(def.storage)) {
            const obj = this.store.get(def.storage, key)!;
            if (matches(obj)) watch.send(wire('ADDED', obj));
          }
          if (req.sendInitialEvents && req.allowBookmarks) {
            watch.sendBookmark(this.store.resourceVersion, {'k8s.io/initial-events-end': 'true'});
          }
        }
        const unsubscribe = this.store.subscribe(def.storage, onEvent);
        const onAbort = () => watch.close();
        req.signal?.addEventListener('abort', onAbort);
        // Like kube-apiserver, every watch has a deadline: timeoutSeconds, else a spread-out default.
        const spread = ((this.started++ * 0x9e3779b1) >>> 0) / 2 ** 32;
        const explicit = !!req.timeoutSeconds && req.timeoutSeconds > 0;
        const timeoutMs = explicit ? req.timeoutSeconds! * 1000 : MIN_REQUEST_TIMEOUT_MS * (1 + spread);
        const deadline = this.wall.now() + timeoutMs;
        const timer = this.wall.setTimeout(() => watch.close(), timeoutMs, {background: !explicit});
        let heartbeat: WallTimer | undefined;
        // The cacher's schedule: every minute, and once more 2 s before the deadline.
        const scheduleBookmark = (after: boolean) => {
          const now = this.wall.now();
          const at = Math.min(now + BOOKMARK_PERIOD_MS, deadline - PRE_TIMEOUT_MS);
          if (at < now || (after && at === now)) return;
          heartbeat = this.wall.setTimeout(() => {
            watch.sendBookmark(this.store.resourceVersion);
            scheduleBookmark(true);
          }, at - now, {background: true});
        };
        if (watch.allowBookmarks) scheduleBookmark(false);
        cleanup = () => {
          unsubscribe();
          req.signal?.removeEventListener('abort', onAbort);
          timer.cancel();
          heartbeat?.cancel();
          this.open.delete(watch);
        };
        this.open.add(watch);
        if (req.signal?.aborted) watch.close();
      },
      cancel: () => cleanup(),
    });
    return stream;
  }

  /** Sends a BOOKMARK to every watch that allowed them, at the latest resourceVersion. */
  bookmarkAll(): void {
    for (const w of this.open) if (w.allowBookmarks) w.sendBookmark(this.store.resourceVersion);
  }

  /** Ends matching watch streams abruptly (as a dropped connection), or cleanly when `clean`. */
  drop(resource?: string, clean = false): number {
    let n = 0;
    for (const w of [...this.open]) {
      if (resource && resourceName(w.def) !== resource) continue;
      w.close(clean ? undefined : new TypeError('network error: watch stream dropped'));
      n++;
    }
    return n;
  }
}

/** `pods`, `deployments.apps` — how stats and fault injection name a resource. */
export function resourceName(def: {group: string; resource: string}): string {
  return def.group ? `${def.resource}.${def.group}` : def.resource;
}

/** A BOOKMARK event: only metadata.resourceVersion matters (a row-less Table for Table watches). */
function bookmark(def: ResourceDef, rv: number, table: (() => object) | undefined, annotations?: Record<string, string>): WatchEvent {
  const metadata = {resourceVersion: String(rv), ...(annotations ? {annotations} : {})};
  const object = table ? {...table(), metadata} : {kind: def.kind, apiVersion: apiVersionOf(def), metadata};
  return {type: 'BOOKMARK', object: object as KubeObject};
}
