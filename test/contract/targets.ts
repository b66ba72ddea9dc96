/**
 * The servers the contract suite runs against: the real kube-apiserver from testenv/ when
 * KUBE_TESTENV names its ready file, otherwise the sandbox served over HTTP. Same assertions.
 */
import {readFileSync} from 'node:fs';
import {createKubeClient, directTransport, type KubeClient} from '../../src/client/index.js';
import {IDENTITIES} from '../../src/sandbox/fixtures.js';

export type Identity = keyof typeof IDENTITIES | 'anonymous';

export interface ContractTarget {
  name: 'kube-apiserver' | 'sandbox';
  url: string;
  /** A client acting as one of the seeded identities (or with no token at all). */
  client(identity?: Identity): KubeClient;
  stop(): Promise<void>;
}

export const CLUSTER = 'contract';

export async function startTarget(): Promise<ContractTarget> {
  const clients: KubeClient[] = [];
  const makeClient = (url: string) => (identity: Identity = 'admin') => {
    const client = createKubeClient({
      transport: directTransport({
        baseUrl: url,
        cluster: CLUSTER,
        tokenProvider: () => (identity === 'anonymous' ? undefined : IDENTITIES[identity].token),
      }),
    });
    clients.push(client);
    return client;
  };
  const disposeClients = () => {
    for (const client of clients.splice(0)) client.dispose();
  };
  const readyFile = process.env.KUBE_TESTENV;
  if (readyFile) {
    const ready = JSON.parse(readFileSync(readyFile, 'utf8')) as {url: string};
    return {name: 'kube-apiserver', url: ready.url, client: makeClient(ready.url), stop: async () => disposeClients()};
  }
  const {startSandboxServer} = await import('../../src/server/sandbox-command.js');
  const running = await startSandboxServer({port: 0, anonymousToken: null});
  return {
    name: 'sandbox',
    url: running.url,
    client: makeClient(running.url),
    stop: async () => {
      disposeClients();
      await running.close();
    },
  };
}
