import {PODS} from './api.js';
import {isReady, isTerminal, PDBS, putStatus, type Any, type ControllerContext} from './controllers.js';
import {selectorFromObject} from './selectors.js';
import type {ObjectStore} from './store.js';

/* The disruption controller: PodDisruptionBudget status, also read by the eviction subresource. */

export function pdbs(ctx: ControllerContext): void {
  for (const pdb of [...ctx.store.values(PDBS)] as Any[]) {
    const status = pdbStatus(pdb, ctx.store);
    putStatus(ctx, PDBS, pdb, {...status, observedGeneration: pdb.metadata.generation});
  }
}

/** Healthy/desired counts as the disruption controller computes them. */
export function pdbStatus(pdb: Any, store: ObjectStore): {currentHealthy: number; desiredHealthy: number; expectedPods: number; disruptionsAllowed: number} {
  const select = selectorFromObject(pdb.spec?.selector);
  const pods: Any[] = [];
  const keys = store.sortedKeys(PODS);
  for (const k of keys) {
    if (!k.startsWith(`${pdb.metadata.namespace}/`)) continue;
    const p = store.get(PODS, k) as Any;
    if (select(p.metadata.labels) && !p.metadata.deletionTimestamp && !isTerminal(p)) pods.push(p);
  }
  const expected = pods.length;
  const healthy = pods.filter(isReady).length;
  const resolve = (v: number | string | undefined) => (typeof v === 'string' && v.endsWith('%') ? Math.ceil((Number(v.slice(0, -1)) / 100) * expected) : Number(v ?? 0));
  const desired = pdb.spec?.minAvailable !== undefined ? resolve(pdb.spec.minAvailable) : Math.max(0, expected - resolve(pdb.spec?.maxUnavailable));
  return {currentHealthy: healthy, desiredHealthy: desired, expectedPods: expected, disruptionsAllowed: Math.max(0, healthy - desired)};
}
