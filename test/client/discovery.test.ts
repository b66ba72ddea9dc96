import {expect} from '@open-wc/testing';
import {KubeApiError} from '../../src/client/index.js';
import {fakeApi} from '../support/fake-api.js';

describe('discovery', () => {
  for (const mode of ['aggregated', 'legacy'] as const) {
    it(`builds the resource registry from ${mode} discovery`, async () => {
      const api = await fakeApi();
      if (mode === 'legacy') await api.control('legacy-discovery');
      const client = api.client();
      const registry = await client.discovery.registry('one');
      const pods = registry.find('pods')!;
      expect(pods).to.deep.include({group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true});
      expect(pods.shortNames).to.deep.equal(['po']);
      expect(pods.subresources).to.deep.equal(['log']);
      expect(registry.find('namespaces')!.namespaced).to.be.false;
      expect(registry.find('Deployment')!.group).to.equal('apps');
      const counts = await api.counts();
      if (mode === 'aggregated') expect(counts['GET /apis/apps/v1']).to.equal(undefined);
      else expect(counts['GET /apis/apps/v1']).to.equal(1);
    });
  }

  it('resolves kind, plural, singular, short name, resource.group and apiVersion refs', async () => {
    const client = (await fakeApi()).client();
    for (const ref of ['pods', 'Pod', 'pod', 'po', 'pods.', {kind: 'Pod', apiVersion: 'v1'}] as const) {
      expect((await client.resolve('one', ref as never)).resource, JSON.stringify(ref)).to.equal('pods');
    }
    expect((await client.resolve('one', 'widgets.example.io')).kind).to.equal('Widget');
    expect((await client.resolve('one', {kind: 'Deployment', group: 'apps'})).resource).to.equal('deployments');
  });

  it('answers an unknown kind with kubectl\'s words as a 404 KubeApiError', async () => {
    const client = (await fakeApi()).client();
    const error = await client.resolve('one', 'gadgets').catch((e) => e);
    expect(error).to.be.instanceOf(KubeApiError);
    expect(error.code).to.equal(404);
    expect(error.message).to.equal('the server doesn\'t have a resource type "gadgets"');
  });

  it('shares one /version request; one caller aborting ends only its own wait', async () => {
    const api = await fakeApi();
    const client = api.client();
    const abort = new AbortController();
    const first = client.version('one', abort.signal);
    const second = client.version('one');
    abort.abort();
    expect((await first.catch((e) => e)).name).to.equal('AbortError');
    expect((await second).gitVersion).to.equal('v1.34.0-fake');
    expect(await api.count('GET /version')).to.equal(1);
  });

  it('shares one discovery between concurrent lookups and reads /version', async () => {
    const api = await fakeApi();
    const client = api.client();
    await Promise.all([client.resolve('one', 'pods'), client.resolve('one', 'deploy'), client.resolve('one', 'ns')]);
    expect(await api.count('GET /apis')).to.equal(1);
    expect((await client.version('one')).gitVersion).to.equal('v1.34.0-fake');
  });

  it('resolves core types as soon as /api answers; other groups wait for /apis', async () => {
    const api = await fakeApi();
    await api.control('fault', {match: 'GET /apis', delayMs: 1500, times: 1});
    const client = api.client();
    const started = performance.now();
    const deployments = client.resolve('one', 'deployments');
    expect((await client.resolve('one', 'pods')).group).to.equal('');
    const coreMs = performance.now() - started;
    expect((await deployments).group).to.equal('apps');
    // The ordering is what matters: pods resolved well before the delayed /apis answered.
    expect(coreMs).to.be.below(performance.now() - started - 500);
    expect((await client.resolve('one', {kind: 'Pod', group: 'apps'}).catch((e) => e)).code, 'a group that rules out core').to.equal(404);
  });
});
