import {expect} from '@open-wc/testing';
import {createKubeClient, directTransport, gatewayTransport, inMemoryTransport, type FetchHandler} from '../../src/client/index.js';
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
});
