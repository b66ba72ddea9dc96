/** Browser-side helpers for tests against the fake API server the test runner mounts. */
import {createKubeClient, directTransport, gatewayTransport, type InformerCacheOptions, type KubeClient} from '../../src/client/index.js';

export interface FakeApi {
  /** Base URL of this test's server: `/fake-k8s/{id}`. */
  base: string;
  control(command: string, body?: unknown): Promise<unknown>;
  counts(): Promise<Record<string, number>>;
  /** How many requests matched `METHOD path[ watch]` exactly. */
  count(key: string): Promise<number>;
  /** A client of this server; `informers` overrides the fast test defaults (backoff, intervals). */
  client(options?: {gateway?: boolean; graceMs?: number; token?: string; informers?: InformerCacheOptions}): KubeClient;
}

let next = 0;
const clients: KubeClient[] = [];

/** Closes every client a test made, even when it failed half-way, so no watch outlives its test. */
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose();
});

/** A fresh fake API server for one test. */
export async function fakeApi(): Promise<FakeApi> {
  const base = `/fake-k8s/t${Date.now().toString(36)}${(next++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const control = async (command: string, body: unknown = {}) => {
    const response = await fetch(`${base}/__fake/${command}`, {method: 'POST', body: JSON.stringify(body)});
    return response.json();
  };
  await control('reset');
  const counts = () => control('counts') as Promise<Record<string, number>>;
  return {
    base,
    control,
    counts,
    count: async (key) => (await counts())[key] ?? 0,
    client: (options = {}) => {
      const client = createKubeClient({
        transport: options.gateway
          ? gatewayTransport({baseUrl: base, tokenProvider: () => options.token})
          : directTransport({baseUrl: base, cluster: 'one', tokenProvider: () => options.token}),
        informers: {graceMs: options.graceMs ?? 50, backoff: {initialMs: 20, maxMs: 200}, ...options.informers},
      });
      clients.push(client);
      return client;
    },
  };
}

/** Resolves when `predicate` holds, polling; rejects with `message` after `timeoutMs`. */
export async function until(predicate: () => boolean | Promise<boolean>, message = 'condition', timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
