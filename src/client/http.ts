import type {HttpMethod, Transport} from './transport.js';
import {KubeAbortError, KubeNetworkError, errorFromResponse, isAbortError} from './errors.js';
import {peekContinue} from './list-continue.js';
import {withQuery, type QueryParams} from './paths.js';
import {StreamSlots} from './stream-slots.js';

export interface HttpRequestOptions {
  method?: HttpMethod;
  query?: QueryParams;
  accept?: string;
  contentType?: string;
  body?: unknown;
  signal?: AbortSignal;
}

export interface JsonRequestOptions extends HttpRequestOptions {
  /**
   * For a paged list: called with the response's `continue` token as soon as it has arrived,
   * before the rest of the body, so the next page can be asked for while this one is read.
   */
  onContinue?: (token: string) => void;
}

export const ACCEPT_JSON = 'application/json';
/** Server-side Table output, with plain JSON as the fallback for servers that don't print tables. */
export const ACCEPT_TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io, application/json';

/**
 * Sends requests through a transport and turns every failure into one of three errors:
 * `KubeApiError` (the server said no), `KubeNetworkError` (no usable answer), `KubeAbortError`.
 */
export class KubeHttp {
  /** The connections watches and followed logs may hold through this transport. */
  readonly streams: StreamSlots;

  constructor(readonly transport: Transport) {
    this.streams = new StreamSlots(() => transport.streamLimit?.() ?? Infinity);
  }

  /** A successful response (2xx); anything else throws. The body is left unread. */
  async request(cluster: string, path: string, options: HttpRequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = {Accept: options.accept ?? ACCEPT_JSON};
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await this.transport.request({
        cluster,
        method: options.method ?? 'GET',
        path: withQuery(path, options.query),
        headers,
        body,
        signal: options.signal,
      });
    } catch (error) {
      throw toClientError(error, options.signal);
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  /** Like `request`, and parses the JSON body; a malformed body is a `KubeNetworkError`. */
  async json<T>(cluster: string, path: string, options: JsonRequestOptions = {}): Promise<T> {
    const response = await this.request(cluster, path, options);
    if (options.onContinue && response.body) void peekContinue(response.clone().body!, options.onContinue);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw toClientError(error, options.signal);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new KubeNetworkError(
        `The server sent a response that is not valid JSON for ${path} (${text.length} bytes)`
      );
    }
  }
}

/** Maps anything a transport or a body read throws to the client's error types. */
export function toClientError(error: unknown, signal?: AbortSignal): Error {
  if (signal?.aborted || isAbortError(error)) {
    return error instanceof KubeAbortError ? error : new KubeAbortError(undefined, {cause: error});
  }
  if (error instanceof KubeNetworkError) return error;
  if (error instanceof Error && error.name === 'KubeApiError') return error;
  return new KubeNetworkError(error instanceof Error ? error.message : String(error), {cause: error});
}
