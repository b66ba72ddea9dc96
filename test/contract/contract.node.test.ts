import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {KubeApiError, createKubeClient, fieldSelectorValue, splitTimestamp, type KubeObject, type Transport, type WatchEvent} from '../../src/client/index.js';
import {CLUSTER, startTarget, type ContractTarget} from './targets.js';

let target: ContractTarget;
before(async () => {
  target = await startTarget();
  console.log(`contract target: ${target.name} at ${target.url}`);
});
after(async () => target?.stop());

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

async function rejection(promise: Promise<unknown>): Promise<KubeApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof KubeApiError, `expected a KubeApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the request to fail');
}

type Pod = KubeObject<{containers: Array<{name: string}>}, {phase?: string}>;

/** Seeded pods of team-a that are running, by container count. */
async function runningPods(containers: 'one' | 'several') {
  const pods = await target.client().list<Pod>(CLUSTER, 'pods', {namespace: 'team-a'});
  return pods.items.filter(
    (pod) => pod.status?.phase === 'Running' && (containers === 'one' ? pod.spec!.containers.length === 1 : pod.spec!.containers.length > 1)
  );
}

describe('discovery', () => {
  it('finds built-ins and the Database CRD with its subresources', async () => {
    const client = target.client();
    const pods = await client.resolve(CLUSTER, 'po');
    assert.deepEqual([pods.group, pods.version, pods.kind, pods.namespaced], ['', 'v1', 'Pod', true]);
    assert.ok(pods.subresources.includes('log') && pods.subresources.includes('eviction'), `pods subresources ${pods.subresources}`);
    const deployments = await client.resolve(CLUSTER, 'deploy');
    assert.deepEqual([deployments.group, deployments.version], ['apps', 'v1']);
    assert.ok(deployments.subresources.includes('scale'));
    assert.equal((await client.resolve(CLUSTER, 'nodes')).namespaced, false);
    const db = await client.resolve(CLUSTER, 'db');
    assert.deepEqual(
      [db.group, db.version, db.resource, db.kind, db.singular, db.namespaced],
      ['sandbox.kube-elements.io', 'v1', 'databases', 'Database', 'database', true]
    );
    assert.deepEqual([...db.subresources].sort(), ['scale', 'status']);
    assert.match((await client.version(CLUSTER)).gitVersion, /^v1\.3\d+\.\d+/);
  });
});

describe('a CRD that changes under a client', () => {
  type Snapshot = {items: ReadonlyMap<string, KubeObject>; listed: boolean; status: string; error?: Error; type?: {version: string}};
  const group = `${unique('g')}.contract.example`;
  const plural = 'gadgets';
  const crdName = `${plural}.${group}`;
  const schema = {openAPIV3Schema: {type: 'object', 'x-kubernetes-preserve-unknown-fields': true}};
  const versions = (served: 'v1alpha1' | 'v1') =>
    ['v1alpha1', 'v1'].map((name) => ({name, served: name === served, storage: name === served, schema}));
  /** What a client that has never discovered anything finds: the server's current state. */
  const discovered = async () => {
    try {
      return (await target.client().resolve(CLUSTER, plural)).version;
    } catch {
      return undefined;
    }
  };
  const settle = async (expected: string | undefined) => {
    const deadline = Date.now() + 30_000;
    while ((await discovered()) !== expected) {
      if (Date.now() > deadline) throw new Error(`discovery never showed ${plural} at ${expected}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  after(async () => {
    await target.client().delete(CLUSTER, 'customresourcedefinitions', {name: crdName}).catch(() => {});
  });

  it('a list follows its CRD to the version now served, and says the type is gone when it goes', async () => {
    const admin = target.client();
    await admin.create(CLUSTER, {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: {name: crdName},
      spec: {group, scope: 'Namespaced', names: {plural, singular: 'gadget', kind: 'Gadget', listKind: 'GadgetList'}, versions: versions('v1alpha1')},
    });
    await settle('v1alpha1');
    // This client discovers the CRD at v1alpha1 and keeps that description.
    const client = target.client();
    assert.equal((await client.resolve(CLUSTER, plural)).version, 'v1alpha1');

    // The CRD now serves v1 alone: v1alpha1's paths answer 404.
    const crd = await admin.get(CLUSTER, 'customresourcedefinitions', {name: crdName});
    await admin.replace(CLUSTER, {...crd, spec: {...(crd.spec as object), versions: versions('v1')}});
    await settle('v1');
    await target.client().create(CLUSTER, {apiVersion: `${group}/v1`, kind: 'Gadget', metadata: {name: 'one', namespace: 'team-a'}});
    // Discovery is asked again for a 404 at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    let snapshot: Snapshot | undefined;
    const seen: string[] = [];
    let stop = client.subscribe({cluster: CLUSTER, resource: plural, namespace: 'team-a'}, (s) => {
      snapshot = s;
      seen.push(s.error ? `${s.status} ${(s.error as KubeApiError).code}` : s.status);
    });
    try {
      await until(() => snapshot?.status === 'ready' && snapshot.items.has('team-a/one'), 20_000);
      assert.equal(snapshot!.type?.version, 'v1');
      assert.ok(seen.includes('error 404'), `the stale version was tried first: ${seen.join(', ')}`);
    } finally {
      stop();
    }

    // Discovered at v1, then the CRD is deleted: the list says the type is gone, not just "404".
    const gone = target.client();
    assert.equal((await gone.resolve(CLUSTER, plural)).version, 'v1');
    await admin.delete(CLUSTER, 'customresourcedefinitions', {name: crdName});
    await settle(undefined);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    snapshot = undefined;
    stop = gone.subscribe({cluster: CLUSTER, resource: plural, namespace: 'team-a'}, (s) => (snapshot = s));
    try {
      await until(() => snapshot?.error?.message.includes(`doesn't have a resource type "${plural}"`) === true, 20_000);
      assert.equal(snapshot!.status, 'error');
      assert.equal(snapshot!.items.size, 0);
    } finally {
      stop();
    }
  });
});

