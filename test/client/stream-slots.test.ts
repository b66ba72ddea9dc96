import {expect} from '@open-wc/testing';
import type {InformerSnapshot} from '../../src/client/index.js';
import {StreamSlots} from '../../src/client/stream-slots.js';
import {HTTP1_STREAM_LIMIT, originStreamLimit} from '../../src/client/transports/origin-stream-limit.js';
import {fakeApi, until} from '../support/fake-api.js';

describe('StreamSlots', () => {
  it('gives watches slots up to the limit, read afresh each time', () => {
    let limit = 2;
    const slots = new StreamSlots(() => limit);
    const a = slots.forWatch(() => {});
    const b = slots.forWatch(() => {});
    expect(a && b).to.be.ok;
    expect(slots.forWatch(() => {}), 'past the limit').to.be.undefined;
    limit = 3;
    expect(slots.forWatch(() => {})).to.be.ok;
    a!.release();
    a!.release();
    expect(slots.size, 'a second release frees nothing more').to.equal(2);
  });

  it('makes the newest watch yield to a stream when the budget is spent, and only then', () => {
    const slots = new StreamSlots(() => 2);
    const yielded: string[] = [];
    slots.forWatch(() => yielded.push('older'));
    const newer = slots.forWatch(() => yielded.push('newer'))!;
    const log = slots.forStream();
    expect(yielded).to.deep.equal(['newer']);
    expect(slots.size).to.equal(2);
    // The yielded watch's own release, when it has wound down, gives back nothing it still holds.
    newer.release();
    expect(slots.size).to.equal(2);
    slots.forStream();
    slots.forStream();
    expect(yielded, 'then the older; then past the budget, as nothing else can yield').to.deep.equal(['newer', 'older']);
    expect(slots.size).to.equal(3);
    log.release();
    expect(slots.size).to.equal(2);
  });

  it('wakes whoever waits for a free slot when one is released, not when one is handed over', async () => {
    const slots = new StreamSlots(() => 1);
    const watch = slots.forWatch(() => {})!;
    let woken = 0;
    void slots.freed(new AbortController().signal).then(() => woken++);
    slots.forStream();
    watch.release();
    await Promise.resolve();
    expect(woken, 'a watch yielding its slot to a log frees none').to.equal(0);
    const stop = new AbortController();
    const waiting = slots.freed(stop.signal);
    stop.abort();
    await waiting;
  });
});

describe('originStreamLimit', () => {
  it('limits an HTTP/1.1 origin (this test server) and one whose protocol is unknown', () => {
    expect(originStreamLimit('/fake-k8s')()).to.equal(HTTP1_STREAM_LIMIT);
    expect(originStreamLimit('https://unseen.example')()).to.equal(HTTP1_STREAM_LIMIT);
  });
});

/**
 * The test runner serves the fake API server over HTTP/1.1, where Chromium opens six connections
 * per origin: every watch held open is one fewer for everything else on the page.
 */
