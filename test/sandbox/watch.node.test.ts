import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {createSandbox, ManualWallClock} from '../../src/sandbox/index.js';
import {call, json, readEvents, TABLE} from './helpers.js';

const wall = new ManualWallClock(Date.UTC(2025, 5, 1));
const sandbox = createSandbox({seed: 3, wallClock: wall});
const cluster = sandbox.clusters.get('sandbox')!;
after(() => sandbox.dispose());

describe('sandbox watch', () => {
  it('streams ADDED, MODIFIED, DELETED and BOOKMARK events from a list resourceVersion', async () => {
    const list = await json(cluster, '/api/v1/namespaces/team-a/configmaps');
    const rv = list.body.metadata.resourceVersion;
    const abort = new AbortController();
    const res = await call(cluster, `/api/v1/namespaces/team-a/configmaps?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true`, {signal: abort.signal});
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const created = cluster.create({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'watched', namespace: 'team-a'}, data: {v: '1'}});
    cluster.update({...created, data: {v: '2'}});
    cluster.delete('v1', 'configmaps', 'team-a', 'watched');
    cluster.create({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'elsewhere', namespace: 'team-b'}});
    // Bookmarks follow the server's wall clock (every minute), not the simulation's.
    sandbox.step(120_000);
    const changes = await readEvents(res, 4, 300);
    assert.deepEqual(changes.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED']);
    wall.advance(60_000);
    const events = [...changes, ...(await readEvents(res, 1))];
    assert.deepEqual(events.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK']);
    assert.equal(events[1].object.data.v, '2');
    assert.equal(events[0].object.kind, 'ConfigMap');
    assert.ok(Number(events[3].object.metadata.resourceVersion) >= Number(events[2].object.metadata.resourceVersion));
    abort.abort();
    assert.equal(cluster.openWatches('configmaps'), 0);
    assert.equal(cluster.stats.watches('configmaps'), 1);
  });

  it('sends current state as ADDED without a resourceVersion and honours selectors', async () => {
    const abort = new AbortController();
    const res = await call(cluster, '/api/v1/namespaces/team-a/pods?watch=true&labelSelector=app%3Dredis', {signal: abort.signal});
    const events = await readEvents(res, 2);
    assert.deepEqual(events.map((e) => [e.type, e.object.metadata.name]), [['ADDED', 'redis-0'], ['ADDED', 'redis-1']]);
    abort.abort();
  });

  it('answers a watch from an expired resourceVersion with a 410 ERROR event', async () => {
    const rv = (await json(cluster, '/api/v1/pods?limit=1')).body.metadata.resourceVersion;
    cluster.expireResourceVersions();
    const res = await call(cluster, `/api/v1/pods?watch=1&resourceVersion=${rv}`);
    const events = await readEvents(res, 1);
    assert.equal(events[0].type, 'ERROR');
    assert.equal(events[0].object.kind, 'Status');
    assert.equal(events[0].object.code, 410);
    assert.equal(events[0].object.reason, 'Expired');
    assert.match(events[0].object.message, /^too old resource version: \d+ \(\d+\)$/);
  });

  it('streams Table rows for a Table watch, with column definitions only in the first event', async () => {
    const abort = new AbortController();
    const res = await call(cluster, '/apis/apps/v1/namespaces/team-b/deployments?watch=1', {accept: TABLE, signal: abort.signal});
    const events = await readEvents(res, 2);
    assert.equal(events[0].object.kind, 'Table');
    assert.equal(events[0].object.rows.length, 1);
    assert.equal(events[0].object.columnDefinitions[0].name, 'Name');
    assert.equal(events[1].object.columnDefinitions, null);
    assert.equal(events[1].object.rows[0].object.kind, 'PartialObjectMetadata');
    abort.abort();
  });

  it('ends the stream after timeoutSeconds, and on dropWatches', async () => {
    const res = await call(cluster, '/api/v1/namespaces?watch=1&timeoutSeconds=1');
    wall.advance(1_000);
    const events = await readEvents(res, 100, 2500);
    assert.ok(events.length > 0);
    assert.equal(cluster.openWatches('namespaces'), 0);
    const abort = new AbortController();
    const dropped = await call(cluster, '/api/v1/namespaces?watch=1', {signal: abort.signal});
    assert.equal(cluster.dropWatches('namespaces'), 1);
    await assert.rejects(async () => {
      const reader = dropped.body!.getReader();
      for (;;) if ((await reader.read()).done) break;
    });
  });

  it('sends a BOOKMARK 2 s before the deadline, as the watch cache does, then ends the stream', async () => {
    const res = await call(cluster, '/api/v1/namespaces/team-a/configmaps?watch=1&resourceVersion=0&allowWatchBookmarks=true&timeoutSeconds=6');
    const initial = await readEvents(res, 100, 200);
    assert.ok(initial.length > 0 && initial.every((e) => e.type === 'ADDED'));
    wall.advance(3_999);
    assert.deepEqual(await readEvents(res, 1, 100), []);
    wall.advance(1);
    const [bookmark] = await readEvents(res, 1);
    assert.equal(bookmark.type, 'BOOKMARK');
    assert.equal(bookmark.object.kind, 'ConfigMap');
    assert.ok(Number(bookmark.object.metadata.resourceVersion) > 0);
    wall.advance(2_000);
    assert.deepEqual(await readEvents(res, 1, 500), []);
    assert.equal(cluster.openWatches('configmaps'), 0);
  });

  it('sends no pre-deadline BOOKMARK without allowWatchBookmarks or when the timeout is under 2 s', async () => {
    const plain = await call(cluster, '/api/v1/namespaces/team-b/configmaps?watch=1&resourceVersion=0&timeoutSeconds=6');
    const short = await call(cluster, '/api/v1/namespaces/team-b/configmaps?watch=1&resourceVersion=0&allowWatchBookmarks=true&timeoutSeconds=1');
    const before = [...(await readEvents(plain, 100, 200)), ...(await readEvents(short, 100, 200))];
    wall.advance(6_000);
    const after = [...(await readEvents(plain, 100, 200)), ...(await readEvents(short, 100, 200))];
    assert.ok(before.length > 0);
    assert.deepEqual(after.filter((e) => e.type === 'BOOKMARK'), []);
    assert.equal(cluster.openWatches('configmaps'), 0);
  });
});
