import type {KubeObject, OwnerReference} from '../client/types.js';
import {PODS, type ResourceApi} from './api.js';
import {templateHash, type Random, type SimClock} from './clock.js';
import type {EventRecorder} from './events.js';
import {storageKey, type ResourceDef} from './resources.js';
import {selectorFromObject} from './selectors.js';
import type {ObjectStore, StoreEvent} from './store.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- controllers write open spec/status */
type Any = any;

export const BEHAVIOUR = 'sandbox.kube-elements.io/behaviour';
const DEPLOYMENTS = storageKey('apps', 'deployments');
const REPLICASETS = storageKey('apps', 'replicasets');
const STATEFULSETS = storageKey('apps', 'statefulsets');
const DAEMONSETS = storageKey('apps', 'daemonsets');
const JOBS = storageKey('batch', 'jobs');
const CRONJOBS = storageKey('batch', 'cronjobs');
const NODES = storageKey('', 'nodes');
const PDBS = storageKey('policy', 'poddisruptionbudgets');

interface Timer {
  at: number;
  seq: number;
  run: () => void;
}

const clone = <T>(v: T): T => structuredClone(v);
const isTerminal = (p: Any) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const isReady = (p: Any) => (p.status?.conditions ?? []).some((c: Any) => c.type === 'Ready' && c.status === 'True');

/**
 * The controllers and kubelet a UI watches at work, on the simulation clock: scheduling, container
 * start-up and crash loops, ReplicaSets, Deployments (rolling updates), StatefulSets, DaemonSets,
 * Jobs, CronJobs, garbage collection, PDB status and events. Deterministic for a seed.
 */
export class Simulation {
  private timers: Timer[] = [];
  private seq = 0;
  private readonly queue = new Map<string, {storage: string; key: string}>();
  private readonly tickListeners = new Set<() => void>();
  private readonly gcQueue = new Set<string>();
  private readonly foreground = new Map<string, {def: ResourceDef; key: string}>();
  /** Periodic work (bookmarks, metrics) the cluster adds. */
  readonly periodic: Array<{every: number; next: number; run: () => void}> = [];
  private settling = false;

  constructor(
    private readonly api: ResourceApi,
    private readonly store: ObjectStore,
    private readonly clock: SimClock,
    private readonly random: Random,
    private readonly events: EventRecorder
  ) {
    store.subscribe(null, (e) => this.observe(e));
    api.onDeleteRequested = (def, obj) => this.onDeleteRequested(def, obj);
    this.every(60_000, () => this.cronJobs());
    this.every(5_000, () => this.pdbs());
    this.every(60_000, () => this.events.prune());
  }

  /** Runs `run` every `ms` of simulated time, aligned to multiples of `ms` (cron fires on the minute). */
  every(ms: number, run: () => void): void {
    this.periodic.push({every: ms, next: (Math.floor(this.clock.now() / ms) + 1) * ms, run});
  }

  at(delayMs: number, run: () => void): void {
    const timer = {at: this.clock.now() + Math.max(0, delayMs), seq: this.seq++, run};
    // Timers stay sorted by (at, seq) so runs are reproducible.
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = this.timers[mid]!;
      if (t.at < timer.at || (t.at === timer.at && t.seq < timer.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, timer);
  }

  onTick(listener: () => void): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }

  /** Advances the clock by `ms`, firing timers and periodic work in order, then settles controllers. */
  step(ms: number): void {
    const target = this.clock.now() + Math.max(0, ms);
    this.settle();
    for (;;) {
      const nextTimer = this.timers[0]?.at ?? Infinity;
      const nextPeriodic = Math.min(...this.periodic.map((p) => p.next));
      const next = Math.min(nextTimer, nextPeriodic);
      if (next > target) break;
      this.clock.advance(next - this.clock.now());
      if (nextTimer <= nextPeriodic) {
        const timer = this.timers.shift()!;
        this.guard(timer.run);
      } else {
        const p = this.periodic.find((x) => x.next === next)!;
        p.next += p.every;
        this.guard(p.run);
      }
      this.settle();
    }
    this.clock.advance(target - this.clock.now());
    this.settle();
    for (const l of [...this.tickListeners]) l();
  }

  private enqueue(storage: string, key: string): void {
    this.queue.set(`${storage}\u0000${key}`, {storage, key});
  }

