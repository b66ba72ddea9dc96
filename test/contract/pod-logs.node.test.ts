/**
 * Pod logs as <kube-pod-logs> reads them — follow, previous, since and tail, and resuming a
 * dropped follow from the last timestamp — against the sandbox, and against kube-apiserver's
 * fake kubelet when KUBE_TESTENV is set.
 */
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {Backoff, createKubeClient, splitTimestamp, type KubeObject, type Transport} from '../../src/client/index.js';
import {LogStream, timestampKey, timestampMs, type LogStreamStatus} from '../../src/client/log-stream.js';
import {LogSources} from '../../src/client/log-sources.js';
import {CLUSTER, startTarget, type ContractTarget} from './targets.js';

let target: ContractTarget;
before(async () => {
  target = await startTarget();
  console.log(`pod logs contract target: ${target.name} at ${target.url}`);
});
after(async () => target?.stop());

type Pod = KubeObject<
  {containers: Array<{name: string}>},
  {phase?: string; containerStatuses?: Array<{name: string; restartCount?: number; state?: {running?: object}; lastState?: {terminated?: object}}>}
>;

async function pods(namespace: string): Promise<Pod[]> {
  return (await target.client().list<Pod>(CLUSTER, 'pods', {namespace})).items;
}

async function runningSingle(): Promise<Pod> {
  // A Job's pod (the cronjob's) may finish mid-test: take one a long-running controller keeps.
  const longRunning = (p: Pod) => !!p.metadata?.ownerReferences?.length && p.metadata.ownerReferences.every((owner) => owner.kind !== 'Job');
  const pod = (await pods('team-a')).find((p) => p.status?.phase === 'Running' && longRunning(p) && p.spec!.containers.length === 1 && p.status.containerStatuses?.[0]?.state?.running);
  assert.ok(pod, 'a running single-container pod of a long-running workload in team-a');
  return pod;
}

async function until(predicate: () => boolean, message: string | (() => string), timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof message === 'function' ? message() : message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function read(options: Parameters<ReturnType<ContractTarget['client']>['podLogs']>[1]) {
  const lines: string[] = [];
  for await (const line of target.client().podLogs(CLUSTER, options)) lines.push(line);
  return lines;
}

/** A transport whose first log response ends after `keep` lines, as a dropped connection would. */
function cuttingTransport(inner: Transport, keep: number): Transport {
  let cut = false;
  return {
    listClusters: (signal) => inner.listClusters(signal),
    async request(request) {
      const response = await inner.request(request);
      if (cut || !request.path.includes('/log') || !response.ok || !response.body) return response;
      cut = true;
      const reader = response.body.getReader();
      let newlines = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const {done, value} = await reader.read();
          if (done) return controller.close();
          let end = value.length;
          for (let i = 0; i < value.length; i++) {
            if (value[i] === 10 && ++newlines === keep) {
              end = i + 1;
              break;
            }
          }
          controller.enqueue(value.subarray(0, end));
          if (newlines >= keep) {
            controller.close();
            await reader.cancel();
          }
        },
        cancel: () => reader.cancel(),
      });
      return new Response(body, {status: response.status, headers: response.headers});
    },
  };
}

