import type {FetchHandler, KubeRequest, TokenProvider, Transport} from '../transport.js';
import type {ClusterInfo} from '../types.js';
import {sendWithToken, tokenIdentity} from './auth-headers.js';

export interface InMemoryTransportOptions {
  /** One fetch-shaped handler per cluster name, e.g. the sandbox's clusters. */
  clusters: Record<string, FetchHandler>;
  /** Human-friendly names `listClusters()` reports. */
  displayNames?: Record<string, string>;
  tokenProvider?: TokenProvider;
}

/** An origin no request leaves for: the handlers see ordinary absolute URLs. */
const IN_MEMORY_ORIGIN = 'http://in-memory.invalid';

/** Reaches in-process API servers without a network — stories, element tests, the offline demo. */
export function inMemoryTransport(options: InMemoryTransportOptions): Transport {
  return {
    async request(request: KubeRequest) {
      const handler = options.clusters[request.cluster];
      if (!handler) throw new Error(`No in-memory cluster named "${request.cluster}"`);
      request.signal?.throwIfAborted();
      return sendWithToken(request, options.tokenProvider, (headers) =>
        handler(
          new Request(IN_MEMORY_ORIGIN + request.path, {
            method: request.method ?? 'GET',
            headers,
            body: request.body,
            signal: request.signal,
          })
        )
      );
    },
    listClusters: () =>
      Promise.resolve(
        Object.keys(options.clusters).map((name): ClusterInfo => {
          const displayName = options.displayNames?.[name];
          return displayName ? {name, displayName} : {name};
        })
      ),
    identity: (cluster) => tokenIdentity(cluster, options.tokenProvider),
  };
}
