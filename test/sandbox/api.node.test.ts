import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {createSandbox} from '../../src/sandbox/index.js';
import {json, TABLE} from './helpers.js';

const sandbox = createSandbox({seed: 7});
const cluster = sandbox.clusters.get('sandbox')!;
after(() => sandbox.dispose());

describe('sandbox discovery', () => {
  it('serves /version, legacy /api and /apis documents', async () => {
    const version = await json(cluster, '/version');
    assert.match(version.body.gitVersion, /^v1\.34\.\d+-sandbox$/);
    const api = await json(cluster, '/api');
    assert.deepEqual(api.body.versions, ['v1']);
    const core = await json(cluster, '/api/v1');
    assert.equal(core.body.kind, 'APIResourceList');
    const pods = core.body.resources.find((r: any) => r.name === 'pods');
    assert.deepEqual(pods.shortNames, ['po']);
    assert.equal(pods.singularName, 'pod');
    assert.ok(core.body.resources.some((r: any) => r.name === 'pods/log' && r.kind === 'Pod'));
    const apps = await json(cluster, '/apis/apps/v1');
    const scale = apps.body.resources.find((r: any) => r.name === 'deployments/scale');
    assert.deepEqual([scale.group, scale.version, scale.kind], ['autoscaling', 'v1', 'Scale']);
    const groups = await json(cluster, '/apis');
    assert.ok(groups.body.groups.some((g: any) => g.name === 'sandbox.kube-elements.io'));
  });

  it('serves aggregated discovery with its content type', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
    const res = await json(cluster, '/apis', {accept});
    assert.equal(res.headers.get('content-type'), 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    assert.equal(res.body.kind, 'APIGroupDiscoveryList');
    const apps = res.body.items.find((i: any) => i.metadata.name === 'apps');
    const deployments = apps.versions[0].resources.find((r: any) => r.resource === 'deployments');
    assert.equal(deployments.scope, 'Namespaced');
    assert.deepEqual(deployments.responseKind, {group: 'apps', version: 'v1', kind: 'Deployment'});
    assert.ok(deployments.subresources.some((s: any) => s.subresource === 'scale' && s.responseKind.kind === 'Scale'));
    const core = await json(cluster, '/api', {accept});
    assert.equal(core.body.items[0].versions[0].version, 'v1');
  });

  it('registers a CRD dynamically in discovery and serving', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: {name: 'widgets.example.com'},
      spec: {group: 'example.com', scope: 'Namespaced', names: {plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wg']}, versions: [{name: 'v1alpha1', served: true, storage: true, schema: {openAPIV3Schema: {type: 'object'}}}]},
    };
    assert.equal((await json(cluster, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {method: 'POST', body: crd})).status, 201);
    const list = await json(cluster, '/apis/example.com/v1alpha1');
    assert.equal(list.body.resources[0].name, 'widgets');
    const created = await json(cluster, '/apis/example.com/v1alpha1/namespaces/team-a/widgets', {method: 'POST', body: {apiVersion: 'example.com/v1alpha1', kind: 'Widget', metadata: {name: 'w1'}, spec: {size: 3}}});
    assert.equal(created.status, 201);
    const table = await json(cluster, '/apis/example.com/v1alpha1/namespaces/team-a/widgets', {accept: TABLE});
    assert.deepEqual(table.body.columnDefinitions.map((c: any) => c.name), ['Name', 'Age']);
  });
});

