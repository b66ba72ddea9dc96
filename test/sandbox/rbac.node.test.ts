import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {createSandbox} from '../../src/sandbox/index.js';
import {json} from './helpers.js';

const sandbox = createSandbox({clusters: 1});
const cluster = sandbox.clusters.get('sandbox')!;
after(() => sandbox.dispose());

const ssar = (token: string, attrs: Record<string, string>) =>
  json(cluster, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {method: 'POST', token, body: {apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: {resourceAttributes: attrs}}});

describe('sandbox RBAC', () => {
  it('answers 401 without a token', async () => {
    const res = await json(cluster, '/api/v1/pods', {token: null});
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401});
  });

  it('answers 403 worded like kube-apiserver', async () => {
    const ns = await json(cluster, '/api/v1/namespaces/team-b/pods', {method: 'POST', token: 'sandbox-developer', body: {metadata: {name: 'x'}, spec: {containers: [{name: 'a', image: 'b'}]}}});
    assert.equal(ns.status, 403);
    assert.equal(ns.body.message, 'pods is forbidden: User "sandbox-developer" cannot create resource "pods" in API group "" in the namespace "team-b"');
    assert.deepEqual(ns.body.details, {kind: 'pods'});
    const cluster403 = await json(cluster, '/api/v1/namespaces', {token: 'sandbox-developer'});
    assert.equal(cluster403.body.message, 'namespaces is forbidden: User "sandbox-developer" cannot list resource "namespaces" in API group "" at the cluster scope');
    const named = await json(cluster, '/apis/apps/v1/namespaces/team-b/deployments/catalog/scale', {method: 'PATCH', token: 'sandbox-viewer', contentType: 'application/merge-patch+json', body: {spec: {replicas: 1}}});
    assert.equal(named.body.message, 'deployments.apps "catalog" is forbidden: User "sandbox-viewer" cannot patch resource "deployments/scale" in API group "apps" in the namespace "team-b"');
    assert.deepEqual(named.body.details, {name: 'catalog', group: 'apps', kind: 'deployments'});
  });

  it('lets everyone authenticated read discovery and /version', async () => {
    for (const token of ['sandbox-admin', 'sandbox-developer', 'sandbox-viewer']) {
      assert.equal((await json(cluster, '/version', {token})).status, 200);
      assert.equal((await json(cluster, '/apis', {token})).status, 200);
    }
  });

  it('evaluates SelfSubjectAccessReview for the three identities', async () => {
    const cases: Array<[string, Record<string, string>, boolean]> = [
      ['sandbox-admin', {verb: 'delete', resource: 'nodes'}, true],
      ['sandbox-developer', {verb: 'create', group: 'apps', resource: 'deployments', namespace: 'team-a'}, true],
      ['sandbox-developer', {verb: 'list', resource: 'pods', namespace: 'team-b'}, true],
      ['sandbox-developer', {verb: 'delete', resource: 'pods', namespace: 'team-b'}, false],
      ['sandbox-developer', {verb: 'list', resource: 'namespaces'}, false],
      ['sandbox-developer', {verb: 'get', resource: 'pods', subresource: 'log', namespace: 'team-b'}, true],
      ['sandbox-developer', {verb: 'patch', group: 'sandbox.kube-elements.io', resource: 'databases', subresource: 'scale', namespace: 'team-a'}, true],
      ['sandbox-developer', {verb: 'list', group: 'sandbox.kube-elements.io', resource: 'databases', namespace: 'team-b'}, true],
      ['sandbox-viewer', {verb: 'list', resource: 'pods', namespace: 'kube-system'}, true],
      ['sandbox-viewer', {verb: 'list', resource: 'secrets', namespace: 'team-a'}, false],
      ['sandbox-viewer', {verb: 'update', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'team-a'}, false],
      ['sandbox-viewer', {verb: 'list', group: 'sandbox.kube-elements.io', resource: 'databases'}, true],
    ];
    for (const [token, attrs, allowed] of cases) {
      const res = await ssar(token, attrs);
      assert.equal(res.status, 201);
      assert.equal(res.body.status.allowed, allowed, `${token} ${JSON.stringify(attrs)}`);
    }
    const reason = (await ssar('sandbox-developer', {verb: 'list', resource: 'pods', namespace: 'team-a'})).body.status.reason;
    assert.equal(reason, 'RBAC: allowed by RoleBinding "sandbox-developer-edit/team-a" of ClusterRole "edit" to User "sandbox-developer"');
  });

  it('lists rules with SelfSubjectRulesReview', async () => {
    const review = (token: string, namespace: string) => json(cluster, '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {method: 'POST', token, body: {apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: {namespace}}});
    const dev = (await review('sandbox-developer', 'team-a')).body.status;
    assert.equal(dev.incomplete, false);
    assert.ok(dev.resourceRules.some((r: any) => r.apiGroups.includes('apps') && r.resources.includes('deployments') && r.verbs.includes('create')));
    assert.ok(dev.nonResourceRules.some((r: any) => r.nonResourceURLs.includes('/version')));
    const devB = (await review('sandbox-developer', 'team-b')).body.status;
    assert.ok(!devB.resourceRules.some((r: any) => r.resources.includes('deployments') && r.verbs.includes('create')));
    const admin = (await review('sandbox-admin', 'default')).body.status;
    assert.ok(admin.resourceRules.some((r: any) => r.verbs.includes('*') && r.resources.includes('*')));
  });

  it('aggregates the Database roles into view and edit', () => {
    const view = cluster.get('rbac.authorization.k8s.io/v1', 'ClusterRole', undefined, 'view') as any;
    const edit = cluster.get('rbac.authorization.k8s.io/v1', 'ClusterRole', undefined, 'edit') as any;
    assert.ok(view.rules.some((r: any) => r.resources?.includes('databases') && r.verbs.includes('list')));
    assert.ok(edit.rules.some((r: any) => r.resources?.includes('databases/scale') && r.verbs.includes('patch')));
    assert.ok(edit.rules.some((r: any) => r.resources?.includes('databases') && r.verbs.includes('list')));
  });
});
