/** Custom resources with printer columns, and the scale subresource. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {eventually, kubectl, testenv} from './env.js';

test('get databases shows the CRD printer columns', async (t) => {
  const env = testenv(t);
  if (!env) return;
  const r = await kubectl(env, ['get', 'databases', '-n', 'team-a']);
  assert.equal(r.code, 0, r.stderr);
  const [header, ...rows] = r.stdout.trimEnd().split('\n');
  assert.match(header, /^NAME\s+ENGINE\s+VERSION\s+REPLICAS\s+READY\s+PHASE\s+AGE$/);
  assert.ok(rows.some((row) => /^orders-db\s+postgres\s+16\.4\s+3\s+3\s+Running\s+\S+$/.test(row)), r.stdout);
  const short = await kubectl(env, ['get', 'db', '-n', 'team-b', '-o', 'name']);
  assert.equal(short.stdout.trim(), 'database.sandbox.kube-elements.io/catalog-db');
});

test('scale --replicas goes through the scale subresource', async (t) => {
  const env = testenv(t);
  if (!env) return;
  const replicas = () =>
    kubectl(env, ['get', 'pods', '-n', 'team-a', '-l', 'app=api', '--field-selector=status.phase=Running', '-o', 'name']).then(
      (r) => r.stdout.trim().split('\n').filter(Boolean).length,
    );
  const up = await kubectl(env, ['scale', 'deployment/api', '-n', 'team-a', '--replicas=4']);
  assert.equal(up.code, 0, up.stderr);
  const scale = await kubectl(env, ['get', '--raw', '/apis/apps/v1/namespaces/team-a/deployments/api/scale']);
  assert.equal(JSON.parse(scale.stdout).spec.replicas, 4);
  assert.equal(await eventually(replicas, (n) => n === 4), 4);

  // Put the seeded state back for other suites.
  const down = await kubectl(env, ['scale', 'deployment/api', '-n', 'team-a', '--replicas=2']);
  assert.equal(down.code, 0, down.stderr);
  assert.equal(await eventually(replicas, (n) => n === 2), 2);

  const db = await kubectl(env, ['scale', 'database/orders-db', '-n', 'team-a', '--replicas=5']);
  assert.equal(db.code, 0, db.stderr);
  const spec = await kubectl(env, ['get', 'database/orders-db', '-n', 'team-a', '-o', 'jsonpath={.spec.replicas}']);
  assert.equal(spec.stdout, '5');
  await kubectl(env, ['scale', 'database/orders-db', '-n', 'team-a', '--replicas=3']);
});
