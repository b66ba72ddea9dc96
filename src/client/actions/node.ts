import type {KubeClient} from '../kube-client.js';
import type {KubeObject} from '../types.js';
import {KubeApiError} from '../errors.js';
import {sleep} from '../backoff.js';
import {retryAfterMs} from '../failures.js';
import {runForEach} from './bulk.js';
import {fieldSelectorValue, resourcePath} from '../paths.js';
import {typeRef, type ResolvedTarget} from './target.js';

type Pod = KubeObject<{nodeName?: string; volumes?: Array<{name: string; emptyDir?: unknown}>}, {phase?: string}>;

/** Marks a node (un)schedulable: `kubectl cordon` / `kubectl uncordon`. */
export function setNodeUnschedulable(client: KubeClient, target: ResolvedTarget, unschedulable: boolean, signal?: AbortSignal): Promise<KubeObject> {
  return client.patch(target.cluster, typeRef(target.type), target, {spec: {unschedulable: unschedulable || null}}, {type: 'merge', signal});
}

/**
 * Evicts a pod through the `pods/eviction` subresource (policy/v1 Eviction), which honours
 * PodDisruptionBudgets: a budget that allows no disruption answers 429 TooManyRequests.
 */
export async function evictPod(client: KubeClient, cluster: string, pod: {namespace: string; name: string}, options: {gracePeriodSeconds?: number; signal?: AbortSignal} = {}): Promise<void> {
  await client.http.json(cluster, resourcePath({group: '', version: 'v1', resource: 'pods', namespace: pod.namespace, name: pod.name, subresource: 'eviction'}), {
    method: 'POST',
    body: {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: {name: pod.name, namespace: pod.namespace},
      ...(options.gracePeriodSeconds !== undefined ? {deleteOptions: {gracePeriodSeconds: options.gracePeriodSeconds}} : {}),
    },
    signal: options.signal,
  });
}

/** A pod drain left on the node, and why. */
export interface DrainLeftPod {
  namespace: string;
  name: string;
  /**
   * `daemonset` and `mirror` pods are skipped, as `kubectl drain --ignore-daemonsets` does;
   * `unmanaged` (no controller; kubectl: "use --force") and `local-storage` (emptyDir data;
   * kubectl: "use --delete-emptydir-data") pods block the drain unless the matching option is set.
   */
  reason: 'daemonset' | 'mirror' | 'unmanaged' | 'local-storage' | 'disruption-budget' | 'error';
  /** The server's message for budget refusals and errors. */
  message?: string;
  error?: Error;
}

export interface DrainReport {
  node: string;
  evicted: Array<{namespace: string; name: string}>;
  /** Pods skipped on purpose: DaemonSet-owned and mirror pods. */
  skipped: DrainLeftPod[];
  /**
   * Pods that need an option (unmanaged, local storage). Like kubectl, a drain with any of these
   * evicts nothing: the node stays cordoned and the caller can choose the options and drain again.
   */
  blocked: DrainLeftPod[];
  /** Pods that could not be evicted: a disruption budget refused, or another error. */
  failed: DrainLeftPod[];
}

const MIRROR = 'kubernetes.io/config.mirror';

/** What `kubectl drain` needs flags for. */
export interface DrainOptions {
  /** Evict pods no controller would recreate (`--force`). */
  force?: boolean;
  /** Evict pods with emptyDir volumes, whose data is lost (`--delete-emptydir-data`). */
  deleteEmptyDirData?: boolean;
  /**
   * A 429 that is not a budget refusal is the server shedding load (API priority and fairness):
   * retried `retries` times (3), after its Retry-After or else `delayMs` (5 s, as kubectl).
   */
  throttle?: {retries?: number; delayMs?: number};
  signal?: AbortSignal;
}

/** Whether a 429 from the eviction subresource is a PodDisruptionBudget refusing, by its Status cause or message. */
export function isBudgetRefusal(error: unknown): boolean {
  if (!(error instanceof KubeApiError) || error.code !== 429) return false;
  const causes = error.details?.causes ?? [];
  return causes.some((cause) => cause.reason === 'DisruptionBudget') || /disruption budget/i.test(error.message);
}

