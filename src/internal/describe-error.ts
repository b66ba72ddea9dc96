import {msg, str} from '@lit/localize';
import {KubeApiError} from '../client/errors.js';

/** A failure in words, with the HTTP code when the server answered; `unknown` says it when there is none. */
export function describeError(error: Error | undefined, unknown: () => string): string {
  if (!error) return unknown();
  if (!(error instanceof KubeApiError && error.code)) return error.message;
  return msg(str`${error.message} (HTTP ${error.code})`, {
    id: 'kube.error.withHttpCode',
    desc: "A server's error message followed by the HTTP status code it answered with.",
  });
}