describe('lists', () => {
  it('pages with limit and continue, and the pages add up to the whole list', async () => {
    const client = target.client();
    const whole = await client.list(CLUSTER, 'pods', {namespace: 'team-a'});
    assert.ok(whole.items.length >= 3, `team-a has ${whole.items.length} pods`);
    const first = await client.list(CLUSTER, 'pods', {namespace: 'team-a', limit: 2});
    assert.equal(first.items.length, 2);
    assert.ok(first.metadata.continue, 'a continue token');
    assert.equal(first.metadata.remainingItemCount, whole.items.length - 2);
    const paged = await client.listAll(CLUSTER, 'pods', {namespace: 'team-a', limit: 1});
    assert.deepEqual(
      paged.items.map((p) => p.metadata.name),
      whole.items.map((p) => p.metadata.name)
    );
  });

  it('filters by label and field selectors', async () => {
    const client = target.client();
    const web = await client.list(CLUSTER, 'pods', {namespace: 'team-a', labelSelector: 'app in (web)'});
    assert.ok(web.items.length >= 1);
    assert.ok(web.items.every((p) => p.metadata.labels?.app === 'web'));
    const [one] = web.items;
    const byName = await client.list(CLUSTER, 'pods', {namespace: 'team-a', fieldSelector: `metadata.name=${one!.metadata.name}`});
    assert.deepEqual(byName.items.map((p) => p.metadata.name), [one!.metadata.name]);
    const running = await client.list<Pod>(CLUSTER, 'pods', {fieldSelector: 'status.phase=Running'});
    assert.ok(running.items.every((p) => p.status?.phase === 'Running'));
    // A value escaped as the server reads it: ',' and '=' in it add no requirement and break none.
    const escaped = await client.list(CLUSTER, 'pods', {namespace: 'team-a', fieldSelector: `metadata.name=${fieldSelectorValue(one!.metadata.name!)}`});
    assert.deepEqual(escaped.items.map((p) => p.metadata.name), [one!.metadata.name]);
    const odd = await client.list(CLUSTER, 'pods', {namespace: 'team-a', fieldSelector: `metadata.name=${fieldSelectorValue(`${one!.metadata.name},status.phase=Running`)}`});
    assert.deepEqual(odd.items, []);
    for (const bad of ['metadata.name=a\\x', 'metadata.name=a=b']) {
      await assert.rejects(client.list(CLUSTER, 'pods', {namespace: 'team-a', fieldSelector: bad}), (error: {code?: number}) => error.code === 400, bad);
    }
  });
});