/** Evicts, retrying a throttled (non-budget) 429 a bounded number of times. */
async function evictPatiently(client: KubeClient, cluster: string, pod: {namespace: string; name: string}, options: DrainOptions): Promise<void> {
  const retries = options.throttle?.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await evictPod(client, cluster, pod, {signal: options.signal});
    } catch (error) {
      const throttled = error instanceof KubeApiError && error.code === 429 && !isBudgetRefusal(error);
      if (!throttled || attempt >= retries) throw error;
      // The server's Retry-After (bounded, as every wait is), or else the caller's delay.
      await sleep(retryAfterMs(error) || (options.throttle?.delayMs ?? 5000), options.signal);
    }
  }
}

/** Why drain leaves a pod alone (skipped) or cannot go on (blocked, every option it needs); none when it may be evicted. */
function leaveReasons(pod: Pod, options: DrainOptions): Array<DrainLeftPod['reason']> {
  if (pod.metadata.annotations?.[MIRROR] !== undefined) return ['mirror'];
  const controller = pod.metadata.ownerReferences?.find((owner) => owner.controller);
  if (controller?.kind === 'DaemonSet') return ['daemonset'];
  // A finished pod loses nothing by going.
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return [];
  const reasons: Array<DrainLeftPod['reason']> = [];
  if (!options.deleteEmptyDirData && pod.spec?.volumes?.some((volume) => volume.emptyDir)) reasons.push('local-storage');
  if (!options.force && !controller) reasons.push('unmanaged');
  return reasons;
}

/**
 * `kubectl drain --ignore-daemonsets`, once: cordons the node, then evicts every pod on it except
 * DaemonSet-owned and mirror pods. As kubectl does, pods without a controller or with emptyDir data
 * stop the whole drain before anything is evicted unless `force` / `deleteEmptyDirData` allow them
 * (they are listed in `blocked`). Evictions a PodDisruptionBudget refuses are reported, not
 * retried, so the caller can show exactly what stayed and why; throttling is retried.
 */
export async function drainNode(client: KubeClient, target: ResolvedTarget, options: DrainOptions = {}): Promise<DrainReport> {
  const {signal} = options;
  await setNodeUnschedulable(client, target, true, signal);
  const pods = await client.listAll<Pod>(target.cluster, {group: '', resource: 'pods'}, {fieldSelector: `spec.nodeName=${fieldSelectorValue(target.name)}`, signal});
  const report: DrainReport = {node: target.name, evicted: [], skipped: [], blocked: [], failed: []};
  const evict: Array<{namespace: string; name: string}> = [];
  for (const pod of pods.items) {
    const id = {namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? ''};
    if (pod.metadata.deletionTimestamp) continue;
    const reasons = leaveReasons(pod, options);
    if (reasons[0] === 'daemonset' || reasons[0] === 'mirror') report.skipped.push({...id, reason: reasons[0]});
    // A pod that needs both options is listed under each, so one more drain is enough.
    else if (reasons.length) report.blocked.push(...reasons.map((reason) => ({...id, reason})));
    else evict.push(id);
  }
  // Half a drain is worse than none: the node is cordoned, and nothing moves until the options allow every pod.
  if (report.blocked.length) return report;
  // A few at a time; a budget's refusal is reported, not retried, so the caller sees what stayed.
  const outcomes = await runForEach(evict, (id) => evictPatiently(client, target.cluster, id, options), {concurrency: 4, signal});
  for (const {target: id, ok, error} of outcomes) {
    if (ok) report.evicted.push(id);
    // A pod gone meanwhile needs no eviction.
    else if (!(error instanceof KubeApiError && error.isNotFound)) {
      const budget = isBudgetRefusal(error);
      const message = error instanceof KubeApiError ? (error.details?.causes?.find((cause) => cause.message)?.message ?? error.message) : String(error);
      report.failed.push({...id, reason: budget ? 'disruption-budget' : 'error', message, error});
    }
  }
  return report;
}
