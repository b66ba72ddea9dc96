import type {KubeObject, ResourceType, TableColumnDefinition, TableRow} from './types.js';
import type {ResourceRef} from './discovery.js';

/**
 * - `loading`: the first list is arriving (its first pages may already be in `items`).
 * - `ready`: listed, and kept current by a watch (or, for a kind that can't be watched, by a list
 *   on an interval).
 * - `reconnecting`: the rows in `items` are shown but not kept current for now; `error` says why
 *   when a failure (a dropped watch, a 5xx or 429, even part-way through the first list) caused it.
 * - `forbidden` / `error`: `error` says why. A 401, 403 or 404 is asked again slowly; a refusal the
 *   same query would always get (400, 405, 422…) is final for this query. An error stays shown
 *   through retries until a page arrives.
 */
export type InformerStatus = 'loading' | 'ready' | 'error' | 'forbidden' | 'reconnecting';

/** What to list and watch. Two subscriptions with equal queries share one list+watch. */
export interface InformerQuery {
  cluster: string;
  resource: ResourceRef;
  /** One namespace; empty or omitted for all namespaces (or for cluster-scoped kinds). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /**
   * Receive server-side Table rows (`TableRow`, columns as `kubectl get` prints them) instead of
   * objects. `includeObject` says what each row carries; `Metadata` is the default.
   */
  table?: boolean;
  includeObject?: 'Metadata' | 'Object';
  /** Size of the first page of the initial list (`limit`); 500 by default, as kubectl uses. Later pages double, up to 8×. */
  pageSize?: number;
}

/** What changed between two notifications, by store key (`namespace/name`). */
export interface InformerChanges {
  readonly added: ReadonlySet<string>;
  readonly modified: ReadonlySet<string>;
  readonly deleted: ReadonlySet<string>;
}

export interface InformerSnapshot<T = KubeObject | TableRow> {
  /**
   * The live store, keyed by `namespace/name`. Read-only to subscribers; not copied per event. A new
   * one takes its place only when the server's Table columns change (notified with `changes` undefined).
   */
  readonly items: ReadonlyMap<string, T>;
  /** Table columns (table mode); a Name and Created column where the server prints no tables. */
  readonly columns: readonly TableColumnDefinition[];
  /** Whether the columns came from the server's Table output. */
  readonly serverTable: boolean;
  readonly status: InformerStatus;
  readonly error?: Error;
  /** The resource type: as discovery describes it, or for core types as they are well known until it answers. */
  readonly type?: ResourceType;
  /** True once the initial (paged) list has fully arrived. */
  readonly listed: boolean;
  /**
   * Set while the items are kept current by listing every so many milliseconds rather than by a
   * watch: the kind can't be watched (metrics), or no connection was free for one (`StreamSlots`).
   */
  readonly pollIntervalMs?: number;
  /** Items received by the current list so far, and how many the server says remain. */
  readonly progress: {loaded: number; remaining?: number};
  readonly resourceVersion?: string;
  /**
   * Items of the last list, and watch events since, that the server sent malformed (not an object,
   * no name, a Table row without cells) and that are left out; absent while there are none.
   */
  readonly malformed?: number;
  /** Increases with every notification. */
  readonly revision: number;
}

/**
 * Called at most once per frame. `changes` is undefined on a subscriber's first call and when
 * the whole store was replaced; then read `snapshot.items` in full.
 */
export type InformerListener<T = KubeObject | TableRow> = (
  snapshot: InformerSnapshot<T>,
  changes?: InformerChanges
) => void;
