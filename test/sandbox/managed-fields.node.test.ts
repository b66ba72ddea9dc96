import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {createSandbox} from '../../src/sandbox/index.js';
import {json, TABLE} from './helpers.js';

// Expected shapes are those a v1.35 kube-apiserver returned for the same requests.
const sandbox = createSandbox({seed: 21, clusters: 1});
const cluster = sandbox.clusters.get('sandbox')!;
after(() => sandbox.dispose());

const CM = '/api/v1/namespaces/team-a/configmaps';

async function send(method: string, path: string, body: unknown, contentType = 'application/json', userAgent?: string) {
  const headers: Record<string, string> = {authorization: 'Bearer sandbox-admin', 'content-type': contentType};
  if (userAgent !== undefined) headers['user-agent'] = userAgent;
  const res = await cluster.handle(new Request(`http://in-memory.invalid${path}`, {method, headers, body: JSON.stringify(body)}));
  return {status: res.status, body: await res.json()};
}

const apply = (name: string, manager: string, data: Record<string, string>, force = false) =>
  send('PATCH', `${CM}/${name}?fieldManager=${manager}${force ? '&force=true' : ''}`, {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name}, data}, 'application/apply-patch+yaml');

const owners = (obj: any) => Object.fromEntries((obj.metadata.managedFields ?? []).map((e: any) => [`${e.manager}/${e.operation}${e.subresource ? '/' + e.subresource : ''}`, e.fieldsV1]));