  private ownerKey(obj: KubeObject, kind: string): string | undefined {
    const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller && r.kind === kind);
    if (!ref) return undefined;
    return obj.metadata.namespace ? `${obj.metadata.namespace}/${ref.name}` : ref.name;
  }

  private observe(e: StoreEvent): void {
    const o = e.object as Any;
    const key = o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
    switch (e.storage) {
      case DEPLOYMENTS:
      case STATEFULSETS:
      case DAEMONSETS:
      case JOBS:
        if (e.type !== 'DELETED') this.enqueue(e.storage, key);
        break;
      case REPLICASETS: {
        if (e.type !== 'DELETED') this.enqueue(REPLICASETS, key);
        const owner = this.ownerKey(o, 'Deployment');
        if (owner) this.enqueue(DEPLOYMENTS, owner);
        break;
      }
      case PODS: {
        for (const [kind, storage] of [['ReplicaSet', REPLICASETS], ['StatefulSet', STATEFULSETS], ['DaemonSet', DAEMONSETS], ['Job', JOBS]] as const) {
          const owner = this.ownerKey(o, kind);
          if (owner) this.enqueue(storage, owner);
        }
        if (e.type === 'ADDED' && !o.status?.containerStatuses && !o.metadata.deletionTimestamp) this.at(200 + this.random.int(0, 600), () => this.schedulePod(key));
        break;
      }
    }
    if (e.type === 'DELETED' && o.metadata.uid && this.store.dependents(o.metadata.uid).length) this.gcQueue.add(o.metadata.uid);
    if (e.type !== 'DELETED' && o.metadata.deletionTimestamp && (o.metadata.finalizers ?? []).includes('foregroundDeletion')) {
      this.foreground.set(o.metadata.uid, {def: this.defFor(o)!, key});
    }
  }

  private defFor(o: KubeObject): ResourceDef | undefined {
    return this.api.registry.byKind(o.apiVersion ?? '', o.kind ?? '');
  }

  /** Runs queued controller work until nothing changes (bounded, in case of a flapping loop). */
  settle(): void {
    if (this.settling) return;
    this.settling = true;
    try {
      for (let round = 0; round < 50 && (this.queue.size || this.gcQueue.size || this.foreground.size); round++) {
        const items = [...this.queue.values()];
        this.queue.clear();
        for (const {storage, key} of items) {
          const obj = this.store.get(storage, key);
          if (!obj) continue;
          this.guard(() => {
            if (storage === DEPLOYMENTS) this.deployment(obj);
            else if (storage === REPLICASETS) this.replicaSet(obj);
            else if (storage === STATEFULSETS) this.statefulSet(obj);
            else if (storage === DAEMONSETS) this.daemonSet(obj);
            else if (storage === JOBS) this.job(obj);
          });
        }
        this.guard(() => this.collectGarbage());
        if (!this.queue.size && !this.gcQueue.size) break;
      }
    } finally {
      this.settling = false;
    }
  }

  /** A controller error (a conflict with a concurrent API write) is retried on the next change, as controllers requeue. */
  private guard(run: () => void): void {
    try {
      run();
    } catch (e) {
      this.errors++;
      this.lastError = e;
    }
  }

  /** Controller errors swallowed so far, for debugging. */
  errors = 0;
  lastError: unknown;

  private collectGarbage(): void {
    for (const uid of [...this.gcQueue]) {
      this.gcQueue.delete(uid);
      for (const {storage, key} of this.store.dependents(uid)) {
        const dep = this.store.get(storage, key);
        if (!dep || dep.metadata.deletionTimestamp) continue;
        const liveOwner = (dep.metadata.ownerReferences ?? []).some((r) => r.uid !== uid && this.ownerExists(r));
        if (liveOwner) continue;
        const def = this.defFor(dep);
        if (def) this.api.delete(def, dep.metadata.namespace, dep.metadata.name!, {propagationPolicy: 'Background'});
      }
    }
    for (const [uid, {def, key}] of [...this.foreground]) {
      const owner = this.store.get(def.storage, key);
      if (!owner || owner.metadata.uid !== uid) {
        this.foreground.delete(uid);
        continue;
      }
      const deps = this.store.dependents(uid);
      for (const {storage, key: k} of deps) {
        const dep = this.store.get(storage, k);
        const depDef = dep && this.defFor(dep);
        if (dep && depDef && !dep.metadata.deletionTimestamp) this.api.delete(depDef, dep.metadata.namespace, dep.metadata.name!, {propagationPolicy: 'Foreground'});
      }
      if (!deps.length) {
        this.foreground.delete(uid);
        const finalizers = (owner.metadata.finalizers ?? []).filter((f) => f !== 'foregroundDeletion');
        this.api.update(def, {...owner, metadata: {...owner.metadata, finalizers}}, owner.metadata.namespace, owner.metadata.name!);
      }
    }
  }

  private ownerExists(ref: OwnerReference): boolean {
    for (const def of this.api.registry.all()) {
      if (def.kind !== ref.kind || def.representation) continue;
      for (const o of this.store.values(def.storage)) if (o.metadata.uid === ref.uid) return true;
    }
    return false;
  }

  private onDeleteRequested(def: ResourceDef, obj: KubeObject): void {
    if (def.kind !== 'Pod') return;
    const pod = obj as Any;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    for (const c of pod.spec?.containers ?? []) {
      if (pod.spec?.nodeName) this.events.record(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, {component: 'kubelet', host: pod.spec.nodeName}, `spec.containers{${c.name}}`);
    }
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
    this.at(grace, () => {
      const current = this.store.get(PODS, key);
      if (current && current.metadata.uid === pod.metadata.uid && current.metadata.deletionTimestamp && !(current.metadata.finalizers ?? []).length) {
        this.api.removeNow(def, current);
      }
    });
  }

  // ---- kubelet and scheduler -------------------------------------------------------------

  private podDef(): ResourceDef {
    return this.api.registry.get('', 'v1', 'pods')!;
  }

  private writePod(key: string, uid: string, change: (pod: Any) => void): Any | undefined {
    const current = this.store.get(PODS, key) as Any;
    if (!current || current.metadata.uid !== uid || current.metadata.deletionTimestamp) return undefined;
    const next = clone(current);
    change(next);
    return this.store.put(PODS, next);
  }

  private setCondition(pod: Any, type: string, status: string, reason?: string): void {
    const now = this.clock.iso();
    const conditions: Any[] = pod.status.conditions ?? [];
    const existing = conditions.find((c) => c.type === type);
    if (existing) {
      if (existing.status !== status) existing.lastTransitionTime = now;
      existing.status = status;
      if (reason) existing.reason = reason;
      else delete existing.reason;
    } else conditions.push({type, status, lastProbeTime: null, lastTransitionTime: now, ...(reason ? {reason} : {})});
    pod.status.conditions = conditions;
  }

  private schedulePod(key: string): void {
    const pod = this.store.get(PODS, key) as Any;
    if (!pod || pod.metadata.deletionTimestamp || pod.status?.containerStatuses) return;
    const uid = pod.metadata.uid;
    const behaviour = pod.metadata.annotations?.[BEHAVIOUR];
    if (behaviour === 'unschedulable') {
      const nodes = this.store.count(NODES);
      this.writePod(key, uid, (p) => this.setCondition(p, 'PodScheduled', 'False', 'Unschedulable'));
      this.events.record(pod, 'Warning', 'FailedScheduling', `0/${nodes} nodes are available: ${nodes} Insufficient cpu. preemption: 0/${nodes} nodes are available: ${nodes} No preemption victims found for incoming pod.`, {component: 'default-scheduler'});
      return;
    }
    let nodeName = pod.spec?.nodeName;
    if (!nodeName) {
      const nodes = [...this.store.values(NODES)].filter((n) => !(n.spec as Any)?.unschedulable && !('node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {})));
      const candidates = nodes.length ? nodes : [...this.store.values(NODES)];
      nodeName = candidates.length ? this.random.pick(candidates).metadata.name : 'sandbox-node';
    }
    const scheduled = this.writePod(key, uid, (p) => {
      p.spec.nodeName = nodeName;
      this.setCondition(p, 'PodScheduled', 'True');
    });
    if (!scheduled) return;
    this.events.record(scheduled, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`, {component: 'default-scheduler'});
    this.at(300 + this.random.int(0, 400), () => this.createContainers(key, uid));
  }

  private createContainers(key: string, uid: string): void {
    const pod = this.writePod(key, uid, (p) => {
      const node = this.store.get(NODES, p.spec.nodeName) as Any;
      p.status.hostIP = node?.status?.addresses?.find((a: Any) => a.type === 'InternalIP')?.address ?? '10.0.0.10';
      p.status.hostIPs = [{ip: p.status.hostIP}];
      p.status.startTime = this.clock.iso();
      this.setCondition(p, 'PodReadyToStartContainers', 'False');
      this.setCondition(p, 'Initialized', 'True');
      this.setCondition(p, 'Ready', 'False', 'ContainersNotReady');
      this.setCondition(p, 'ContainersReady', 'False', 'ContainersNotReady');
      p.status.containerStatuses = p.spec.containers.map((c: Any) => ({name: c.name, image: c.image, imageID: '', ready: false, started: false, restartCount: 0, lastState: {}, state: {waiting: {reason: 'ContainerCreating'}}}));
    });
    if (!pod) return;
    const host = {component: 'kubelet', host: pod.spec.nodeName};
    const behaviour = pod.metadata.annotations?.[BEHAVIOUR];
    for (const c of pod.spec.containers) this.events.record(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, host, `spec.containers{${c.name}}`);
    if (behaviour === 'imagepull') {
      this.at(2000, () => {
        const p = this.writePod(key, uid, (x) => {
          for (const s of x.status.containerStatuses) s.state = {waiting: {reason: 'ImagePullBackOff', message: `Back-off pulling image "${s.image}"`}};
        });
        if (!p) return;
        for (const c of p.spec.containers) {
          this.events.record(p, 'Warning', 'Failed', `Failed to pull image "${c.image}": rpc error: code = NotFound desc = failed to pull and unpack image "${c.image}": not found`, host, `spec.containers{${c.name}}`);
          this.events.record(p, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, host, `spec.containers{${c.name}}`);
        }
      });
      return;
    }
    const pull = 800 + this.random.int(0, 2500);
    this.at(pull, () => this.startContainers(key, uid, pull, false));
  }

  private startContainers(key: string, uid: string, pullMs: number, restart: boolean): void {
    const now = this.clock.iso();
    const pod = this.writePod(key, uid, (p) => {
      p.status.phase = 'Running';
      p.status.podIP = p.status.podIP ?? this.nextPodIp(p.spec.nodeName);
      p.status.podIPs = [{ip: p.status.podIP}];
      for (const s of p.status.containerStatuses) {
        if (restart && !s.state.waiting) continue;
        if (restart) s.restartCount += 1;
        s.state = {running: {startedAt: now}};
        s.ready = true;
        s.started = true;
        s.imageID = s.imageID || `docker.io/library/${s.image}@sha256:${templateHash(s.image)}`;
        s.containerID = `containerd://${this.random.uuid().replace(/-/g, '')}`;
      }
      this.setCondition(p, 'PodReadyToStartContainers', 'True');
      const allReady = p.status.containerStatuses.every((s: Any) => s.ready);
      this.setCondition(p, 'ContainersReady', allReady ? 'True' : 'False', allReady ? undefined : 'ContainersNotReady');
      this.setCondition(p, 'Ready', allReady ? 'True' : 'False', allReady ? undefined : 'ContainersNotReady');
    });
    if (!pod) return;
    const host = {component: 'kubelet', host: pod.spec.nodeName};
    for (const c of pod.spec.containers) {
      const field = `spec.containers{${c.name}}`;
      if (restart) this.events.record(pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, host, field);
      else this.events.record(pod, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${(pullMs / 1000).toFixed(3)}s (${(pullMs / 1000).toFixed(3)}s including waiting). Image size: ${this.random.int(5, 80) * 1048576} bytes.`, host, field);
      this.events.record(pod, 'Normal', 'Created', `Created container: ${c.name}`, host, field);
      this.events.record(pod, 'Normal', 'Started', `Started container ${c.name}`, host, field);
    }
    this.adopt(pod);
  }

  /** Schedules what a running pod does next (crash, complete), for created and seeded pods alike. */
  adopt(pod: Any): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const uid = pod.metadata.uid;
    const behaviour = pod.metadata.annotations?.[BEHAVIOUR];
    const isJob = (pod.metadata.ownerReferences ?? []).some((r: Any) => r.kind === 'Job') || pod.spec?.restartPolicy === 'Never';
    if (behaviour === 'crashloop') this.at(this.random.int(6_000, 20_000), () => this.crash(key, uid));
    else if (isJob) this.at(this.random.int(4_000, 15_000), () => this.complete(key, uid, behaviour === 'fail' ? 1 : 0));
  }

  private crash(key: string, uid: string): void {
    const now = this.clock.iso();
    let backoff = 10_000;
    const pod = this.writePod(key, uid, (p) => {
      const s = p.status.containerStatuses[0];
      backoff = Math.min(300_000, 10_000 * 2 ** Math.min(5, s.restartCount));
      s.lastState = {terminated: {exitCode: 1, reason: 'Error', startedAt: s.state.running?.startedAt ?? now, finishedAt: now, containerID: s.containerID}};
      s.state = {waiting: {reason: 'CrashLoopBackOff', message: `back-off ${backoff / 1000}s restarting failed container=${s.name} pod=${p.metadata.name}_${p.metadata.namespace}(${p.metadata.uid})`}};
      s.ready = false;
      s.started = false;
      this.setCondition(p, 'ContainersReady', 'False', 'ContainersNotReady');
      this.setCondition(p, 'Ready', 'False', 'ContainersNotReady');
    });
    if (!pod) return;
    const c = pod.status.containerStatuses[0];
    this.events.record(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`, {component: 'kubelet', host: pod.spec.nodeName}, `spec.containers{${c.name}}`);
    this.at(backoff, () => this.startContainers(key, uid, 0, true));
  }

  private complete(key: string, uid: string, exitCode: number): void {
    const now = this.clock.iso();
    this.writePod(key, uid, (p) => {
      p.status.phase = exitCode === 0 ? 'Succeeded' : 'Failed';
      for (const s of p.status.containerStatuses) {
        s.state = {terminated: {exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: s.state.running?.startedAt ?? now, finishedAt: now, containerID: s.containerID}};
        s.ready = false;
        s.started = false;
      }
      this.setCondition(p, 'PodReadyToStartContainers', 'False');
      this.setCondition(p, 'ContainersReady', 'False', 'PodCompleted');
      this.setCondition(p, 'Ready', 'False', 'PodCompleted');
    });
  }

  private readonly ipCounters = new Map<string, number>();

  /** Pod IPs come from the node's podCIDR, in order, like host-local IPAM. */
  private nextPodIp(nodeName: string): string {
    const node = this.store.get(NODES, nodeName) as Any;
    const cidr: string = node?.spec?.podCIDR ?? '10.244.0.0/24';
    const n = (this.ipCounters.get(nodeName) ?? 1) + 1;
    this.ipCounters.set(nodeName, n);
    return cidr.replace(/\.0\/24$/, `.${2 + (n % 250)}`);
  }

  // ---- workload controllers --------------------------------------------------------------

  private ownedPods(owner: KubeObject): Any[] {
    return this.store
      .dependents(owner.metadata.uid!)
      .filter((d) => d.storage === PODS)
      .map((d) => this.store.get(PODS, d.key))
      .filter((p): p is KubeObject => !!p);
  }

  private ownerRef(owner: KubeObject): OwnerReference {
    return {apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true};
  }

  private createPod(owner: Any, template: Any, name: {generateName?: string; name?: string}, extra: {labels?: Record<string, string>; nodeName?: string} = {}): Any {
    const def = this.podDef();
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...name,
        namespace: owner.metadata.namespace,
        labels: {...(template?.metadata?.labels ?? {}), ...(extra.labels ?? {})},
        annotations: {...(template?.metadata?.annotations ?? {})},
        ownerReferences: [this.ownerRef(owner)],
      },
      spec: {...clone(template?.spec ?? {}), ...(extra.nodeName ? {nodeName: extra.nodeName} : {})},
    };
    return this.api.create(def, pod as KubeObject, owner.metadata.namespace);
  }

  private putStatus(storage: string, obj: Any, status: Any, metadataChange?: (m: Any) => void): void {
    const merged = {...(obj.status ?? {}), ...status};
    const metadata = {...obj.metadata};
    metadataChange?.(metadata);
    if (JSON.stringify(merged) === JSON.stringify(obj.status ?? {}) && JSON.stringify(metadata) === JSON.stringify(obj.metadata)) return;
    this.store.put(storage, {...obj, metadata, status: merged});
  }

  private replicaSet(rs: Any): void {
    if (rs.metadata.deletionTimestamp) return;
    const pods = this.ownedPods(rs);
    const active = pods.filter((p) => !p.metadata.deletionTimestamp && !isTerminal(p));
    const desired = rs.spec?.replicas ?? 1;
    const src = {component: 'replicaset-controller'};
    if (active.length < desired) {
      for (let i = active.length; i < desired; i++) {
        const pod = this.createPod(rs, rs.spec.template, {generateName: `${rs.metadata.name}-`});
        this.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, src);
      }
    } else if (active.length > desired) {
      const victims = [...active]
        .sort((a, b) => Number(isReady(a)) - Number(isReady(b)) || (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? 1 : -1))
        .slice(0, active.length - desired);
      for (const v of victims) {
        this.api.delete(this.podDef(), v.metadata.namespace, v.metadata.name);
        this.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${v.metadata.name}`, src);
      }
    }
    const now = this.ownedPods(rs).filter((p) => !p.metadata.deletionTimestamp && !isTerminal(p));
    const ready = now.filter(isReady).length;
    this.putStatus(REPLICASETS, rs, {replicas: now.length, fullyLabeledReplicas: now.length, readyReplicas: ready, availableReplicas: ready, observedGeneration: rs.metadata.generation});
  }

  private deployment(d: Any): void {
    if (d.metadata.deletionTimestamp) return;
    const hash = templateHash(d.spec.template);
    const desired = d.spec.replicas ?? 1;
    const owned = this.store
      .dependents(d.metadata.uid)
      .filter((x) => x.storage === REPLICASETS)
      .map((x) => this.store.get(REPLICASETS, x.key) as Any)
      .filter((x) => x && !x.metadata.deletionTimestamp);
    let newRs = owned.find((r) => r.metadata.labels?.['pod-template-hash'] === hash);
    const old = owned.filter((r) => r !== newRs);
    const src = {component: 'deployment-controller'};
    const revision = String(Math.max(0, ...owned.map((r) => Number(r.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0))) + (newRs ? 0 : 1));
    if (!newRs) {
      const template = clone(d.spec.template);
      template.metadata = {...(template.metadata ?? {}), labels: {...(template.metadata?.labels ?? {}), 'pod-template-hash': hash}};
      const oldActive = old.reduce((n, r) => n + (r.spec?.replicas ?? 0), 0);
      const initial = oldActive ? Math.max(1, Math.ceil(desired * 0.25)) : desired;
      newRs = this.api.create(this.api.registry.get('apps', 'v1', 'replicasets')!, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${d.metadata.name}-${hash}`,
          namespace: d.metadata.namespace,
          labels: {...(d.spec.template?.metadata?.labels ?? {}), 'pod-template-hash': hash},
          annotations: {'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/max-replicas': String(desired + 1), 'deployment.kubernetes.io/revision': revision},
          ownerReferences: [this.ownerRef(d)],
        },
        spec: {replicas: initial, selector: {...clone(d.spec.selector), matchLabels: {...(d.spec.selector?.matchLabels ?? {}), 'pod-template-hash': hash}}, template},
      } as KubeObject, d.metadata.namespace) as Any;
      this.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${newRs.metadata.name} from 0 to ${initial}`, src);
    }
    const scale = (rs: Any, to: number) => {
      const from = rs.spec?.replicas ?? 0;
      if (from === to) return rs;
      this.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, src);
      const next = {...rs, spec: {...rs.spec, replicas: to}, metadata: {...rs.metadata, annotations: {...(rs.metadata.annotations ?? {}), 'deployment.kubernetes.io/desired-replicas': String(desired)}}};
      return this.store.put(REPLICASETS, next);
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
    const all = [newRs, ...old.map((r) => this.store.get(REPLICASETS, `${r.metadata.namespace}/${r.metadata.name}`) as Any)].filter(Boolean);
    const sum = (f: (r: Any) => number) => all.reduce((n, r) => n + f(r), 0);
    const available = sum((r) => r.status?.availableReplicas ?? 0);
    const updated = newRs.status?.replicas ?? 0;
    const now = this.clock.iso();
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
    this.putStatus(
      DEPLOYMENTS,
      d,
      {observedGeneration: d.metadata.generation, replicas: sum((r) => r.status?.replicas ?? 0), updatedReplicas: updated, readyReplicas: sum((r) => r.status?.readyReplicas ?? 0), availableReplicas: available, ...(desired - available > 0 ? {unavailableReplicas: desired - available} : {unavailableReplicas: undefined}), conditions},
      (m) => (m.annotations = {...(m.annotations ?? {}), 'deployment.kubernetes.io/revision': newRs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? revision})
    );
  }

  private statefulSet(s: Any): void {
    if (s.metadata.deletionTimestamp) return;
    const desired = s.spec.replicas ?? 1;
    // A terminating pod still holds its ordinal: the replacement waits until it is gone.
    const pods = this.ownedPods(s);
    const byOrdinal = new Map(pods.map((p) => [Number(p.metadata.name.slice(s.metadata.name.length + 1)), p]));
    const revision = `${s.metadata.name}-${templateHash(s.spec.template).slice(0, 10)}`;
    const src = {component: 'statefulset-controller'};
    // OrderedReady: create the next ordinal only once every lower one is ready.
    for (let i = 0; i < desired; i++) {
      const p = byOrdinal.get(i);
      if (!p) {
        const pod = this.createPod(s, s.spec.template, {name: `${s.metadata.name}-${i}`}, {labels: {'statefulset.kubernetes.io/pod-name': `${s.metadata.name}-${i}`, 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': revision}});
        this.events.record(s, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${s.metadata.name} successful`, src);
        break;
      }
      if (!isReady(p) || p.metadata.deletionTimestamp) break;
    }
    const highest = [...byOrdinal.keys()].filter((i) => i >= desired && !byOrdinal.get(i)!.metadata.deletionTimestamp).sort((a, b) => b - a)[0];
    if (highest !== undefined) {
      const p = byOrdinal.get(highest)!;
      this.api.delete(this.podDef(), p.metadata.namespace, p.metadata.name);
      this.events.record(s, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${s.metadata.name} successful`, src);
    }
    const live = this.ownedPods(s).filter((p) => !p.metadata.deletionTimestamp);
    const ready = live.filter(isReady).length;
    this.putStatus(STATEFULSETS, s, {observedGeneration: s.metadata.generation, replicas: live.length, readyReplicas: ready, currentReplicas: live.length, updatedReplicas: live.length, availableReplicas: ready, currentRevision: revision, updateRevision: revision, collisionCount: 0});
  }

  private daemonSet(ds: Any): void {
    if (ds.metadata.deletionTimestamp) return;
    const nodes = [...this.store.values(NODES)].filter((n) => {
      const sel = ds.spec.template?.spec?.nodeSelector as Record<string, string> | undefined;
      return !sel || Object.entries(sel).every(([k, v]) => n.metadata.labels?.[k] === v);
    });
    const pods = this.ownedPods(ds).filter((p) => !p.metadata.deletionTimestamp);
    const hash = templateHash(ds.spec.template).slice(0, 10);
    for (const n of nodes) {
      if (pods.some((p) => p.spec?.nodeName === n.metadata.name)) continue;
      const pod = this.createPod(ds, ds.spec.template, {generateName: `${ds.metadata.name}-`}, {nodeName: n.metadata.name, labels: {'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation ?? 1)}});
      this.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, {component: 'daemonset-controller'});
    }
    const live = this.ownedPods(ds).filter((p) => !p.metadata.deletionTimestamp);
    const ready = live.filter(isReady).length;
    this.putStatus(DAEMONSETS, ds, {desiredNumberScheduled: nodes.length, currentNumberScheduled: live.length, numberMisscheduled: 0, numberReady: ready, updatedNumberScheduled: live.length, numberAvailable: ready, ...(nodes.length - ready > 0 ? {numberUnavailable: nodes.length - ready} : {numberUnavailable: undefined}), observedGeneration: ds.metadata.generation});
  }

  private job(j: Any): void {
    if (j.metadata.deletionTimestamp) return;
    const done = (j.status?.conditions ?? []).some((c: Any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    const pods = this.ownedPods(j).filter((p) => !p.metadata.deletionTimestamp);
    const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
    const failed = pods.filter((p) => p.status?.phase === 'Failed').length;
    const active = pods.filter((p) => !isTerminal(p));
    const completions = j.spec.completions ?? 1;
    const src = {component: 'job-controller'};
    const now = this.clock.iso();
    if (!done && !j.spec.suspend) {
      const want = Math.min(j.spec.parallelism ?? 1, completions - succeeded) - active.length;
      if (failed <= (j.spec.backoffLimit ?? 6)) {
        for (let i = 0; i < want; i++) {
          const pod = this.createPod(j, j.spec.template, {generateName: `${j.metadata.name}-`});
          this.events.record(j, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, src);
        }
      }
    }
    const status: Any = {startTime: j.status?.startTime ?? now, active: active.length || undefined, succeeded: succeeded || undefined, failed: failed || undefined, ready: active.filter(isReady).length, terminating: 0, uncountedTerminatedPods: {}};
    if (!done && succeeded >= completions) {
      status.completionTime = now;
      status.conditions = [
        {type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods'},
        {type: 'Complete', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods'},
      ];
      this.events.record(j, 'Normal', 'Completed', 'Job completed', src);
    } else if (!done && failed > (j.spec.backoffLimit ?? 6)) {
      status.conditions = [{type: 'Failed', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit'}];
      this.events.record(j, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', src);
    }
    this.putStatus(JOBS, j, status);
  }

  /** Fires CronJobs whose schedule matches the current minute (minute/hour fields, `*`, `*\/n`, lists). */
  private cronJobs(): void {
    const t = new Date(this.clock.now());
    for (const cj of [...this.store.values(CRONJOBS)] as Any[]) {
      if (cj.spec?.suspend || cj.metadata.deletionTimestamp) continue;
      const [min, hour] = String(cj.spec.schedule).split(/\s+/);
      if (!cronField(min!, t.getUTCMinutes()) || !cronField(hour ?? '*', t.getUTCHours())) continue;
      const scheduled = Math.floor(this.clock.now() / 60_000);
      const name = `${cj.metadata.name}-${scheduled}`;
      const jobs = this.api.registry.get('batch', 'v1', 'jobs')!;
      if (this.api.find(jobs, cj.metadata.namespace, name)) continue;
      const tmpl = clone(cj.spec.jobTemplate ?? {});
      const job = this.api.create(jobs, {apiVersion: 'batch/v1', kind: 'Job', metadata: {name, namespace: cj.metadata.namespace, labels: tmpl.metadata?.labels, annotations: {'batch.kubernetes.io/cronjob-scheduled-timestamp': this.clock.iso()}, ownerReferences: [this.ownerRef(cj)]}, spec: tmpl.spec} as KubeObject, cj.metadata.namespace);
      this.events.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`, {component: 'cronjob-controller'});
      const owned = this.store.dependents(cj.metadata.uid).filter((d) => d.storage === JOBS).map((d) => this.store.get(JOBS, d.key) as Any).filter(Boolean);
      const finished = owned.filter((o) => o.status?.completionTime).sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : 1));
      for (const o of finished.slice(0, Math.max(0, finished.length - (cj.spec.successfulJobsHistoryLimit ?? 3)))) this.api.delete(jobs, o.metadata.namespace, o.metadata.name, {propagationPolicy: 'Background'});
      const active = owned.filter((o) => !o.status?.completionTime).map((o) => ({kind: 'Job', namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid, apiVersion: 'batch/v1', resourceVersion: o.metadata.resourceVersion}));
      const fresh = this.store.get(CRONJOBS, `${cj.metadata.namespace}/${cj.metadata.name}`) as Any;
      this.putStatus(CRONJOBS, fresh, {lastScheduleTime: this.clock.iso(), active: active.length ? active : [{kind: 'Job', namespace: job.metadata.namespace, name, uid: job.metadata.uid, apiVersion: 'batch/v1'}]});
    }
  }

  /** PodDisruptionBudget status from the pods its selector matches. */
  private pdbs(): void {
    for (const pdb of [...this.store.values(PDBS)] as Any[]) {
      const status = pdbStatus(pdb, this.store);
      this.putStatus(PDBS, pdb, {...status, observedGeneration: pdb.metadata.generation});
    }
  }
}

