import type {KubeObject} from '../client/types.js';
import {templateHash} from './clock.js';
import {clone, CONTROLLER_MANAGER, createPod, DAEMONSETS, DEPLOYMENTS, isReady, isTerminal, NODES, ownedPods, ownerRef, podDef, putStatus, REPLICASETS, STATEFULSETS, type Any, type ControllerContext} from './controllers.js';

/* The workload controllers: ReplicaSets, Deployments (rolling updates), StatefulSets (OrderedReady), DaemonSets. */

export function replicaSet(ctx: ControllerContext, rs: Any): void {
  if (rs.metadata.deletionTimestamp) return;
  const pods = ownedPods(ctx, rs);
  const active = pods.filter((p) => !p.metadata.deletionTimestamp && !isTerminal(p));
  const desired = rs.spec?.replicas ?? 1;
  const src = {component: 'replicaset-controller'};
  if (active.length < desired) {
    for (let i = active.length; i < desired; i++) {
      const pod = createPod(ctx, rs, rs.spec.template, {generateName: `${rs.metadata.name}-`});
      ctx.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, src);
    }
  } else if (active.length > desired) {
    const victims = [...active]
      .sort((a, b) => Number(isReady(a)) - Number(isReady(b)) || (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? 1 : -1))
      .slice(0, active.length - desired);
    for (const v of victims) {
      ctx.api.delete(podDef(ctx), v.metadata.namespace, v.metadata.name);
      ctx.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${v.metadata.name}`, src);
    }
  }
  const now = ownedPods(ctx, rs).filter((p) => !p.metadata.deletionTimestamp && !isTerminal(p));
  const ready = now.filter(isReady).length;
  putStatus(ctx, REPLICASETS, rs, {replicas: now.length, fullyLabeledReplicas: now.length, readyReplicas: ready, availableReplicas: ready, observedGeneration: rs.metadata.generation});
}

export function deployment(ctx: ControllerContext, d: Any): void {
  if (d.metadata.deletionTimestamp) return;
  const hash = templateHash(d.spec.template);
  const desired = d.spec.replicas ?? 1;
  const owned = ctx.store
    .dependents(d.metadata.uid)
    .filter((x) => x.storage === REPLICASETS)
    .map((x) => ctx.store.get(REPLICASETS, x.key) as Any)
    .filter((x) => x && !x.metadata.deletionTimestamp);
  let newRs = owned.find((r) => r.metadata.labels?.['pod-template-hash'] === hash);
  const old = owned.filter((r) => r !== newRs);
  const src = {component: 'deployment-controller'};
  const revisionOf = (r: Any) => Number(r.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const maxOld = Math.max(0, ...old.map(revisionOf));
  const revision = String(newRs && revisionOf(newRs) > maxOld ? revisionOf(newRs) : maxOld + 1);
  if (newRs && revisionOf(newRs) <= maxOld) {
    // A rollback back to an old template: that ReplicaSet takes the next revision, as kube-controller-manager does.
    const history = [newRs.metadata.annotations?.['deployment.kubernetes.io/revision-history'], String(revisionOf(newRs))].filter(Boolean).join(',');
    const annotations = {...(newRs.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': revision, 'deployment.kubernetes.io/revision-history': history};
    newRs = ctx.store.put(REPLICASETS, ctx.api.recordUpdate(newRs, {...newRs, metadata: {...newRs.metadata, annotations}}, CONTROLLER_MANAGER)) as Any;
  }
  if (!newRs) {
    const template = clone(d.spec.template);
    template.metadata = {...(template.metadata ?? {}), labels: {...(template.metadata?.labels ?? {}), 'pod-template-hash': hash}};
    const oldActive = old.reduce((n, r) => n + (r.spec?.replicas ?? 0), 0);
    const initial = oldActive ? Math.max(1, Math.ceil(desired * 0.25)) : desired;
    newRs = ctx.api.create(ctx.api.registry.get('apps', 'v1', 'replicasets')!, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: {...(d.spec.template?.metadata?.labels ?? {}), 'pod-template-hash': hash},
        annotations: {'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/max-replicas': String(desired + 1), 'deployment.kubernetes.io/revision': revision},
        ownerReferences: [ownerRef(d)],
      },
      spec: {replicas: initial, selector: {...clone(d.spec.selector), matchLabels: {...(d.spec.selector?.matchLabels ?? {}), 'pod-template-hash': hash}}, template},
    } as KubeObject, d.metadata.namespace, {manager: CONTROLLER_MANAGER}) as Any;
    ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${newRs.metadata.name} from 0 to ${initial}`, src);
  }
  const scale = (rs: Any, to: number) => {
    const from = rs.spec?.replicas ?? 0;
    if (from === to) return rs;
    ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, src);
    const next = {...rs, spec: {...rs.spec, replicas: to}, metadata: {...rs.metadata, annotations: {...(rs.metadata.annotations ?? {}), 'deployment.kubernetes.io/desired-replicas': String(desired)}}};
    return ctx.store.put(REPLICASETS, ctx.api.recordUpdate(rs, next, CONTROLLER_MANAGER));
  };
  const oldReplicas = old.reduce((n, r) => n + (r.spec?.replicas ?? 0), 0);
  if (!oldReplicas) newRs = scale(newRs, desired);
  else {
    // Rolling update: grow the new ReplicaSet, shrink old ones as new pods become available.
    const newAvailable = newRs.status?.availableReplicas ?? 0;
    newRs = scale(newRs, Math.min(desired, Math.max(newRs.spec.replicas, newAvailable + 1)));
    let allowedOld = Math.max(0, desired - newAvailable);
    for (const r of old) {
      const keep = Math.min(r.spec?.replicas ?? 0, allowedOld);
      allowedOld -= keep;
      scale(r, keep);
    }
  }
  const all = [newRs, ...old.map((r) => ctx.store.get(REPLICASETS, `${r.metadata.namespace}/${r.metadata.name}`) as Any)].filter(Boolean);
  const sum = (f: (r: Any) => number) => all.reduce((n, r) => n + f(r), 0);
  const available = sum((r) => r.status?.availableReplicas ?? 0);
  const updated = newRs.status?.replicas ?? 0;
  const now = ctx.clock.iso();
  const complete = updated === desired && available >= desired && sum((r) => r.status?.replicas ?? 0) === desired;
  const conditions = [
    available >= desired
      ? {type: 'Available', status: 'True', lastUpdateTime: now, lastTransitionTime: now, reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.'}
      : {type: 'Available', status: 'False', lastUpdateTime: now, lastTransitionTime: now, reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.'},
    complete
      ? {type: 'Progressing', status: 'True', lastUpdateTime: now, lastTransitionTime: now, reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${newRs.metadata.name}" has successfully progressed.`}
      : {type: 'Progressing', status: 'True', lastUpdateTime: now, lastTransitionTime: now, reason: 'ReplicaSetUpdated', message: `ReplicaSet "${newRs.metadata.name}" is progressing.`},
  ];
  // Keep condition timestamps stable when nothing changed, so settled deployments stop writing.
  const prev: Any[] = d.status?.conditions ?? [];
  for (const c of conditions) {
    const p = prev.find((x) => x.type === c.type);
    if (p && p.status === c.status && p.reason === c.reason && p.message === c.message) Object.assign(c, {lastUpdateTime: p.lastUpdateTime, lastTransitionTime: p.lastTransitionTime});
  }
  putStatus(ctx, 
    DEPLOYMENTS,
    d,
    {observedGeneration: d.metadata.generation, replicas: sum((r) => r.status?.replicas ?? 0), updatedReplicas: updated, readyReplicas: sum((r) => r.status?.readyReplicas ?? 0), availableReplicas: available, ...(desired - available > 0 ? {unavailableReplicas: desired - available} : {unavailableReplicas: undefined}), conditions},
    (m) => (m.annotations = {...(m.annotations ?? {}), 'deployment.kubernetes.io/revision': newRs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? revision})
  );
}

export function statefulSet(ctx: ControllerContext, s: Any): void {
  if (s.metadata.deletionTimestamp) return;
  const desired = s.spec.replicas ?? 1;
  // A terminating pod still holds its ordinal: the replacement waits until it is gone.
  const pods = ownedPods(ctx, s);
  const byOrdinal = new Map(pods.map((p) => [Number(p.metadata.name.slice(s.metadata.name.length + 1)), p]));
  const revision = `${s.metadata.name}-${templateHash(s.spec.template).slice(0, 10)}`;
  const src = {component: 'statefulset-controller'};
  // OrderedReady: create the next ordinal only once every lower one is ready.
  for (let i = 0; i < desired; i++) {
    const p = byOrdinal.get(i);
    if (!p) {
      const pod = createPod(ctx, s, s.spec.template, {name: `${s.metadata.name}-${i}`}, {labels: {'statefulset.kubernetes.io/pod-name': `${s.metadata.name}-${i}`, 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': revision}});
      ctx.events.record(s, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${s.metadata.name} successful`, src);
      break;
    }
    if (!isReady(p) || p.metadata.deletionTimestamp) break;
  }
  const highest = [...byOrdinal.keys()].filter((i) => i >= desired && !byOrdinal.get(i)!.metadata.deletionTimestamp).sort((a, b) => b - a)[0];
  if (highest !== undefined) {
    const p = byOrdinal.get(highest)!;
    ctx.api.delete(podDef(ctx), p.metadata.namespace, p.metadata.name);
    ctx.events.record(s, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${s.metadata.name} successful`, src);
  }
  const live = ownedPods(ctx, s).filter((p) => !p.metadata.deletionTimestamp);
  const ready = live.filter(isReady).length;
  putStatus(ctx, STATEFULSETS, s, {observedGeneration: s.metadata.generation, replicas: live.length, readyReplicas: ready, currentReplicas: live.length, updatedReplicas: live.length, availableReplicas: ready, currentRevision: revision, updateRevision: revision, collisionCount: 0});
}

export function daemonSet(ctx: ControllerContext, ds: Any): void {
  if (ds.metadata.deletionTimestamp) return;
  const nodes = [...ctx.store.values(NODES)].filter((n) => {
    const sel = ds.spec.template?.spec?.nodeSelector as Record<string, string> | undefined;
    return !sel || Object.entries(sel).every(([k, v]) => n.metadata.labels?.[k] === v);
  });
  const pods = ownedPods(ctx, ds).filter((p) => !p.metadata.deletionTimestamp);
  const hash = templateHash(ds.spec.template).slice(0, 10);
  for (const n of nodes) {
    if (pods.some((p) => p.spec?.nodeName === n.metadata.name)) continue;
    const pod = createPod(ctx, ds, ds.spec.template, {generateName: `${ds.metadata.name}-`}, {nodeName: n.metadata.name, labels: {'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation ?? 1)}});
    ctx.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, {component: 'daemonset-controller'});
  }
  const live = ownedPods(ctx, ds).filter((p) => !p.metadata.deletionTimestamp);
  const ready = live.filter(isReady).length;
  putStatus(ctx, DAEMONSETS, ds, {desiredNumberScheduled: nodes.length, currentNumberScheduled: live.length, numberMisscheduled: 0, numberReady: ready, updatedNumberScheduled: live.length, numberAvailable: ready, ...(nodes.length - ready > 0 ? {numberUnavailable: nodes.length - ready} : {numberUnavailable: undefined}), observedGeneration: ds.metadata.generation});
}

