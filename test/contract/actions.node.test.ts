import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {KubeApiError, type KubeClient, type KubeObject} from '../../src/client/index.js';
import {
  RESTARTED_AT,
  builtinPermissions,
  deploymentRevisions,
  drainNode,
  firstDenial,
  resolveTarget,
  restartTarget,
  rollbackDeployment,
  runCronJobNow,
  scaleTarget,
  setCronJobSuspended,
  setNodeUnschedulable,
  type ActionTarget,
} from '../../src/client/actions/index.js';
import {CLUSTER, startTarget, type ContractTarget, type Identity} from './targets.js';

let target: ContractTarget;
const cleanups: Array<() => Promise<unknown>> = [];
before(async () => {
  target = await startTarget();
  console.log(`actions contract target: ${target.name} at ${target.url}`);
});
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await target?.stop();
});

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
const resolved = (client: KubeClient, object: Omit<ActionTarget, 'cluster'>) => resolveTarget(client, {cluster: CLUSTER, ...object});

async function eventually<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

type Deployment = KubeObject<{template: {metadata?: {annotations?: Record<string, string>}; spec: {containers: Array<{name: string; image: string}>}}}>;

function deployment(name: string, image: string): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name, namespace: 'team-a'},
    spec: {
      replicas: 1,
      selector: {matchLabels: {app: name}},
      template: {metadata: {labels: {app: name}}, spec: {containers: [{name: 'app', image}]}},
    } as never,
  };
}

describe('permissions (SelfSubjectAccessReview per action)', () => {
  const cases: Array<[Identity, string, boolean]> = [
    ['admin', 'team-a', true],
    ['admin', 'team-b', true],
    ['developer', 'team-a', true],
    ['developer', 'team-b', false],
    ['viewer', 'team-a', false],
    ['viewer', 'team-b', false],
  ];
  for (const [identity, namespace, allowed] of cases) {
    it(`${identity} ${allowed ? 'may' : 'may not'} delete pods and scale deployments in ${namespace}`, async () => {
      const client = target.client(identity);
      const pod = await resolved(client, {resource: 'pods', namespace, name: 'any-pod'});
      const deploy = await resolved(client, {resource: 'deployments', namespace, name: 'any-deployment'});
      const deleteDenial = await firstDenial(client, pod, builtinPermissions('delete', pod.type));
      const scaleDenial = await firstDenial(client, deploy, builtinPermissions('scale', deploy.type));
      assert.equal(deleteDenial === undefined, allowed);
      assert.equal(scaleDenial === undefined, allowed);
      if (!allowed) {
        assert.deepEqual(deleteDenial!.check, {verb: 'delete', group: '', resource: 'pods', namespace, name: 'any-pod'});
        assert.deepEqual(scaleDenial!.check, {verb: 'update', group: 'apps', resource: 'deployments', subresource: 'scale', namespace, name: 'any-deployment'});
      }
    });
  }

  it('drain needs cluster-wide eviction rights the developer lacks', async () => {
    const developer = target.client('developer');
    const node = await resolved(developer, {resource: 'nodes', namespace: 'team-a', name: 'any-node'});
    assert.equal(node.namespace, undefined, 'nodes are cluster-scoped');
    const denial = await firstDenial(developer, node, builtinPermissions('drain', node.type));
    assert.deepEqual(denial?.check, {verb: 'patch', group: '', resource: 'nodes', name: 'any-node'});
    const admin = target.client('admin');
    assert.equal(await firstDenial(admin, await resolved(admin, {resource: 'nodes', name: 'any-node'}), builtinPermissions('drain', node.type)), undefined);
  });
});

describe('scale', () => {
  it('the developer scales in team-a with update on deployments/scale (GET, then PUT the Scale)', async () => {
    const admin = target.client();
    const name = unique('scale');
    await admin.create(CLUSTER, deployment(name, 'nginx:1.27'));
    cleanups.push(() => admin.delete(CLUSTER, 'deployments', {namespace: 'team-a', name}));
    const client = target.client('developer');
    const deploy = await resolved(client, {resource: 'deployments', namespace: 'team-a', name});
    const scale = await scaleTarget(client, deploy, 3);
    assert.equal(scale.spec?.replicas, 3);
    assert.equal((await admin.get<KubeObject<{replicas: number}>>(CLUSTER, 'deployments', {namespace: 'team-a', name})).spec?.replicas, 3);
  });
});

