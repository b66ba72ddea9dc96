import {expect} from '@open-wc/testing';
import {KubeAbortError, KubeApiError, KubeNetworkError, errorFromResponse} from '../../src/client/index.js';
import {fakeApi} from '../support/fake-api.js';

describe('errors', () => {
  it('turns a Status body into a KubeApiError with code, reason, message and details', async () => {
    const api = await fakeApi();
    const client = api.client();
    const error = await client.get('one', 'pods', {namespace: 'team-a', name: 'missing'}).catch((e) => e);
    expect(error).to.be.instanceOf(KubeApiError);
    expect(error.code).to.equal(404);
    expect(error.reason).to.equal('NotFound');
    expect(error.message).to.equal('pods "missing" not found');
    expect(error.details).to.deep.equal({name: 'missing', kind: 'pods'});
    expect(error.isNotFound).to.be.true;
  });

  for (const [code, reason] of [
    [403, 'Forbidden'],
    [409, 'Conflict'],
    [410, 'Expired'],
    [429, 'TooManyRequests'],
    [500, 'InternalError'],
  ] as const) {
    it(`keeps ${code} ${reason} from the server's Status`, async () => {
      const api = await fakeApi();
      await api.control('fault', {match: 'GET /api/v1/namespaces/team-a/pods/pod-1', status: code, reason, message: `boom ${code}`});
      const error = await api.client().get('one', 'pods', {namespace: 'team-a', name: 'pod-1'}).catch((e) => e);
      expect(error).to.be.instanceOf(KubeApiError);
      expect([error.code, error.reason, error.message]).to.deep.equal([code, reason, `boom ${code}`]);
    });
  }

  it('summarises a non-Status error page (a proxy in the way) as plain words with the HTTP code', async () => {
    const api = await fakeApi();
    await api.control('fault', {match: 'GET /api/v1/namespaces/team-a/pods/pod-1', status: 502, html: true});
    const error = await api.client().get('one', 'pods', {namespace: 'team-a', name: 'pod-1'}).catch((e) => e);
    expect(error).to.be.instanceOf(KubeApiError);
    expect(error.code).to.equal(502);
    expect(error.message).to.equal('Bad gateway upstream exploded');
    expect(error.message).not.to.contain('<');
  });

  it('reads Retry-After into retryAfterSeconds', async () => {
    const response = new Response(JSON.stringify({kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'slow down'}), {
      status: 429,
      headers: {'Retry-After': '7'},
    });
    const error = await errorFromResponse(response);
    expect(error.retryAfterSeconds).to.equal(7);
  });

  it('reports a dropped connection as a KubeNetworkError', async () => {
    const api = await fakeApi();
    // Chromium retries a GET once on its own when a reused socket closes, so keep dropping.
    await api.control('fault', {match: 'GET /api/v1/namespaces/team-a/pods/pod-1', status: 0, times: 10});
    const client = api.client();
    await client.resolve('one', 'pods');
    const error = await client.get('one', 'pods', {namespace: 'team-a', name: 'pod-1'}).catch((e) => e);
    expect(error).to.be.instanceOf(KubeNetworkError);
  });

  it('reports an aborted request as a KubeAbortError, distinct from network failures', async () => {
    const api = await fakeApi();
    const client = api.client();
    await client.resolve('one', 'pods');
    const abort = new AbortController();
    const pending = client.list('one', 'pods', {namespace: 'team-a', signal: abort.signal});
    abort.abort();
    const error = await pending.catch((e) => e);
    expect(error).to.be.instanceOf(KubeAbortError);
    expect(error).not.to.be.instanceOf(KubeNetworkError);
    expect(error.name).to.equal('AbortError');
  });

  it('reports a body that is not JSON as a malformed answer naming the path and HTTP status, not as a network error', async () => {
    const transport = {
      request: async () => new Response('{"kind": "PodList", "items": [', {status: 200}),
      listClusters: async () => [{name: 'x'}],
    };
    const {KubeHttp} = await import('../../src/client/http.js');
    const error = (await new KubeHttp(transport).json('x', '/api/v1/pods').catch((e: unknown) => e)) as Error & {code?: number};
    expect(error).not.to.be.instanceOf(KubeNetworkError);
    expect([error.name, error.code]).to.deep.equal(['KubeMalformedResponseError', 200]);
    expect(error.message).to.contain('/api/v1/pods');
  });

  it('answers 401 for bad credentials', async () => {
    const api = await fakeApi();
    const error = await api.client({token: 'bad'}).version('one').catch((e) => e);
    expect(error.code).to.equal(401);
    expect(error.reason).to.equal('Unauthorized');
  });
});
