import type {KubeClient} from './kube-client.js';
import type {InformerSnapshot, InformerStatus} from './informer-types.js';
import {LogStream, type LogStreamStatus} from './log-stream.js';
import type {KubeObject} from './types.js';
import {fieldSelectorValue} from './paths.js';

/** What to read logs of: one pod (some or all of its containers), or every pod of a workload or selector. */
export interface LogTarget {
  cluster: string;
  namespace: string;
  pod?: string;
  /** A workload kind (`Deployment`, `StatefulSet`, `DaemonSet`, `ReplicaSet`, `Job`, …) whose `spec.selector` picks the pods. */
  kind?: string;
  name?: string;
  labelSelector?: string;
  /** A container name, `*` for all; unset means the pod's default container, or all for workloads. */
  container?: string;
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
}

/** One container whose lines are merged into the view. */
export interface LogSource {
  namespace: string;
  pod: string;
  container: string;
  status: LogStreamStatus;
  error?: Error;
}

interface ContainerSpec {
  name: string;
}
export type LogPod = KubeObject<
  {containers?: ContainerSpec[]; initContainers?: ContainerSpec[]; ephemeralContainers?: ContainerSpec[]},
  {phase?: string; containerStatuses?: Array<{name: string; restartCount?: number}>; initContainerStatuses?: Array<{name: string; restartCount?: number}>}
>;

export interface LogSourcesCallbacks {
  onLine(source: number, text: string, time: number): void;
  /** Sources, their statuses or the pods changed. */
  onChange(): void;
}

type LabelSelector = {matchLabels?: Record<string, string>; matchExpressions?: Array<{key: string; operator: string; values?: string[]}>};

/** A `metav1.LabelSelector` as the selector string the API takes. */
export function selectorString(selector: LabelSelector | undefined): string {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** Every container of a pod: init, regular, then ephemeral, as a picker lists them. */
export function podContainers(pod: LogPod | undefined): Array<{name: string; type: 'init' | 'container' | 'ephemeral'}> {
  const spec = pod?.spec ?? {};
  return [
    ...(spec.initContainers ?? []).map((c) => ({name: c.name, type: 'init' as const})),
    ...(spec.containers ?? []).map((c) => ({name: c.name, type: 'container' as const})),
    ...(spec.ephemeralContainers ?? []).map((c) => ({name: c.name, type: 'ephemeral' as const})),
  ];
}

/** The container `kubectl logs` picks when none is named. */
export function defaultContainer(pod: LogPod): string | undefined {
  return pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? pod.spec?.containers?.[0]?.name;
}

/**
 * The set of container streams for a target: resolves a workload's selector, watches its pods
 * through the shared informer, opens a stream per container as pods appear and closes it when
 * they go. Source indices are stable for the lifetime of the object, so buffered lines keep them.
 */
export class LogSources {
  readonly sources: LogSource[] = [];
  /** The target's pods, by name. */
  readonly pods = new Map<string, LogPod>();
  podsStatus: InformerStatus = 'loading';
  error?: Error;
  private readonly streams = new Map<string, {index: number; stream: LogStream}>();
  private unsubscribe?: () => void;
  private closed = false;

  constructor(
    private readonly client: Pick<KubeClient, 'podLogBatches' | 'get' | 'subscribe'>,
    readonly target: LogTarget,
    private readonly callbacks: LogSourcesCallbacks
  ) {
    void this.start();
  }

  close() {
    this.closed = true;
    this.unsubscribe?.();
    for (const {stream} of this.streams.values()) stream.close();
    this.streams.clear();
  }

  private async start() {
    const t = this.target;
    let labelSelector = t.labelSelector;
    let fieldSelector: string | undefined;
    if (t.pod) fieldSelector = `metadata.name=${fieldSelectorValue(t.pod)}`;
    else if (t.kind && t.name && !/^(pods?|po)$/i.test(t.kind)) {
      try {
        const workload = await this.client.get<KubeObject<{selector?: LabelSelector}>>(t.cluster, t.kind, {namespace: t.namespace, name: t.name});
        labelSelector = selectorString(workload.spec?.selector);
      } catch (error) {
        this.error = error as Error;
        this.podsStatus = 'error';
        this.callbacks.onChange();
        return;
      }
      // A workload without a selector selects nothing, not everything.
      if (!labelSelector) return this.settle();
    } else if (t.kind && t.name) fieldSelector = `metadata.name=${fieldSelectorValue(t.name)}`;
    if (this.closed) return;
    this.unsubscribe = this.client.subscribe<LogPod>({cluster: t.cluster, resource: 'pods', namespace: t.namespace, labelSelector, fieldSelector}, (snapshot) => this.onPods(snapshot));
  }

  private settle() {
    this.podsStatus = 'ready';
    this.callbacks.onChange();
  }

  private onPods(snapshot: InformerSnapshot<LogPod>) {
    if (this.closed) return;
    this.podsStatus = snapshot.status;
    this.error = snapshot.error;
    const seen = new Set<string>();
    const names = new Set<string>();
    for (const pod of snapshot.items.values()) {
      const name = pod.metadata.name!;
      names.add(name);
      this.pods.set(name, pod);
      for (const container of this.containersOf(pod)) {
        const key = `${name}/${container}`;
        seen.add(key);
        if (!this.streams.has(key)) this.open(pod, container);
      }
    }
    for (const name of [...this.pods.keys()]) if (!names.has(name)) this.pods.delete(name);
    for (const [key, {index, stream}] of this.streams) {
      if (seen.has(key)) continue;
      // The pod went away (or no longer matches): its stream ends; the lines stay.
      stream.close();
      this.streams.delete(key);
      if (!this.pods.has(key.split('/')[0]!)) this.sources[index]!.status = 'deleted';
    }
    this.callbacks.onChange();
  }

  private containersOf(pod: LogPod): string[] {
    const wanted = this.target.container;
    // Like `kubectl logs --all-containers`: init, then regular, then ephemeral containers.
    if (wanted === '*' || (!wanted && !this.target.pod)) return podContainers(pod).map((c) => c.name);
    if (wanted) return podContainers(pod).some((c) => c.name === wanted) ? [wanted] : [];
    const fallback = defaultContainer(pod);
    return fallback ? [fallback] : [];
  }

  private open(pod: LogPod, container: string) {
    const t = this.target;
    const key = `${pod.metadata.name}/${container}`;
    const existing = this.sources.findIndex((s) => s.pod === pod.metadata.name && s.container === container);
    const index = existing >= 0 ? existing : this.sources.push({namespace: t.namespace, pod: pod.metadata.name!, container, status: 'connecting'}) - 1;
    const source = this.sources[index]!;
    const stream = new LogStream(this.client, {
      cluster: t.cluster,
      namespace: t.namespace,
      pod: pod.metadata.name!,
      container,
      follow: t.follow,
      previous: t.previous,
      tailLines: t.tailLines,
      sinceSeconds: t.sinceSeconds,
      sinceTime: t.sinceTime,
      onLine: (text, time) => this.callbacks.onLine(index, text, time),
      onStatus: (status, error) => {
        source.status = status;
        source.error = error;
        this.callbacks.onChange();
      },
    });
    this.streams.set(key, {index, stream});
  }
}