describe('restart and rollback', () => {
  it('restart sets restartedAt on the pod template; rollback restores the previous template', async () => {
    const client = target.client();
    const name = unique('rollout');
    await client.create(CLUSTER, deployment(name, 'nginx:1.26'));
    cleanups.push(() => client.delete(CLUSTER, 'deployments', {namespace: 'team-a', name}));
    const deploy = await resolved(client, {resource: 'deployments', namespace: 'team-a', name});
    await eventually(async () => ((await deploymentRevisions(client, deploy)).revisions.length === 1 ? true : undefined), 'revision 1');

    await client.patch(CLUSTER, 'deployments', {namespace: 'team-a', name}, {spec: {template: {spec: {containers: [{name: 'app', image: 'nginx:1.27'}]}}}}, {type: 'strategic'});
    const two = await eventually(async () => {
      const {revisions} = await deploymentRevisions(client, deploy);
      return revisions.length === 2 ? revisions : undefined;
    }, 'revision 2');
    assert.deepEqual(two.map((r) => r.revision), [2, 1]);
    assert.equal(two[1]!.template.metadata?.labels?.['pod-template-hash'], undefined, 'the hash label is dropped');

    const {revision} = await rollbackDeployment(client, deploy);
    assert.equal(revision, 1);
    const rolled = await client.get<Deployment>(CLUSTER, 'deployments', {namespace: 'team-a', name});
    assert.equal(rolled.spec!.template.spec.containers[0]!.image, 'nginx:1.26');
    // The controller adopts the old ReplicaSet again and gives it the next revision.
    await eventually(async () => {
      const {revisions} = await deploymentRevisions(client, deploy);
      const top = revisions[0];
      return top?.revision === 3 && (top.template.spec as Deployment['spec'] & {containers: Array<{image: string}>}).containers[0]!.image === 'nginx:1.26' ? true : undefined;
    }, 'revision 3 running the old template');

    const before = (await client.get(CLUSTER, 'deployments', {namespace: 'team-a', name})).metadata.generation!;
    const now = new Date('2026-01-02T03:04:05Z');
    await restartTarget(client, deploy, {now});
    const restarted = await client.get<Deployment>(CLUSTER, 'deployments', {namespace: 'team-a', name});
    assert.equal(restarted.spec!.template.metadata?.annotations?.[RESTARTED_AT], now.toISOString());
    assert.equal(restarted.metadata.generation, before + 1);
  });

  it('rollback with no earlier revision says so and changes nothing', async () => {
    const client = target.client();
    const name = unique('single');
    await client.create(CLUSTER, deployment(name, 'nginx:1.26'));
    cleanups.push(() => client.delete(CLUSTER, 'deployments', {namespace: 'team-a', name}));
    const deploy = await resolved(client, {resource: 'deployments', namespace: 'team-a', name});
    await eventually(async () => ((await deploymentRevisions(client, deploy)).revisions.length === 1 ? true : undefined), 'revision 1');
    await assert.rejects(rollbackDeployment(client, deploy), /no earlier revision/);
  });

  it('the developer may not restart in team-b: the server answers 403 with its Status message', async () => {
    const developer = target.client('developer');
    const deploy = await resolved(developer, {resource: 'deployments', namespace: 'team-b', name: 'catalog'});
    const error = await restartTarget(developer, deploy).then(
      () => assert.fail('expected a 403'),
      (e: unknown) => e
    );
    assert.ok(error instanceof KubeApiError && error.code === 403, String(error));
    assert.match(error.message, /sandbox-developer/);
  });
});

