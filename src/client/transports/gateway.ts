import type {ClusterInfo} from '../types.js';
import type {KubeRequest, TokenProvider, Transport} from '../transport.js';
import {KubeNetworkError, errorFromResponse, isRecord} from '../errors.js';
import {itemsOf, parseObject} from '../http.js';
import {sendWithToken, tokenIdentity} from './auth-headers.js';
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
      return sendWithToken(request, options.tokenProvider, (headers) =>
        fetchOrThrow(doFetch, url, {
          method: request.method ?? 'GET',
          headers,
          body: request.body,
          signal: request.signal,
          // API answers are never reusable: a cached 410 or list page would loop an informer.
          cache: 'no-store',
          credentials,
        })
      );
    },
    async listClusters(signal?: AbortSignal) {
      const response = await fetchOrThrow(doFetch, `${base}/clusters`, {signal, credentials});
      // The gateway's own words and code (a Status, or whatever text a proxy in front of it sent).
      if (!response.ok) throw await errorFromResponse(response);
      let text: string;
      try {
        text = await response.text();
      } catch (cause) {
        throw new KubeNetworkError(`The cluster listing from ${base}/clusters was cut off`, {cause});
      }
      // Not a listing (a login page, `items` that is no list) is an error, not "no clusters"; a cluster without a name is left out.
      const body = parseObject<Record<string, unknown>>(text, response, `${base}/clusters`);
      return itemsOf(body, 'items', `${base}/clusters`).flatMap((item) => clusterOf(item) ?? []);
    },
    streamLimit: originStreamLimit(base),
    identity: (cluster) => tokenIdentity(cluster, options.tokenProvider),
  };
}

/** A listed cluster with a name as text; a display name or server that isn't text is dropped. */
function clusterOf(item: unknown): ClusterInfo | undefined {
  if (!isRecord(item) || typeof item.name !== 'string' || !item.name) return undefined;
  const {displayName, server, ...rest} = item;
  return {...rest, name: item.name, ...(typeof displayName === 'string' ? {displayName} : {}), ...(typeof server === 'string' ? {server} : {})};
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
