import type {KubeObject} from '../client/types.js';
import {clone, CONTROLLER_MANAGER, createPod, CRONJOBS, isReady, isTerminal, JOBS, ownedPods, ownerRef, putStatus, type Any, type ControllerContext} from './controllers.js';

/* The Job and CronJob controllers. */

export function job(ctx: ControllerContext, j: Any): void {
  if (j.metadata.deletionTimestamp) return;
  const done = (j.status?.conditions ?? []).some((c: Any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  const pods = ownedPods(ctx, j).filter((p) => !p.metadata.deletionTimestamp);
  const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
  const failed = pods.filter((p) => p.status?.phase === 'Failed').length;
  const active = pods.filter((p) => !isTerminal(p));
  const completions = j.spec.completions ?? 1;
  const src = {component: 'job-controller'};
  const now = ctx.clock.iso();
  if (!done && !j.spec.suspend) {
    const want = Math.min(j.spec.parallelism ?? 1, completions - succeeded) - active.length;
    if (failed <= (j.spec.backoffLimit ?? 6)) {
      for (let i = 0; i < want; i++) {
        const pod = createPod(ctx, j, j.spec.template, {generateName: `${j.metadata.name}-`});
        ctx.events.record(j, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, src);
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
    ctx.events.record(j, 'Normal', 'Completed', 'Job completed', src);
  } else if (!done && failed > (j.spec.backoffLimit ?? 6)) {
    status.conditions = [{type: 'Failed', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit'}];
    ctx.events.record(j, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', src);
  }
  putStatus(ctx, JOBS, j, status);
}

/** Fires CronJobs whose schedule matches the current minute (minute/hour fields, `*`, `*\/n`, lists). */
export function cronJobs(ctx: ControllerContext): void {
  const t = new Date(ctx.clock.now());
  for (const cj of [...ctx.store.values(CRONJOBS)] as Any[]) {
    if (cj.spec?.suspend || cj.metadata.deletionTimestamp) continue;
    const [min, hour] = String(cj.spec.schedule).split(/\s+/);
    if (!cronField(min!, t.getUTCMinutes()) || !cronField(hour ?? '*', t.getUTCHours())) continue;
    const scheduled = Math.floor(ctx.clock.now() / 60_000);
    const name = `${cj.metadata.name}-${scheduled}`;
    const jobs = ctx.api.registry.get('batch', 'v1', 'jobs')!;
    if (ctx.api.find(jobs, cj.metadata.namespace, name)) continue;
    const tmpl = clone(cj.spec.jobTemplate ?? {});
    const job = ctx.api.create(jobs, {apiVersion: 'batch/v1', kind: 'Job', metadata: {name, namespace: cj.metadata.namespace, labels: tmpl.metadata?.labels, annotations: {'batch.kubernetes.io/cronjob-scheduled-timestamp': ctx.clock.iso()}, ownerReferences: [ownerRef(cj)]}, spec: tmpl.spec} as KubeObject, cj.metadata.namespace, {manager: CONTROLLER_MANAGER});
    ctx.events.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`, {component: 'cronjob-controller'});
    const owned = ctx.store.dependents(cj.metadata.uid).filter((d) => d.storage === JOBS).map((d) => ctx.store.get(JOBS, d.key) as Any).filter(Boolean);
    const finished = owned.filter((o) => o.status?.completionTime).sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : 1));
    for (const o of finished.slice(0, Math.max(0, finished.length - (cj.spec.successfulJobsHistoryLimit ?? 3)))) ctx.api.delete(jobs, o.metadata.namespace, o.metadata.name, {propagationPolicy: 'Background'});
    const active = owned.filter((o) => !o.status?.completionTime).map((o) => ({kind: 'Job', namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid, apiVersion: 'batch/v1', resourceVersion: o.metadata.resourceVersion}));
    const fresh = ctx.store.get(CRONJOBS, `${cj.metadata.namespace}/${cj.metadata.name}`) as Any;
    putStatus(ctx, CRONJOBS, fresh, {lastScheduleTime: ctx.clock.iso(), active: active.length ? active : [{kind: 'Job', namespace: job.metadata.namespace, name, uid: job.metadata.uid, apiVersion: 'batch/v1'}]});
  }
}

/** PodDisruptionBudget status from the pods its selector matches. */

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
