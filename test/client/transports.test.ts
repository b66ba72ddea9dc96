import {expect} from '@open-wc/testing';
import {createKubeClient, directTransport, gatewayTransport, inMemoryTransport, type FetchHandler, type KubeObject, type TokenProvider} from '../../src/client/index.js';
import {sandboxTransport} from '../../src/client/transports/sandbox.js';
import {fakeApi} from '../support/fake-api.js';

describe('transports', () => {
  it('gateway: puts the cluster in the path and lists clusters from GET /clusters', async () => {
    const seen: string[] = [];
    const transport = gatewayTransport({
      baseUrl: '/portal/k8s/',
      tokenProvider: (cluster) => `token-for-${cluster}`,
      fetch: async (input, init) => {
        seen.push(`${String(input)} ${new Headers(init?.headers).get('Authorization')} ${init?.cache}`);
        return new Response(JSON.stringify({items: [{name: 'prod'}, {name: 'staging'}]}));
      },
    });
    await transport.request({cluster: 'prod east', path: '/api/v1/pods?limit=1'});
    expect(seen[0]).to.equal('/portal/k8s/clusters/prod%20east/api/v1/pods?limit=1 Bearer token-for-prod east no-store');
    expect(await transport.listClusters()).to.deep.equal([{name: 'prod'}, {name: 'staging'}]);
  });

  it("gateway: a failed cluster listing carries the gateway's message and code; a body that isn't JSON says so", async () => {
    const answering = (response: () => Response) => gatewayTransport({fetch: async () => response()});
    const status = {kind: 'Status', status: 'Failure', code: 503, reason: 'ServiceUnavailable', message: 'the gateway is restarting'};
    const failed = (await answering(() => new Response(JSON.stringify(status), {status: 503})).listClusters().catch((error: unknown) => error)) as {code?: number; message: string};
    expect(failed.code).to.equal(503);
    expect(failed.message).to.equal('the gateway is restarting');
    const garbled = (await answering(() => new Response('<html>oops</html>')).listClusters().catch((error: unknown) => error)) as Error;
    expect(garbled.name, 'the gateway answered: not a network error').to.equal('KubeMalformedResponseError');
    expect(garbled.message).to.contain('not JSON');
    expect(await answering(() => new Response('{}')).listClusters(), 'no items: none').to.deep.equal([]);
  });

  it('sends a request at once when the token is at hand, and waits for a token that is not', async () => {
    for (const [tokenProvider, expected] of [
      [undefined, 'null'],
      [() => 'now', 'Bearer now'],
    ] as const) {
      for (const make of [gatewayTransport, directTransport]) {
        const seen: string[] = [];
        const transport = make({baseUrl: '/k8s', tokenProvider, fetch: async (_input, init) => (seen.push(String(new Headers(init?.headers).get('Authorization'))), new Response('{}'))});
        const sent = transport.request({cluster: make === gatewayTransport ? 'prod' : 'default', path: '/api'});
        // Before any await: a page's scripts still being evaluated get their discovery request out.
        expect(seen, `${make.name} with ${expected}`).to.deep.equal([expected]);
        await sent;
      }
    }
    const seen: string[] = [];
    const later = gatewayTransport({tokenProvider: async () => 'later', fetch: async (_input, init) => (seen.push(String(new Headers(init?.headers).get('Authorization'))), new Response('{}'))});
    const sent = later.request({cluster: 'prod', path: '/api'});
    expect(seen).to.deep.equal([]);
    await sent;
    expect(seen).to.deep.equal(['Bearer later']);
  });

  it('a 401 to a token asks the token provider once more, naming that token, and sends the request again with a fresh one', async () => {
    const unauthorized = () => new Response(JSON.stringify({kind: 'Status', status: 'Failure', code: 401, reason: 'Unauthorized', message: 'Unauthorized'}), {status: 401});
    /** A server that takes only the token "new"; what each request carried. */
    const server = () => {
      const seen: string[] = [];
      const answer = async (authorization: string | null, method: string, body: string | null | undefined) => {
        seen.push(`${method} ${authorization} ${body ?? ''}`.trim());
        return authorization === 'Bearer new' ? new Response('{"kind":"ConfigMap"}') : unauthorized();
      };
      const fetch = async (_input: RequestInfo | URL, init?: RequestInit) => answer(new Headers(init?.headers).get('Authorization'), init?.method ?? 'GET', init?.body as string | undefined);
      const handler: FetchHandler = async (request) => answer(request.headers.get('Authorization'), request.method, request.body ? await request.text() : undefined);
      return {seen, fetch, handler};
    };
    const transports = {
      gateway: (tokenProvider: TokenProvider, s: ReturnType<typeof server>) => gatewayTransport({tokenProvider, fetch: s.fetch}),
      direct: (tokenProvider: TokenProvider, s: ReturnType<typeof server>) => directTransport({baseUrl: '/k8s', cluster: 'prod', tokenProvider, fetch: s.fetch}),
      'in-memory': (tokenProvider: TokenProvider, s: ReturnType<typeof server>) => inMemoryTransport({clusters: {prod: s.handler}, tokenProvider}),
    };
    for (const [name, make] of Object.entries(transports)) {
      // A provider that can refresh: the request goes again, body and all, and succeeds.
      const asked: Array<string | undefined> = [];
      const renewing = server();
      const create = {cluster: 'prod', method: 'POST', path: '/api/v1/namespaces/a/configmaps', body: '{"metadata":{"name":"x"}}'} as const;
      const response = await make((cluster, rejected) => (asked.push(`${cluster} ${rejected ?? ''}`.trim()), rejected ? 'new' : 'old'), renewing).request(create);
      expect(response.status, name).to.equal(200);
      expect(asked, name).to.deep.equal(['prod', 'prod old']);
      expect(renewing.seen, name).to.deep.equal(['POST Bearer old {"metadata":{"name":"x"}}', 'POST Bearer new {"metadata":{"name":"x"}}']);

      // Nothing fresher (the same token, none, a provider that fails): the server's 401 stands, sent once.
      for (const provider of [() => 'old', (_: string, rejected?: string) => (rejected ? undefined : 'old'), (_: string, rejected?: string) => (rejected ? Promise.reject(new Error('no refresh')) : 'old')]) {
        const stuck = server();
        expect((await make(provider, stuck).request({cluster: 'prod', path: '/api'})).status, name).to.equal(401);
        expect(stuck.seen, name).to.deep.equal(['GET Bearer old']);
      }

      // A request that carries its own credentials is not the provider's to renew.
      const own = server();
      const calls: Array<string | undefined> = [];
      const mine = await make((_, rejected) => (calls.push(rejected), 'new'), own).request({cluster: 'prod', path: '/api', headers: {Authorization: 'Bearer mine'}});
      expect(mine.status, name).to.equal(401);
      expect(calls, name).to.deep.equal([undefined]);
    }
  });

  it('gateway: reaches a real gateway-shaped server', async () => {
    const api = await fakeApi();
    const client = api.client({gateway: true});
    expect((await client.listClusters()).map((c) => c.name)).to.deep.equal(['one', 'two']);
    const pods = await client.list('one', 'pods', {namespace: 'team-a'});
    expect(pods.items).to.have.length(7);
  });

  it('direct: one API server, and refuses other cluster names with a clear error', async () => {
    const api = await fakeApi();
    const transport = directTransport({baseUrl: api.base, cluster: 'one'});
    expect(await transport.listClusters()).to.deep.equal([{name: 'one', server: api.base}]);
    const error = await transport.request({cluster: 'two', path: '/version'}).catch((e) => e);
    expect(error.message).to.equal('This transport reaches only cluster "one", not "two"');
  });

  it('in-memory: hands requests to per-cluster fetch handlers, with the bearer token', async () => {
    const requests: Request[] = [];
    const handler: FetchHandler = async (request) => {
      requests.push(request);
      return new Response(JSON.stringify({major: '1', minor: '34', gitVersion: 'v1.34.1'}), {headers: {'Content-Type': 'application/json'}});
    };
    const client = createKubeClient({transport: inMemoryTransport({clusters: {a: handler, b: handler}, tokenProvider: () => 'sandbox-admin'})});
    expect((await client.version('a')).gitVersion).to.equal('v1.34.1');
    expect(new URL(requests[0]!.url).pathname).to.equal('/version');
    expect(requests[0]!.headers.get('Authorization')).to.equal('Bearer sandbox-admin');
    expect((await client.listClusters()).map((c) => c.name)).to.deep.equal(['a', 'b']);
    const error = await client.version('c').catch((e) => e);
    expect(error.message).to.contain('No in-memory cluster named "c"');
  });

  it('sandbox: a sandbox of its own from the current time, loaded on first use; dispose() ends its watches and refuses what follows', async () => {
    const transport = sandboxTransport();
    const client = createKubeClient({transport});
    expect(await client.listClusters()).to.deep.equal([
      {name: 'sandbox', displayName: 'Sandbox'},
      {name: 'sandbox-edge', displayName: 'Sandbox Edge'},
    ]);
    const created = await client.create<KubeObject>('sandbox', {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'made-now', namespace: 'team-a'}});
    expect(Math.abs(Date.parse(created.metadata.creationTimestamp!) - Date.now()), 'ages read right next to the page clock').to.be.below(5000);
    const watch = await transport.request({cluster: 'sandbox', path: '/api/v1/namespaces/team-a/configmaps?watch=1&resourceVersion=' + created.metadata.resourceVersion});
    const reader = watch.body!.getReader();
    transport.dispose();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read());
    expect((await client.version('sandbox').catch((e) => e)).message).to.equal('This sandbox was disposed');
    const unused = sandboxTransport();
    unused.dispose();
    expect((await unused.listClusters().catch((e) => e)).message, 'disposed before it loaded: never made').to.equal('This sandbox was disposed');
  });
});
