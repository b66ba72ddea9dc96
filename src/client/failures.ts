import {KubeApiError, KubeMalformedResponseError} from './errors.js';
import {boundedWait} from './backoff.js';

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
