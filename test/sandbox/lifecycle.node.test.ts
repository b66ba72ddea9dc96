import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {createSandbox} from '../../src/sandbox/index.js';
import {call, json} from './helpers.js';

const sandbox = createSandbox({seed: 11});
const cluster = sandbox.clusters.get('sandbox')!;
after(() => sandbox.dispose());

const podsOf = (app: string, ns = 'team-a') => cluster.list('v1', 'pods', {namespace: ns, labelSelector: `app=${app}`});

describe('sandbox life', () => {
  it('terminates pods gracefully on the simulation clock', async () => {
    const pod = podsOf('web')[0]!;
    const res = await json(cluster, `/api/v1/namespaces/team-a/pods/${pod.metadata.name}`, {method: 'DELETE', body: {gracePeriodSeconds: 5}});
    assert.equal(res.status, 200);
    assert.equal(res.body.kind, 'Pod');
    assert.ok(res.body.metadata.deletionTimestamp);
    assert.equal(res.body.metadata.deletionGracePeriodSeconds, 5);
    const table = await json(cluster, `/api/v1/namespaces/team-a/pods/${pod.metadata.name}`, {accept: 'application/json;as=Table;v=v1;g=meta.k8s.io'});
    assert.equal(table.body.rows[0].cells[2], 'Terminating');
    sandbox.step(4_000);
    assert.ok(cluster.get('v1', 'pods', 'team-a', pod.metadata.name!));
    sandbox.step(1_500);
    assert.equal(cluster.get('v1', 'pods', 'team-a', pod.metadata.name!), undefined);
    sandbox.step(10_000);
    assert.equal(podsOf('web').filter((p: any) => p.status.phase === 'Running' && !p.metadata.deletionTimestamp).length, 4, 'the ReplicaSet replaced it');
    const now = await json(cluster, `/api/v1/namespaces/team-a/pods/${podsOf('web')[0]!.metadata.name}?gracePeriodSeconds=0`, {method: 'DELETE'});
    assert.equal(now.status, 200);
    assert.equal(cluster.get('v1', 'pods', 'team-a', now.body.metadata.name), undefined);
  });

  it('propagates deletion: Background removes dependents, Orphan keeps them', async () => {
    const rsOf = (name: string) => cluster.list('apps/v1', 'replicasets', {namespace: 'team-b'}).filter((r) => r.metadata.ownerReferences?.[0]?.name === name);
    const rs = rsOf('frontend');
    assert.equal(rs.length, 1);
    const bg = await json(cluster, '/apis/apps/v1/namespaces/team-b/deployments/frontend', {method: 'DELETE', body: {propagationPolicy: 'Background'}});
    assert.equal(bg.body.kind, 'Status');
    assert.equal(bg.body.status, 'Success');
    sandbox.step(0);
    assert.equal(cluster.get('apps/v1', 'replicasets', 'team-b', rs[0]!.metadata.name!), undefined);
    assert.ok(podsOf('frontend', 'team-b').every((p) => p.metadata.deletionTimestamp));
    sandbox.step(31_000);
    assert.equal(podsOf('frontend', 'team-b').length, 0);

    const catalogRs = rsOf('catalog')[0]!;
    await json(cluster, '/apis/apps/v1/namespaces/team-b/deployments/catalog', {method: 'DELETE', body: {propagationPolicy: 'Orphan'}});
    sandbox.step(1_000);
    const orphan = cluster.get('apps/v1', 'replicasets', 'team-b', catalogRs.metadata.name!);
    assert.ok(orphan);
    assert.equal(orphan.metadata.ownerReferences, undefined);
  });

  it('keeps a Foreground-deleted owner until its dependents are gone', async () => {
    const res = await json(cluster, '/apis/apps/v1/namespaces/monitoring/deployments/grafana', {method: 'DELETE', body: {propagationPolicy: 'Foreground'}});
    assert.equal(res.body.kind, 'Deployment');
    assert.deepEqual(res.body.metadata.finalizers, ['foregroundDeletion']);
    sandbox.step(0);
    assert.ok(cluster.get('apps/v1', 'deployments', 'monitoring', 'grafana'));
    sandbox.step(35_000);
    assert.equal(cluster.get('apps/v1', 'deployments', 'monitoring', 'grafana'), undefined);
  });

  it('rolls out a new ReplicaSet when the template changes, with ScalingReplicaSet events', async () => {
    await json(cluster, '/apis/apps/v1/namespaces/team-a/deployments/api', {method: 'PATCH', contentType: 'application/strategic-merge-patch+json', body: {spec: {template: {spec: {containers: [{name: 'api', image: 'ghcr.io/kube-elements/demo-api:2.5.0'}]}}}}});
    sandbox.step(60_000);
    const deploy = cluster.get('apps/v1', 'deployments', 'team-a', 'api') as any;
    assert.equal(deploy.status.updatedReplicas, 2);
    assert.equal(deploy.status.availableReplicas, 2);
    assert.equal(deploy.metadata.annotations['deployment.kubernetes.io/revision'], '2');
    const pods = podsOf('api').filter((p: any) => !p.metadata.deletionTimestamp);
    assert.ok(pods.every((p: any) => p.spec.containers[0].image.endsWith('2.5.0')));
    const events = cluster.list('v1', 'events', {namespace: 'team-a', fieldSelector: 'involvedObject.name=api,reason=ScalingReplicaSet'});
    assert.ok(events.some((e: any) => /^Scaled down replica set api-\w+ from \d+ to 0$/.test(e.message)));
  });

  it('refuses an eviction a PodDisruptionBudget forbids with 429', async () => {
    sandbox.step(10_000);
    const pod = podsOf('web').find((p: any) => !p.metadata.deletionTimestamp)!;
    await json(cluster, '/apis/apps/v1/namespaces/team-a/deployments/web/scale', {method: 'PATCH', contentType: 'application/merge-patch+json', body: {spec: {replicas: 3}}});
    sandbox.step(40_000);
    const live = podsOf('web').find((p: any) => !p.metadata.deletionTimestamp)!;
    const res = await json(cluster, `/api/v1/namespaces/team-a/pods/${live.metadata.name}/eviction`, {method: 'POST', body: {apiVersion: 'policy/v1', kind: 'Eviction', metadata: {name: live.metadata.name, namespace: 'team-a'}}});
    assert.equal(res.status, 429);
    assert.equal(res.body.reason, 'TooManyRequests');
    assert.equal(res.body.message, "Cannot evict pod as it would violate the pod's disruption budget.");
    assert.equal(res.body.details.causes[0].reason, 'DisruptionBudget');
    assert.ok(pod);
  });

  it('restarts crash-looping containers with CrashLoopBackOff and BackOff events', () => {
    sandbox.step(120_000);
    const pod = podsOf('recommender', 'team-b')[0] as any;
    assert.ok(pod.status.containerStatuses[0].restartCount > 0);
    assert.ok(pod.status.containerStatuses[0].lastState.terminated);
    const backoff = cluster.list('v1', 'events', {namespace: 'team-b', fieldSelector: `involvedObject.name=${pod.metadata.name},reason=BackOff`});
    assert.equal(backoff[0]!.type, 'Warning');
  });

  it('completes jobs and fires cronjobs', () => {
    sandbox.step(6 * 60_000);
    const jobs = cluster.list('batch/v1', 'jobs', {namespace: 'team-a'}) as any[];
    const cronJobs = jobs.filter((j) => j.metadata.ownerReferences?.[0]?.kind === 'CronJob');
    assert.ok(cronJobs.length >= 1);
    assert.ok(jobs.some((j) => j.status.conditions?.some((c: any) => c.type === 'Complete')));
  });
});

