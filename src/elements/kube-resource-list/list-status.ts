import type {InformerSnapshot, InformerStatus} from '../../client/informer-types.js';

export type ListState = InformerStatus | 'no-client' | 'idle';

/** The list's state; `source` is the query whose failure it shows. */
export interface ListStatus {
  state: ListState;
  error?: Error;
  source?: number;
}

/** One state across the list's queries: the first failure, else loading until all listed, else reconnecting or ready. */
export function combinedStatus(snapshots: ReadonlyArray<InformerSnapshot<unknown> | undefined>): ListStatus {
  const failed = snapshots.findIndex((snapshot) => snapshot?.status === 'forbidden' || snapshot?.status === 'error');
  if (failed >= 0) return {state: snapshots[failed]!.status, error: snapshots[failed]!.error, source: failed};
  if (!snapshots.length || snapshots.some((snapshot) => !snapshot || snapshot.status === 'loading')) return {state: 'loading'};
  if (snapshots.some((snapshot) => snapshot!.status === 'reconnecting')) return {state: 'reconnecting'};
  return {state: 'ready'};
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
