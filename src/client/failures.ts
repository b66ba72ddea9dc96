import {KubeApiError, KubeMalformedResponseError, isAbortError} from './errors.js';
import {type Backoff, boundedWait, sleep} from './backoff.js';

/**
 * How a client loop (an informer's list and watch, a provider's cluster listing) answers a failed
 * request (for an informer, a 410 Gone aside: that one re-lists).
 * - `transient`: no answer, a 408, a 429 or a 5xx — ask again with backoff.
 * - `refused`: 401, 403, 404, or an answer that isn't the API's (a login page, a proxy's) — may
 *   change while the query stays the same (a token refreshed, RBAC granted, a CRD installed, the
 *   user logged in again): ask again, slowly.
 * - `permanent`: any other 4xx (400 for a bad selector, 405, 406, 422…) — the same request gets
 *   the same answer: stop until the query changes.
 */
export type FailureKind = 'transient' | 'refused' | 'permanent';

/** The kind of a request's failure; see `FailureKind`. */
export function failureKind(error: Error): FailureKind {
  if (error instanceof KubeMalformedResponseError) return 'refused';
  if (!(error instanceof KubeApiError)) return 'transient';
  const {code} = error;
  if (code < 400 || code === 408 || code === 429 || code >= 500) return 'transient';
  if (code === 401 || code === 403 || code === 404) return 'refused';
  return 'permanent';
}

/** The least wait the server asked for before the next attempt (Retry-After), in ms and bounded (`boundedWait`); 0 when it asked none. */
export function retryAfterMs(error: unknown): number {
  return error instanceof KubeApiError ? boundedWait((error.retryAfterSeconds ?? 0) * 1000) : 0;
}

/** A retry failing as the last attempt did: worth no notification (an alert shown is not announced again). */
export function sameFailure(shown: Error | undefined, error: Error): boolean {
  return (
    shown !== undefined &&
    shown.name === error.name &&
    shown.message === error.message &&
    (shown as Partial<KubeApiError>).code === (error as Partial<KubeApiError>).code
  );
}

/**
 * Asks until there is an answer: after a passing failure (`transient`) asks again, with `backoff`
 * and no sooner than its Retry-After; any other failure is the answer (`refusal`). Every failure
 * goes to `failed` first, so it can be shown while the next attempt waits. Undefined once `signal`
 * aborts.
 */
export async function askUntilAnswered<T>(
  attempt: () => Promise<T>,
  backoff: Backoff,
  signal: AbortSignal,
  failed: (error: Error) => void
): Promise<{answer: T} | {refusal: Error} | undefined> {
  for (;;) {
    try {
      const answer = await attempt();
      return signal.aborted ? undefined : {answer};
    } catch (caught) {
      if (signal.aborted || isAbortError(caught)) return undefined;
      const error = caught instanceof Error ? caught : new Error(String(caught));
      failed(error);
      if (failureKind(error) !== 'transient') return {refusal: error};
      try {
        await sleep(backoff.next(retryAfterMs(error)), signal);
      } catch {
        return undefined;
      }
    }
  }
}
