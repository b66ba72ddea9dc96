import type {KubeClient} from '../kube-client.js';
import type {KubeObject} from '../types.js';
import {KubeApiError} from '../errors.js';
import {runForEach} from './bulk.js';
import {resourcePath} from '../paths.js';
import {typeRef, type ResolvedTarget} from './target.js';

type Pod = KubeObject<{nodeName?: string}, {phase?: string}>;

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
  /** `daemonset` and `mirror` pods are skipped, as `kubectl drain --ignore-daemonsets` does. */
  reason: 'daemonset' | 'mirror' | 'disruption-budget' | 'error';
  /** The server's message for budget refusals and errors. */
  message?: string;
  error?: Error;
}

export interface DrainReport {
  node: string;
  evicted: Array<{namespace: string; name: string}>;
  /** Pods skipped on purpose (DaemonSet-owned, mirror pods). */
  skipped: DrainLeftPod[];
  /** Pods that could not be evicted: a disruption budget refused, or another error. */
  failed: DrainLeftPod[];
}

const MIRROR = 'kubernetes.io/config.mirror';

/**
 * `kubectl drain --ignore-daemonsets`, once: cordons the node, then evicts every pod on it
 * except DaemonSet-owned and mirror pods. Evictions a PodDisruptionBudget refuses are reported,
 * not retried, so the caller can show exactly what stayed and why.
 */
export async function drainNode(client: KubeClient, target: ResolvedTarget, options: {signal?: AbortSignal} = {}): Promise<DrainReport> {
  const {signal} = options;
  await setNodeUnschedulable(client, target, true, signal);
  const pods = await client.listAll<Pod>(target.cluster, {group: '', resource: 'pods'}, {fieldSelector: `spec.nodeName=${target.name}`, signal});
  const report: DrainReport = {node: target.name, evicted: [], skipped: [], failed: []};
  const evict: Array<{namespace: string; name: string}> = [];
  for (const pod of pods.items) {
    const id = {namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? ''};
    if (pod.metadata.annotations?.[MIRROR] !== undefined) report.skipped.push({...id, reason: 'mirror'});
    else if (pod.metadata.ownerReferences?.some((owner) => owner.kind === 'DaemonSet' && owner.controller)) report.skipped.push({...id, reason: 'daemonset'});
    else if (!pod.metadata.deletionTimestamp) evict.push(id);
  }
  // A few at a time, as kubectl drain does; each refusal is reported, not retried.
  const outcomes = await runForEach(evict, (id) => evictPod(client, target.cluster, id, {signal}), {concurrency: 4, signal});
  for (const {target: id, ok, error} of outcomes) {
    if (ok) report.evicted.push(id);
    // A pod gone meanwhile needs no eviction.
    else if (!(error instanceof KubeApiError && error.isNotFound)) {
      const budget = error instanceof KubeApiError && error.code === 429;
      const message = error instanceof KubeApiError ? (error.details?.causes?.find((cause) => cause.message)?.message ?? error.message) : String(error);
      report.failed.push({...id, reason: budget ? 'disruption-budget' : 'error', message, error});
    }
  }
  return report;
}