describe('Table output', () => {
  it('prints the columns kubectl shows for pods, deployments and the CRD', async () => {
    const client = target.client();
    const pods = await client.listTable(CLUSTER, 'pods', {namespace: 'team-a'});
    assert.deepEqual(
      pods.columnDefinitions.map((c) => c.name),
      ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']
    );
    assert.deepEqual(pods.columnDefinitions.map((c) => c.priority ?? 0), [0, 0, 0, 0, 0, 1, 1, 1, 1]);
    const row = pods.rows.find((r) => r.cells[2] === 'Running')!;
    assert.match(String(row.cells[1]), /^\d+\/\d+$/);
    assert.equal(typeof row.cells[3], 'string');
    assert.equal(row.object?.kind, 'PartialObjectMetadata');
    const deployments = await client.listTable(CLUSTER, 'deployments', {namespace: 'team-a'});
    assert.deepEqual(
      deployments.columnDefinitions.map((c) => c.name),
      ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']
    );
    const databases = await client.listTable(CLUSTER, 'databases', {namespace: 'team-a'});
    assert.deepEqual(databases.columnDefinitions.map((c) => c.name), ['Name', 'Engine', 'Version', 'Replicas', 'Ready', 'Phase', 'Age']);
    const orders = databases.rows.find((r) => r.cells[0] === 'orders-db')!;
    assert.deepEqual(orders.cells.slice(0, 4), ['orders-db', 'postgres', '16.4', 3]);
  });
});

