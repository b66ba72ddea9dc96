import {expect} from '@open-wc/testing';
import {KubeApiError, type KubeObject} from '../../src/client/index.js';
import {fakeApi} from '../support/fake-api.js';

describe('CRUD', () => {
  it('lists with limit/continue, and listAll follows every continue token', async () => {
    const api = await fakeApi();
    const client = api.client();
    const first = await client.list('one', 'pods', {namespace: 'team-a', limit: 3});
    expect(first.items.map((p) => p.metadata.name)).to.deep.equal(['pod-0', 'pod-1', 'pod-2']);
    expect(first.metadata.continue).to.be.a('string');
    expect(first.metadata.remainingItemCount).to.equal(4);
    const second = await client.list('one', 'pods', {namespace: 'team-a', limit: 3, continue: first.metadata.continue});
    expect(second.items.map((p) => p.metadata.name)).to.deep.equal(['pod-3', 'pod-4', 'pod-5']);
    const all = await client.listAll('one', 'pods', {namespace: 'team-a', limit: 2});
    expect(all.items).to.have.length(7);
    expect(all.metadata.continue).to.equal(undefined);
    expect(await api.count('GET /api/v1/namespaces/team-a/pods')).to.equal(6);
  });

  it('passes label selectors and lists across namespaces', async () => {
    const client = (await fakeApi()).client();
    const web = await client.list('one', 'pods', {namespace: 'team-a', labelSelector: 'app=web'});
    expect(web.items.map((p) => p.metadata.name)).to.deep.equal(['pod-1', 'pod-3', 'pod-5']);
    const everywhere = await client.list('one', 'pods');
    expect(everywhere.items).to.have.length(8);
  });

  it('asks for Table output and falls back to a Name/Created table where the server prints none', async () => {
    const client = (await fakeApi()).client();
    const pods = await client.listTable('one', 'pods', {namespace: 'team-a', limit: 2});
    expect(pods.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Status', 'Age']);
    expect(pods.rows[0]!.cells).to.deep.equal(['pod-0', 'Running', '1h']);
    expect(pods.rows[0]!.object!.metadata.name).to.equal('pod-0');
    const widgets = await client.listTable('one', 'widgets', {namespace: 'team-a'});
    expect(widgets.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Created At']);
    expect(widgets.rows[0]!.cells[0]).to.equal('gizmo');
  });

  it('creates, gets, replaces (409 on a stale resourceVersion) and deletes', async () => {
    const client = (await fakeApi()).client();
    const created = await client.create('one', {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'new', namespace: 'team-a'} as KubeObject['metadata']});
    expect(created.metadata.uid).to.be.a('string');
    const dup = await client.create('one', {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'new', namespace: 'team-a'}}).catch((e) => e);
    expect(dup.code).to.equal(409);
    expect(dup.reason).to.equal('AlreadyExists');
    const fetched = await client.get('one', 'pods', {namespace: 'team-a', name: 'new'});
    const replaced = await client.replace('one', {...fetched, metadata: {...fetched.metadata, labels: {x: 'y'}}});
    expect(replaced.metadata.labels).to.deep.equal({x: 'y'});
    const stale = await client.replace('one', fetched).catch((e) => e);
    expect(stale).to.be.instanceOf(KubeApiError);
    expect(stale.isConflict).to.be.true;
    expect(stale.message).to.contain('the object has been modified');
    await client.delete('one', 'pods', {namespace: 'team-a', name: 'new'}, {propagationPolicy: 'Background', gracePeriodSeconds: 0});
    const gone = await client.get('one', 'pods', {namespace: 'team-a', name: 'new'}).catch((e) => e);
    expect(gone.code).to.equal(404);
  });

  it('sends each patch type with its content type, and apply with fieldManager and force', async () => {
    const seen: Array<{method: string; path: string; type: string | null}> = [];
    const {createKubeClient} = await import('../../src/client/index.js');
    const api = await fakeApi();
    const client = createKubeClient({
      transport: {
        request: async (request) => {
          const headers = new Headers(request.headers);
          if (request.method === 'PATCH') {
            seen.push({method: request.method, path: request.path, type: headers.get('Content-Type')});
            return new Response(JSON.stringify({metadata: {name: 'web'}}));
          }
          return fetch(api.base + request.path, {headers});
        },
        listClusters: async () => [],
      },
    });
    const target = {namespace: 'team-a', name: 'web'};
    await client.patch('one', 'deployments', target, {spec: {replicas: 2}}, {type: 'merge'});
    await client.patch('one', 'deployments', target, {spec: {template: {}}}, {type: 'strategic'});
    await client.patch('one', 'deployments', target, [{op: 'replace', path: '/spec/replicas', value: 3}], {type: 'json'});
    await client.patch('one', 'deployments', target, {apiVersion: 'apps/v1', kind: 'Deployment'}, {type: 'apply', fieldManager: 'kube-elements', force: true});
    await client.setScale('one', 'deployments', target, 5);
    expect(seen.map((s) => s.type)).to.deep.equal([
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
      'application/json-patch+json',
      'application/apply-patch+yaml',
      'application/merge-patch+json',
    ]);
    expect(seen[3]!.path).to.equal('/apis/apps/v1/namespaces/team-a/deployments/web?fieldManager=kube-elements&force=true');
    expect(seen[4]!.path).to.equal('/apis/apps/v1/namespaces/team-a/deployments/web/scale');
    const error = await client.patch('one', 'deployments', target, {}, {type: 'apply'}).catch((e) => e);
    expect(error.message).to.equal('Server-side apply needs a fieldManager');
  });

  it('refuses, before sending anything, a name or namespace no path can carry: "..", ".", "", "/" and "%"', async () => {
    const api = await fakeApi();
    const client = api.client();
    const gateway = api.client({gateway: true});
    const before = await api.counts();
    // A pod named ".." would be DELETE …/namespaces/team-a/ — the namespace itself; "." the whole collection.
    for (const name of ['..', '.', '', 'a/b', '%2e%2e']) {
      const error = await client.delete('one', 'pods', {namespace: 'team-a', name}).catch((e: unknown) => e);
      expect(error, name).to.be.instanceOf(KubeApiError);
      expect((error as KubeApiError).code, name).to.equal(400);
      expect((error as KubeApiError).message, name).to.contain("can't be part of an API path");
    }
    const namespaced = await client.get('one', 'pods', {namespace: '..', name: 'pod-0'}).catch((e: unknown) => e);
    expect((namespaced as KubeApiError).code).to.equal(400);
    const cluster = await gateway.get('..', 'pods', {namespace: 'team-a', name: 'pod-0'}).catch((e: unknown) => e);
    expect((cluster as KubeApiError).code, 'a cluster named ".." through the gateway').to.equal(400);
    const after = await api.counts();
    const changed = Object.keys(after).filter((key) => after[key] !== before[key] && !/^GET \/apis?$/.test(key));
    expect(changed, 'no request for any of them (discovery aside)').to.deep.equal([]);
    expect((await client.get('one', 'pods', {namespace: 'team-a', name: 'pod-0'})).metadata.name).to.equal('pod-0');
  });

  it('drops the namespace from paths of cluster-scoped kinds', async () => {
    const api = await fakeApi();
    const ns = await api.client().get('one', 'namespaces', {namespace: 'ignored', name: 'team-a'});
    expect(ns.metadata.name).to.equal('team-a');
    expect(await api.count('GET /api/v1/namespaces/team-a')).to.equal(1);
  });

  it('watches from a resourceVersion as an async iterator', async () => {
    const api = await fakeApi();
    const client = api.client();
    const list = await client.list('one', 'pods', {namespace: 'team-a'});
    const abort = new AbortController();
    const events: string[] = [];
    const done = (async () => {
      for await (const event of client.watch('one', 'pods', {namespace: 'team-a', resourceVersion: list.metadata.resourceVersion, signal: abort.signal})) {
        events.push(`${event.type} ${event.object.metadata.name}`);
        if (events.length === 2) abort.abort();
      }
    })().catch((e) => e);
    await new Promise((r) => setTimeout(r, 50));
    await api.control('upsert', {resource: 'pods', namespace: 'team-a', name: 'pod-9'});
    await api.control('delete', {resource: 'pods', namespace: 'team-a', name: 'pod-0'});
    await done;
    expect(events).to.deep.equal(['ADDED pod-9', 'DELETED pod-0']);
  });
});
