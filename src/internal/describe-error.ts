import {KubeApiError} from '../client/errors.js';

/** A failure in words, with the HTTP code when the server answered; `unknown` says it when there is none. */
export function describeError(error: Error | undefined, unknown: () => string): string {
  if (!error) return unknown();
  return error instanceof KubeApiError && error.code ? `${error.message} (HTTP ${error.code})` : error.message;
}
