import type {InformerSnapshot, InformerStatus} from '../../client/informer-types.js';

export type ListState = InformerStatus | 'no-client' | 'no-cluster' | 'idle';

/** One query that failed while others did not. */
export interface ListFailure {
  source: number;
  state: 'forbidden' | 'error';
  error?: Error;
}

/** The list's state; `source` is the query whose failure it shows. */
export interface ListStatus {
  state: ListState;
  error?: Error;
  source?: number;
  /** Queries that failed while the others list: their rows are missing, the rest are shown. */
  failures?: ListFailure[];
}

/**
 * One state across the list's queries. When every query failed, the first failure. Otherwise the
 * state of those that didn't — loading until all listed, else reconnecting or ready — with the
 * failed ones beside it: one namespace's 403 doesn't hide the rows of the others.
 */
export function combinedStatus(snapshots: ReadonlyArray<InformerSnapshot<unknown> | undefined>): ListStatus {
  const failures: ListFailure[] = [];
  const others: Array<InformerSnapshot<unknown> | undefined> = [];
  snapshots.forEach((snapshot, source) => {
    if (snapshot?.status === 'forbidden' || snapshot?.status === 'error') failures.push({source, state: snapshot.status, error: snapshot.error});
    else others.push(snapshot);
  });
  const [first] = failures;
  if (first && !others.length) return {state: first.state, error: first.error, source: first.source};
  const partial = failures.length ? {failures} : {};
  if (!others.length || others.some((snapshot) => !snapshot || snapshot.status === 'loading')) return {state: 'loading', ...partial};
  const reconnecting = others.find((snapshot) => snapshot!.status === 'reconnecting');
  if (reconnecting) return {state: 'reconnecting', error: reconnecting.error, ...partial};
  return {state: 'ready', ...partial};
}

/** Rows loaded so far across the queries, and how many in all when every query can tell. */
export function combinedProgress(snapshots: ReadonlyArray<InformerSnapshot<unknown> | undefined>): {loaded: number; total?: number} {
  let loaded = 0;
  let total: number | undefined = 0;
  for (const snapshot of snapshots) {
    if (!snapshot) continue;
    loaded += snapshot.progress.loaded;
    if (snapshot.listed) total = total === undefined ? undefined : total + snapshot.items.size;
    else if (snapshot.progress.remaining !== undefined && total !== undefined) total += snapshot.progress.loaded + snapshot.progress.remaining;
    else total = undefined;
  }
  return {loaded, total: total || undefined};
}

/** The longest interval at which a query's rows are listed again instead of watched; undefined when all are live. */
export function combinedPollInterval(snapshots: ReadonlyArray<InformerSnapshot<unknown> | undefined>): number | undefined {
  let longest: number | undefined;
  for (const snapshot of snapshots) {
    const interval = snapshot?.pollIntervalMs;
    if (interval !== undefined && (longest === undefined || interval > longest)) longest = interval;
  }
  return longest;
}
