/**
 * Shared helpers for the suites that run against a real kube-apiserver started by
 * `node scripts/testenv.mjs up --ready-file PATH`; they find it through KUBE_TESTENV=PATH.
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {readFileSync} from 'node:fs';
import type {TestContext} from 'node:test';

export interface TestEnv {
  url: string;
  caFile: string;
  kubeconfig: string;
  tokens: {admin: string; developer: string; viewer: string};
  node: string;
  version: string;
}

/** The ready file's contents, or why the suite cannot run. */
function load(): TestEnv | string {
  const path = process.env.KUBE_TESTENV;
  if (!path) return 'KUBE_TESTENV is not set';
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as TestEnv;
  } catch (e) {
    return `cannot read KUBE_TESTENV=${path}: ${(e as Error).message}`;
  }
}

const loaded = load();
const required = process.env.KUBE_TESTENV_REQUIRED === '1';
let warned = false;

/**
 * The environment for a test, or undefined after skipping it (failing it instead when
 * KUBE_TESTENV_REQUIRED=1), so a missing cluster is never silently green.
 */
export function testenv(t: TestContext): TestEnv | undefined {
  if (typeof loaded !== 'string') return loaded;
  const reason = `${loaded}: start one with \`node scripts/testenv.mjs up --ready-file /tmp/te.json\` and run with KUBE_TESTENV=/tmp/te.json`;
  if (required) throw new Error(`KUBE_TESTENV_REQUIRED=1 but ${reason}`);
  if (!warned) {
    warned = true;
    process.stderr.write(`\n*** SKIPPING real-cluster tests: ${reason} ***\n\n`);
  }
  t.skip(reason);
  return undefined;
}

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Connection flags for one identity; 'kubeconfig' uses the admin kubeconfig file. */
export function identity(env: TestEnv, who: 'kubeconfig' | keyof TestEnv['tokens']): string[] {
  if (who === 'kubeconfig') return [`--kubeconfig=${env.kubeconfig}`];
  // An empty kubeconfig so nothing from ~/.kube leaks in.
  return ['--kubeconfig=/dev/null', `--server=${env.url}`, `--certificate-authority=${env.caFile}`, `--token=${env.tokens[who]}`];
}

/** Runs the real kubectl; never rejects, so tests can assert on failures too. */
export function kubectl(env: TestEnv, args: string[], who: 'kubeconfig' | keyof TestEnv['tokens'] = 'kubeconfig'): Promise<Result> {
  return new Promise((resolve) => {
    execFile('kubectl', [...identity(env, who), ...args], {timeout: 30_000, maxBuffer: 16 << 20}, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({code, stdout, stderr});
    });
  });
}

/** Starts a long-running kubectl (e.g. `logs -f`, `exec -i`); the caller ends it. */
export function spawnKubectl(env: TestEnv, args: string[], who: 'kubeconfig' | keyof TestEnv['tokens'] = 'kubeconfig'): ChildProcess {
  return spawn('kubectl', [...identity(env, who), ...args], {stdio: ['pipe', 'pipe', 'pipe']});
}

/** Polls until check passes or the timeout ends, returning the last value. */
export async function eventually<T>(check: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}
