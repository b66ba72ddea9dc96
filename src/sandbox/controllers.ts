import type {KubeObject, OwnerReference} from '../client/types.js';
import {PODS, type ResourceApi} from './api.js';
import type {Random, SimClock} from './clock.js';
import type {EventRecorder} from './events.js';
import {storageKey, type ResourceDef} from './resources.js';
import type {ObjectStore} from './store.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- controllers write open spec/status */
export type Any = any;

/** Pod annotation that makes the simulated kubelet misbehave: crashloop, imagepull, unschedulable, fail. */
export const BEHAVIOUR = 'sandbox.kube-elements.io/behaviour';
export const DEPLOYMENTS = storageKey('apps', 'deployments');
export const REPLICASETS = storageKey('apps', 'replicasets');
export const STATEFULSETS = storageKey('apps', 'statefulsets');
export const DAEMONSETS = storageKey('apps', 'daemonsets');
export const JOBS = storageKey('batch', 'jobs');
export const CRONJOBS = storageKey('batch', 'cronjobs');
export const NODES = storageKey('', 'nodes');
export const PDBS = storageKey('policy', 'poddisruptionbudgets');
/** The field manager controller writes are recorded under, as in a real cluster. */
export const CONTROLLER_MANAGER = 'kube-controller-manager';

export const clone = <T>(v: T): T => structuredClone(v);
export const isTerminal = (p: Any) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
export const isReady = (p: Any) => (p.status?.conditions ?? []).some((c: Any) => c.type === 'Ready' && c.status === 'True');

/** What the simulated controllers and kubelet work with: storage, the API, time, randomness, events. */
export interface ControllerContext {
  readonly api: ResourceApi;
  readonly store: ObjectStore;
  readonly clock: SimClock;
  readonly random: Random;
  readonly events: EventRecorder;
  /** Runs `run` after `delayMs` of simulated time. */
  at(delayMs: number, run: () => void): void;
}

export function podDef(ctx: ControllerContext): ResourceDef {
  return ctx.api.registry.get('', 'v1', 'pods')!;
}

export function ownedPods(ctx: ControllerContext, owner: KubeObject): Any[] {
  return ctx.store
    .dependents(owner.metadata.uid!)
    .filter((d) => d.storage === PODS)
    .map((d) => ctx.store.get(PODS, d.key))
    .filter((p): p is KubeObject => !!p);
}

export function ownerRef(owner: KubeObject): OwnerReference {
  return {apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true};
}

export function createPod(ctx: ControllerContext, owner: Any, template: Any, name: {generateName?: string; name?: string}, extra: {labels?: Record<string, string>; nodeName?: string} = {}): Any {
  const def = podDef(ctx);
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...name,
      namespace: owner.metadata.namespace,
      labels: {...(template?.metadata?.labels ?? {}), ...(extra.labels ?? {})},
      annotations: {...(template?.metadata?.annotations ?? {})},
      ownerReferences: [ownerRef(owner)],
    },
    spec: {...clone(template?.spec ?? {}), ...(extra.nodeName ? {nodeName: extra.nodeName} : {})},
  };
  return ctx.api.create(def, pod as KubeObject, owner.metadata.namespace, {manager: CONTROLLER_MANAGER});
}

/** Writes a controller's status (and optional metadata) change, skipping no-ops, recorded as its Update of /status. */
export function putStatus(ctx: ControllerContext, storage: string, obj: Any, status: Any, metadataChange?: (m: Any) => void): void {
  const merged = {...(obj.status ?? {}), ...status};
  const metadata = {...obj.metadata};
  metadataChange?.(metadata);
  if (JSON.stringify(merged) === JSON.stringify(obj.status ?? {}) && JSON.stringify(metadata) === JSON.stringify(obj.metadata)) return;
  ctx.store.put(storage, ctx.api.recordUpdate(obj, {...obj, metadata, status: merged}, CONTROLLER_MANAGER, 'status'));
}