describe('sandbox managedFields', () => {
  it('records a create under the User-Agent name with the real FieldsV1 shape', async () => {
    const created = await send('POST', CM, {metadata: {name: 'mf-a', labels: {a: 'b'}}, data: {key: 'v1', other: 'x'}}, 'application/json', 'kubectl/v1.30.0 (linux/amd64) kubernetes/abc');
    assert.equal(created.status, 201);
    const [entry] = created.body.metadata.managedFields;
    assert.deepEqual(Object.keys(entry), ['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1']);
    assert.deepEqual([entry.manager, entry.operation, entry.apiVersion, entry.fieldsType], ['kubectl', 'Update', 'v1', 'FieldsV1']);
    assert.match(entry.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(entry.fieldsV1, {'f:data': {'.': {}, 'f:key': {}, 'f:other': {}}, 'f:metadata': {'f:labels': {'.': {}, 'f:a': {}}}});
  });

  it('answers an apply that would change fields another manager owns with 409 and FieldManagerConflict causes', async () => {
    const two = await apply('mf-a', 'other-manager', {key: 'v2', other: 'y'});
    assert.equal(two.status, 409);
    assert.equal(two.body.reason, 'Conflict');
    assert.equal(two.body.message, 'Apply failed with 2 conflicts: conflicts with "kubectl" using v1:\n- .data.key\n- .data.other');
    assert.deepEqual(two.body.details.causes, [
      {reason: 'FieldManagerConflict', message: 'conflict with "kubectl" using v1', field: '.data.key'},
      {reason: 'FieldManagerConflict', message: 'conflict with "kubectl" using v1', field: '.data.other'},
    ]);
    const one = await apply('mf-a', 'other-manager', {key: 'v2'});
    assert.equal(one.body.message, 'Apply failed with 1 conflict: conflict with "kubectl" using v1: .data.key');
  });

  it('shares ownership of fields applied with the value they already have; Apply entries come first', async () => {
    const res = await apply('mf-a', 'other-manager', {key: 'v1', new: 'n'});
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.data, {key: 'v1', other: 'x', new: 'n'});
    assert.deepEqual(
      res.body.metadata.managedFields.map((e: any) => [e.manager, e.operation, e.fieldsV1]),
      [
        ['other-manager', 'Apply', {'f:data': {'f:key': {}, 'f:new': {}}}],
        ['kubectl', 'Update', {'f:data': {'.': {}, 'f:key': {}, 'f:other': {}}, 'f:metadata': {'f:labels': {'.': {}, 'f:a': {}}}}],
      ]
    );
  });

  it('moves fields an update changes to its manager ("unknown" without a User-Agent), and drops emptied entries', async () => {
    const unknown = await send('PATCH', `${CM}/mf-a`, {data: {other: 'z'}, metadata: {annotations: {x: 'y'}}}, 'application/merge-patch+json');
    assert.deepEqual(owners(unknown.body)['unknown/Update'], {'f:data': {'f:other': {}}, 'f:metadata': {'f:annotations': {'.': {}, 'f:x': {}}}});
    assert.deepEqual(owners(unknown.body)['kubectl/Update'], {'f:data': {'.': {}, 'f:key': {}}, 'f:metadata': {'f:labels': {'.': {}, 'f:a': {}}}});
    const node = await send('PATCH', `${CM}/mf-a`, {data: {p: 'q'}}, 'application/merge-patch+json', 'node');
    assert.deepEqual(owners(node.body)['node/Update'], {'f:data': {'f:p': {}}});
    const kubectl = await send('PATCH', `${CM}/mf-a`, {data: {key: 'v9'}}, 'application/strategic-merge-patch+json', 'kubectl/v1');
    assert.deepEqual(owners(kubectl.body)['other-manager/Apply'], {'f:data': {'f:new': {}}}, 'the applier lost .data.key');
    const noop = await send('PATCH', `${CM}/mf-a?fieldManager=noop`, {data: {key: 'v9'}}, 'application/merge-patch+json');
    assert.equal(noop.body.metadata.resourceVersion, kubectl.body.metadata.resourceVersion, 'a no-op write is not written');
    assert.equal(owners(noop.body)['noop/Update'], undefined);
    const removed = await send('PATCH', `${CM}/mf-a?fieldManager=deleter`, {data: {p: null}}, 'application/merge-patch+json');
    assert.deepEqual(Object.keys(owners(removed.body)).sort(), ['kubectl/Update', 'other-manager/Apply', 'unknown/Update']);
  });

  it('takes ownership with force, and prunes fields an applier stops applying', async () => {
    const forced = await apply('mf-a', 'other-manager', {key: 'v10', new: 'n', extra: 'e'}, true);
    assert.equal(forced.status, 200);
    assert.deepEqual(owners(forced.body)['other-manager/Apply'], {'f:data': {'f:extra': {}, 'f:key': {}, 'f:new': {}}});
    assert.deepEqual(owners(forced.body)['kubectl/Update'], {'f:data': {}, 'f:metadata': {'f:labels': {'.': {}, 'f:a': {}}}});
    const pruned = await apply('mf-a', 'other-manager', {key: 'v10'});
    assert.deepEqual(pruned.body.data, {key: 'v10', other: 'z'}, 'new and extra were only the applier’s');
    const conflict = await apply('mf-a', 'someone-else', {key: 'v11'});
    assert.equal(conflict.body.message, 'Apply failed with 1 conflict: conflict with "other-manager": .data.key', 'an Apply owner is named without "using"');
  });

  it('creates with apply, keys containers by name, and records status and scale subresources', async () => {
    const path = '/apis/apps/v1/namespaces/team-a/deployments/mf-deploy?fieldManager=deployer';
    const spec = {replicas: 1, selector: {matchLabels: {app: 'mf'}}, template: {metadata: {labels: {app: 'mf'}}, spec: {containers: [{name: 'app', image: 'nginx:1.27', ports: [{containerPort: 80}]}]}}};
    const created = await send('PATCH', path, {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'mf-deploy'}, spec}, 'application/apply-patch+yaml');
    assert.equal(created.status, 201);
    const applied = owners(created.body)['deployer/Apply'];
    assert.deepEqual(applied['f:spec']['f:selector'], {}, 'a LabelSelector is atomic');
    assert.deepEqual(applied['f:spec']['f:template']['f:spec']['f:containers'], {
      'k:{"name":"app"}': {'.': {}, 'f:image': {}, 'f:name': {}, 'f:ports': {'k:{"containerPort":80,"protocol":"TCP"}': {'.': {}, 'f:containerPort': {}}}},
    });
    const conflict = await send('PATCH', '/apis/apps/v1/namespaces/team-a/deployments/mf-deploy?fieldManager=other', {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'mf-deploy'}, spec: {template: {spec: {containers: [{name: 'app', image: 'nginx:1.28'}]}}}}, 'application/apply-patch+yaml');
    assert.equal(conflict.body.message, 'Apply failed with 1 conflict: conflict with "deployer": .spec.template.spec.containers[name="app"].image');
    const scaled = await send('PATCH', '/apis/apps/v1/namespaces/team-a/deployments/mf-deploy/scale', {spec: {replicas: 2}}, 'application/merge-patch+json', 'kubectl/v1.34.1');
    assert.equal(scaled.status, 200);
    const deployment = await json(cluster, '/apis/apps/v1/namespaces/team-a/deployments/mf-deploy');
    assert.deepEqual(owners(deployment.body)['kubectl/Update/scale'], {'f:spec': {'f:replicas': {}}});
    assert.deepEqual(owners(deployment.body)['deployer/Apply']['f:spec']['f:replicas'], undefined, 'scale took .spec.replicas from the applier');
    sandbox.step(5_000);
    const status = owners((await json(cluster, '/apis/apps/v1/namespaces/team-a/deployments/mf-deploy')).body)['kube-controller-manager/Update/status'];
    assert.ok(status?.['f:status'], 'the controller owns status through /status');
  });

  it('keeps managedFields in PartialObjectMetadata, Table rows included', async () => {
    const table = await json(cluster, `${CM}?fieldSelector=metadata.name%3Dmf-a`, {accept: TABLE});
    assert.ok(table.body.rows[0].object.metadata.managedFields.length > 0);
    const partial = await json(cluster, `${CM}/mf-a`, {accept: 'application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io'});
    assert.ok(partial.body.metadata.managedFields.length > 0);
  });
});
