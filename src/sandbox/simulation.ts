import type {KubeObject, OwnerReference} from '../client/types.js';
import {PODS, type ResourceApi} from './api.js';
import type {Random, SimClock} from './clock.js';
import {CONTROLLER_MANAGER, DAEMONSETS, DEPLOYMENTS, JOBS, REPLICASETS, STATEFULSETS, type Any, type ControllerContext} from './controllers.js';
import {pdbs} from './disruption.js';
import type {EventRecorder} from './events.js';
import {cronJobs, job} from './jobs.js';
import {Kubelet} from './kubelet.js';
import type {ResourceDef} from './resources.js';
import type {ObjectStore, StoreEvent} from './store.js';
import {daemonSet, deployment, replicaSet, statefulSet} from './workloads.js';

export {BEHAVIOUR} from './controllers.js';

interface Timer {
  at: number;
  seq: number;
  run: () => void;
}

/**
 * The controllers and kubelet a UI watches at work, on the simulation clock: the timer queue,
 * the work queue and garbage collection live here; the kubelet (kubelet.ts), workload
 * controllers (workloads.ts), Jobs and CronJobs (jobs.ts) and PDB status (disruption.ts) run
 * from it. Deterministic for a seed.
 */
export class Simulation implements ControllerContext {
  private timers: Timer[] = [];
  private seq = 0;
  private readonly queue = new Map<string, {storage: string; key: string}>();
  private readonly tickListeners = new Set<() => void>();
  private readonly gcQueue = new Set<string>();
  private readonly foreground = new Map<string, {def: ResourceDef; key: string}>();
  /** Periodic work (bookmarks, metrics) the cluster adds. */
  readonly periodic: Array<{every: number; next: number; run: () => void}> = [];
  private settling = false;

  private readonly kubelet = new Kubelet(this);

  constructor(
    readonly api: ResourceApi,
    readonly store: ObjectStore,
    readonly clock: SimClock,
    readonly random: Random,
    readonly events: EventRecorder
  ) {
    store.subscribe(null, (e) => this.observe(e));
    api.onDeleteRequested = (def, obj) => this.onDeleteRequested(def, obj);
    this.every(60_000, () => cronJobs(this));
    this.every(5_000, () => pdbs(this));
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
        if (e.type === 'ADDED' && !o.status?.containerStatuses && !o.metadata.deletionTimestamp) this.at(200 + this.random.int(0, 600), () => this.kubelet.schedulePod(key));
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
            if (storage === DEPLOYMENTS) deployment(this, obj);
            else if (storage === REPLICASETS) replicaSet(this, obj);
            else if (storage === STATEFULSETS) statefulSet(this, obj);
            else if (storage === DAEMONSETS) daemonSet(this, obj);
            else if (storage === JOBS) job(this, obj);
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
        this.api.update(def, {...owner, metadata: {...owner.metadata, finalizers}}, owner.metadata.namespace, owner.metadata.name!, {manager: CONTROLLER_MANAGER});
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
}
