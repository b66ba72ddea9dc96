import type {ClusterInfo} from '../types.js';
import type {KubeRequest, TokenProvider, Transport} from '../transport.js';
import {KubeNetworkError, errorFromResponse} from '../errors.js';
import {headersWithToken, tokenIdentity} from './auth-headers.js';
import {pathSegment} from '../paths.js';
import {originStreamLimit} from './origin-stream-limit.js';

export interface GatewayTransportOptions {
  /** Where the gateway is mounted; `''` (same origin, the default) or e.g. `/k8s` or `https://portal/api`. */
  baseUrl?: string;
  tokenProvider?: TokenProvider;
  /** Sent with each request; `same-origin` by default so a portal's session cookie reaches the gateway. */
  credentials?: RequestCredentials;
  fetch?: typeof fetch;
}

/**
 * Reaches clusters through a gateway that serves each cluster's API under `/clusters/{name}/…`
 * and lists them at `GET /clusters` — `kube-elements serve` and `kube-elements sandbox` speak it.
 */
export function gatewayTransport(options: GatewayTransportOptions = {}): Transport {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const credentials = options.credentials ?? 'same-origin';
  return {
    async request(request: KubeRequest) {
      const url = `${base}/clusters/${pathSegment(request.cluster)}${request.path}`;
      const pending = headersWithToken(request, options.tokenProvider);
      const headers = pending instanceof Headers ? pending : await pending;
      return fetchOrThrow(doFetch, url, {
        method: request.method ?? 'GET',
        headers,
        body: request.body,
        signal: request.signal,
        // API answers are never reusable: a cached 410 or list page would loop an informer.
        cache: 'no-store',
        credentials,
      });
    },
    async listClusters(signal?: AbortSignal) {
      const response = await fetchOrThrow(doFetch, `${base}/clusters`, {signal, credentials});
      // The gateway's own words and code (a Status, or whatever text a proxy in front of it sent).
      if (!response.ok) throw await errorFromResponse(response);
      let body: {items?: unknown} | null;
      try {
        body = (await response.json()) as {items?: unknown} | null;
      } catch {
        throw new KubeNetworkError(`GET ${base}/clusters answered with a body that is not JSON`);
      }
      return Array.isArray(body?.items) ? (body.items as ClusterInfo[]) : [];
    },
    streamLimit: originStreamLimit(base),
    identity: (cluster) => tokenIdentity(cluster, options.tokenProvider),
  };
}

/** `fetch` whose network failures become `KubeNetworkError` and aborts stay `AbortError`s. */
export async function fetchOrThrow(doFetch: typeof fetch, url: string, init: RequestInit) {
  try {
    return await doFetch(url, init);
  } catch (cause) {
    if (init.signal?.aborted) throw init.signal.reason ?? cause;
    throw new KubeNetworkError(`Could not reach ${url}`, {cause});
  }
}