describe('watch', () => {
  it('streams ADDED, MODIFIED and DELETED from the list resourceVersion, and a BOOKMARK', async () => {
    const client = target.client();
    const name = unique('watched');
    const list = await client.list(CLUSTER, 'configmaps', {namespace: 'team-a'});
    const events: WatchEvent[] = [];
    const abort = new AbortController();
    const watching = (async () => {
      for await (const event of client.watch(CLUSTER, 'configmaps', {
        namespace: 'team-a',
        resourceVersion: list.metadata.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: 6,
        signal: abort.signal,
      })) {
        events.push(event);
      }
    })().catch((error: Error) => (error.name === 'AbortError' ? undefined : Promise.reject(error)));
    await client.create(CLUSTER, {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: 'team-a'}, data: {a: '1'}});
    await client.patch(CLUSTER, 'configmaps', {namespace: 'team-a', name}, {data: {a: '2'}}, {type: 'merge'});
    await client.delete(CLUSTER, 'configmaps', {namespace: 'team-a', name});
    await watching;
    const mine = events.filter((e) => e.object.metadata?.name === name).map((e) => e.type);
    assert.deepEqual(mine, ['ADDED', 'MODIFIED', 'DELETED']);
    const bookmark = events.find((e) => e.type === 'BOOKMARK');
    assert.ok(bookmark, `a BOOKMARK before the server's timeout (got ${events.map((e) => e.type)})`);
    assert.ok(bookmark.object.metadata.resourceVersion);
  });

  it('answers a watch from a compacted resourceVersion with 410 Gone', async () => {
    const client = target.client();
    const {metadata} = await client.list(CLUSTER, 'serviceaccounts', {namespace: 'team-a'});
    await client.create(CLUSTER, {apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: unique('sa'), namespace: 'team-a'}});
    await target.compact();
    const error = await rejection(
      (async () => {
        for await (const event of client.watch(CLUSTER, 'serviceaccounts', {namespace: 'team-a', resourceVersion: metadata.resourceVersion, timeoutSeconds: 5})) {
          void event;
        }
      })()
    );
    assert.equal(error.code, 410);
    assert.ok(error.isGone);
  });

  it('an informer whose resourceVersion was compacted while it was cut off re-lists and ends up exact', async () => {
    const base = target.transport();
    const watches = new Set<AbortController>();
    let offline = false;
    let lists = 0;
    // A network between client and server that the test can cut: open watches drop, new ones fail.
    const transport: Transport = {
      ...base,
      request: async (request) => {
        const watch = request.path.includes('watch=1');
        if (request.path.startsWith('/api/v1/namespaces/team-a/serviceaccounts') && !watch) lists++;
        if (!watch) return base.request(request);
        if (offline) throw new TypeError('network is down');
        const abort = new AbortController();
        watches.add(abort);
        request.signal?.addEventListener('abort', () => abort.abort());
        return base.request({...request, signal: abort.signal});
      },
    };
    const client = createKubeClient({transport, informers: {backoff: {initialMs: 100, maxMs: 300}}});
    const admin = target.client();
    const [kept, removed, added] = [unique('kept'), unique('removed'), unique('added')];
    for (const name of [kept, removed]) await admin.create(CLUSTER, {apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name, namespace: 'team-a'}});
    let snapshot: {items: ReadonlyMap<string, KubeObject>; listed: boolean; status: string} | undefined;
    const stop = client.subscribe({cluster: CLUSTER, resource: 'serviceaccounts', namespace: 'team-a'}, (s) => (snapshot = s));
    try {
      await until(() => snapshot?.listed === true && snapshot.items.has(`team-a/${removed}`));
      assert.equal(lists, 1);
      offline = true;
      for (const abort of watches) abort.abort();
      await admin.delete(CLUSTER, 'serviceaccounts', {namespace: 'team-a', name: removed});
      await admin.create(CLUSTER, {apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: added, namespace: 'team-a'}});
      await target.compact();
      offline = false;
      // Items are right page by page during the re-list; it is over when the status is ready again.
      await until(() => snapshot!.status === 'ready' && snapshot!.items.has(`team-a/${added}`) && !snapshot!.items.has(`team-a/${removed}`), 20_000);
      assert.equal(lists, 2, 'one re-list after 410 Gone');
      assert.ok(snapshot!.items.has(`team-a/${kept}`));
    } finally {
      stop();
      client.dispose();
      for (const name of [kept, added]) await admin.delete(CLUSTER, 'serviceaccounts', {namespace: 'team-a', name});
    }
  });

  it('an informer lists, then applies live changes', async () => {
    const client = target.client();
    const name = unique('informed');
    let snapshot: {items: ReadonlyMap<string, KubeObject>; listed: boolean} | undefined;
    const stop = client.subscribe({cluster: CLUSTER, resource: 'configmaps', namespace: 'team-a'}, (s) => (snapshot = s));
    try {
      await until(() => snapshot?.listed === true);
      await client.create(CLUSTER, {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: 'team-a'}});
      await until(() => snapshot!.items.has(`team-a/${name}`));
      await client.delete(CLUSTER, 'configmaps', {namespace: 'team-a', name});
      await until(() => !snapshot!.items.has(`team-a/${name}`));
    } finally {
      stop();
    }
  });
});

