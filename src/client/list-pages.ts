import type {KubeList, KubeTable} from './types.js';
import type {KubeHttp} from './http.js';
import type {QueryParams} from './paths.js';
import {eitherSignal} from './either-signal.js';

/** One paged list (`limit`/`continue`) to read. */
export interface ListPagesRequest {
  cluster: string;
  path: string;
  accept: string;
  /** Selectors and the like; `limit` and `continue` are added per page. */
  query: QueryParams;
  /** Size of the first page; later pages grow (`nextPageSize`). */
  pageSize: number;
  signal: AbortSignal;
}

/**
 * The pages of a paged list, in order. The next page is asked for as soon as a page's continue
 * token arrives — the server works on it while this page is still arriving, being parsed and
 * stored — and one page ahead at most. Leaving the loop early aborts the page asked for ahead.
 */
export async function* listPages(http: KubeHttp, request: ListPagesRequest): AsyncGenerator<KubeTable | KubeList, void, undefined> {
  const first = request.pageSize;
  let limit = first;
  const ahead = (pending: PageRequest) => {
    if (pending.nextToken && !pending.next && !pending.taken) pending.next = fetchPage(pending.nextToken, nextPageSize(pending.limit, first));
  };
  const fetchPage = (token: string | undefined, pageLimit: number): PageRequest => {
    const own = new AbortController();
    const pending: PageRequest = {
      token,
      limit: pageLimit,
      abort: () => own.abort(),
      page: http.json<KubeTable | KubeList>(request.cluster, request.path, {
        accept: request.accept,
        query: {...request.query, limit: pageLimit, continue: token},
        signal: eitherSignal(request.signal, own.signal),
        // Only the page the loop waits for asks ahead: a page asked for early doesn't chase its own successor.
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
  const dropFrom = (pending: PageRequest | undefined) => {
    for (; pending; pending = pending.next) pending.abort();
  };
  let current = fetchPage(undefined, limit);
  let done = false;
  try {
    while (!done) {
      const page = await current.page;
      current.taken = true;
      const token = page.metadata?.continue;
      const continueToken = typeof token === 'string' && token ? token : undefined;
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
      } else {
        done = true;
      }
      yield page;
    }
  } finally {
    // A failed page, or a reader that stopped: pages asked for early are no use to what follows.
    if (!done) dropFrom(current);
  }
}

/**
 * The first page stays small so rows show at once; later pages double, up to 8× the first, so a
 * 30,000-item list takes about a dozen round trips and renders instead of sixty.
 */
export function nextPageSize(previous: number, first: number) {
  return Math.min(previous * 2, first * 8);
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
