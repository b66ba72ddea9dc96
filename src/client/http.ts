import type {HttpMethod, Transport} from './transport.js';
import {KubeAbortError, KubeMalformedResponseError, KubeNetworkError, errorFromResponse, isAbortError, isRecord} from './errors.js';
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
 * Sends requests through a transport and turns every failure into one of four errors:
 * `KubeApiError` (the server said no), `KubeMalformedResponseError` (it answered, but not as the
 * API does), `KubeNetworkError` (no answer), `KubeAbortError`.
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

  /**
   * Like `request`, and parses the JSON body, which must be an object: anything else (HTML, text,
   * `null`, an array) is a `KubeMalformedResponseError`.
   */
  async json<T>(cluster: string, path: string, options: JsonRequestOptions = {}): Promise<T> {
    const response = await this.request(cluster, path, options);
    if (options.onContinue && response.body) void peekContinue(response.clone().body!, options.onContinue);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw toClientError(error, options.signal);
    }
    return parseObject<T>(text, response, path);
  }
}

/** A response body that must be a JSON object; what else came is a `KubeMalformedResponseError` saying what, with the HTTP status. */
export function parseObject<T>(text: string, response: Response, path: string): T {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const html = /html/i.test(response.headers.get('Content-Type') ?? '') || /^\s*</.test(text);
    throw new KubeMalformedResponseError(
      response.status,
      html
        ? `The server answered ${response.status} with HTML, not JSON, for ${path} (a login page or proxy?)`
        : `The server answered ${response.status} with a body that is not JSON for ${path} (${text.length} bytes)`,
      path
    );
  }
  if (!isRecord(body)) {
    const what = body === null ? 'null' : Array.isArray(body) ? 'an array' : `a ${typeof body}`;
    throw new KubeMalformedResponseError(response.status, `The server answered ${response.status} with ${what}, not a JSON object, for ${path}`, path);
  }
  return body as T;
}

/** Maps anything a transport or a body read throws to the client's error types. */
export function toClientError(error: unknown, signal?: AbortSignal): Error {
  if (signal?.aborted || isAbortError(error)) {
    return error instanceof KubeAbortError ? error : new KubeAbortError(undefined, {cause: error});
  }
  if (error instanceof KubeNetworkError) return error;
  if (error instanceof Error && (error.name === 'KubeApiError' || error.name === 'KubeMalformedResponseError')) return error;
  return new KubeNetworkError(error instanceof Error ? error.message : String(error), {cause: error});
}

/** A list's `items` or a Table's `rows`: null or absent is none; anything else that isn't an array is malformed. */
export function itemsOf(body: Record<string, unknown>, field: 'items' | 'rows', path?: string): unknown[] {
  const value = body[field];
  if (value == null) return [];
  if (!Array.isArray(value)) throw new KubeMalformedResponseError(200, `The server sent a list whose "${field}" is not an array${path ? ` for ${path}` : ''}`, path);
  return value;
}