describe('access', () => {
  const cases: Array<[identity: 'admin' | 'developer' | 'viewer', verb: string, resource: string, namespace: string | undefined, allowed: boolean]> = [
    ['admin', 'delete', 'nodes', undefined, true],
    ['admin', 'delete', 'pods', 'team-b', true],
    ['developer', 'delete', 'pods', 'team-a', true],
    ['developer', 'update', 'deployments', 'team-a', true],
    ['developer', 'delete', 'pods', 'team-b', false],
    ['developer', 'list', 'pods', 'team-b', true],
    ['developer', 'list', 'pods', 'kube-system', false],
    ['developer', 'list', 'namespaces', undefined, false],
    ['developer', 'patch', 'databases', 'team-a', true],
    ['developer', 'patch', 'databases', 'team-b', false],
    ['viewer', 'list', 'pods', 'kube-system', true],
    ['viewer', 'get', 'databases', 'team-b', true],
    ['viewer', 'delete', 'pods', 'team-a', false],
  ];
  for (const [identity, verb, resource, namespace, allowed] of cases) {
    it(`SSAR: ${identity} ${allowed ? 'may' : 'may not'} ${verb} ${resource}${namespace ? ` in ${namespace}` : ''}`, async () => {
      assert.equal(await target.client(identity).can(CLUSTER, verb, resource, {namespace}), allowed);
    });
  }

  it('SSAR: subresources are their own permission', async () => {
    const developer = target.client('developer');
    assert.equal(await developer.can(CLUSTER, 'update', 'deployments', {namespace: 'team-a', subresource: 'scale'}), true);
    assert.equal(await developer.can(CLUSTER, 'get', 'pods', {namespace: 'team-b', subresource: 'log'}), true);
    assert.equal(await developer.can(CLUSTER, 'create', 'pods', {namespace: 'team-b', subresource: 'eviction'}), false);
  });

  it('SSRR: the developer finds team-a and team-b usable, and nothing else', async () => {
    const developer = target.client('developer');
    const found = await developer.accessibleNamespaces(CLUSTER, ['default', 'team-a', 'team-b', 'kube-system']);
    assert.deepEqual(found, {namespaces: ['team-a', 'team-b'], source: 'rules'});
    const rules = await developer.access.rules(CLUSTER, 'team-a');
    assert.equal(rules.incomplete, false);
    assert.ok(rules.resourceRules.some((rule) => rule.verbs.includes('delete') && rule.resources?.includes('pods')));
    const viewer = await target.client('viewer').accessibleNamespaces(CLUSTER);
    assert.equal(viewer.source, 'list');
    assert.ok(['default', 'team-a', 'team-b', 'kube-system'].every((ns) => viewer.namespaces.includes(ns)));
  });

  it('401 without credentials or with an unknown token, as a Status', async () => {
    for (const identity of ['anonymous', 'bogus'] as const) {
      const error = await rejection(target.client(identity).list(CLUSTER, 'pods', {namespace: 'team-a'}));
      assert.deepEqual([error.code, error.reason, error.message], [401, 'Unauthorized', 'Unauthorized'], identity);
    }
  });

  it('403 names the user, verb, resource, group and namespace', async () => {
    const developer = target.client('developer');
    const namespaced = await rejection(developer.list(CLUSTER, 'pods', {namespace: 'kube-system'}));
    assert.deepEqual([namespaced.code, namespaced.reason], [403, 'Forbidden']);
    assert.equal(namespaced.message, 'pods is forbidden: User "sandbox-developer" cannot list resource "pods" in API group "" in the namespace "kube-system"');
    assert.deepEqual(namespaced.details, {kind: 'pods'});
    const clusterScoped = await rejection(developer.list(CLUSTER, 'namespaces'));
    assert.equal(clusterScoped.message, 'namespaces is forbidden: User "sandbox-developer" cannot list resource "namespaces" in API group "" at the cluster scope');
  });
});

