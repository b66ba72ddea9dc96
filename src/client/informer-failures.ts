import {KubeApiError} from './errors.js';

/**
 * How an informer answers a failed list or watch (a 410 Gone aside: that one re-lists).
 * - `transient`: no answer, a 408, a 429 or a 5xx — ask again with backoff.
 * - `refused`: 401, 403, 404 — may change while the query stays the same (a token refreshed, RBAC
 *   granted, a CRD installed): ask again, slowly.
 * - `permanent`: any other 4xx (400 for a bad selector, 405, 406, 422…) — the same request gets
 *   the same answer: stop until the query changes.
 */
export type FailureKind = 'transient' | 'refused' | 'permanent';

/** The kind of a list's or watch's failure; see `FailureKind`. */
export function failureKind(error: Error): FailureKind {
  if (!(error instanceof KubeApiError)) return 'transient';
  const {code} = error;
  if (code < 400 || code === 408 || code === 429 || code >= 500) return 'transient';
  if (code === 401 || code === 403 || code === 404) return 'refused';
  return 'permanent';
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
