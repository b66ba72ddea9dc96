import type {ClusterInfo} from './types.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One HTTP request to one cluster's API server. */
export interface KubeRequest {
  /** The cluster this request is for; every call names its cluster. */
  cluster: string;
  method?: HttpMethod;
  /** API path starting with `/`, query string included, e.g. `/api/v1/namespaces/a/pods?limit=500`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/**
 * Returns the bearer token to send to a cluster, or nothing for an anonymous request. Called for
 * every request. When the server answers a token with 401, the transport calls it once more with
 * that token as `rejected`: a provider that can refresh (an OIDC login, a token that expired) returns
 * a fresh one and the request is sent again with it; returning the same token, or none, keeps the 401.
 */
export type TokenProvider = (cluster: string, rejected?: string) => string | undefined | Promise<string | undefined>;

/**
 * How bytes reach a cluster. A transport answers with a standard `Response` for any status —
 * errors are the client's business — and rejects only when no response could be had.
 */
export interface Transport {
  request(request: KubeRequest): Promise<Response>;
  /** The clusters this transport knows. */
  listClusters(signal?: AbortSignal): Promise<ClusterInfo[]>;
  /**
   * Who the transport authenticates as for a cluster. The client keys its access-review
   * cache on it, so a change of credentials never reuses another identity's answers.
   */
  identity?(cluster: string): string | Promise<string>;
  /**
   * How many long-lived requests (watches, followed logs) may be open at once through this
   * transport; unlimited when absent. A browser gives an HTTP/1.1 origin six connections in all, so
   * fetch-based transports say 4 there (`originStreamLimit`), leaving two for everything else; a
   * transport that multiplexes (HTTP/2, one WebSocket) needs no limit.
   */
  streamLimit?(): number;
}

/** A fetch-shaped handler, as an in-process API server (the sandbox) exposes one per cluster. */
export type FetchHandler = (request: Request) => Promise<Response>;