describe('sandbox lists', () => {
  it('pages with limit/continue and remainingItemCount, in etcd key order', async () => {
    const all = (await json(cluster, '/api/v1/pods')).body.items;
    const names: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const page = await json(cluster, `/api/v1/pods?limit=5${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
      names.push(...page.body.items.map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`));
      token = page.body.metadata.continue ?? '';
      if (token) assert.equal(page.body.metadata.remainingItemCount, all.length - names.length);
      pages++;
    } while (token);
    assert.equal(names.length, all.length);
    assert.deepEqual(names, [...names].sort());
    assert.equal(pages, Math.ceil(all.length / 5));
    assert.equal(all[0].kind, undefined, 'typed list items omit kind');
  });

  it('filters by equality and set-based label selectors and by field selectors', async () => {
    const q = (s: string) => json(cluster, `/api/v1/namespaces/team-a/pods?labelSelector=${encodeURIComponent(s)}`);
    const web = (await q('app=web')).body.items;
    assert.ok(web.length >= 3 && web.every((p: any) => p.metadata.labels.app === 'web'));
    const inSet = (await q('app in (web,redis)')).body.items;
    assert.ok(inSet.every((p: any) => ['web', 'redis'].includes(p.metadata.labels.app)) && inSet.length > web.length);
    const notIn = (await q('app notin (web),app')).body.items;
    assert.ok(notIn.every((p: any) => p.metadata.labels.app !== 'web'));
    assert.equal((await q('!app')).body.items.length, 0);
    const node = web[0].spec.nodeName;
    const byNode = (await json(cluster, `/api/v1/pods?fieldSelector=spec.nodeName%3D${node},status.phase%3DRunning`)).body.items;
    assert.ok(byNode.length > 0 && byNode.every((p: any) => p.spec.nodeName === node && p.status.phase === 'Running'));
    const events = (await json(cluster, `/api/v1/namespaces/team-a/events?fieldSelector=involvedObject.kind%3DDeployment,reason%3DScalingReplicaSet`)).body.items;
    assert.ok(events.length > 0 && events.every((e: any) => e.reason === 'ScalingReplicaSet'));
    const bad = await json(cluster, '/api/v1/pods?fieldSelector=spec.bogus%3Dx');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.message, 'field label not supported: spec.bogus');
  });

  it('renders Table output for pods, deployments and the Database CRD', async () => {
    const pods = (await json(cluster, '/api/v1/namespaces/team-a/pods', {accept: TABLE})).body;
    assert.equal(pods.kind, 'Table');
    assert.deepEqual(pods.columnDefinitions.map((c: any) => [c.name, c.priority]), [['Name', 0], ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0], ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1]]);
    assert.equal(pods.rows[0].object.kind, 'PartialObjectMetadata');
    assert.match(pods.rows[0].cells[1], /^\d+\/\d+$/);
    const deploy = (await json(cluster, '/apis/apps/v1/namespaces/team-a/deployments?includeObject=Object', {accept: TABLE})).body;
    assert.deepEqual(deploy.columnDefinitions.map((c: any) => c.name), ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
    const web = deploy.rows.find((r: any) => r.cells[0] === 'web');
    assert.equal(web.object.kind, 'Deployment');
    assert.equal(web.cells[7], 'app=web');
    const dbs = (await json(cluster, '/apis/sandbox.kube-elements.io/v1/namespaces/team-a/databases?includeObject=None', {accept: TABLE})).body;
    assert.deepEqual(dbs.columnDefinitions.map((c: any) => c.name), ['Name', 'Engine', 'Version', 'Replicas', 'Ready', 'Phase', 'Age']);
    assert.deepEqual(dbs.rows.find((r: any) => r.cells[0] === 'orders-db').cells.slice(0, 6), ['orders-db', 'postgres', '16.4', 3, 3, 'Running']);
    assert.equal(dbs.rows[0].object, undefined);
  });
});