describe('cronjobs', () => {
  it('run now creates a manual Job owned by the CronJob; suspend and resume patch spec.suspend', async () => {
    const client = target.client('developer');
    const name = unique('report');
    await client.create(CLUSTER, {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: {name, namespace: 'team-a'},
      spec: {
        schedule: '0 0 1 1 *',
        suspend: true,
        jobTemplate: {metadata: {labels: {job: name}}, spec: {template: {spec: {restartPolicy: 'Never', containers: [{name: 'report', image: 'busybox:1.37'}]}}}},
      },
    });
    cleanups.push(() => target.client().delete(CLUSTER, 'cronjobs', {namespace: 'team-a', name}, {propagationPolicy: 'Background'}));
    const cronJob = await resolved(client, {resource: 'cronjobs', namespace: 'team-a', name});
    const job = await runCronJobNow(client, cronJob);
    cleanups.push(() => target.client().delete(CLUSTER, 'jobs', {namespace: 'team-a', name: job.metadata.name!}, {propagationPolicy: 'Background'}));
    assert.match(job.metadata.name!, new RegExp(`^${name}-manual-`));
    assert.equal(job.metadata.annotations?.['cronjob.kubernetes.io/instantiate'], 'manual');
    assert.equal(job.metadata.labels?.job, name);
    const owner = job.metadata.ownerReferences?.[0];
    assert.equal(owner?.kind, 'CronJob');
    assert.equal(owner?.name, name);
    assert.equal(owner?.controller, true);
    assert.equal(owner?.blockOwnerDeletion, undefined, 'as kubectl: blocking would need update on cronjobs/finalizers');

    await setCronJobSuspended(client, cronJob, false);
    assert.equal((await client.get<KubeObject<{suspend?: boolean}>>(CLUSTER, 'cronjobs', {namespace: 'team-a', name})).spec?.suspend, false);
    await setCronJobSuspended(client, cronJob, true);
    assert.equal((await client.get<KubeObject<{suspend?: boolean}>>(CLUSTER, 'cronjobs', {namespace: 'team-a', name})).spec?.suspend, true);
  });
});