describe('sandbox pod logs', () => {
  const logs = async (path: string) => {
    const res = await call(cluster, path);
    return {status: res.status, type: res.headers.get('content-type'), text: await res.text()};
  };
  const web = () => podsOf('web', 'team-a').find((p: any) => p.status.phase === 'Running' && !p.metadata.deletionTimestamp)!.metadata.name!;

  it('serves text/plain lines with tailLines, timestamps and limitBytes', async () => {
    const base = `/api/v1/namespaces/team-a/pods/${web()}/log`;
    const tail = await logs(`${base}?tailLines=5`);
    assert.equal(tail.status, 200);
    assert.equal(tail.type, 'text/plain');
    assert.equal(tail.text.split('\n').filter(Boolean).length, 5);
    const stamped = await logs(`${base}?tailLines=2&timestamps=true`);
    for (const line of stamped.text.trim().split('\n')) assert.match(line, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z /);
    const limited = await logs(`${base}?limitBytes=10`);
    assert.equal(new TextEncoder().encode(limited.text).length, 10);
    const since = await logs(`${base}?sinceSeconds=30`);
    assert.ok(since.text.split('\n').filter(Boolean).length < 40);
    const all = await logs(base);
    assert.match(all.text, /\u001b\[3\dm/, 'ANSI colours');
    assert.match(all.text, /サーバー|ユーザー/, 'non-ASCII');
  });

  it('asks for a container on multi-container pods and for a terminated one with previous', async () => {
    const api = podsOf('api').find((p: any) => !p.metadata.deletionTimestamp)!;
    const res = await json(cluster, `/api/v1/namespaces/team-a/pods/${api.metadata.name}/log`);
    assert.equal(res.status, 400);
    assert.equal(res.body.reason, 'BadRequest');
    assert.equal(res.body.message, `a container name must be specified for pod ${api.metadata.name}, choose one of: [api envoy]`);
    assert.equal((await call(cluster, `/api/v1/namespaces/team-a/pods/${api.metadata.name}/log?container=envoy&tailLines=1`)).status, 200);
    const prev = await json(cluster, `/api/v1/namespaces/team-a/pods/${api.metadata.name}/log?container=api&previous=true`);
    assert.equal(prev.status, 400);
    assert.equal(prev.body.message, `previous terminated container "api" in pod "${api.metadata.name}" not found`);
    const crashing = podsOf('recommender', 'team-b')[0]!;
    assert.equal((await call(cluster, `/api/v1/namespaces/team-b/pods/${crashing.metadata.name}/log?previous=true`)).status, 200);
  });

  it('follows with tailLines=0: no history, then a new line every 0.5–2 s, the same lines a later read returns', async () => {
    const name = podsOf('redis').find((p: any) => p.status.phase === 'Running')!.metadata.name!;
    const abort = new AbortController();
    const res = await call(cluster, `/api/v1/namespaces/team-a/pods/${name}/log?follow=true&tailLines=0&timestamps=true`, {signal: abort.signal});
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const pending = reader.read();
    assert.equal(await Promise.race([pending.then(() => 'data'), new Promise((r) => setTimeout(() => r('none'), 100))]), 'none', 'no history');
    for (let i = 0; i < 8; i++) sandbox.step(500);
    const first = await pending;
    text += decoder.decode(first.value);
    for (;;) {
      const next = await Promise.race([reader.read(), new Promise<undefined>((r) => setTimeout(() => r(undefined), 50))]);
      if (!next || next.done) break;
      text += decoder.decode(next.value);
    }
    abort.abort();
    const lines = text.trim().split('\n');
    assert.ok(lines.length >= 2 && lines.length <= 9, `${lines.length} lines in 4 s`);
    const later = await (await call(cluster, `/api/v1/namespaces/team-a/pods/${name}/log?timestamps=true&tailLines=50`)).text();
    assert.ok(later.includes(lines.join('\n')), 'followed lines are the ones the log keeps');
  });

  it('follows new lines as the clock advances and ends when the pod goes away', async () => {
    const name = web()!;
    const res = await call(cluster, `/api/v1/namespaces/team-a/pods/${name}/log?follow=true&tailLines=0`);
    const reader = res.body!.getReader();
    sandbox.step(20_000);
    const first = await reader.read();
    assert.ok(!first.done && first.value.length > 0);
    cluster.delete('v1', 'pods', 'team-a', name, {gracePeriodSeconds: 0});
    sandbox.step(1_000);
    for (;;) if ((await reader.read()).done) break;
  });
});

describe('sandbox determinism', () => {
  it('reaches the same state for the same seed and steps', () => {
    const snapshot = (seed: number) => {
      const s = createSandbox({seed, clusters: 1});
      s.step(90_000);
      const c = s.clusters.get('sandbox')!;
      const state = JSON.stringify(['pods', 'events'].map((r) => c.list('v1', r).map((o) => [o.metadata.name, o.metadata.uid, o.metadata.resourceVersion, (o as any).status?.phase])));
      s.dispose();
      return state;
    };
    assert.equal(snapshot(5), snapshot(5));
    assert.notEqual(snapshot(5), snapshot(6));
  });
});