describe('sandbox writes', () => {
  const cm = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'settings'}, data: {a: '1'}};

  it('creates with 201, rejects duplicates with 409 AlreadyExists and stale updates with 409 Conflict', async () => {
    const created = await json(cluster, '/api/v1/namespaces/team-a/configmaps', {method: 'POST', body: cm});
    assert.equal(created.status, 201);
    assert.ok(created.body.metadata.uid && created.body.metadata.resourceVersion && created.body.metadata.creationTimestamp);
    const dup = await json(cluster, '/api/v1/namespaces/team-a/configmaps', {method: 'POST', body: cm});
    assert.equal(dup.status, 409);
    assert.equal(dup.body.reason, 'AlreadyExists');
    assert.equal(dup.body.message, 'configmaps "settings" already exists');
    const stale = {...created.body, data: {a: '2'}};
    assert.equal((await json(cluster, '/api/v1/namespaces/team-a/configmaps/settings', {method: 'PUT', body: stale})).status, 200);
    const conflict = await json(cluster, '/api/v1/namespaces/team-a/configmaps/settings', {method: 'PUT', body: stale});
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.reason, 'Conflict');
    assert.equal(conflict.body.message, 'Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again');
    const generated = await json(cluster, '/api/v1/namespaces/team-a/configmaps', {method: 'POST', body: {metadata: {generateName: 'gen-'}}});
    assert.match(generated.body.metadata.name, /^gen-[a-z0-9]{5}$/);
  });

  it('applies merge, strategic merge, JSON and apply patches', async () => {
    const path = '/apis/apps/v1/namespaces/team-a/deployments/api';
    const merge = await json(cluster, path, {method: 'PATCH', contentType: 'application/merge-patch+json', body: {metadata: {labels: {tier: 'backend'}}}});
    assert.equal(merge.body.metadata.labels.tier, 'backend');
    const strategic = await json(cluster, path, {method: 'PATCH', contentType: 'application/strategic-merge-patch+json', body: {spec: {template: {spec: {containers: [{name: 'envoy', image: 'envoyproxy/envoy:v1.32.0'}]}}}}});
    const containers = strategic.body.spec.template.spec.containers;
    assert.deepEqual(containers.map((c: any) => [c.name, c.image]), [['api', 'ghcr.io/kube-elements/demo-api:2.4.1'], ['envoy', 'envoyproxy/envoy:v1.32.0']]);
    assert.equal(strategic.body.metadata.generation, merge.body.metadata.generation + 1);
    const jsonPatch = await json(cluster, path, {method: 'PATCH', contentType: 'application/json-patch+json', body: [{op: 'replace', path: '/spec/replicas', value: 3}, {op: 'remove', path: '/metadata/labels/tier'}]});
    assert.equal(jsonPatch.body.spec.replicas, 3);
    assert.equal(jsonPatch.body.metadata.labels.tier, undefined);
    const noManager = await json(cluster, '/api/v1/namespaces/team-a/configmaps/applied', {method: 'PATCH', contentType: 'application/apply-patch+yaml', body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'applied'}, data: {x: 'y'}}});
    assert.equal(noManager.status, 400);
    const applied = await json(cluster, '/api/v1/namespaces/team-a/configmaps/applied?fieldManager=test', {method: 'PATCH', contentType: 'application/apply-patch+yaml', body: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'applied'}, data: {x: 'y'}}});
    assert.equal(applied.status, 201);
    const bad = await json(cluster, path, {method: 'PATCH', contentType: 'text/plain', body: '{}'});
    assert.equal(bad.status, 415);
  });

  it('serves the scale subresource for deployments and the Database CRD', async () => {
    const scale = await json(cluster, '/apis/apps/v1/namespaces/team-b/deployments/catalog/scale');
    assert.deepEqual([scale.body.kind, scale.body.apiVersion, scale.body.spec.replicas, scale.body.status.selector], ['Scale', 'autoscaling/v1', 2, 'app=catalog']);
    const patched = await json(cluster, '/apis/apps/v1/namespaces/team-b/deployments/catalog/scale', {method: 'PATCH', contentType: 'application/merge-patch+json', body: {spec: {replicas: 4}}});
    assert.equal(patched.body.spec.replicas, 4);
    sandbox.step(10_000);
    const pods = (await json(cluster, '/api/v1/namespaces/team-b/pods?labelSelector=app%3Dcatalog')).body.items;
    assert.equal(pods.filter((p: any) => p.status.phase === 'Running').length, 4);
    const put = await json(cluster, '/apis/sandbox.kube-elements.io/v1/namespaces/team-a/databases/orders-db/scale', {method: 'PUT', body: {...(await json(cluster, '/apis/sandbox.kube-elements.io/v1/namespaces/team-a/databases/orders-db/scale')).body, spec: {replicas: 5}}});
    assert.equal(put.status, 200);
    assert.equal(put.body.status.selector, 'app=orders-db');
    assert.equal((await json(cluster, '/apis/sandbox.kube-elements.io/v1/namespaces/team-a/databases/orders-db')).body.spec.replicas, 5);
  });

  it('honours dryRun=All', async () => {
    const res = await json(cluster, '/api/v1/namespaces/team-a/configmaps?dryRun=All', {method: 'POST', body: {metadata: {name: 'dry'}}});
    assert.equal(res.status, 201);
    assert.equal((await json(cluster, '/api/v1/namespaces/team-a/configmaps/dry')).status, 404);
  });
});
