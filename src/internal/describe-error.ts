import {msg, str} from '@lit/localize';
import {KubeApiError, KubeMalformedResponseError} from '../client/errors.js';

/** A failure in words, with the HTTP code when the server answered; `unknown` says it when there is none. */
export function describeError(error: Error | undefined, unknown: () => string): string {
  if (!error) return unknown();
  if (!(error instanceof KubeApiError && error.code)) return error.message;
  return msg(str`${error.message} (HTTP ${error.code})`, {
    id: 'kube.error.withHttpCode',
    desc: "A server's error message followed by the HTTP status code it answered with.",
  });
}

/**
 * What to say when the server gave no API answer: it answered with something else (a login page,
 * a proxy's error) — or nothing answered at all; `undefined` for an API error, which has its code.
 */
export function unansweredDetail(error: Error | undefined, noResponse: () => string): string | undefined {
  if (error instanceof KubeApiError && error.code) return undefined;
  if (error instanceof KubeMalformedResponseError) {
    return msg(str`The server answered (HTTP ${error.code}), but not as the Kubernetes API does: a login page or a proxy may be in the way.`, {
      id: 'kube.error.notTheApi',
    });
  }
  return noResponse();
}
