import type {KubeRequest, TokenProvider, Transport} from '../transport.js';
import {sendWithToken, tokenIdentity} from './auth-headers.js';
import {originStreamLimit} from './origin-stream-limit.js';
import {fetchOrThrow} from './gateway.js';

export interface DirectTransportOptions {
  /** The API server (or `kubectl proxy`) URL, e.g. `http://127.0.0.1:8001`. */
  baseUrl: string;
  /** The name calls use for this one cluster. */
  cluster?: string;
  tokenProvider?: TokenProvider;
  credentials?: RequestCredentials;
  fetch?: typeof fetch;
}

/**
 * Talks to one API server directly: `kubectl proxy`, or an API server that allows this origin
 * through CORS. Requests for any other cluster name are refused.
 */
export function directTransport(options: DirectTransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');
  const cluster = options.cluster ?? 'default';
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return {
    async request(request: KubeRequest) {
      if (request.cluster !== cluster) {
        throw new Error(`This transport reaches only cluster "${cluster}", not "${request.cluster}"`);
      }
      return sendWithToken(request, options.tokenProvider, (headers) =>
        fetchOrThrow(doFetch, base + request.path, {
          method: request.method ?? 'GET',
          headers,
          body: request.body,
          signal: request.signal,
          // API answers are never reusable: a cached 410 or list page would loop an informer.
          cache: 'no-store',
          credentials: options.credentials ?? 'same-origin',
        })
      );
    },
    listClusters: () => Promise.resolve([{name: cluster, server: base}]),
    streamLimit: originStreamLimit(base),
    identity: (name) => tokenIdentity(name, options.tokenProvider),
  };
}
