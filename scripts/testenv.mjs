#!/usr/bin/env node
// Builds and runs testenv/ (a real kube-apiserver with embedded etcd and a fake kubelet)
// for the test suites that need a real cluster.
//
//   node scripts/testenv.mjs build
//   node scripts/testenv.mjs up --ready-file PATH
//
// `up` writes PATH (JSON: url, caFile, kubeconfig, tokens, node, version) once the server is
// ready and seeded, then runs until SIGTERM/SIGINT.
import {spawn, spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {basename, dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const moduleDir = join(root, 'testenv');
const cacheDir = join(root, '.cache', 'testenv');
const binary = join(cacheDir, 'testenv');
const hashFile = join(cacheDir, 'testenv.hash');

function log(msg) {
  process.stderr.write(`testenv: ${msg}\n`);
}

function die(msg, code = 1) {
  log(msg);
  process.exit(code);
}

/** The go command: from PATH, else the usual install location. */
function findGo() {
  for (const candidate of ['go', '/usr/local/go/bin/go']) {
    const r = spawnSync(candidate, ['version'], {encoding: 'utf8'});
    if (!r.error && r.status === 0) return candidate;
  }
  return null;
}

/** Every file under dir whose name passes keep, as paths relative to moduleDir, sorted. */
function listFiles(dir, keep) {
  const out = [];
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, keep));
    else if (keep(entry.name)) out.push(relative(moduleDir, full));
  }
  return out.sort();
}

/** Hash of what the binary is built from: go.mod, go.sum and every .go file. */
function sourceHash() {
  const h = createHash('sha256');
  const files = ['go.mod', 'go.sum', ...listFiles(moduleDir, (n) => n.endsWith('.go'))];
  for (const f of files) {
    const p = join(moduleDir, f);
    if (!existsSync(p)) continue;
    h.update(f).update('\0').update(readFileSync(p)).update('\0');
  }
  return h.digest('hex');
}

/** -X flags so /version reports the pinned Kubernetes release, derived from go.mod. */
function versionLdflags(go) {
  const run = (args) => {
    const r = spawnSync(go, args, {cwd: moduleDir, encoding: 'utf8'});
    return r.status === 0 ? JSON.parse(r.stdout) : null;
  };
  const mod = run(['list', '-m', '-json', 'k8s.io/kubernetes']);
  if (!mod?.Version) die('cannot find k8s.io/kubernetes in testenv/go.mod');
  const dl = run(['mod', 'download', '-json', `k8s.io/kubernetes@${mod.Version}`]);
  const [major, minor] = mod.Version.replace(/^v/, '').split('.');
  const pkg = 'k8s.io/component-base/version';
  const vars = {
    gitVersion: mod.Version,
    gitMajor: major,
    gitMinor: minor,
    gitCommit: dl?.Origin?.Hash ?? '',
    gitTreeState: 'clean',
    // The release's own timestamp keeps the build reproducible.
    buildDate: mod.Time ? new Date(mod.Time).toISOString().replace(/\.\d+Z$/, 'Z') : '',
  };
  return ['-s', '-w', ...Object.entries(vars).map(([k, v]) => `-X ${pkg}.${k}=${v}`)].join(' ');
}

/** Builds the binary unless one built from the same sources exists. Returns its path. */
export function build({force = false} = {}) {
  const go = findGo();
  if (!go) {
    die('the Go toolchain (`go`, ≥ 1.25) is needed to build testenv/ but was not found on PATH or at /usr/local/go/bin/go. Install it from https://go.dev/dl/.');
  }
  const hash = sourceHash();
  if (!force && existsSync(binary) && existsSync(hashFile) && readFileSync(hashFile, 'utf8').trim() === hash) {
    log(`binary up to date (${relative(root, binary)})`);
    return binary;
  }
  mkdirSync(cacheDir, {recursive: true});
  const started = Date.now();
  log(`building ${relative(root, binary)} (the first build compiles kube-apiserver and takes several minutes)…`);
  const tmp = `${binary}.tmp`;
  const r = spawnSync(go, ['build', '-trimpath', '-ldflags', versionLdflags(go), '-o', tmp, '.'], {
    cwd: moduleDir,
    stdio: 'inherit',
    env: {...process.env, CGO_ENABLED: process.env.CGO_ENABLED ?? '0'},
  });
  if (r.status !== 0) die(`go build failed (exit ${r.status ?? r.signal})`);
  renameSync(tmp, binary);
  writeFileSync(hashFile, `${hash}\n`);
  const size = (statSync(binary).size / 1024 / 1024).toFixed(0);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)}s (${size} MB)`);
  return binary;
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Resolves with the parsed JSON once path exists, rejects if child exits first. */
async function waitForFile(path, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`testenv exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    if (existsSync(path)) {
      try {
        return JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        // written atomically, but be forgiving
      }
    }
    await sleep(50);
  }
  throw new Error(`testenv not ready after ${timeoutMs / 1000}s`);
}