describe('writes', () => {
  it('scales a deployment and the CRD through the scale subresource', async () => {
    const client = target.client();
    const {items} = await client.list(CLUSTER, 'deployments', {namespace: 'team-a'});
    const deployment = items[0]!;
    const ref = {namespace: 'team-a', name: deployment.metadata.name!};
    const before = await client.getScale(CLUSTER, 'deployments', ref);
    assert.equal(before.kind, 'Scale');
    const replicas = (before.spec?.replicas ?? 1) + 1;
    const scaled = await client.setScale(CLUSTER, 'deployments', ref, replicas);
    assert.equal(scaled.spec?.replicas, replicas);
    const fetched = await client.get<KubeObject<{replicas: number}>>(CLUSTER, 'deployments', ref);
    assert.equal(fetched.spec?.replicas, replicas);
    await client.setScale(CLUSTER, 'deployments', ref, replicas - 1);
    const db = await client.setScale(CLUSTER, 'databases', {namespace: 'team-a', name: 'orders-db'}, 4);
    assert.equal(db.spec?.replicas, 4);
    const dbObject = await client.get<KubeObject<{replicas: number}>>(CLUSTER, 'databases', {namespace: 'team-a', name: 'orders-db'});
    assert.equal(dbObject.spec?.replicas, 4);
    await client.setScale(CLUSTER, 'databases', {namespace: 'team-a', name: 'orders-db'}, 3);
  });

  it('merge, strategic merge, JSON and apply patches', async () => {
    const client = target.client();
    const name = unique('patched');
    const ref = {namespace: 'team-a', name};
    await client.create(CLUSTER, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {name, namespace: 'team-a', labels: {app: name}},
      spec: {
        replicas: 0,
        selector: {matchLabels: {app: name}},
        template: {metadata: {labels: {app: name}}, spec: {containers: [{name: 'app', image: 'nginx:1.27'}, {name: 'sidecar', image: 'envoy:1.31'}]}},
      },
    });
    type Deployment = KubeObject<{replicas: number; template: {spec: {containers: Array<{name: string; image: string}>}}}>;
    const merged = await client.patch<Deployment>(CLUSTER, 'deployments', ref, {metadata: {labels: {tier: 'front'}}}, {type: 'merge'});
    assert.deepEqual(merged.metadata.labels, {app: name, tier: 'front'});
    const strategic = await client.patch<Deployment>(
      CLUSTER,
      'deployments',
      ref,
      {spec: {template: {spec: {containers: [{name: 'app', image: 'nginx:1.28'}]}}}},
      {type: 'strategic'}
    );
    assert.deepEqual(
      strategic.spec!.template.spec.containers.map((c) => `${c.name}=${c.image}`),
      ['app=nginx:1.28', 'sidecar=envoy:1.31'],
      'containers merged by name'
    );
    const jsonPatched = await client.patch<Deployment>(CLUSTER, 'deployments', ref, [{op: 'replace', path: '/spec/replicas', value: 2}], {type: 'json'});
    assert.equal(jsonPatched.spec!.replicas, 2);
    const applied = await client.patch<KubeObject>(
      CLUSTER,
      'configmaps',
      {namespace: 'team-a', name},
      {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: 'team-a'}, data: {owner: 'contract'}},
      {type: 'apply', fieldManager: 'kube-elements-contract', force: true}
    );
    assert.deepEqual(applied.data, {owner: 'contract'});
    const managers = ((applied.metadata.managedFields ?? []) as Array<{manager: string; operation: string}>).map((m) => `${m.manager}/${m.operation}`);
    assert.ok(managers.includes('kube-elements-contract/Apply'), `managedFields ${managers}`);
    await client.delete(CLUSTER, 'deployments', ref);
    await client.delete(CLUSTER, 'configmaps', ref);
  });

  it('apply: 409 Conflict names the manager owning a field; force takes it over', async () => {
    const client = target.client();
    const name = unique('applied');
    const ref = {namespace: 'team-a', name};
    const config = (value: string) => ({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: 'team-a'}, data: {key: value}});
    await client.patch(CLUSTER, 'configmaps', ref, config('v1'), {type: 'apply', fieldManager: 'contract-owner'});
    const error = await rejection(client.patch(CLUSTER, 'configmaps', ref, config('v2'), {type: 'apply', fieldManager: 'contract-other'}));
    assert.deepEqual([error.code, error.reason], [409, 'Conflict']);
    assert.equal(error.message, 'Apply failed with 1 conflict: conflict with "contract-owner": .data.key');
    assert.deepEqual(error.details?.causes, [{reason: 'FieldManagerConflict', message: 'conflict with "contract-owner"', field: '.data.key'}]);
    const forced = await client.patch<KubeObject>(CLUSTER, 'configmaps', ref, config('v2'), {type: 'apply', fieldManager: 'contract-other', force: true});
    assert.deepEqual(forced.data, {key: 'v2'});
    const entries = (forced.metadata.managedFields ?? []) as Array<{manager: string; operation: string; fieldsV1: unknown}>;
    assert.deepEqual(entries.map((e) => [e.manager, e.operation, e.fieldsV1]), [['contract-other', 'Apply', {'f:data': {'f:key': {}}}]]);
    await client.delete(CLUSTER, 'configmaps', ref);
  });

  it('409 Conflict when replacing with a stale resourceVersion', async () => {
    const client = target.client();
    const name = unique('conflict');
    const created = await client.create(CLUSTER, {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: 'team-a'}, data: {v: '1'}});
    await client.replace(CLUSTER, {...created, data: {v: '2'}});
    const error = await rejection(client.replace(CLUSTER, {...created, data: {v: '3'}}));
    assert.deepEqual([error.code, error.reason], [409, 'Conflict']);
    assert.equal(error.message, `Operation cannot be fulfilled on configmaps "${name}": the object has been modified; please apply your changes to the latest version and try again`);
    const exists = await rejection(client.create(CLUSTER, {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: 'team-a'}}));
    assert.deepEqual([exists.code, exists.reason, exists.message], [409, 'AlreadyExists', `configmaps "${name}" already exists`]);
    const missing = await rejection(client.get(CLUSTER, 'configmaps', {namespace: 'team-a', name: `${name}-missing`}));
    assert.deepEqual([missing.code, missing.reason, missing.message], [404, 'NotFound', `configmaps "${name}-missing" not found`]);
    await client.delete(CLUSTER, 'configmaps', {namespace: 'team-a', name});
  });
});

