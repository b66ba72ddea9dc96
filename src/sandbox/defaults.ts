import type {KubeObject} from '../client/types.js';
import type {Random} from './clock.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- defaulting writes into open spec/status */
type Any = any;

/** Kinds whose spec changes bump metadata.generation (all with a spec, as the registry strategies do). */
export function tracksGeneration(obj: KubeObject): boolean {
  return obj.spec !== undefined;
}

/** Defaulting the API server (and admission) applies on create, for the fields a UI reads. */
export function applyCreateDefaults(obj: KubeObject, random: Random, context: {clusterIpBase: string}): KubeObject {
  const o = obj as Any;
  switch (o.kind) {
    case 'Namespace':
      o.spec = {finalizers: ['kubernetes'], ...(o.spec ?? {})};
      o.status = {phase: 'Active'};
      o.metadata.labels = {...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name};
      break;
    case 'Pod': {
      o.spec = {restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', serviceAccountName: 'default', enableServiceLinks: true, priority: 0, preemptionPolicy: 'PreemptLowerPriority', securityContext: {}, ...(o.spec ?? {})};
      o.spec.containers = (o.spec.containers ?? []).map((c: Any) => ({terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: String(c.image ?? '').endsWith(':latest') || !String(c.image ?? '').includes(':') ? 'Always' : 'IfNotPresent', resources: {}, ...c}));
      o.status = o.status?.phase ? o.status : {phase: 'Pending', qosClass: 'BestEffort'};
      break;
    }
    case 'Service':
      o.spec = {type: 'ClusterIP', sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster', ...(o.spec ?? {})};
      if (!o.spec.clusterIP && o.spec.type !== 'ExternalName') o.spec.clusterIP = `${context.clusterIpBase}.${random.int(2, 250)}`;
      if (o.spec.clusterIP) o.spec.clusterIPs = [o.spec.clusterIP];
      o.spec.ports = (o.spec.ports ?? []).map((p: Any) => ({protocol: 'TCP', targetPort: p.port, ...p, ...(o.spec.type === 'NodePort' || o.spec.type === 'LoadBalancer' ? {nodePort: p.nodePort ?? random.int(30000, 32767)} : {})}));
      o.status = o.status ?? {loadBalancer: {}};
      break;
    case 'Deployment':
      o.spec = {replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: '25%', maxSurge: '25%'}}, ...(o.spec ?? {})};
      o.status = o.status ?? {};
      break;
    case 'ReplicaSet':
    case 'StatefulSet':
      o.spec = {replicas: 1, ...(o.spec ?? {})};
      o.status = o.status ?? {replicas: 0};
      break;
    case 'DaemonSet':
      o.status = o.status ?? {currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0};
      break;
    case 'Job':
      o.spec = {parallelism: 1, completions: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, ...(o.spec ?? {})};
      if (!o.spec.selector && o.metadata.uid) {
        o.spec.selector = {matchLabels: {'batch.kubernetes.io/controller-uid': o.metadata.uid}};
        o.spec.template = {...(o.spec.template ?? {}), metadata: {...(o.spec.template?.metadata ?? {}), labels: {...(o.spec.template?.metadata?.labels ?? {}), 'batch.kubernetes.io/controller-uid': o.metadata.uid, 'batch.kubernetes.io/job-name': o.metadata.name, 'controller-uid': o.metadata.uid, 'job-name': o.metadata.name}}};
      }
      o.status = o.status ?? {};
      break;
    case 'CronJob':
      o.spec = {concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, ...(o.spec ?? {})};
      o.status = o.status ?? {};
      break;
    case 'PersistentVolumeClaim':
      o.spec = {volumeMode: 'Filesystem', ...(o.spec ?? {})};
      o.status = o.status ?? {phase: 'Pending'};
      break;
    case 'Secret':
      o.type = o.type ?? 'Opaque';
      if (o.stringData) {
        o.data = {...(o.data ?? {}), ...Object.fromEntries(Object.entries(o.stringData as Record<string, string>).map(([k, v]) => [k, base64(v)]))};
        delete o.stringData;
      }
      break;
    case 'PodDisruptionBudget':
      o.status = o.status ?? {disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0};
      break;
  }
  return o;
}

/** UTF-8 safe base64, without Node's Buffer (the sandbox runs in browsers too). */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
