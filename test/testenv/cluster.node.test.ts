/** The testenv cluster answers like a real one: version, pods, logs and exec through kubectl. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {eventually, kubectl, spawnKubectl, testenv, type TestEnv} from './env.js';

/** Name of a Running `web` pod in team-a (two containers: app, sidecar). */
async function webPod(env: TestEnv): Promise<string> {
  const r = await kubectl(env, ['get', 'pods', '-n', 'team-a', '-l', 'app=web', '--field-selector=status.phase=Running', '-o', 'jsonpath={.items[0].metadata.name}']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^web-/);
  return r.stdout;
}

test('kubectl version reports the pinned Kubernetes release', async (t) => {
  const env = testenv(t);
  if (!env) return;
  const r = await kubectl(env, ['version', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const server = JSON.parse(r.stdout).serverVersion;
  assert.equal(server.gitVersion, env.version);
  assert.match(server.gitVersion, /^v1\.3[4-9]\.\d+$/);
  assert.equal(`v${server.major}.${server.minor}`, env.version.split('.').slice(0, 2).join('.'));
  assert.match(server.gitCommit, /^[0-9a-f]{40}$/);
});

test('get pods -A lists the seeded pods, Running on the testenv node', async (t) => {
  const env = testenv(t);
  if (!env) return;
  // Other suites may be scaling a deployment right now: wait for a settled list.
  const r = await eventually(
    () => kubectl(env, ['get', 'pods', '-A', '-o', 'json']),
    (r) => r.code === 0 && JSON.parse(r.stdout).items.every((p: {status: {phase: string}; metadata: {deletionTimestamp?: string}}) => p.status.phase === 'Running' && !p.metadata.deletionTimestamp),
  );
  assert.equal(r.code, 0, r.stderr);
  const pods = JSON.parse(r.stdout).items as {metadata: {name: string; namespace: string}; spec: {nodeName: string}; status: {phase: string; podIP: string; containerStatuses: {ready: boolean; containerID: string}[]}}[];
  const names = pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
  for (const prefix of ['team-a/web-', 'team-a/api-', 'team-b/worker-']) {
    assert.ok(names.some((n) => n.startsWith(prefix)), `no ${prefix}* pod in ${names.join(', ')}`);
  }
  for (const p of pods) {
    assert.equal(p.spec.nodeName, env.node);
    assert.equal(p.status.phase, 'Running');
    assert.match(p.status.podIP, /^10\.244\./);
    assert.ok(p.status.containerStatuses.every((c) => c.ready && c.containerID.startsWith('containerd://')));
  }
  const table = await kubectl(env, ['get', 'pods', '-A']);
  assert.match(table.stdout, /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
  assert.match(table.stdout, /web-\S+\s+2\/2\s+Running/);
});

test('logs honours --tail and --timestamps', async (t) => {
  const env = testenv(t);
  if (!env) return;
  const pod = await webPod(env);
  const tail = await kubectl(env, ['logs', '-n', 'team-a', pod, '-c', 'app', '--tail=5']);
  assert.equal(tail.code, 0, tail.stderr);
  assert.equal(tail.stdout.trimEnd().split('\n').length, 5);

  const stamped = await kubectl(env, ['logs', '-n', 'team-a', pod, '-c', 'sidecar', '--tail=3', '--timestamps']);
  assert.equal(stamped.code, 0, stamped.stderr);
  const lines = stamped.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 3);
  for (const line of lines) assert.match(line, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z \S/);
  // The sidecar writes ANSI-coloured lines.
  assert.ok(lines.some((l) => l.includes('\x1b[')), 'expected ANSI escapes in sidecar logs');

  const all = await kubectl(env, ['logs', '-n', 'team-a', pod, '-c', 'app']);
  assert.ok(all.stdout.split('\n').length > 40, 'expected the start-up burst and more');
  assert.match(all.stdout, /^Starting service/);

  const previous = await kubectl(env, ['logs', '-n', 'team-b', 'legacy-importer', '--previous', '--tail=1']);
  assert.equal(previous.code, 0, previous.stderr);
  assert.match(previous.stdout, /^panic: /);
});

test('logs -f keeps streaming new lines', async (t) => {
  const env = testenv(t);
  if (!env) return;
  const pod = await webPod(env);
  const child = spawnKubectl(env, ['logs', '-f', '-n', 'team-a', pod, '-c', 'app', '--tail=1']);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  await new Promise((r) => setTimeout(r, 3000));
  child.kill('SIGTERM');
  const lines = out.trimEnd().split('\n');
  // One line of history, then about one every 400 ms.
  assert.ok(lines.length >= 4, `only ${lines.length} line(s) in 3 s:\n${out}`);
});

test('logs of a multi-container pod need a container: the server says so', async (t) => {
  const env = testenv(t);
  if (!env) return;
  const pod = await webPod(env);
  // kubectl itself would default to the first container; ask the API directly.
  const r = await kubectl(env, ['get', '--raw', `/api/v1/namespaces/team-a/pods/${pod}/log`]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, new RegExp(`a container name must be specified for pod ${pod}, choose one of: \\[app sidecar\\]`));
});

test('exec runs commands in the container, with exit codes', async (t) => {
  const env = testenv(t);
  if (!env) return;
  const pod = await webPod(env);
  const hi = await kubectl(env, ['exec', '-n', 'team-a', pod, '-c', 'app', '--', 'echo', 'hi']);
  assert.equal(hi.code, 0, hi.stderr);
  assert.equal(hi.stdout, 'hi\n');

  const host = await kubectl(env, ['exec', '-n', 'team-a', pod, '-c', 'app', '--', 'cat', '/etc/hostname']);
  assert.equal(host.stdout, `${pod}\n`);

  const script = await kubectl(env, ['exec', '-n', 'team-a', pod, '-c', 'app', '--', 'sh', '-c', 'hostname; env | grep HOSTNAME; exit 3']);
  assert.equal(script.code, 3);
  assert.equal(script.stdout, `${pod}\nHOSTNAME=${pod}\n`);

  const missing = await kubectl(env, ['exec', '-n', 'team-a', pod, '-c', 'app', '--', 'no-such-tool']);
  assert.equal(missing.code, 127);
  assert.match(missing.stderr, /no-such-tool: not found/);
});

test('exec -i feeds stdin to an interactive shell', async (t) => {
  const env = testenv(t);
  if (!env) return;
  const pod = await webPod(env);
  const child = spawnKubectl(env, ['exec', '-i', '-n', 'team-a', pod, '-c', 'app', '--', 'sh']);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  child.stdin!.end('echo über 世界\nls /app\nexit 2\n');
  assert.equal(await code, 2);
  assert.equal(out, 'über 世界\nconfig.yaml\nserver\n');
});
