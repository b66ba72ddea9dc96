import type {TokenProvider, Transport} from '../transport.js';
import type {SandboxOptions} from '../../sandbox/index.js';
import {inMemoryTransport} from './in-memory.js';

export interface SandboxTransportOptions {
  /** Who requests act as; `sandbox-admin` by default (see the sandbox's `IDENTITIES`). */
  tokenProvider?: TokenProvider;
  /**
   * How the sandbox is made. By default it runs (live changes on a real timer) from the current
   * time, as `kube-elements sandbox` does, so ages read right next to the page's clock.
   */
  sandbox?: SandboxOptions;
}

/** A transport that holds something to release: `dispose()` when its client is dropped. */
export interface DisposableTransport extends Transport {
  dispose(): void;
}

/**
 * Reaches a fresh in-memory sandbox made for this transport alone. The sandbox module is loaded on
 * first use, so pages that never ask for it don't carry it. `dispose()` stops its simulation and
 * ends its watch and log streams; requests after that are refused.
 */
export function sandboxTransport(options: SandboxTransportOptions = {}): DisposableTransport {
  let disposed = false;
  let stop: (() => void) | undefined;
  const loaded = import('../../sandbox/index.js').then(({createSandbox}) => {
    if (disposed) return undefined;
    const sandbox = createSandbox({now: Date.now(), running: true, ...options.sandbox});
    stop = () => sandbox.dispose();
    const displayNames = Object.fromEntries([...sandbox.clusters.values()].map((cluster) => [cluster.name, cluster.displayName]));
    return inMemoryTransport({clusters: sandbox.handlers(), displayNames, tokenProvider: options.tokenProvider ?? (() => 'sandbox-admin')});
  });
  // Requests report a failed load; the page must not also see it as an unhandled rejection.
  loaded.catch(() => {});
  const ready = async () => {
    const transport = await loaded;
    if (!transport || disposed) throw new Error('This sandbox was disposed');
    return transport;
  };
  return {
    request: async (request) => (await ready()).request(request),
    listClusters: async (signal) => (await ready()).listClusters(signal),
    identity: async (cluster) => (await (await ready()).identity?.(cluster)) ?? '',
    dispose() {
      disposed = true;
      stop?.();
      stop = undefined;
    },
  };
}
