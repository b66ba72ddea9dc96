/**
 * The servers the contract suite runs against: the real kube-apiserver from testenv/ when
 * KUBE_TESTENV names its ready file, otherwise the sandbox served over HTTP. Same assertions.
 */
import {readFileSync} from 'node:fs';
import {createKubeClient, directTransport, type KubeClient, type Transport} from '../../src/client/index.js';
import {IDENTITIES} from '../../src/sandbox/fixtures.js';

/** A seeded identity, no token at all, or a token no server knows. */
export type Identity = keyof typeof IDENTITIES | 'anonymous' | 'bogus';

export interface ContractTarget {
  name: 'kube-apiserver' | 'sandbox';
  url: string;
  /** A client acting as one of the seeded identities (or with no token at all). */
  client(identity?: Identity): KubeClient;
  /** The transport such a client uses, for tests that wrap it. */
  transport(identity?: Identity): Transport;
  /**
   * Makes every resourceVersion seen so far too old to watch from: etcd compaction on the real
   * server (testenv compacts every 2 s), the sandbox's own expiry there.
   */
  compact(): Promise<void>;
  stop(): Promise<void>;
}

export const CLUSTER = 'contract';

export async function startTarget(): Promise<ContractTarget> {
  const clients: KubeClient[] = [];
  const makeTransport = (url: string) => (identity: Identity = 'admin') =>
    directTransport({
      baseUrl: url,
      cluster: CLUSTER,
      tokenProvider: () => (identity === 'anonymous' ? undefined : identity === 'bogus' ? 'no-such-token' : IDENTITIES[identity].token),
    });
  const makeClient = (url: string) => (identity: Identity = 'admin') => {
    const client = createKubeClient({transport: makeTransport(url)(identity)});
    clients.push(client);
    return client;
  };
  const disposeClients = () => {
    for (const client of clients.splice(0)) client.dispose();
  };
  const readyFile = process.env.KUBE_TESTENV;
  if (readyFile) {
    const ready = JSON.parse(readFileSync(readyFile, 'utf8')) as {url: string};
    return {
      name: 'kube-apiserver',
      url: ready.url,
      client: makeClient(ready.url),
      transport: makeTransport(ready.url),
      // Two compaction intervals: everything older than the first is compacted by then.
      compact: () => new Promise((resolve) => setTimeout(resolve, 5000)),
      stop: async () => disposeClients(),
    };
  }
  const {startSandboxServer} = await import('../../src/server/sandbox-command.js');
  const running = await startSandboxServer({port: 0, anonymousToken: null});
  return {
    name: 'sandbox',
    url: running.url,
    client: makeClient(running.url),
    transport: makeTransport(running.url),
    compact: async () => {
      for (const cluster of running.sandbox.clusters.values()) cluster.expireResourceVersions();
    },
    stop: async () => {
      disposeClients();
      await running.close();
    },
  };
}
