import type {KubeClient} from '../kube-client.js';
import type {KubeObject} from '../types.js';
import {typeRef, type ResolvedTarget} from './target.js';

type CronJob = KubeObject<{suspend?: boolean; jobTemplate?: {metadata?: {labels?: Record<string, string>; annotations?: Record<string, string>}; spec?: unknown}}>;

/** Suspends or resumes a CronJob's schedule (`spec.suspend`). */
export function setCronJobSuspended(client: KubeClient, target: ResolvedTarget, suspend: boolean, signal?: AbortSignal): Promise<KubeObject> {
  return client.patch(target.cluster, typeRef(target.type), target, {spec: {suspend}}, {type: 'merge', signal});
}

/**
 * Runs a CronJob now, as `kubectl create job --from=cronjob/<name>`: a Job from its
 * `jobTemplate`, owned by the CronJob and marked `cronjob.kubernetes.io/instantiate: manual`.
 */
export async function runCronJobNow(client: KubeClient, target: ResolvedTarget, options: {name?: string; signal?: AbortSignal} = {}): Promise<KubeObject> {
  const cronJob = await client.get<CronJob>(target.cluster, typeRef(target.type), target, {signal: options.signal});
  const template = cronJob.spec?.jobTemplate ?? {};
  const job: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      ...(options.name ? {name: options.name} : {generateName: `${target.name.slice(0, 52)}-manual-`}),
      namespace: target.namespace,
      labels: template.metadata?.labels,
      annotations: {...template.metadata?.annotations, 'cronjob.kubernetes.io/instantiate': 'manual'},
      ownerReferences: [
        {apiVersion: cronJob.apiVersion ?? 'batch/v1', kind: 'CronJob', name: target.name, uid: cronJob.metadata.uid ?? '', controller: true},
      ],
    },
    spec: template.spec,
  };
  return client.create(target.cluster, job, {ref: {group: 'batch', resource: 'jobs'}, signal: options.signal});
}
