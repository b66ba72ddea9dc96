// The suites that need the real kube-apiserver from testenv/: build (cached), start, seed, run the
// contract suite and the integration tests against it, stop. Without Go the suite is skipped
// loudly — and fails when KUBE_TESTENV_REQUIRED=1 (CI).
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {root} from './ensure-deps.mjs';

function goAvailable() {
  return spawnSync('go', ['version'], {encoding: 'utf8'}).status === 0;
}

async function waitForFile(file, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (child.exitCode !== null) throw new Error(`testenv exited early (code ${child.exitCode})`);
    if (Date.now() > deadline) throw new Error(`testenv was not ready within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

export async function testenvSuite({nodeTests, findFiles, run, work}) {
  const required = process.env.KUBE_TESTENV_REQUIRED === '1';
  if (!goAvailable()) {
    const message = 'Go is not installed: the real kube-apiserver suite (testenv/) cannot run. Install Go ≥ 1.24 to run it.';
    console.error(`\n!!! ${message}\n`);
    return required ? {passed: 0, failed: 1} : {passed: 0, failed: 0, skipped: 1};
  }
  if ((await run(process.execPath, ['scripts/testenv.mjs', 'build'])) !== 0) return {passed: 0, failed: 1};
  const readyFile = join(work, 'testenv-ready.json');
  const child = spawn(process.execPath, ['scripts/testenv.mjs', 'up', '--ready-file', readyFile], {cwd: root, stdio: 'inherit'});
  try {
    const ready = await waitForFile(readyFile, child, 180_000);
    console.log(`testenv ${ready.version} at ${ready.url}`);
    const env = {KUBE_TESTENV: readyFile, NODE_EXTRA_CA_CERTS: ready.caFile};
    const files = [...findFiles('test/contract', '.node.test.ts'), ...findFiles('test/testenv', '.node.test.ts')];
    return await nodeTests('testenv', files, env);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
  }
}