function writeAtomic(path, text) {
  mkdirSync(dirname(path), {recursive: true});
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/** Runs a command to completion; resolves with its exit code (or signal name). */
function run(cmd, args, opts) {
  return new Promise((res) => {
    const p = spawn(cmd, args, opts);
    p.on('error', (e) => res(e.message));
    p.on('exit', (code, signal) => res(code ?? signal));
  });
}

async function up(readyFile) {
  if (!readyFile) die('usage: node scripts/testenv.mjs up --ready-file PATH', 2);
  readyFile = resolve(readyFile);
  rmSync(readyFile, {force: true});
  const bin = build();

  const serverReady = join(tmpdir(), `kube-testenv-ready-${process.pid}.json`);
  rmSync(serverReady, {force: true});
  const started = Date.now();
  // --die-with-parent: the server gets SIGTERM even if this script is killed with SIGKILL.
  // Own process group: a terminal's Ctrl-C reaches only us, and we forward exactly one signal
  // (kube-apiserver exits without cleanup on a second one).
  const child = spawn(bin, ['up', '--ready-file', serverReady, '--die-with-parent'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  let serverDir;
  let stopping = false;
  let failed = false; // set when we stop the server because something went wrong
  const stop = (signal = 'SIGTERM') => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => stop(signal === 'SIGHUP' ? 'SIGTERM' : signal));
  }
  child.on('exit', (code, signal) => {
    rmSync(readyFile, {force: true});
    rmSync(serverReady, {force: true});
    // The server removes its temp dir itself unless it was killed.
    if (serverDir && basename(serverDir).startsWith('kube-testenv-')) rmSync(serverDir, {recursive: true, force: true});
    if (failed) process.exit(1);
    if (!stopping) {
      log(`server exited unexpectedly (${code ?? signal})`);
      process.exit(code || 1);
    }
    process.exit(code === 0 || code === null ? 0 : code);
  });
  const fail = (msg) => {
    log(msg);
    failed = true;
    stop();
  };

  let info;
  try {
    info = await waitForFile(serverReady, child, 120_000);
  } catch (e) {
    return fail(e.message);
  }
  const readyAt = Date.now();
  serverDir = info.dir;

  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  if (!existsSync(tsx)) return fail('node_modules/.bin/tsx is missing: run npm install');
  const seeded = await run(tsx, [join(root, 'scripts', 'testenv-seed.ts'), serverReady], {stdio: 'inherit', cwd: root});
  if (stopping) return;
  if (seeded !== 0) return fail(`seed failed (${seeded}); stopping the server`);
  writeAtomic(readyFile, `${JSON.stringify(info, null, 2)}\n`);
  log(
    `ready: ${info.url} (${info.version}); server ${((readyAt - started) / 1000).toFixed(1)}s, ` +
      `seeded ${((Date.now() - started) / 1000).toFixed(1)}s; wrote ${readyFile}`,
  );
}

async function main() {
  const [cmd, ...rest] = process.argv.slice(2);
  const flag = (name) => {
    const i = rest.indexOf(name);
    if (i >= 0) return rest[i + 1];
    const eq = rest.find((a) => a.startsWith(`${name}=`));
    return eq?.slice(name.length + 1);
  };
  switch (cmd) {
    case 'build':
      build({force: rest.includes('--force')});
      break;
    case 'up':
      await up(flag('--ready-file'));
      break;
    default:
      die('usage: node scripts/testenv.mjs build [--force] | up --ready-file PATH', 2);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => die(e.stack ?? String(e)));
}
