import {expect} from '@open-wc/testing';
import {AccessReviewTimeoutError, AccessReviews, KubeHttp, createKubeClient, directTransport} from '../../src/client/index.js';
import {fakeApi} from '../support/fake-api.js';

const SSAR = 'POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

describe('access reviews', () => {
  it('answers can() from SelfSubjectAccessReview with the exact attributes', async () => {
    const api = await fakeApi();
    await api.control('forbid', {rule: 'delete pods team-b'});
    const client = api.client();
    expect(await client.can('one', 'delete', 'pods', {namespace: 'team-a'})).to.be.true;
    expect(await client.can('one', 'delete', 'pods', {namespace: 'team-b'})).to.be.false;
    const decision = await client.review('one', 'delete', 'po', {namespace: 'team-b', name: 'x'});
    expect(decision).to.deep.include({allowed: false, reason: 'no RBAC policy matched'});
  });

  it('shares one request between concurrent identical checks and caches the answer', async () => {
    const api = await fakeApi();
    const client = api.client();
    await client.resolve('one', 'pods');
    const answers = await Promise.all(Array.from({length: 20}, () => client.can('one', 'list', 'pods', {namespace: 'team-a'})));
    expect(answers.every(Boolean)).to.be.true;
    expect(await api.count(SSAR)).to.equal(1);
    await client.can('one', 'list', 'pods', {namespace: 'team-a'});
    expect(await api.count(SSAR), 'cached').to.equal(1);
    await Promise.all([
      client.can('one', 'list', 'pods', {namespace: 'team-b'}),
      client.can('one', 'watch', 'pods', {namespace: 'team-a'}),
      client.can('one', 'get', 'pods', {namespace: 'team-a', name: 'pod-1'}),
      client.can('one', 'get', 'pods', {namespace: 'team-a', name: 'pod-1', subresource: 'log'}),
    ]);
    expect(await api.count(SSAR), 'every distinct attribute set is its own question').to.equal(5);
  });

  it('expires answers after the TTL, and never reuses another identity\'s answers', async () => {
    const api = await fakeApi();
    let now = 0;
    let token = 'alice';
    const transport = directTransport({baseUrl: api.base, cluster: 'one', tokenProvider: () => token});
    const reviews = new AccessReviews(new KubeHttp(transport), transport, {ttlMs: 1000, now: () => now});
    const ask = () => reviews.review('one', {verb: 'list', resource: 'pods', namespace: 'team-a'});
    await ask();
    await ask();
    expect(await api.count(SSAR)).to.equal(1);
    token = 'bob';
    await ask();
    expect(await api.count(SSAR), 'new identity').to.equal(2);
    now = 1500;
    await ask();
    expect(await api.count(SSAR), 'expired').to.equal(3);
    reviews.clear('one');
    await ask();
    expect(await api.count(SSAR), 'cleared').to.equal(4);
  });

  it('limits reviews in flight and queues the rest', async () => {
    const api = await fakeApi();
    let inFlight = 0;
    let peak = 0;
    const transport = directTransport({
      baseUrl: api.base,
      cluster: 'one',
      fetch: async (input, init) => {
        peak = Math.max(peak, ++inFlight);
        try {
          return await fetch(input, init);
        } finally {
          inFlight--;
        }
      },
    });
    const reviews = new AccessReviews(new KubeHttp(transport), transport, {concurrency: 3});
    await Promise.all(Array.from({length: 12}, (_, i) => reviews.review('one', {verb: 'get', resource: 'pods', name: `p${i}`})));
    expect(peak).to.equal(3);
    expect(await api.count(SSAR)).to.equal(12);
  });

  it('a review the server never answers fails after the timeout and frees its slot', async () => {
    const api = await fakeApi();
    let sent = 0;
    const transport = directTransport({baseUrl: api.base, cluster: 'one', fetch: () => (sent++, new Promise<Response>(() => undefined))});
    const reviews = new AccessReviews(new KubeHttp(transport), transport, {concurrency: 2, timeoutMs: 50});
    const outcomes = await Promise.all(Array.from({length: 3}, (_, i) => reviews.review('one', {verb: 'get', resource: 'pods', name: `p${i}`}).catch((e: unknown) => e)));
    for (const outcome of outcomes) expect(outcome).to.be.instanceOf(AccessReviewTimeoutError);
    expect(sent, 'the third was sent once a timed-out one freed its slot').to.equal(3);
  });

  it('a caller that stops waiting drops its queued review: it is never sent', async () => {
    const api = await fakeApi();
    const sent: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transport = directTransport({
      baseUrl: api.base,
      cluster: 'one',
      fetch: async (input, init) => {
        sent.push(String(init?.body ?? ''));
        await held;
        return fetch(input, init);
      },
    });
    const reviews = new AccessReviews(new KubeHttp(transport), transport, {concurrency: 1});
    const first = reviews.review('one', {verb: 'get', resource: 'pods', name: 'first'});
    const run = new AbortController();
    const queued = reviews.review('one', {verb: 'get', resource: 'pods', name: 'queued'}, {signal: run.signal}).catch((e: unknown) => e);
    const shared = reviews.review('one', {verb: 'get', resource: 'pods', name: 'shared'}, {signal: run.signal}).catch((e: unknown) => e);
    const stillWanted = reviews.review('one', {verb: 'get', resource: 'pods', name: 'shared'});
    await new Promise((resolve) => setTimeout(resolve, 20));
    run.abort();
    expect(((await queued) as Error).name).to.equal('AbortError');
    expect(((await shared) as Error).name).to.equal('AbortError');
    release();
    await first;
    expect((await stillWanted).allowed, 'another caller still waited for it').to.equal(true);
    expect(sent.length).to.equal(2);
    expect(sent.some((body) => body.includes('"queued"'))).to.equal(false);
  });

  it('finds accessible namespaces by listing, or by SelfSubjectRulesReview when listing is forbidden', async () => {
    const api = await fakeApi();
    const client = api.client();
    expect(await client.accessibleNamespaces('one')).to.deep.equal({namespaces: ['team-a', 'team-b'], source: 'list'});
    await api.control('forbid', {rule: 'list namespaces'});
    const client2 = createKubeClient({transport: directTransport({baseUrl: api.base, cluster: 'one'})});
    const found = await client2.accessibleNamespaces('one', ['team-b', 'team-a', 'default', 'team-a']);
    expect(found).to.deep.equal({namespaces: ['team-a'], source: 'rules'});
    expect(await api.count('POST /apis/authorization.k8s.io/v1/selfsubjectrulesreviews')).to.equal(3);
  });
});