describe('pod logs for the viewer', () => {
  it('tail and since: tailLines counts lines; sinceTime returns only lines at or after it', async () => {
    const pod = await runningSingle();
    const tail = await read({namespace: 'team-a', pod: pod.metadata.name!, tailLines: 10, timestamps: true});
    assert.equal(tail.length, 10);
    const stamps = tail.map((line) => splitTimestamp(line).timestamp!);
    const since = `${timestampKey(stamps[5]!)!.slice(0, 19)}Z`;
    const after = await read({namespace: 'team-a', pod: pod.metadata.name!, sinceTime: since, timestamps: true});
    assert.ok(after.length >= 4, `at least the last four lines since ${since}`);
    for (const line of after) assert.ok(timestampKey(splitTimestamp(line).timestamp!)! >= timestampKey(since)!, `${line} is not before ${since}`);
    const recent = await read({namespace: 'team-a', pod: pod.metadata.name!, sinceSeconds: 3600, timestamps: true});
    assert.ok(recent.length > 0);
  });

  it('follow: a LogStream streams new lines and says so', async () => {
    const pod = await runningSingle();
    const lines: string[] = [];
    const statuses: LogStreamStatus[] = [];
    const stream = new LogStream(target.client(), {
      cluster: CLUSTER, namespace: 'team-a', pod: pod.metadata.name!, container: pod.spec!.containers[0]!.name, follow: true, tailLines: 0,
      onLine: (text) => lines.push(text), onStatus: (s) => statuses.push(s),
    });
    await until(() => lines.length >= 2, () => `two new lines from ${pod.metadata.name} (statuses: ${statuses.join(' → ')}; lines: ${lines.length})`);
    stream.close();
    assert.deepEqual(statuses.slice(0, 2), ['connecting', 'streaming']);
  });

  it('resumes a dropped follow from the last timestamp without duplicating or losing lines', async () => {
    const pod = await runningSingle();
    const container = pod.spec!.containers[0]!.name;
    const client = createKubeClient({transport: cuttingTransport(target.transport(), 7)});
    const seen: Array<{text: string; time: number}> = [];
    const statuses: LogStreamStatus[] = [];
    const stream = new LogStream(client, {
      cluster: CLUSTER, namespace: 'team-a', pod: pod.metadata.name!, container, follow: true, tailLines: 20,
      onLine: (text, time) => seen.push({text, time}), onStatus: (s) => statuses.push(s),
      backoff: new Backoff({initialMs: 50, maxMs: 200, jitter: 0}),
    });
    await until(() => seen.length >= 24, 'the tail and new lines after the drop');
    stream.close();
    client.dispose();
    assert.ok(statuses.includes('reconnecting'), `reconnected: ${statuses.join(' → ')}`);
    // The server's full log holds the seen lines as one contiguous run. Messages repeat in a log,
    // so a line is known by its (timestamp, text) pair, and the run is anchored where every pair matches.
    const full = (await read({namespace: 'team-a', pod: pod.metadata.name!, container, timestamps: true})).map((line) => {
      const {timestamp, text} = splitTimestamp(line);
      return {text, time: timestampMs(timestamp!)};
    });
    const same = (a: {text: string; time: number}, b: {text: string; time: number}) => a.time === b.time && a.text === b.text;
    const starts = full.flatMap((line, i) => (same(line, seen[0]!) ? [i] : []));
    assert.equal(starts.length, 1, `the first line seen is in the log once: ${JSON.stringify(seen[0])}`);
    const expected = full.slice(starts[0], starts[0]! + seen.length);
    assert.ok(expected.length >= 20, 'the log still holds the lines seen');
    assert.deepEqual(seen.slice(0, expected.length), expected);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.time >= seen[i - 1]!.time, 'timestamps never go back');
  });

  it('previous: the terminated instance of a restarted container', async () => {
    const restarted = (await pods('team-b')).find((p) => p.status?.containerStatuses?.some((c) => (c.restartCount ?? 0) > 0 && c.lastState?.terminated));
    assert.ok(restarted, 'a restarted pod in team-b');
    const container = restarted.status!.containerStatuses!.find((c) => (c.restartCount ?? 0) > 0)!.name;
    const lines: string[] = [];
    const statuses: LogStreamStatus[] = [];
    const stream = new LogStream(target.client(), {
      cluster: CLUSTER, namespace: 'team-b', pod: restarted.metadata.name!, container, follow: true, previous: true,
      onLine: (text) => lines.push(text), onStatus: (s) => statuses.push(s),
    });
    await stream.done;
    assert.ok(lines.length > 0, 'the previous instance wrote lines');
    assert.equal(statuses.at(-1), 'ended');
    const never = (await pods('team-a')).find((p) => p.status?.containerStatuses?.every((c) => !c.restartCount));
    assert.ok(never);
    const errors: Error[] = [];
    await new LogStream(target.client(), {
      cluster: CLUSTER, namespace: 'team-a', pod: never.metadata.name!, container: never.spec!.containers[0]!.name, previous: true,
      onLine: () => {}, onStatus: (s, e) => s === 'error' && errors.push(e!),
    }).done;
    assert.match(errors[0]?.message ?? '', /previous terminated container/);
  });

  it('merges the pods of a deployment', async () => {
    const sources = new LogSources(target.client(), {cluster: CLUSTER, namespace: 'team-a', kind: 'Deployment', name: 'web', follow: false, tailLines: 2}, {onLine: () => {}, onChange: () => {}});
    const web = (await pods('team-a')).filter((p) => p.metadata.labels?.['app'] === 'web' && p.status?.phase === 'Running');
    assert.ok(web.length > 1, 'several web pods');
    const containers = web.reduce((n, p) => n + p.spec!.containers.length, 0);
    await until(() => sources.sources.length === containers && sources.sources.every((s) => s.status === 'ended'), 'every container of every pod read');
    sources.close();
    assert.deepEqual([...new Set(sources.sources.map((s) => s.pod))].sort(), web.map((p) => p.metadata.name).sort());
  });
});
