import assert from 'node:assert/strict';
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {after, before, describe, it} from 'node:test';

const KUBECTL = process.env['KUBECTL'] ?? '/usr/bin/kubectl';
const root = fileURLToPath(new URL('../../', import.meta.url));
let child: ChildProcess;
let server = '';

/** Runs kubectl against the sandbox; resolves with stdout, stderr and the exit code. */
function kubectl(args: string[], timeoutMs = 20_000): Promise<{stdout: string; stderr: string; code: number}> {
  return new Promise((resolve) => {
    execFile(KUBECTL, [`--server=${server}`, ...args], {timeout: timeoutMs, env: {...process.env, KUBECONFIG: '/dev/null'}}, (error, stdout, stderr) => {
      resolve({stdout, stderr, code: error ? ((error as {code?: number}).code ?? 1) : 0});
    });
  });
}

describe('kubectl against the sandbox CLI', {skip: !existsSync(KUBECTL) && 'kubectl not installed'}, () => {
  before(async () => {
    // The CLI as a user runs it: `kube-elements sandbox --port 0`, through its main().
    child = spawn(process.execPath, ['--import', 'tsx', '-e', "import('./src/server/cli.ts').then(async (m) => process.exit(await m.main(['sandbox', '--port', '0'])))"], {cwd: root, stdio: ['ignore', 'pipe', 'inherit']});
    server = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
    });
  });
  after(async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  });

  it('get pods -A and get deploy -o wide', async () => {
    const pods = await kubectl(['get', 'pods', '-A']);
    assert.equal(pods.code, 0, pods.stderr);
    assert.match(pods.stdout, /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
    assert.match(pods.stdout, /team-a\s+redis-0\s+1\/1\s+Running/);
    const wide = await kubectl(['get', 'deploy', '-n', 'team-a', '-o', 'wide']);
    assert.match(wide.stdout, /NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR/);
    assert.match(wide.stdout, /web\s+4\/4\s+4\s+4\s+\S+\s+nginx\s+nginx:1\.27\.2\s+app=web/);
  });

  it('api-resources, CRD printer columns and short names', async () => {
    const resources = await kubectl(['api-resources']);
    assert.match(resources.stdout, /databases\s+db\s+sandbox\.kube-elements\.io\/v1\s+true\s+Database/);
    assert.match(resources.stdout, /deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/);
    const dbs = await kubectl(['get', 'databases', '-n', 'team-a']);
    assert.match(dbs.stdout, /NAME\s+ENGINE\s+VERSION\s+REPLICAS\s+READY\s+PHASE\s+AGE/);
    assert.match(dbs.stdout, /orders-db\s+postgres\s+16\.4\s+3\s+3\s+Running/);
    const short = await kubectl(['get', 'db', '-n', 'team-b']);
    assert.match(short.stdout, /catalog-db\s+mysql/);
  });

  it('logs --tail, logs -c, and logs -f streams', async () => {
    const tail = await kubectl(['logs', '-n', 'team-a', 'redis-0', '--tail=3']);
    assert.equal(tail.code, 0, tail.stderr);
    assert.equal(tail.stdout.trim().split('\n').length, 3);
    const multi = await kubectl(['logs', '-n', 'team-a', 'deploy/api', '-c', 'envoy', '--tail=1', '--timestamps']);
    assert.match(multi.stdout, /^\d{4}-\d\d-\d\dT\S+Z /);
    const follow = await kubectl(['logs', '-f', '-n', 'team-a', 'redis-0', '--tail=0'], 7_000);
    assert.ok(follow.stdout.trim().split('\n').length >= 1, 'new lines arrived while following');
  });

  it('scale deploy and get -w with Table watch events', async () => {
    const watch = kubectl(['get', 'pods', '-n', 'team-b', '-l', 'app=catalog', '-w'], 6_000);
    await new Promise((r) => setTimeout(r, 1_000));
    const scaled = await kubectl(['scale', '-n', 'team-b', 'deploy/catalog', '--replicas=3']);
    assert.equal(scaled.stdout.trim(), 'deployment.apps/catalog scaled');
    const out = (await watch).stdout;
    assert.match(out, /^NAME\s+READY\s+STATUS/);
    assert.match(out, /catalog-\S+\s+0\/1\s+(Pending|ContainerCreating)/);
  });

  it('delete pod waits for graceful termination', async () => {
    const deleted = await kubectl(['delete', 'pod', '-n', 'team-a', 'redis-1', '--grace-period=1']);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(deleted.stdout.trim(), 'pod "redis-1" deleted');
  });

  it('auth can-i as each identity (kubectl sends no token over http: --as impersonates)', async () => {
    const can = async (...args: string[]) => (await kubectl(['auth', 'can-i', ...args])).stdout.trim();
    assert.equal(await can('list', 'pods', '-n', 'team-b', '--as=sandbox-developer'), 'yes');
    assert.equal(await can('delete', 'pods', '-n', 'team-b', '--as=sandbox-developer'), 'no');
    assert.equal(await can('list', 'namespaces', '--as=sandbox-developer'), 'no');
    assert.equal(await can('create', 'deployments', '-n', 'team-a', '--as=sandbox-developer'), 'yes');
    assert.equal(await can('delete', 'nodes'), 'yes');
    const forbidden = await kubectl(['get', 'secrets', '-n', 'team-b', '--as=sandbox-viewer']);
    assert.match(forbidden.stderr, /Error from server \(Forbidden\): secrets is forbidden: User "sandbox-viewer" cannot list resource "secrets" in API group "" in the namespace "team-b"/);
  });
});
