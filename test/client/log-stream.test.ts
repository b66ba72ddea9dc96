import {expect} from '@open-wc/testing';
import {Backoff, KubeApiError, createKubeClient, inMemoryTransport, type KubeClient, type PodLogOptions} from '../../src/client/index.js';
import {LogStream, timestampKey, timestampMs, willRestart, type LogStreamStatus} from '../../src/client/log-stream.js';
import {LogSources, selectorString} from '../../src/client/log-sources.js';
import {createSandbox} from '../../src/sandbox/index.js';
import {until} from '../support/fake-api.js';

const fast = () => new Backoff({initialMs: 5, maxMs: 20, jitter: 0});

/** A server log: lines with timestamps; each request's response is decided by `respond`. */
function fakeLogClient(respond: (options: PodLogOptions, call: number) => string[] | Error, pod: () => object | Error = () => ({metadata: {name: 'p'}, status: {phase: 'Running', containerStatuses: [{name: 'c', state: {running: {}}}]}})) {
  const requests: PodLogOptions[] = [];
  const client = {
    async *podLogBatches(_cluster: string, options: PodLogOptions) {
      requests.push(options);
      const answer = respond(options, requests.length - 1);
      if (answer instanceof Error) throw answer;
      options.onOpen?.();
      // One line per batch, so a drop can fall between any two lines.
      for (const line of answer) yield [line];
    },
    async get() {
      const answer = pod();
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as KubeClient;
  return {client, requests};
}

const status = (code: number, message: string) => new KubeApiError({kind: 'Status', code, message, reason: code === 404 ? 'NotFound' : 'BadRequest'});

describe('LogStream', () => {
  it('normalizes timestamps to sortable keys and milliseconds', () => {
    expect(timestampKey('2025-06-01T12:00:00.5Z')).to.equal('2025-06-01T12:00:00.500000000');
    expect(timestampKey('2025-06-01T12:00:00.500000001Z')! > timestampKey('2025-06-01T12:00:00.5Z')!).to.equal(true);
    expect(timestampKey('2025-06-01T14:00:00+02:00')).to.equal('2025-06-01T12:00:00.000000000');
    expect(timestampMs('2025-06-01T12:00:00.123456789Z')).to.be.closeTo(Date.UTC(2025, 5, 1, 12, 0, 0, 123) + 0.456789, 0.001);
  });

  it('reconnects from the last timestamp without duplicating or losing lines, equal stamps included', async () => {
    const log = [
      '2025-06-01T12:00:00.1Z a',
      '2025-06-01T12:00:01.2Z b',
      '2025-06-01T12:00:01.2Z c',
      '2025-06-01T12:00:01.2Z d',
      '2025-06-01T12:00:01.7Z e',
      '2025-06-01T12:00:02Z f',
    ];
    const {client, requests} = fakeLogClient((options, call) => {
      // The first connection drops after "c"; the server honours sinceTime to the second.
      if (call === 0) return log.slice(0, 3);
      if (call === 1) return new TypeError('network dropped');
      const since = Date.parse(String(options.sinceTime));
      return log.filter((line) => Date.parse(line.slice(0, line.indexOf(' '))) >= since - (since % 1000));
    }, () => ({metadata: {name: 'p'}, status: {phase: 'Running', containerStatuses: [{name: 'c', state: {running: {}}}]}}));
    const seen: string[] = [];
    const statuses: LogStreamStatus[] = [];
    const stream = new LogStream(client, {cluster: 'x', namespace: 'n', pod: 'p', container: 'c', follow: true, tailLines: 10, onLine: (text) => seen.push(text), onStatus: (s) => statuses.push(s), backoff: fast()});
    await until(() => seen.length >= 6, 'every line');
    await new Promise((r) => setTimeout(r, 50));
    stream.close();
    expect(seen).to.deep.equal(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(requests[0]).to.include({tailLines: 10, timestamps: true, follow: true});
    expect(requests[2]!.sinceTime).to.equal('2025-06-01T12:00:01Z');
    expect(requests[2]!.tailLines).to.equal(undefined);
    expect(statuses).to.include('reconnecting');
  });

  it('says when the container is waiting, keeps trying, and streams once it starts', async () => {
    let started = false;
    const {client} = fakeLogClient(() => (started ? ['2025-06-01T12:00:00Z up'] : status(400, 'container "c" in pod "p" is waiting to start: ContainerCreating')));
    const statuses: LogStreamStatus[] = [];
    const seen: string[] = [];
    const stream = new LogStream(client, {cluster: 'x', namespace: 'n', pod: 'p', container: 'c', follow: true, onLine: (t) => seen.push(t), onStatus: (s) => statuses.push(s), backoff: fast()});
    await until(() => statuses.includes('waiting'), 'waiting');
    started = true;
    await until(() => seen.length === 1, 'the first line');
    stream.close();
    expect(statuses.slice(0, 2)).to.deep.equal(['connecting', 'waiting']);
  });

  it('ends when the pod is deleted, and stops on a denial', async () => {
    const gone = fakeLogClient(() => ['2025-06-01T12:00:00Z last'], () => status(404, 'pods "p" not found'));
    const statuses: LogStreamStatus[] = [];
    new LogStream(gone.client, {cluster: 'x', namespace: 'n', pod: 'p', container: 'c', follow: true, onLine: () => {}, onStatus: (s) => statuses.push(s), backoff: fast()});
    await until(() => statuses.at(-1) === 'deleted', 'deleted');
    const denied = fakeLogClient(() => status(403, 'forbidden'));
    const errors: Error[] = [];
    const stream = new LogStream(denied.client, {cluster: 'x', namespace: 'n', pod: 'p', container: 'c', follow: true, onLine: () => {}, onStatus: (s, e) => s === 'error' && errors.push(e!), backoff: fast()});
    await stream.done;
    expect((errors[0] as KubeApiError).code).to.equal(403);
    expect(denied.requests).to.have.length(1);
  });

  it('ends when a finished container will not restart, and waits (not "reconnecting") for one that will', async () => {
    const podWith = (restartPolicy: string, exitCode: number) => () => ({
      metadata: {name: 'p'},
      spec: {restartPolicy},
      // A sibling still runs, so the pod's phase stays Running.
      status: {phase: 'Running', containerStatuses: [{name: 'c', state: {terminated: {exitCode}}}, {name: 'sidecar', state: {running: {}}}]},
    });
    const follow = async (restartPolicy: string, exitCode: number) => {
      const {client, requests} = fakeLogClient(() => ['2025-06-01T12:00:00Z done'], podWith(restartPolicy, exitCode));
      const statuses: LogStreamStatus[] = [];
      const stream = new LogStream(client, {cluster: 'x', namespace: 'n', pod: 'p', container: 'c', follow: true, onLine: () => {}, onStatus: (s) => statuses.push(s), backoff: fast()});
      await until(() => statuses.at(-1) === 'ended' || requests.length >= 3, `${restartPolicy} exit ${exitCode} settles`);
      stream.close();
      return {statuses, requests: requests.length};
    };
    for (const [policy, code] of [['OnFailure', 0], ['Never', 1], ['Never', 0]] as const) {
      const r = await follow(policy, code);
      expect(r.statuses.at(-1), `${policy} exit ${code}`).to.equal('ended');
      expect(r.requests, `${policy} exit ${code}: one log request`).to.equal(1);
      expect(r.statuses).to.not.include('reconnecting');
    }
    for (const [policy, code] of [['Always', 0], ['OnFailure', 1]] as const) {
      const r = await follow(policy, code);
      expect(r.requests, `${policy} exit ${code} is read again`).to.be.at.least(3);
      expect(r.statuses, `${policy} exit ${code}`).to.include('waiting').and.not.include('reconnecting').and.not.include('ended');
    }
  });

  it('delivers every line of a live stream, even one stamped before the last (the node clock stepped back)', async () => {
    const {client} = fakeLogClient(() => ['2025-06-01T12:00:10Z a', '2025-06-01T12:00:05Z b', '2025-06-01T12:00:05Z c', '2025-06-01T12:00:06Z d']);
    const seen: string[] = [];
    const stream = new LogStream(client, {cluster: 'x', namespace: 'n', pod: 'p', container: 'c', onLine: (text) => seen.push(text), backoff: fast()});
    await stream.done;
    expect(seen).to.deep.equal(['a', 'b', 'c', 'd']);
  });

  it('drops the lines a reconnect repeats only until a newer one arrives', async () => {
    const {client} = fakeLogClient((_options, call) => {
      if (call === 0) return ['2025-06-01T12:00:10Z a', '2025-06-01T12:00:11Z b'];
      if (call === 1) return new TypeError('network dropped');
      // Resumed from 12:00:11: the repeat of b, a newer line, then one from after a clock step back.
      return ['2025-06-01T12:00:11Z b', '2025-06-01T12:00:12Z c', '2025-06-01T12:00:09Z d'];
    });
    const seen: string[] = [];
    const stream = new LogStream(client, {cluster: 'x', namespace: 'n', pod: 'p', container: 'c', follow: true, onLine: (text) => seen.push(text), backoff: fast()});
    await until(() => seen.length >= 4, 'every line');
    stream.close();
    expect(seen).to.deep.equal(['a', 'b', 'c', 'd']);
  });

  it("waits with backoff after a 429 whose retryAfterSeconds is not a number, or is too long for a timer", async () => {
    for (const retryAfterSeconds of ['soon', 2147484] as const) {
      const {client, requests} = fakeLogClient(() => new KubeApiError({kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'slow down', details: {retryAfterSeconds: retryAfterSeconds as number}}));
      const stream = new LogStream(client, {cluster: 'x', namespace: 'n', pod: 'p', container: 'c', follow: true, onLine: () => {}, backoff: new Backoff({initialMs: 100, maxMs: 100, jitter: 0})});
      await new Promise((resolve) => setTimeout(resolve, 350));
      stream.close();
      expect(requests.length, `retryAfterSeconds ${retryAfterSeconds}`).to.be.within(1, 5);
    }
  });

  it('knows which terminated containers restart: sidecars always, init containers until they succeed, ephemeral never', () => {
    const pod = {metadata: {name: 'p'}, spec: {restartPolicy: 'OnFailure', initContainers: [{name: 'setup'}, {name: 'proxy', restartPolicy: 'Always'}]}};
    expect(willRestart(pod, 'setup', 'init', 0)).to.equal(false);
    expect(willRestart(pod, 'setup', 'init', 1)).to.equal(true);
    expect(willRestart({...pod, spec: {...pod.spec, restartPolicy: 'Never'}}, 'setup', 'init', 1)).to.equal(false);
    expect(willRestart(pod, 'proxy', 'init', 0)).to.equal(true);
    expect(willRestart(pod, 'debug', 'ephemeral', 1)).to.equal(false);
    expect(willRestart({metadata: {name: 'p'}}, 'app', 'container', 0), 'Always is the default').to.equal(true);
  });

  it('follows a sandbox pod, survives a dropped request and sees the pod deleted', async () => {
    const sandbox = createSandbox({seed: 1});
    const client = createKubeClient({transport: inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => 'sandbox-admin'})});
    const cluster = sandbox.clusters.get('sandbox')!;
    const pod = cluster.list('v1', 'pods', {namespace: 'team-a'}).find((p) => p.metadata.name!.startsWith('web-'))!;
    cluster.failNext('/log', 'drop');
    const seen: string[] = [];
    const statuses: LogStreamStatus[] = [];
    const stream = new LogStream(client, {cluster: 'sandbox', namespace: 'team-a', pod: pod.metadata.name!, container: 'nginx', follow: true, tailLines: 3, onLine: (t) => seen.push(t), onStatus: (s) => statuses.push(s), backoff: fast()});
    await until(() => seen.length === 3, 'the tail after a reconnect');
    expect(statuses.slice(0, 3)).to.deep.equal(['connecting', 'reconnecting', 'streaming']);
    sandbox.step(10_000);
    await until(() => seen.length > 3, 'new lines');
    cluster.delete('v1', 'pods', 'team-a', pod.metadata.name!);
    sandbox.step(60_000);
    await until(() => stream.status === 'deleted', 'deleted', 10_000);
    expect(new Set(seen).size, 'no line twice').to.equal(seen.length);
    client.dispose();
    sandbox.dispose();
  });
});

describe('LogSources', () => {
  it('writes a workload selector as the API takes it', () => {
    expect(selectorString({matchLabels: {app: 'web'}, matchExpressions: [{key: 'tier', operator: 'In', values: ['a', 'b']}, {key: 'x', operator: 'Exists'}, {key: 'y', operator: 'DoesNotExist'}]})).to.equal('app=web,tier in (a,b),x,!y');
  });

  it('merges a selector\'s pods and opens streams for pods that appear', async () => {
    const sandbox = createSandbox({seed: 1});
    const client = createKubeClient({transport: inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => 'sandbox-admin'}), informers: {graceMs: 10}});
    const lines: number[] = [];
    let changes = 0;
    const sources = new LogSources(client, {cluster: 'sandbox', namespace: 'team-a', labelSelector: 'app=api', follow: true, tailLines: 1}, {onLine: (s) => lines.push(s), onChange: () => changes++});
    await until(() => sources.sources.length === 4 && lines.length === 4, 'two pods × two containers');
    expect(new Set(lines).size).to.equal(4);
    expect(changes).to.be.above(0);
    sources.close();
    client.dispose();
    sandbox.dispose();
  });

  it('reads init, regular and ephemeral containers for container="*", in that order, like kubectl --all-containers', async () => {
    const sandbox = createSandbox({seed: 1});
    const cluster = sandbox.clusters.get('sandbox')!;
    const source = cluster.list('v1', 'pods', {namespace: 'team-a'}).find((p) => p.metadata.name!.startsWith('api-'))!;
    const spec = source.spec as {containers: Array<{name: string}>};
    const status = source.status as {containerStatuses: Array<{name: string; state: {running?: {startedAt: string}}}>};
    const started = status.containerStatuses[0]!.state.running!.startedAt;
    const updated = cluster.update({...source, metadata: {...source.metadata, resourceVersion: undefined}, spec: {...spec, initContainers: [{name: 'migrate', image: 'busybox'}], ephemeralContainers: [{name: 'debugger', image: 'busybox'}]}});
    cluster.update(
      {
        ...updated,
        metadata: {...updated.metadata, resourceVersion: undefined},
        status: {
          ...status,
          initContainerStatuses: [{name: 'migrate', restartCount: 0, state: {terminated: {exitCode: 0, startedAt: started, finishedAt: started}}}],
          ephemeralContainerStatuses: [{name: 'debugger', restartCount: 0, state: {running: {startedAt: started}}}],
        },
      },
      {subresource: 'status'}
    );
    const client = createKubeClient({transport: inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => 'sandbox-admin'}), informers: {graceMs: 10}});
    const lines: number[] = [];
    const sources = new LogSources(client, {cluster: 'sandbox', namespace: 'team-a', pod: source.metadata.name!, container: '*', follow: false, tailLines: 1}, {onLine: (s) => lines.push(s), onChange: () => {}});
    await until(() => sources.sources.length === 4 && new Set(lines).size === 4, 'a line from each of four containers');
    expect(sources.sources.map((s) => s.container)).to.deep.equal(['migrate', ...spec.containers.map((c) => c.name), 'debugger']);
    sources.close();
    client.dispose();
    sandbox.dispose();
  });
});