function cronField(field: string, value: number): boolean {
  return field.split(',').some((part) => {
    if (part === '*') return true;
    const step = /^\*\/(\d+)$/.exec(part);
    if (step) return value % Number(step[1]) === 0;
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) return value >= Number(range[1]) && value <= Number(range[2]);
    return Number(part) === value;
  });
}

/** Healthy/desired counts as the disruption controller computes them. */
export function pdbStatus(pdb: Any, store: ObjectStore): {currentHealthy: number; desiredHealthy: number; expectedPods: number; disruptionsAllowed: number} {
  const select = selectorFromObject(pdb.spec?.selector);
  const pods: Any[] = [];
  const keys = store.sortedKeys(PODS);
  for (const k of keys) {
    if (!k.startsWith(`${pdb.metadata.namespace}/`)) continue;
    const p = store.get(PODS, k) as Any;
    if (select(p.metadata.labels) && !p.metadata.deletionTimestamp && !isTerminal(p)) pods.push(p);
  }
  const expected = pods.length;
  const healthy = pods.filter(isReady).length;
  const resolve = (v: number | string | undefined) => (typeof v === 'string' && v.endsWith('%') ? Math.ceil((Number(v.slice(0, -1)) / 100) * expected) : Number(v ?? 0));
  const desired = pdb.spec?.minAvailable !== undefined ? resolve(pdb.spec.minAvailable) : Math.max(0, expected - resolve(pdb.spec?.maxUnavailable));
  return {currentHealthy: healthy, desiredHealthy: desired, expectedPods: expected, disruptionsAllowed: Math.max(0, healthy - desired)};
}