describe('nodes', () => {
  it('cordon and uncordon patch spec.unschedulable', async () => {
    const client = target.client();
    const node = unique('cordon');
    await client.create(CLUSTER, {apiVersion: 'v1', kind: 'Node', metadata: {name: node}});
    cleanups.push(() => client.delete(CLUSTER, 'nodes', {name: node}));
    const ref = await resolved(client, {resource: 'nodes', name: node});
    const unschedulable = async () => (await client.get<KubeObject<{unschedulable?: boolean}>>(CLUSTER, 'nodes', {name: node})).spec?.unschedulable;
    await setNodeUnschedulable(client, ref, true);
    assert.equal(await unschedulable(), true);
    await setNodeUnschedulable(client, ref, false);
    assert.equal(await unschedulable(), undefined);
  });

  it('cordon, then drain: stops for unmanaged and emptyDir pods unless told, skips DaemonSet and mirror pods, evicts the rest and reports what a PodDisruptionBudget keeps', async () => {
    const client = target.client();
    const node = unique('drain');
    const app = unique('guarded');
    // Schedulable, so only drain can cordon it; the control-plane label (sandbox) and taint (a real scheduler) keep other pods off it.
    const controlPlane = 'node-role.kubernetes.io/control-plane';
    await client.create(CLUSTER, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {name: node, labels: {'kubernetes.io/hostname': node, [controlPlane]: ''}},
      spec: {taints: [{key: controlPlane, effect: 'NoSchedule'}]},
    });
    cleanups.push(() => client.delete(CLUSTER, 'nodes', {name: node}));
    const pod = (name: string, labels: Record<string, string>, owner?: KubeObject, extra: {annotations?: Record<string, string>; emptyDir?: boolean} = {}): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: 'team-a',
        labels,
        ...(extra.annotations ? {annotations: extra.annotations} : {}),
        ...(owner ? {ownerReferences: [{apiVersion: 'apps/v1', kind: 'DaemonSet', name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true}]} : {}),
      },
      spec: {
        nodeName: node,
        terminationGracePeriodSeconds: 0,
        containers: [{name: 'app', image: 'nginx:1.27'}],
        ...(extra.emptyDir ? {volumes: [{name: 'scratch', emptyDir: {}}]} : {}),
      },
    });
    const daemonSet = await client.create(CLUSTER, {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: {name: unique('agent'), namespace: 'team-a'},
      spec: {selector: {matchLabels: {agent: node}}, template: {metadata: {labels: {agent: node}}, spec: {nodeSelector: {'kubernetes.io/hostname': 'no-such-node'}, containers: [{name: 'agent', image: 'busybox:1.37'}]}}},
    });
    cleanups.push(() => client.delete(CLUSTER, 'daemonsets', {namespace: 'team-a', name: daemonSet.metadata.name!}));
    const guarded = [`${app}-0`, `${app}-1`];
    const free = `${node}-free`;
    const agent = `${node}-agent`;
    const scratch = `${node}-scratch`;
    const mirror = `${node}-static`;
    for (const name of guarded) await client.create(CLUSTER, pod(name, {app}));
    await client.create(CLUSTER, pod(free, {app: `${app}-free`}));
    await client.create(CLUSTER, pod(agent, {agent: node}, daemonSet));
    await client.create(CLUSTER, pod(scratch, {app: `${app}-scratch`}, undefined, {emptyDir: true}));
    await client.create(CLUSTER, pod(mirror, {app: `${app}-static`}, undefined, {annotations: {'kubernetes.io/config.mirror': 'static'}}));
    for (const name of [...guarded, free, agent, scratch, mirror]) cleanups.push(() => client.delete(CLUSTER, 'pods', {namespace: 'team-a', name}, {gracePeriodSeconds: 0}));
    await client.create(CLUSTER, {apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: {name: app, namespace: 'team-a'}, spec: {minAvailable: 2, selector: {matchLabels: {app}}}});
    cleanups.push(() => client.delete(CLUSTER, 'poddisruptionbudgets', {namespace: 'team-a', name: app}));
    if (target.name === 'kube-apiserver') {
      // testenv's kubelet runs only its own node: report the guarded pods running, as a kubelet would.
      for (const name of guarded) {
        const current = await client.get(CLUSTER, 'pods', {namespace: 'team-a', name});
        const now = new Date().toISOString();
        await client.replaceStatus(CLUSTER, {
          ...current,
          status: {phase: 'Running', conditions: [{type: 'Ready', status: 'True', lastTransitionTime: now}], containerStatuses: [{name: 'app', image: 'nginx:1.27', imageID: '', ready: true, restartCount: 0, started: true, state: {running: {startedAt: now}}}]},
        });
      }
    } else {
      // The sandbox runs pods on any node it knows; the budget counts them once they are ready.
      await eventually(async () => {
        const pods = await client.list<KubeObject<unknown, {conditions?: Array<{type: string; status: string}>}>>(CLUSTER, 'pods', {namespace: 'team-a', labelSelector: `app=${app}`});
        return pods.items.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length === 2 ? true : undefined;
      }, 'guarded pods ready');
    }

    const target_ = await resolved(client, {resource: 'nodes', name: node});
    const byName = (pods: Array<{name: string; reason: string}>) => pods.map((p) => [p.name, p.reason]).sort();
    // As kubectl drain without --force and --delete-emptydir-data: the bare pods and the emptyDir pod stop it before any eviction.
    const cautious = await drainNode(client, target_);
    assert.equal((await client.get<KubeObject<{unschedulable?: boolean}>>(CLUSTER, 'nodes', {name: node})).spec?.unschedulable, true, 'drain cordons first');
    assert.deepEqual(cautious.evicted, []);
    assert.deepEqual(cautious.failed, []);
    assert.deepEqual(byName(cautious.skipped), [[agent, 'daemonset'], [mirror, 'mirror']].sort());
    // The emptyDir pod has no controller either: listed for both options, as kubectl names both problems.
    assert.deepEqual(byName(cautious.blocked), [...guarded.map((name) => [name, 'unmanaged']), [scratch, 'local-storage'], [scratch, 'unmanaged'], [free, 'unmanaged']].sort());
    const halfAllowed = await drainNode(client, target_, {force: true});
    assert.deepEqual([halfAllowed.evicted, byName(halfAllowed.blocked)], [[], [[scratch, 'local-storage']]], 'still nothing evicted');
    const report = await drainNode(client, target_, {force: true, deleteEmptyDirData: true});
    console.log(`drain on ${target.name}: ${JSON.stringify({evicted: report.evicted, skipped: report.skipped, failed: report.failed.map(({error: _, ...rest}) => rest)})}`);
    assert.deepEqual(report.evicted.map((p) => p.name).sort(), [free, scratch].sort());
    assert.deepEqual(report.blocked, []);
    assert.deepEqual(byName(report.skipped), [[agent, 'daemonset'], [mirror, 'mirror']].sort());
    assert.deepEqual(report.failed.map((p) => [p.name, p.reason]).sort(), guarded.map((name) => [name, 'disruption-budget']));
    for (const failure of report.failed) {
      assert.ok(failure.error instanceof KubeApiError && failure.error.code === 429);
      assert.match(failure.message!, new RegExp(app), 'the message names the budget');
    }
  });
});
