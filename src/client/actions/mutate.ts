import type {KubeClient, Scale} from '../kube-client.js';
import type {KubeObject} from '../types.js';
import {KubeApiError, isRecord} from '../errors.js';
import {typeRef, type ResolvedTarget} from './target.js';

/** The annotation `kubectl rollout restart` sets on the pod template. */
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** Deletes the object; `force` skips the grace period, as `kubectl delete --force --grace-period=0`. */
export function deleteTarget(client: KubeClient, target: ResolvedTarget, options: {force?: boolean; signal?: AbortSignal} = {}): Promise<KubeObject> {
  return client.delete(target.cluster, typeRef(target.type), target, {
    propagationPolicy: 'Background',
    ...(options.force ? {gracePeriodSeconds: 0} : {}),
    signal: options.signal,
  });
}

/** Label or annotation changes: a value sets the key, `null` removes it. */
export type MetadataChanges = Record<string, string | null>;

/** Sets and removes labels or annotations with one JSON merge patch. */
export function patchMetadata(client: KubeClient, target: ResolvedTarget, field: 'labels' | 'annotations', changes: MetadataChanges, signal?: AbortSignal): Promise<KubeObject> {
  return client.patch(target.cluster, typeRef(target.type), target, {metadata: {[field]: changes}}, {type: 'merge', signal});
}

/**
 * Parses `key=value` lines (and `key-` to remove a key), as `kubectl label` takes them.
 * Throws a `SyntaxError` naming the first line it cannot read.
 */
export function parseMetadataChanges(text: string): MetadataChanges {
  const changes: MetadataChanges = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const removal = /^([^=\s]+)-$/.exec(line);
    if (removal) {
      changes[removal[1]!] = null;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new SyntaxError(line);
    changes[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return changes;
}

/**
 * Sets replicas through the scale subresource, built-ins and custom resources alike, with the
 * request `update` on `…/scale` authorizes (what the bar checks): read the Scale and PUT it back with
 * its resourceVersion. A controller writing status in between answers 409; like client-go's
 * `RetryOnConflict`, read and try again, up to five times.
 */
export function scaleTarget(client: KubeClient, target: ResolvedTarget, replicas: number, signal?: AbortSignal): Promise<Scale> {
  if (!Number.isInteger(replicas) || replicas < 0) throw new RangeError(`replicas must be a whole number ≥ 0, not ${replicas}`);
  return replaceScale(client, target, replicas, signal);
}

const SCALE_ATTEMPTS = 5;

async function replaceScale(client: KubeClient, target: ResolvedTarget, replicas: number, signal?: AbortSignal): Promise<Scale> {
  const ref = typeRef(target.type);
  for (let attempt = 1; ; attempt++) {
    const scale = await client.getScale(target.cluster, ref, target, signal);
    // Put back where it was read from: the target names the object, not whatever metadata the Scale came with.
    const metadata = {...(isRecord(scale.metadata) ? scale.metadata : {}), name: target.name, namespace: target.namespace};
    try {
      return await client.replace<Scale>(target.cluster, {...scale, metadata, spec: {...scale.spec, replicas}}, {ref, subresource: 'scale', signal});
    } catch (error) {
      if (attempt >= SCALE_ATTEMPTS || !(error instanceof KubeApiError && error.code === 409)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 10));
    }
  }
}

/**
 * `kubectl rollout restart`: a new `restartedAt` annotation on the pod template makes the
 * controller roll every pod. A merge patch, so it works where strategic merge is not served.
 */
export function restartTarget(client: KubeClient, target: ResolvedTarget, options: {now?: Date; signal?: AbortSignal} = {}): Promise<KubeObject> {
  const at = (options.now ?? new Date()).toISOString();
  return client.patch(target.cluster, typeRef(target.type), target, {spec: {template: {metadata: {annotations: {[RESTARTED_AT]: at}}}}}, {type: 'merge', signal: options.signal});
}