describe('pod logs', () => {
  it('tails with timestamps', async () => {
    const [pod] = await runningPods('one');
    assert.ok(pod, 'a running single-container pod in team-a');
    const lines: string[] = [];
    for await (const line of target.client().podLogs(CLUSTER, {namespace: 'team-a', pod: pod.metadata.name!, tailLines: 5, timestamps: true})) lines.push(line);
    assert.equal(lines.length, 5);
    for (const line of lines) assert.ok(splitTimestamp(line).timestamp, `timestamped: ${line}`);
  });

  it('follows: lines keep arriving while streaming', async () => {
    const [pod] = await runningPods('one');
    const abort = new AbortController();
    const lines: string[] = [];
    const started = Date.now();
    const reading = (async () => {
      for await (const line of target.client().podLogs(CLUSTER, {namespace: 'team-a', pod: pod!.metadata.name!, follow: true, tailLines: 0, signal: abort.signal})) {
        lines.push(line);
        if (lines.length === 2) abort.abort();
      }
    })().catch((error: Error) => (error.name === 'AbortError' ? undefined : Promise.reject(error)));
    const timer = setTimeout(() => abort.abort(), 15_000);
    await reading;
    clearTimeout(timer);
    assert.equal(lines.length, 2, `two new lines within 15 s (got ${lines.length} in ${Date.now() - started} ms)`);
  });

  it('400 with the server message for a multi-container pod without `container`', async () => {
    const [pod] = await runningPods('several');
    assert.ok(pod, 'a running multi-container pod in team-a');
    const names = pod.spec!.containers.map((c) => c.name).join(' ');
    const error = await rejection(
      (async () => {
        for await (const line of target.client().podLogs(CLUSTER, {namespace: 'team-a', pod: pod.metadata.name!})) void line;
      })()
    );
    assert.deepEqual([error.code, error.reason], [400, 'BadRequest']);
    assert.equal(error.message, `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names}]`);
  });
});

async function until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
