import {PODS} from './api.js';
import {templateHash} from './clock.js';
import {BEHAVIOUR, clone, NODES, type Any, type ControllerContext} from './controllers.js';

const KUBELET_MANAGER = 'kubelet';

/**
 * The scheduler and the kubelet: binds pending pods to nodes, pulls images, starts containers,
 * crash-loops and completes them, with the events and status a real node reports.
 */
export class Kubelet {
  private readonly ipCounters = new Map<string, number>();

  constructor(private readonly ctx: ControllerContext) {}

  private writePod(key: string, uid: string, change: (pod: Any) => void): Any | undefined {
    const current = this.ctx.store.get(PODS, key) as Any;
    if (!current || current.metadata.uid !== uid || current.metadata.deletionTimestamp) return undefined;
    const next = clone(current);
    change(next);
    return this.ctx.store.put(PODS, this.ctx.api.recordUpdate(current, next, KUBELET_MANAGER, 'status'));
  }

  private setCondition(pod: Any, type: string, status: string, reason?: string): void {
    const now = this.ctx.clock.iso();
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

  schedulePod(key: string): void {
    const pod = this.ctx.store.get(PODS, key) as Any;
    if (!pod || pod.metadata.deletionTimestamp || pod.status?.containerStatuses) return;
    const uid = pod.metadata.uid;
    const behaviour = pod.metadata.annotations?.[BEHAVIOUR];
    if (behaviour === 'unschedulable') {
      const nodes = this.ctx.store.count(NODES);
      this.writePod(key, uid, (p) => this.setCondition(p, 'PodScheduled', 'False', 'Unschedulable'));
      this.ctx.events.record(pod, 'Warning', 'FailedScheduling', `0/${nodes} nodes are available: ${nodes} Insufficient cpu. preemption: 0/${nodes} nodes are available: ${nodes} No preemption victims found for incoming pod.`, {component: 'default-scheduler'});
      return;
    }
    let nodeName = pod.spec?.nodeName;
    if (!nodeName) {
      const nodes = [...this.ctx.store.values(NODES)].filter((n) => !(n.spec as Any)?.unschedulable && !('node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {})));
      const candidates = nodes.length ? nodes : [...this.ctx.store.values(NODES)];
      nodeName = candidates.length ? this.ctx.random.pick(candidates).metadata.name : 'sandbox-node';
    }
    const scheduled = this.writePod(key, uid, (p) => {
      p.spec.nodeName = nodeName;
      this.setCondition(p, 'PodScheduled', 'True');
    });
    if (!scheduled) return;
    this.ctx.events.record(scheduled, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`, {component: 'default-scheduler'});
    this.ctx.at(300 + this.ctx.random.int(0, 400), () => this.createContainers(key, uid));
  }

  private createContainers(key: string, uid: string): void {
    const pod = this.writePod(key, uid, (p) => {
      const node = this.ctx.store.get(NODES, p.spec.nodeName) as Any;
      p.status.hostIP = node?.status?.addresses?.find((a: Any) => a.type === 'InternalIP')?.address ?? '10.0.0.10';
      p.status.hostIPs = [{ip: p.status.hostIP}];
      p.status.startTime = this.ctx.clock.iso();
      this.setCondition(p, 'PodReadyToStartContainers', 'False');
      this.setCondition(p, 'Initialized', 'True');
      this.setCondition(p, 'Ready', 'False', 'ContainersNotReady');
      this.setCondition(p, 'ContainersReady', 'False', 'ContainersNotReady');
      p.status.containerStatuses = p.spec.containers.map((c: Any) => ({name: c.name, image: c.image, imageID: '', ready: false, started: false, restartCount: 0, lastState: {}, state: {waiting: {reason: 'ContainerCreating'}}}));
    });
    if (!pod) return;
    const host = {component: 'kubelet', host: pod.spec.nodeName};
    const behaviour = pod.metadata.annotations?.[BEHAVIOUR];
    for (const c of pod.spec.containers) this.ctx.events.record(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, host, `spec.containers{${c.name}}`);
    if (behaviour === 'imagepull') {
      this.ctx.at(2000, () => {
        const p = this.writePod(key, uid, (x) => {
          for (const s of x.status.containerStatuses) s.state = {waiting: {reason: 'ImagePullBackOff', message: `Back-off pulling image "${s.image}"`}};
        });
        if (!p) return;
        for (const c of p.spec.containers) {
          this.ctx.events.record(p, 'Warning', 'Failed', `Failed to pull image "${c.image}": rpc error: code = NotFound desc = failed to pull and unpack image "${c.image}": not found`, host, `spec.containers{${c.name}}`);
          this.ctx.events.record(p, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, host, `spec.containers{${c.name}}`);
        }
      });
      return;
    }
    const pull = 800 + this.ctx.random.int(0, 2500);
    this.ctx.at(pull, () => this.startContainers(key, uid, pull, false));
  }

  private startContainers(key: string, uid: string, pullMs: number, restart: boolean): void {
    const now = this.ctx.clock.iso();
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
        s.containerID = `containerd://${this.ctx.random.uuid().replace(/-/g, '')}`;
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
      if (restart) this.ctx.events.record(pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, host, field);
      else this.ctx.events.record(pod, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${(pullMs / 1000).toFixed(3)}s (${(pullMs / 1000).toFixed(3)}s including waiting). Image size: ${this.ctx.random.int(5, 80) * 1048576} bytes.`, host, field);
      this.ctx.events.record(pod, 'Normal', 'Created', `Created container: ${c.name}`, host, field);
      this.ctx.events.record(pod, 'Normal', 'Started', `Started container ${c.name}`, host, field);
    }
    this.adopt(pod);
  }

  /** Schedules what a running pod does next (crash, complete), for created and seeded pods alike. */
  adopt(pod: Any): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const uid = pod.metadata.uid;
    const behaviour = pod.metadata.annotations?.[BEHAVIOUR];
    const isJob = (pod.metadata.ownerReferences ?? []).some((r: Any) => r.kind === 'Job') || pod.spec?.restartPolicy === 'Never';
    if (behaviour === 'crashloop') this.ctx.at(this.ctx.random.int(6_000, 20_000), () => this.crash(key, uid));
    else if (isJob) this.ctx.at(this.ctx.random.int(4_000, 15_000), () => this.complete(key, uid, behaviour === 'fail' ? 1 : 0));
  }

  private crash(key: string, uid: string): void {
    const now = this.ctx.clock.iso();
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
    this.ctx.events.record(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`, {component: 'kubelet', host: pod.spec.nodeName}, `spec.containers{${c.name}}`);
    this.ctx.at(backoff, () => this.startContainers(key, uid, 0, true));
  }

  private complete(key: string, uid: string, exitCode: number): void {
    const now = this.ctx.clock.iso();
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

  /** Pod IPs come from the node's podCIDR, in order, like host-local IPAM. */
  private nextPodIp(nodeName: string): string {
    const node = this.ctx.store.get(NODES, nodeName) as Any;
    const cidr: string = node?.spec?.podCIDR ?? '10.244.0.0/24';
    const n = (this.ipCounters.get(nodeName) ?? 1) + 1;
    this.ipCounters.set(nodeName, n);
    return cidr.replace(/\.0\/24$/, `.${2 + (n % 250)}`);
  }
}
