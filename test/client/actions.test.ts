import {expect} from '@open-wc/testing';
import {createKubeClient, inMemoryTransport, KubeApiError, type KubeClient, type KubeObject} from '../../src/client/index.js';
import {
  RESTARTED_AT,
  builtinApplies,
  builtinPermissions,
  drainNode,
  evictPod,
  firstDenial,
  parseMetadataChanges,
  patchMetadata,
  permissionCheck,
  resolveTarget,
  restartTarget,
  runCronJobNow,
  runForEach,
  scaleTarget,
  targetOf,
  type BuiltinActionId,
} from '../../src/client/actions/index.js';
import {createSandbox, type Sandbox} from '../../src/sandbox/index.js';

let sandbox: Sandbox;
let clients: KubeClient[] = [];
beforeEach(() => {
  sandbox = createSandbox({seed: 1, clusters: 1});
});
afterEach(() => {
  for (const client of clients) client.dispose();
  clients = [];
  sandbox.dispose();
});

function client(token = 'sandbox-admin') {
  const made = createKubeClient({transport: inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => token})});
  clients.push(made);
  return made;
}

const target = (c: KubeClient, resource: string, namespace: string | undefined, name: string) => resolveTarget(c, {cluster: 'sandbox', resource, namespace, name});

describe('client actions', () => {
  describe('permissions', () => {
    it('asks for the exact attributes kubectl would need', async () => {
      const c = client();
      const deploy = await target(c, 'deployments', 'team-a', 'web');
      const node = await target(c, 'nodes', 'ignored', 'worker');
      const pod = await target(c, 'pods', 'team-a', 'p');
      const checks = (id: BuiltinActionId, t: typeof deploy) => builtinPermissions(id, t.type).map((p) => permissionCheck(p, t));
      expect(checks('scale', deploy)).to.deep.equal([{verb: 'update', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'team-a', name: 'web'}]);
      expect(checks('restart', deploy)).to.deep.equal([{verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'team-a', name: 'web'}]);
      expect(checks('rollback', deploy)).to.deep.equal([
        {verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'team-a', name: 'web'},
        {verb: 'list', group: 'apps', resource: 'replicasets', namespace: 'team-a'},
      ]);
      expect(checks('drain', node)).to.deep.equal([
        {verb: 'patch', group: '', resource: 'nodes', name: 'worker'},
        {verb: 'list', group: '', resource: 'pods'},
        {verb: 'create', group: '', resource: 'pods', subresource: 'eviction'},
      ]);
      expect(checks('logs', pod)).to.deep.equal([{verb: 'get', group: '', resource: 'pods', subresource: 'log', namespace: 'team-a', name: 'p'}]);
      expect(checks('logs', deploy)).to.deep.equal([{verb: 'get', group: '', resource: 'pods', subresource: 'log', namespace: 'team-a'}]);
      expect(checks('force-delete', pod)).to.deep.equal([{verb: 'delete', group: '', resource: 'pods', namespace: 'team-a', name: 'p'}]);
    });

    it('offers scale wherever discovery lists a scale subresource, custom resources included', async () => {
      const c = client();
      const db = await c.resolve('sandbox', 'databases');
      const cm = await c.resolve('sandbox', 'configmaps');
      const rs = await c.resolve('sandbox', 'replicasets');
      expect([builtinApplies('scale', db), builtinApplies('scale', rs), builtinApplies('scale', cm)]).to.deep.equal([true, true, false]);
      expect(builtinApplies('restart', rs)).to.equal(false);
    });

    it('reports the first denied permission with the authorizer answer', async () => {
      const c = client('sandbox-developer');
      const deploy = await target(c, 'deployments', 'team-b', 'catalog');
      const denial = await firstDenial(c, deploy, builtinPermissions('delete', deploy.type));
      expect(denial?.check).to.deep.equal({verb: 'delete', group: 'apps', resource: 'deployments', namespace: 'team-b', name: 'catalog'});
      expect(denial?.decision.allowed).to.equal(false);
      expect(await firstDenial(c, await target(c, 'deployments', 'team-a', 'web'), builtinPermissions('delete', deploy.type))).to.equal(undefined);
    });
  });

  describe('changes', () => {
    it('parses label changes like kubectl label, and rejects lines it cannot read', () => {
      expect(parseMetadataChanges('tier=web\n\n owner = team-a \nold-')).to.deep.equal({tier: 'web', owner: 'team-a', old: null});
      expect(() => parseMetadataChanges('just-a-word')).to.throw(SyntaxError, 'just-a-word');
      expect(() => parseMetadataChanges('=value')).to.throw(SyntaxError);
    });

    it('patches labels, restarts and scales a custom resource', async () => {
      const c = client();
      const deploy = await target(c, 'deployments', 'team-a', 'web');
      await patchMetadata(c, deploy, 'labels', {tier: 'web', 'app.kubernetes.io/name': null});
      const labelled = await c.get('sandbox', 'deployments', {namespace: 'team-a', name: 'web'});
      expect(labelled.metadata.labels).to.deep.equal({app: 'web', tier: 'web'});
      await restartTarget(c, deploy, {now: new Date('2026-05-06T07:08:09Z')});
      const restarted = await c.get<KubeObject<{template: {metadata: {annotations: Record<string, string>}}}>>('sandbox', 'deployments', {namespace: 'team-a', name: 'web'});
      expect(restarted.spec!.template.metadata.annotations[RESTARTED_AT]).to.equal('2026-05-06T07:08:09.000Z');
      const db = await target(c, 'db', 'team-a', 'orders-db');
      await scaleTarget(c, db, 1);
      expect((await c.get<KubeObject<{replicas: number}>>('sandbox', 'databases', {namespace: 'team-a', name: 'orders-db'})).spec!.replicas).to.equal(1);
      expect(() => scaleTarget(c, db, -1)).to.throw(RangeError);
    });

    it('scales with update on the scale subresource: GET, then PUT with the resourceVersion, read again after a 409 up to five times', async () => {
      const c = client();
      const deploy = await target(c, 'deployments', 'team-a', 'api');
      const stats = sandbox.clusters.get('sandbox')!.stats;
      const path = '/apis/apps/v1/namespaces/team-a/deployments/api/scale';
      stats.reset();
      await scaleTarget(c, deploy, 3);
      expect([stats.count('GET', path), stats.count('PUT', path), stats.count('PATCH', path)]).to.deep.equal([1, 1, 0]);
      expect((await c.getScale('sandbox', 'deployments', {namespace: 'team-a', name: 'api'})).spec!.replicas).to.equal(3);
      sandbox.clusters.get('sandbox')!.failNext(`PUT ${path}`, 409);
      stats.reset();
      await scaleTarget(c, deploy, 4);
      expect([stats.count('GET', path), stats.count('PUT', path)], 'read again and retried').to.deep.equal([2, 2]);
      expect((await c.getScale('sandbox', 'deployments', {namespace: 'team-a', name: 'api'})).spec!.replicas).to.equal(4);
      sandbox.clusters.get('sandbox')!.failNext(`PUT ${path}`, 409, 4);
      await scaleTarget(c, deploy, 5);
      expect((await c.getScale('sandbox', 'deployments', {namespace: 'team-a', name: 'api'})).spec!.replicas, 'four conflicts in a row still land').to.equal(5);
      sandbox.clusters.get('sandbox')!.failNext(`PUT ${path}`, 409, 5);
      stats.reset();
      const error = await scaleTarget(c, deploy, 6).catch((e: unknown) => e);
      expect((error as KubeApiError).code, 'a fifth conflict is reported').to.equal(409);
      expect(stats.count('PUT', path)).to.equal(5);
    });

    it('runs a cronjob now as a manual Job it owns', async () => {
      const c = client();
      const cron = await target(c, 'cronjobs', 'team-a', 'nightly-report');
      const job = await runCronJobNow(c, cron);
      expect(job.metadata.name).to.match(/^nightly-report-manual-/);
      expect(job.metadata.annotations?.['cronjob.kubernetes.io/instantiate']).to.equal('manual');
      expect(job.metadata.ownerReferences?.[0]?.name).to.equal('nightly-report');
      expect(job.metadata.ownerReferences?.[0]?.controller).to.equal(true);
      expect(job.metadata.ownerReferences?.[0], 'as kubectl: blocking would need update on cronjobs/finalizers').not.to.have.property('blockOwnerDeletion');
    });

    it('eviction honours the PodDisruptionBudget: 429 once the budget is used up', async () => {
      const c = client();
      const pods = await c.list<KubeObject<unknown, {conditions?: Array<{type: string; status: string}>}>>('sandbox', 'pods', {namespace: 'team-a', labelSelector: 'app=web'});
      const ready = pods.items.filter((p) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'));
      expect(ready.length).to.equal(4, 'web runs 4 ready pods under a budget of minAvailable 3');
      await evictPod(c, 'sandbox', {namespace: 'team-a', name: ready[0]!.metadata.name!});
      const error = await evictPod(c, 'sandbox', {namespace: 'team-a', name: ready[1]!.metadata.name!}).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(KubeApiError);
      expect((error as KubeApiError).code).to.equal(429);
    });
  });

  describe('drain', () => {
    async function nodeWithPod(c: KubeClient, node: string) {
      const controlPlane = 'node-role.kubernetes.io/control-plane';
      await c.create('sandbox', {apiVersion: 'v1', kind: 'Node', metadata: {name: node, labels: {[controlPlane]: ''}}, spec: {taints: [{key: controlPlane, effect: 'NoSchedule'}]}});
      await c.create('sandbox', {apiVersion: 'v1', kind: 'Pod', metadata: {name: `${node}-pod`, namespace: 'team-a'}, spec: {nodeName: node, containers: [{name: 'c', image: 'nginx'}]}});
      return target(c, 'nodes', undefined, node);
    }

    it('stops before evicting anything while a pod needs an option, as kubectl drain does, and goes ahead once allowed', async () => {
      const c = client();
      const node = await nodeWithPod(c, 'guarded');
      await c.create('sandbox', {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'guarded-scratch', namespace: 'team-a'}, spec: {nodeName: 'guarded', containers: [{name: 'c', image: 'nginx'}], volumes: [{name: 's', emptyDir: {}}]}});
      const onNode = async () => (await c.list('sandbox', 'pods', {namespace: 'team-a', fieldSelector: 'spec.nodeName=guarded'})).items.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort();
      const both = await drainNode(c, node);
      expect(both.blocked.map((p) => [p.name, p.reason]).sort(), 'a pod needing both options is listed for each').to.deep.equal([
        ['guarded-pod', 'unmanaged'],
        ['guarded-scratch', 'local-storage'],
        ['guarded-scratch', 'unmanaged'],
      ]);
      const stopped = await drainNode(c, node, {force: true});
      expect(stopped.blocked.map((p) => [p.name, p.reason])).to.deep.equal([['guarded-scratch', 'local-storage']]);
      expect(stopped.evicted, 'the pod force allows stays too: half a drain is worse than none').to.deep.equal([]);
      expect(await onNode()).to.deep.equal(['guarded-pod', 'guarded-scratch']);
      expect((await c.get<KubeObject<{unschedulable?: boolean}>>('sandbox', 'nodes', {name: 'guarded'})).spec?.unschedulable, 'cordoned all the same').to.equal(true);
      const done = await drainNode(c, node, {force: true, deleteEmptyDirData: true});
      expect([done.blocked, done.failed]).to.deep.equal([[], []]);
      expect(done.evicted.map((p) => p.name).sort()).to.deep.equal(['guarded-pod', 'guarded-scratch']);
    });

    it('retries a throttled 429 (no budget cause) a bounded number of times, and does not call it a budget refusal', async () => {
      const c = client();
      const cluster = sandbox.clusters.get('sandbox')!;
      const node = await nodeWithPod(c, 'throttled');
      const eviction = 'POST /api/v1/namespaces/team-a/pods/throttled-pod/eviction';
      cluster.failNext(eviction, 429, 2);
      cluster.stats.reset();
      const report = await drainNode(c, node, {force: true, throttle: {delayMs: 10}});
      expect(report.evicted.map((p) => p.name)).to.deep.equal(['throttled-pod']);
      expect(cluster.stats.count('POST', '/api/v1/namespaces/team-a/pods/throttled-pod/eviction')).to.equal(3);

      const other = await nodeWithPod(c, 'swamped');
      cluster.failNext('POST /api/v1/namespaces/team-a/pods/swamped-pod/eviction', 429, 10);
      const gaveUp = await drainNode(c, other, {force: true, throttle: {retries: 2, delayMs: 10}});
      expect(gaveUp.failed.map((p) => [p.name, p.reason])).to.deep.equal([['swamped-pod', 'error']]);
    });

    it("waits out a throttled eviction's Retry-After however long it is, instead of a timer wrapping it to none", async () => {
      const handlers = sandbox.handlers();
      const inner = handlers.sandbox!;
      let evictions = 0;
      handlers.sandbox = async (request) => {
        if (request.method !== 'POST' || !request.url.endsWith('/eviction')) return inner(request);
        evictions++;
        const status = {kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'slow down', details: {retryAfterSeconds: 'soon'}};
        return new Response(JSON.stringify(status), {status: 429, headers: {'Retry-After': '2147484'}});
      };
      const c = createKubeClient({transport: inMemoryTransport({clusters: handlers, tokenProvider: () => 'sandbox-admin'})});
      clients.push(c);
      const node = await nodeWithPod(c, 'patient');
      const abort = new AbortController();
      const drained = drainNode(c, node, {force: true, signal: abort.signal}).catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(evictions, 'one eviction, then the wait').to.equal(1);
      abort.abort();
      await drained;
    });
  });

  describe('bulk', () => {
    it('runs every target and reports each failure instead of stopping', async () => {
      const outcomes = await runForEach([1, 2, 3, 4], async (n) => {
        if (n % 2 === 0) throw new Error(`even ${n}`);
        return n * 10;
      }, {concurrency: 2});
      expect(outcomes.map((o) => [o.target, o.ok, o.result ?? o.error!.message])).to.deep.equal([
        [1, true, 10],
        [2, false, 'even 2'],
        [3, true, 30],
        [4, false, 'even 4'],
      ]);
    });

    it('turns a list selection into targets', () => {
      expect(targetOf({cluster: 'c', apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'n', name: 'x'})).to.deep.equal({cluster: 'c', resource: {apiVersion: 'apps/v1', kind: 'Deployment'}, namespace: 'n', name: 'x'});
    });
  });
});