describe('long-lived connections over HTTP/1.1', () => {
  const text = (s: string) => [...new TextEncoder().encode(s)];

  async function subscribeAll(namespaces: string[], pollIntervalMs = 300) {
    const api = await fakeApi();
    const client = api.client({informers: {pollIntervalMs}});
    for (const namespace of namespaces) await api.control('upsert', {resource: 'pods', namespace, name: `first-${namespace}`});
    const snapshots = new Map<string, InformerSnapshot>();
    const stops = namespaces.map((namespace) => client.subscribe({cluster: 'one', resource: 'pods', namespace}, (snapshot) => snapshots.set(namespace, snapshot)));
    const watchers = async () => ((await api.control('watchers')) as {open: number}).open;
    const sizes = (size: number) => namespaces.every((namespace) => snapshots.get(namespace)?.status === 'ready' && snapshots.get(namespace)!.items.size === size);
    return {api, client, snapshots, stops, watchers, sizes};
  }

  it('watches four namespaces at most, lists the others on an interval, and leaves connections for other requests', async () => {
    const namespaces = Array.from({length: 8}, (_, i) => `ns-${i}`);
    const {api, client, stops, watchers, sizes, snapshots} = await subscribeAll(namespaces);
    // Eight watches would hold all six connections: the last lists would never have been answered.
    await until(() => sizes(1), 'all eight namespaces listed', 10_000);
    await until(async () => (await watchers()) === 4, 'four watches');
    expect(client.http.streams.size).to.equal(4);
    // Subscribers are told which are refreshed on the interval rather than live.
    await until(() => namespaces.filter((namespace) => snapshots.get(namespace)!.pollIntervalMs === 300).length === 4, 'four say they are polled');
    const pod = await client.get('one', 'pods', {namespace: 'ns-7', name: 'first-ns-7'});
    expect(pod.metadata.name).to.equal('first-ns-7');
    // Every namespace stays current: the watched at once, the others at the next listing.
    for (const namespace of namespaces) await api.control('upsert', {resource: 'pods', namespace, name: `second-${namespace}`});
    await until(() => sizes(2), 'every namespace has its second pod', 5000);
    expect(await watchers(), 'still four watches').to.equal(4);
    for (const stop of stops) stop();
  });

  it('watches as soon as a connection frees, from the list it has, without listing again', async () => {
    const namespaces = ['ns-0', 'ns-1', 'ns-2', 'ns-3', 'ns-4'];
    // Ten seconds between listings: what the test sees in time, it sees through a watch.
    const {api, stops, watchers, sizes, snapshots} = await subscribeAll(namespaces, 10_000);
    await until(() => sizes(1), 'listed', 10_000);
    await until(async () => (await watchers()) === 4, 'four watches');
    const counts = await api.counts();
    const waiting = namespaces.filter((namespace) => !counts[`GET /api/v1/namespaces/${namespace}/pods watch`]);
    expect(waiting, 'one namespace without a watch').to.have.length(1);
    // Another list goes away: its connection frees (after the cache's grace period).
    stops[waiting[0] === 'ns-0' ? 1 : 0]!();
    await until(async () => (await api.count(`GET /api/v1/namespaces/${waiting[0]}/pods watch`)) === 1, 'the waiting namespace watches', 3000);
    expect(await api.count(`GET /api/v1/namespaces/${waiting[0]}/pods`), 'listed once').to.equal(1);
    await api.control('upsert', {resource: 'pods', namespace: waiting[0], name: 'second'});
    await until(() => snapshots.get(waiting[0]!)!.items.size === 2, 'its change, through the watch', 3000);
    for (const stop of stops) stop();
  });

  it('gives a followed log a watch\'s connection, and watches again once the log ends', async () => {
    const namespaces = ['ns-0', 'ns-1', 'ns-2', 'ns-3'];
    const {api, client, stops, watchers, sizes} = await subscribeAll(namespaces);
    await until(() => sizes(1), 'listed', 10_000);
    await until(async () => (await watchers()) === 4, 'four watches');
    // A log that stays open for a second and a half.
    await api.control('log-chunks', {chunks: [{bytes: text('first\n'), delayMs: 0}, {bytes: text('last\n'), delayMs: 1500}]});
    const lines: string[] = [];
    const reading = (async () => {
      for await (const line of client.podLogs('one', {namespace: 'ns-0', pod: 'first-ns-0', follow: true})) lines.push(line);
    })();
    await until(() => lines.includes('first'), 'the log open');
    expect(await watchers(), 'one watch gave its connection to the log').to.equal(3);
    expect(client.http.streams.size).to.equal(4);
    // The namespace without a watch still sees changes, by listing.
    for (const namespace of namespaces) await api.control('upsert', {resource: 'pods', namespace, name: `second-${namespace}`});
    await until(() => sizes(2), 'every namespace has its second pod', 5000);
    await reading;
    expect(lines).to.deep.equal(['first', 'last']);
    await until(async () => (await watchers()) === 4, 'four watches again after the log');
    for (const stop of stops) stop();
  });
});
