import {expect} from '@open-wc/testing';
import type {InformerChanges, InformerSnapshot, KubeObject, TableRow} from '../../src/client/index.js';
import {createKubeClient, directTransport} from '../../src/client/index.js';
import {fakeApi, until} from '../support/fake-api.js';

/** A notification as it was when delivered (the store itself is live, so its size is copied). */
type Call = {snapshot: InformerSnapshot<KubeObject>; size: number; changes?: InformerChanges};

function recorder() {
  const calls: Call[] = [];
  const listener = (snapshot: InformerSnapshot<KubeObject>, changes?: InformerChanges) => {
    calls.push({
      snapshot,
      size: snapshot.items.size,
      changes: changes && {added: new Set(changes.added), modified: new Set(changes.modified), deleted: new Set(changes.deleted)},
    });
  };
  const last = () => calls.at(-1)?.snapshot;
  const names = () => [...(last()?.items.values() ?? [])].map((o) => o.metadata.name).sort();
  /** Resolves once a notification reported `key` in the given change kind. */
  const notified = (kind: keyof InformerChanges, key: string) =>
    until(() => calls.some((c) => c.changes?.[kind].has(key)), `${kind} ${key} notified`);
  return {calls, listener, last, names, notified};
}

describe('informer', () => {
  it('a token that expired while watching is renewed by the token provider: the watch goes on without an error or a refusal wait', async () => {
    const api = await fakeApi();
    // The fake API server answers "Bearer bad" with 401, as a server does an expired token.
    let expired = false;
    const asked: Array<string | undefined> = [];
    const tokenProvider = (_cluster: string, rejected?: string) => {
      asked.push(rejected);
      return rejected ? 'fresh' : expired ? 'bad' : 'good';
    };
    const client = createKubeClient({transport: directTransport({baseUrl: api.base, cluster: 'one', tokenProvider})});
    const rec = recorder();
    const stop = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a'}, rec.listener);
    try {
      await until(() => rec.last()?.status === 'ready' && rec.last()!.listed, 'ready');
      // A watch that delivered something was healthy: its end is routine, not a failure.
      await api.control('upsert', {resource: 'pods', namespace: 'team-a', name: 'before-expiry'});
      await rec.notified('added', 'team-a/before-expiry');
      const watches = await api.count('GET /api/v1/namespaces/team-a/pods watch');
      expired = true;
      // The server ends the watch (its timeout); the next one goes with the expired token.
      await api.control('end-watches');
      await until(async () => (await api.count('GET /api/v1/namespaces/team-a/pods watch')) > watches + 1, 'watching again');
      expect(asked, 'asked once more, naming the token refused').to.include('bad');
      await api.control('upsert', {resource: 'pods', namespace: 'team-a', name: 'after-renewal'});
      await rec.notified('added', 'team-a/after-renewal');
      expect(rec.calls.map((c) => c.snapshot.status)).to.not.include.members(['error', 'forbidden']);
      expect(rec.calls.filter((c) => c.snapshot.error).map((c) => `${c.snapshot.status} ${c.snapshot.error}`), 'no error shown').to.deep.equal([]);
    } finally {
      stop();
      client.dispose();
    }
  });

  it('delivers a paged initial list page by page, with progress, then is ready', async () => {
    const api = await fakeApi();
    await api.control('many', {count: 1700});
    // Slow the last page, so the first pages are certainly shown before the list completes.
    await api.control('fault', {match: 'GET /api/v1/namespaces/bulk/pods', delayMs: 0, times: 2});
    await api.control('fault', {match: 'GET /api/v1/namespaces/bulk/pods', delayMs: 400});
    const client = api.client();
    const rec = recorder();
    const stop = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'bulk', pageSize: 500}, rec.listener);
    await until(() => rec.last()?.status === 'ready' && rec.last()!.listed, 'ready');
    expect(rec.last()!.items.size).to.equal(1700);
    // Pages of 500, then 1000, then the rest: later pages grow so big lists take few round trips.
    expect(await api.count('GET /api/v1/namespaces/bulk/pods')).to.equal(3);
    const partial = rec.calls.filter((c) => !c.snapshot.listed && c.size > 0);
    expect(partial.length, 'notifications before the list completed').to.be.greaterThan(0);
    expect(partial[0]!.snapshot.progress.loaded).to.be.within(500, 1500);
    expect(partial[0]!.snapshot.progress.remaining).to.be.a('number');
    stop();
  });

  it('asks for the next page as soon as a page\'s continue token arrives, before that page has arrived whole', async () => {
    const api = await fakeApi();
    await api.control('many', {count: 1700});
    // Each page with more to come sends its metadata, then holds its rows until the next page is asked for.
    await api.control('hold-list-bodies');
    for (const table of [false, true]) {
      const rec = recorder();
      const stop = api.client().subscribe({cluster: 'one', resource: 'pods', namespace: 'bulk', pageSize: 500, table}, rec.listener);
      await until(() => rec.last()?.status === 'ready' && rec.last()!.listed, 'ready');
      expect(rec.last()!.items.size).to.equal(1700);
      stop();
    }
    const {releases, maxListsInFlight} = (await api.control('body-releases')) as {releases: string[]; maxListsInFlight: number};
    // Two held pages per list: a client that waited for each page whole would have released them only by the timeout.
    expect(releases).to.deep.equal(['next-page', 'next-page', 'next-page', 'next-page']);
    expect(maxListsInFlight).to.equal(2);
  });

  it('asks one page ahead at most, however early the later tokens arrive', async () => {
    const api = await fakeApi();
    await api.control('many', {count: 1700});
    // Every page's metadata at once, its rows 150 ms later: a client that chased every token would have them all in flight.
    await api.control('hold-list-bodies', {onNextPage: false, ms: 150});
    const rec = recorder();
    const stop = api.client().subscribe({cluster: 'one', resource: 'pods', namespace: 'bulk', pageSize: 100}, rec.listener);
    await until(() => rec.last()?.status === 'ready' && rec.last()!.listed, 'ready');
    stop();
    expect(rec.last()!.items.size).to.equal(1700);
    const {releases, maxListsInFlight} = (await api.control('body-releases')) as {releases: string[]; maxListsInFlight: number};
    expect(releases.length, 'pages of 100, 200, 400, 800 held, then the last').to.equal(4);
    expect(maxListsInFlight, 'the page waited for and the one after it').to.equal(2);
  });

  it('applies watch ADDED / MODIFIED / DELETED in place and reports what changed', async () => {
    const api = await fakeApi();
    const client = api.client();
    const rec = recorder();
    const stop = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a'}, rec.listener);
    await until(() => rec.last()?.listed === true, 'listed');
    await until(async () => (await api.count('GET /api/v1/namespaces/team-a/pods watch')) === 1, 'watch open');
    const store = rec.last()!.items;
    await api.control('upsert', {resource: 'pods', namespace: 'team-a', name: 'pod-new'});
    await rec.notified('added', 'team-a/pod-new');
    expect(rec.last()!.items.has('team-a/pod-new')).to.be.true;
    await api.control('upsert', {resource: 'pods', namespace: 'team-a', name: 'pod-1', status: {phase: 'Failed'}});
    await rec.notified('modified', 'team-a/pod-1');
    expect((rec.last()!.items.get('team-a/pod-1')!.status as {phase: string}).phase).to.equal('Failed');
    await api.control('delete', {resource: 'pods', namespace: 'team-a', name: 'pod-2'});
    await rec.notified('deleted', 'team-a/pod-2');
    expect(rec.last()!.items.has('team-a/pod-2')).to.be.false;
    expect(rec.calls.at(-1)!.changes!.modified.has('team-a/pod-2')).to.be.false;
    expect(rec.last()!.items, 'the store is updated in place, never copied').to.equal(store);
    stop();
  });

  it('batches a burst of events into one notification per frame', async () => {
    const api = await fakeApi();
    const client = api.client();
    const rec = recorder();
    const stop = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'bulk'}, rec.listener);
    await until(() => rec.last()?.listed === true, 'listed');
    await until(async () => (await api.count('GET /api/v1/namespaces/bulk/pods watch')) === 1, 'watch open');
    const before = rec.calls.length;
    await api.control('many', {count: 300});
    await until(() => rec.calls.at(-1)!.size === 300, '300 items notified');
    const notifications = rec.calls.length - before;
    expect(notifications, `${notifications} notifications for 300 events`).to.be.at.most(3);
    const added = rec.calls.slice(before).reduce((sum, c) => sum + (c.changes?.added.size ?? 0), 0);
    expect(added).to.equal(300);
    stop();
  });

  it('moves its resourceVersion on BOOKMARK and resumes the watch from it after a server timeout', async () => {
    const api = await fakeApi();
    const client = api.client();
    const rec = recorder();
    const stop = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a'}, rec.listener);
    await until(async () => (await api.count('GET /api/v1/namespaces/team-a/pods watch')) === 1, 'watch open');
    await api.control('upsert', {resource: 'pods', namespace: 'team-b', name: 'elsewhere'});
    await api.control('bookmark');
    await api.control('end-watches');
    await until(async () => (await api.count('GET /api/v1/namespaces/team-a/pods watch')) === 2, 'second watch');
    expect(await api.count('GET /api/v1/namespaces/team-a/pods'), 'no re-list after a clean end').to.equal(1);
    await until(() => rec.last()?.status === 'ready', 'ready');
    stop();
  });

  it('re-lists on a 410 ERROR event, dropping objects deleted meanwhile', async () => {
    const api = await fakeApi();
    const client = api.client();
    const rec = recorder();
    const stop = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a'}, rec.listener);
    await until(async () => (await api.count('GET /api/v1/namespaces/team-a/pods watch')) === 1, 'watch open');
    // The reconnect reaches the server only after pod-3 was deleted and history compacted.
    await api.control('fault', {match: 'pods watch', delayMs: 300});
    await api.control('drop-watches');
    await api.control('delete', {resource: 'pods', namespace: 'team-a', name: 'pod-3'});
    await api.control('expire', {});
    await until(async () => (await api.count('GET /api/v1/namespaces/team-a/pods')) === 2, 're-list');
    await rec.notified('deleted', 'team-a/pod-3');
    expect(rec.names()).to.deep.equal(['pod-0', 'pod-1', 'pod-2', 'pod-4', 'pod-5', 'pod-6']);
    // The ERROR event goes to the watch that follows the re-list: wait for it to be open.
    await until(async () => ((await api.control('watchers')) as {open: number}).open === 1, 'the watch after the re-list');
    await api.control('expire', {sendErrorToWatchers: true});
    await until(async () => (await api.count('GET /api/v1/namespaces/team-a/pods')) === 3, 'second re-list after ERROR event');
    stop();
  });

  it('restarts a paged list whose continue token expired (410)', async () => {
    const api = await fakeApi();
    await api.control('many', {count: 30});
    await api.control('expire', {continueExpires: true});
    const rec = recorder();
    const stop = api.client().subscribe({cluster: 'one', resource: 'pods', namespace: 'bulk', pageSize: 5}, rec.listener);
    await until(() => rec.last()?.listed === true, 'listed').catch(async (e) => {
      throw new Error(`${e.message} ${JSON.stringify(rec.calls.map((c) => [c.snapshot.status, c.size, c.snapshot.error?.message]))} ${JSON.stringify(await api.counts())}`);
    });
    expect(rec.last()!.items.size).to.equal(30);
    // 5 then 10 (410: continue expired), then 5 + 10 + 20 from scratch.
    expect(await api.count('GET /api/v1/namespaces/bulk/pods')).to.equal(5);
    stop();
  });

  it('shows reconnecting when the watch drops, reconnects with backoff, and catches up', async () => {
    const api = await fakeApi();
    const client = api.client();
    const rec = recorder();
    const stop = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a'}, rec.listener);
    await until(async () => (await api.count('GET /api/v1/namespaces/team-a/pods watch')) === 1, 'watch open');
    await api.control('fault', {match: 'pods watch', status: 0, times: 1000});
    await api.control('drop-watches');
    await api.control('upsert', {resource: 'pods', namespace: 'team-a', name: 'while-away'});
    await until(() => rec.calls.some((c) => c.snapshot.status === 'reconnecting'), 'reconnecting');
    await until(async () => (await api.count('GET /api/v1/namespaces/team-a/pods watch')) >= 5, 'retries');
    await api.control('clear-faults');
    await rec.notified('added', 'team-a/while-away');
    await until(() => rec.last()!.status === 'ready', 'ready again');
    expect(await api.count('GET /api/v1/namespaces/team-a/pods watch')).to.be.at.least(5);
    expect(await api.count('GET /api/v1/namespaces/team-a/pods'), 'resumed from its resourceVersion, no re-list').to.equal(1);
    stop();
  });

  it('starts a core type\'s list before discovery answers, then takes discovery\'s description of it', async () => {
    const api = await fakeApi();
    await api.control('fault', {match: 'GET /api', exact: true, delayMs: 600});
    let snapshot: InformerSnapshot<KubeObject> | undefined;
    const stop = api.client().subscribe({cluster: 'one', resource: 'po', namespace: 'team-a'}, (s) => (snapshot = s));
    await until(() => snapshot?.listed === true, 'listed', 500);
    expect(await api.count('GET /api'), 'asked, not answered yet').to.equal(1);
    expect(snapshot!.type!.kind).to.equal('Pod');
    expect(snapshot!.type!.subresources, 'well-known: no subresources claimed').to.deep.equal([]);
    await until(() => snapshot!.type!.subresources.includes('log'), 'discovery\'s description', 2000);
    stop();
    // Kinds outside the core group still wait for discovery.
    const api2 = await fakeApi();
    await api2.control('fault', {match: 'GET /apis', exact: true, delayMs: 400});
    let deployments: InformerSnapshot<KubeObject> | undefined;
    const stop2 = api2.client().subscribe({cluster: 'one', resource: 'deployments', namespace: 'team-a'}, (s) => (deployments = s));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await api2.count('GET /apis/apps/v1/namespaces/team-a/deployments')).to.equal(0);
    await until(() => deployments?.listed === true, 'deployments listed', 2000);
    stop2();
  });

  it('asks discovery again when it fails for a core type already listing, and leaves a subscriber that left', async () => {
    const api = await fakeApi();
    // Discovery fails once (the list runs on regardless), then answers on the retry.
    await api.control('fault', {match: 'GET /api', exact: true, status: 500});
    let snapshot: InformerSnapshot<KubeObject> | undefined;
    const stop = api.client().subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a'}, (s) => (snapshot = s));
    await until(() => snapshot?.listed === true, 'listed');
    expect(snapshot!.status).to.equal('ready');
    await until(() => snapshot!.type!.subresources.includes('log'), 'described on the retry', 4000);
    stop();
    // Leaving before discovery answers: nothing more arrives, and the list+watch closes after its grace period.
    const api2 = await fakeApi();
    await api2.control('fault', {match: 'GET /api', exact: true, delayMs: 500});
    const client = api2.client({graceMs: 100});
    let calls = 0;
    const stop2 = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a'}, () => calls++);
    await until(() => calls > 0, 'first notification');
    stop2();
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(calls, 'no notification after leaving').to.equal(after);
    expect(client.informers.size, 'closed after the grace period').to.equal(0);
  });

  it('closes the early list at once when discovery describes a core type otherwise', async () => {
    const api = await fakeApi();
    await api.control('fault', {match: 'GET /api', exact: true, delayMs: 300});
    const client = api.client({graceMs: 60_000});
    // A server that serves pods cluster-scoped only (no conformant one does): the subscription moves.
    const resolve = client.discovery.resolve.bind(client.discovery);
    client.discovery.resolve = async (cluster, ref) => ({...(await resolve(cluster, ref)), namespaced: false});
    let snapshot: InformerSnapshot<KubeObject> | undefined;
    const stop = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a'}, (s) => (snapshot = s));
    await until(() => snapshot?.listed === true && snapshot.type?.namespaced === true, 'the early list, namespaced');
    await until(() => snapshot?.type?.namespaced === false && snapshot.listed, 'moved to the cluster-wide list', 2000);
    expect(client.informers.size, 'the early list closed, not left for its grace period').to.equal(1);
    expect(await api.count('GET /api/v1/pods'), 'listed cluster-wide').to.be.greaterThan(0);
    stop();
  });

  it('keeps notifying the other subscribers, and listing, when one subscriber throws', async () => {
    const api = await fakeApi();
    await api.control('many', {count: 1200});
    const client = api.client();
    const thrown: unknown[] = [];
    const report = window.reportError;
    window.reportError = (error) => thrown.push(error);
    const stopBad = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'bulk', pageSize: 500}, () => {
      throw new Error('subscriber bug');
    });
    const rec = recorder();
    const stop = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'bulk', pageSize: 500}, rec.listener);
    await until(() => rec.last()?.listed === true, 'listed');
    stopBad();
    window.reportError = report;
    expect(rec.last()!.items.size).to.equal(1200);
    expect(thrown.length, 'reported, not swallowed').to.be.greaterThan(0);
    expect(await api.count('GET /api/v1/namespaces/bulk/pods'), 'pages of 500 and 700: one list, not restarted').to.equal(2);
    stop();
  });

  it('shares one list and one watch between subscribers of the same query, however the kind is spelled', async () => {
    const api = await fakeApi();
    const client = api.client();
    const a = recorder();
    const b = recorder();
    const c = recorder();
    const stops = [
      client.subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a'}, a.listener),
      client.subscribe({cluster: 'one', resource: 'Pod', namespace: 'team-a'}, b.listener),
      client.subscribe({cluster: 'one', resource: 'po', namespace: 'team-a'}, c.listener),
    ];
    await until(() => [a, b, c].every((r) => r.last()?.listed), 'all listed');
    await until(async () => (await api.count('GET /api/v1/namespaces/team-a/pods watch')) === 1, 'watch');
    await api.control('upsert', {resource: 'pods', namespace: 'team-a', name: 'shared'});
    await until(() => [a, b, c].every((r) => r.last()!.items.has('team-a/shared')), 'all see the event');
    expect(await api.count('GET /api/v1/namespaces/team-a/pods')).to.equal(1);
    expect(await api.count('GET /api/v1/namespaces/team-a/pods watch')).to.equal(1);
    expect(client.informers.size).to.equal(1);
    // A different query is a different informer.
    const d = recorder();
    stops.push(client.subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a', labelSelector: 'app=web'}, d.listener));
    await until(() => d.last()?.listed === true, 'selector list');
    expect(d.names()).to.deep.equal(['pod-1', 'pod-3', 'pod-5']);
    expect(client.informers.size).to.equal(2);
    for (const stop of stops) stop();
  });

  it('closes the list+watch after a grace period when the last subscriber leaves, reusing it within it', async () => {
    const api = await fakeApi();
    const client = api.client({graceMs: 300});
    const rec = recorder();
    let stop = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a'}, rec.listener);
    await until(() => rec.last()?.listed === true, 'listed');
    stop();
    stop = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a'}, rec.listener);
    await until(() => client.informers.size === 1, 'reattached');
    await new Promise((r) => setTimeout(r, 400));
    expect(client.informers.size, 'kept while subscribed').to.equal(1);
    expect(await api.count('GET /api/v1/namespaces/team-a/pods')).to.equal(1);
    stop();
    await until(() => client.informers.size === 0, 'closed after grace', 2000);
  });

  it('serves Table rows with the server columns, keyed by object, live', async () => {
    const api = await fakeApi();
    const client = api.client();
    let snapshot: InformerSnapshot<TableRow> | undefined;
    const stop = client.subscribe<TableRow>({cluster: 'one', resource: 'pods', namespace: 'team-a', table: true}, (s) => (snapshot = s));
    await until(() => snapshot?.listed === true, 'listed');
    expect(snapshot!.serverTable).to.be.true;
    expect(snapshot!.columns.map((c) => c.name)).to.deep.equal(['Name', 'Status', 'Age']);
    expect(snapshot!.items.get('team-a/pod-0')!.cells).to.deep.equal(['pod-0', 'Running', '1h']);
    const columns = snapshot!.columns;
    await until(async () => (await api.count('GET /api/v1/namespaces/team-a/pods watch')) === 1, 'watch');
    await api.control('upsert', {resource: 'pods', namespace: 'team-a', name: 'pod-0', status: {phase: 'Succeeded'}});
    await until(() => snapshot!.items.get('team-a/pod-0')!.cells[1] === 'Succeeded', 'row updated');
    expect(snapshot!.columns, 'equal columns in later pages and events keep the store').to.equal(columns);
    stop();
  });

  it('reports forbidden with the server message, and an unknown kind as an error', async () => {
    const api = await fakeApi();
    await api.control('forbid', {rule: 'list pods team-b'});
    const client = api.client();
    const rec = recorder();
    const stop = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'team-b'}, rec.listener);
    await until(() => rec.last()?.status === 'forbidden', 'forbidden');
    expect(rec.last()!.error!.message).to.equal('pods is forbidden: User "tester" cannot list resource "pods" in API group "" in the namespace "team-b"');
    stop();
    const unknown = recorder();
    const stop2 = client.subscribe({cluster: 'one', resource: 'gadgets'}, unknown.listener);
    await until(() => unknown.last()?.status === 'error', 'error');
    expect(unknown.last()!.error!.message).to.contain('doesn\'t have a resource type "gadgets"');
    stop2();
  });

  describe('recovery', () => {
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    /**
     * Statuses in order, repeats folded: the states a list showing this informer passed through, after
     * the first `loading` (which a fast first answer may fold into its own notification).
     */
    const statusRuns = (calls: Call[]) => {
      const runs = calls.map((c) => c.snapshot.status).filter((status, i, all) => status !== all[i - 1]);
      return runs[0] === 'loading' ? runs.slice(1) : runs;
    };

    it('starts each reconnect from the shortest wait after a healthy watch fails, however often a proxy cuts it', async () => {
      const api = await fakeApi();
      // No jitter and a high ceiling: without a reset, the eighth reconnect would wait 1.28 s.
      const client = api.client({informers: {backoff: {initialMs: 10, maxMs: 5000, jitter: 0}}});
      const rec = recorder();
      const stop = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a'}, rec.listener);
      const watches = () => api.count('GET /api/v1/namespaces/team-a/pods watch');
      const waits: number[] = [];
      // Past the first notification (a whole snapshot, no changes), so each event below arrives as a change.
      await until(() => rec.calls.length > 0 && rec.last()!.listed, 'listed and notified');
      for (let cut = 1; cut <= 8; cut++) {
        // Asked for, and open on the server (an event sent before would reach no watch).
        await until(async () => (await watches()) === cut && ((await api.control('watchers')) as {open: number}).open === 1, `watch ${cut} open`);
        // The watch delivers an event, so it was healthy; then the proxy cuts it.
        await api.control('upsert', {resource: 'pods', namespace: 'team-a', name: `event-${cut}`});
        await rec.notified('added', `team-a/event-${cut}`);
        await api.control('drop-watches');
        const cutAt = performance.now();
        await until(async () => (await watches()) === cut + 1, `reconnect ${cut}`);
        waits.push(Math.round(performance.now() - cutAt));
      }
      expect(Math.max(...waits), `reconnect waits ${waits.join(', ')} ms`).to.be.below(250);
      expect(await api.count('GET /api/v1/namespaces/team-a/pods'), 'resumed each time, no re-list').to.equal(1);
      stop();
    });

    it('lists again from scratch when the server\'s table columns change, so no row is shown in the old layout', async () => {
      const api = await fakeApi();
      const mismatched: string[] = [];
      let snapshot: InformerSnapshot<TableRow> | undefined;
      const stop = api.client().subscribe<TableRow>({cluster: 'one', resource: 'pods', namespace: 'team-a', table: true}, (s) => {
        snapshot = s;
        for (const [key, row] of s.items) if (row.cells.length !== s.columns.length) mismatched.push(`${key}: ${row.cells.length} cells, ${s.columns.length} columns`);
      });
      await until(() => snapshot?.listed === true, 'listed');
      await until(async () => (await api.count('GET /api/v1/namespaces/team-a/pods watch')) === 1, 'watch');
      // The server now prints a Node column (an upgrade, a CRD's printer columns edited); the next event shows it.
      await api.control('table-columns', {wide: true});
      await api.control('upsert', {resource: 'pods', namespace: 'team-a', name: 'pod-0', status: {phase: 'Succeeded'}});
      await until(() => snapshot!.columns.length === 4 && snapshot!.status === 'ready', 'the new columns, ready');
      expect(snapshot!.columns.map((c) => c.name)).to.deep.equal(['Name', 'Status', 'Node', 'Age']);
      expect(snapshot!.items.size).to.equal(7);
      expect(snapshot!.items.get('team-a/pod-0')!.cells).to.deep.equal(['pod-0', 'Succeeded', 'node-1', '1h']);
      expect(mismatched, 'rows whose cells were not in the columns\' layout').to.deep.equal([]);
      expect(await api.count('GET /api/v1/namespaces/team-a/pods'), 're-listed from scratch').to.equal(2);
      await until(async () => (await api.count('GET /api/v1/namespaces/team-a/pods watch')) === 2, 'watching from the re-list');
      stop();
    });

    it('stops at a refusal that asking again won\'t change (400, 405, 422) and shows it steadily', async () => {
      for (const [code, reason] of [[400, 'BadRequest'], [405, 'MethodNotAllowed'], [422, 'Invalid']] as const) {
        const api = await fakeApi();
        const message = `refused with ${code}`;
        await api.control('fault', {match: 'GET /api/v1/namespaces/team-a/pods', exact: true, status: code, reason, message, times: 1000});
        const rec = recorder();
        const stop = api.client().subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a', labelSelector: 'app=web'}, rec.listener);
        await until(() => rec.last()?.status === 'error', `${code}: error`);
        await pause(300);
        expect(await api.count('GET /api/v1/namespaces/team-a/pods'), `${code}: asked once`).to.equal(1);
        expect(statusRuns(rec.calls), `${code}: statuses`).to.deep.equal(['error']);
        expect(rec.last()!.error!.message).to.equal(message);
        stop();
      }
    });

    it('asks again slowly after a 401 or 403, keeping the refusal shown, and lists once access is granted', async () => {
      for (const [code, status] of [[403, 'forbidden'], [401, 'error']] as const) {
        const api = await fakeApi();
        await api.control('fault', {match: 'GET /api/v1/namespaces/team-a/pods', exact: true, status: code, message: `refused with ${code}`, times: 1000});
        const rec = recorder();
        const client = api.client({informers: {refusedRetryMs: 400}});
        const stop = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a'}, rec.listener);
        await until(() => rec.last()?.status === status, `${code}: ${status}`);
        await pause(250);
        expect(await api.count('GET /api/v1/namespaces/team-a/pods'), `${code}: not asked again yet`).to.equal(1);
        // RBAC granted, or a fresh token.
        await api.control('clear-faults');
        await until(() => rec.last()?.listed === true, `${code}: listed`, 2000);
        expect(rec.last()!.items.size).to.equal(7);
        expect(statusRuns(rec.calls), `${code}: statuses`).to.deep.equal([status, 'ready']);
        stop();
      }
    });

    it('keeps the rows of a first list that failed part-way shown with the error, and never flips back to loading', async () => {
      const api = await fakeApi();
      await api.control('many', {count: 30});
      // Pages of 5 and 10 arrive; the page of 15 fails, then the first page twice more.
      await api.control('fault', {match: 'GET /api/v1/namespaces/bulk/pods', delayMs: 0, times: 2});
      await api.control('fault', {match: 'GET /api/v1/namespaces/bulk/pods', status: 500, times: 3});
      const rec = recorder();
      const stop = api.client().subscribe({cluster: 'one', resource: 'pods', namespace: 'bulk', pageSize: 5}, rec.listener);
      await until(() => rec.last()?.listed === true, 'listed');
      expect(rec.last()!.items.size).to.equal(30);
      const shown = rec.calls.slice(rec.calls.findIndex((c) => c.size > 0));
      expect(shown.every((c) => c.size > 0), 'rows never dropped').to.be.true;
      expect(statusRuns(shown).filter((s) => s === 'error' || s === 'forbidden'), 'rows never hidden behind an error state').to.deep.equal([]);
      expect(shown.some((c) => c.snapshot.status === 'reconnecting' && c.snapshot.error?.message === 'injected failure'), 'the error shown with the rows').to.be.true;
      stop();
      // With nothing to show yet, the error stays up through the retries until a page arrives.
      await api.control('fault', {match: 'GET /api/v1/namespaces/team-a/pods', exact: true, status: 503, times: 3});
      const empty = recorder();
      const stop2 = api.client().subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a'}, empty.listener);
      await until(() => empty.last()?.listed === true, 'team-a listed');
      expect(await api.count('GET /api/v1/namespaces/team-a/pods')).to.equal(4);
      expect(statusRuns(empty.calls)).to.deep.equal(['error', 'ready']);
      stop2();
    });

    it('lists a kind that cannot be watched again on an interval, staying ready with its rows', async () => {
      const api = await fakeApi();
      for (const name of ['etcd-0', 'scheduler']) await api.control('upsert', {resource: 'componentstatuses', name});
      const rec = recorder();
      const stop = api.client({informers: {pollIntervalMs: 100}}).subscribe({cluster: 'one', resource: 'componentstatuses'}, rec.listener);
      await until(() => rec.last()?.listed === true, 'listed');
      expect(rec.names()).to.deep.equal(['etcd-0', 'scheduler']);
      await api.control('upsert', {resource: 'componentstatuses', name: 'controller-manager'});
      await api.control('delete', {resource: 'componentstatuses', name: 'etcd-0'});
      await rec.notified('added', 'controller-manager');
      await rec.notified('deleted', 'etcd-0');
      await until(async () => (await api.count('GET /api/v1/componentstatuses')) >= 4, 'listed on the interval');
      expect(rec.names()).to.deep.equal(['controller-manager', 'scheduler']);
      expect(await api.count('GET /api/v1/componentstatuses watch'), 'its verbs say it can\'t be watched: not tried').to.equal(0);
      expect(statusRuns(rec.calls)).to.deep.equal(['ready']);
      stop();
    });

    it('falls back to listing on an interval when a watch is answered 405', async () => {
      const api = await fakeApi();
      await api.control('fault', {match: 'GET /api/v1/namespaces/team-a/pods watch', exact: true, status: 405, reason: 'MethodNotAllowed', times: 1000});
      const rec = recorder();
      const stop = api.client({informers: {pollIntervalMs: 100}}).subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a'}, rec.listener);
      await until(() => rec.last()?.listed === true, 'listed');
      await api.control('upsert', {resource: 'pods', namespace: 'team-a', name: 'pod-new'});
      await rec.notified('added', 'team-a/pod-new');
      await until(async () => (await api.count('GET /api/v1/namespaces/team-a/pods')) >= 3, 'listed on the interval');
      expect(await api.count('GET /api/v1/namespaces/team-a/pods watch'), 'the watch asked once').to.equal(1);
      expect(statusRuns(rec.calls)).to.deep.equal(['ready']);
      stop();
    });

    it('backs off re-lists that follow one another when every watch is answered 410 Gone', async () => {
      const api = await fakeApi();
      await api.control('fault', {match: 'GET /api/v1/namespaces/team-a/pods watch', exact: true, status: 410, reason: 'Expired', message: 'too old resource version', times: 100_000});
      const rec = recorder();
      const client = api.client({informers: {backoff: {initialMs: 20, maxMs: 200, jitter: 0}}});
      const stop = client.subscribe({cluster: 'one', resource: 'pods', namespace: 'team-a'}, rec.listener);
      await until(() => rec.last()?.listed === true, 'listed');
      await pause(600);
      // The first re-list at once, then after 20, 40, 80, 160, 200… ms: about seven, not hundreds.
      const lists = await api.count('GET /api/v1/namespaces/team-a/pods');
      expect(lists).to.be.within(3, 10);
      expect(rec.last()!.items.size, 'the rows stay').to.equal(7);
      stop();
    });
  });
});
