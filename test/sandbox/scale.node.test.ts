import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createSandbox} from '../../src/sandbox/index.js';
import {json, TABLE} from './helpers.js';

describe('sandbox at scale', () => {
  it('seeds 30,000 pods and pages through them', async () => {
    const t0 = performance.now();
    const sandbox = createSandbox({pods: 30_000, clusters: 1});
    const seedMs = performance.now() - t0;
    const cluster = sandbox.clusters.get('sandbox')!;
    const t1 = performance.now();
    const first = await json(cluster, '/api/v1/namespaces/load/pods?limit=500');
    const firstMs = performance.now() - t1;
    assert.equal(first.body.items.length, 500);
    assert.equal(first.body.metadata.remainingItemCount, 29_500);
    const t2 = performance.now();
    const next = await json(cluster, `/api/v1/namespaces/load/pods?limit=500&continue=${encodeURIComponent(first.body.metadata.continue)}`, {accept: TABLE});
    const tableMs = performance.now() - t2;
    assert.equal(next.body.rows.length, 500);
    const t3 = performance.now();
    sandbox.step(10_000);
    const stepMs = performance.now() - t3;
    const t4 = performance.now();
    const updates = await cluster.stormPods(2_000, 500, 'load');
    const stormMs = performance.now() - t4;
    console.log(`30k seed ${seedMs.toFixed(0)} ms; first page (limit=500, sorts keys) ${firstMs.toFixed(1)} ms; next Table page ${tableMs.toFixed(1)} ms; step(10s) ${stepMs.toFixed(1)} ms; storm ${updates} updates in ${stormMs.toFixed(0)} ms`);
    assert.ok(updates > 0);
    sandbox.dispose();
  });
});
