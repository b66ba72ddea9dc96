// `npm test`: installs what is missing, runs every suite, and ends with one line
// `N passed, N failed, N skipped` totalling them all. Exits non-zero on any failure.
import {spawn} from 'node:child_process';
import {existsSync, readFileSync, readdirSync, rmSync, mkdtempSync} from 'node:fs';
import {join, relative} from 'node:path';
import {tmpdir} from 'node:os';
import {ensureChrome, ensureNodeModules, root} from './ensure-deps.mjs';

const CI = process.env.CI === 'true' || process.env.CI === '1';
const bin = (name) => join(root, 'node_modules', '.bin', name);
const work = mkdtempSync(join(tmpdir(), 'kube-elements-test-'));

/** Runs a command with inherited output; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {cwd: root, stdio: 'inherit', ...options, env: {...process.env, ...options.env}});
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(error.message);
      resolve(1);
    });
  });
}

/** Test files under `dir` whose names end with `suffix`. */
export function findFiles(dir, suffix) {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

/** A single check: one passed or one failed. */
const check = async (command, args, options) => ((await run(command, args, options)) === 0 ? {passed: 1, failed: 0} : {passed: 0, failed: 1});

/** Counts from node's TAP reporter summary (`# pass N`, `# fail N`, `# skipped N`, `# todo N`). */
export function tapCounts(file) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const read = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  return {passed: read('pass'), failed: read('fail') + read('cancelled'), skipped: read('skipped') + read('todo')};
}

/** Node's test runner over `files`, counting through a TAP report next to the spec output. */
export async function nodeTests(name, files, env = {}) {
  if (files.length === 0) return {passed: 0, failed: 0};
  const tap = join(work, `${name}.tap`);
  const code = await run(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
    {env}
  );
  const counts = tapCounts(tap);
  // A crash before any report still fails the suite.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

const suites = [
  ['type-check', () => check(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'])],
  ['lint (eslint)', () => check(bin('eslint'), ['--max-warnings=0', '.'])],
  ['templates (lit-analyzer)', () => check(bin('lit-analyzer'), ['src', '--strict', '--rules.no-missing-import', 'off', '--rules.no-invalid-css', 'off'])],
  ['custom-elements.json is current', () => check(process.execPath, ['scripts/manifest.mjs', '--check'])],
  ['localized templates are current', () => check(process.execPath, ['scripts/localize.mjs', '--check'])],
  ['build (npm package + bundle.js)', () => check(process.execPath, ['scripts/build.mjs'])],
  [
    'browser tests (Chromium)',
    async () => {
      const countsFile = join(work, 'wtr.json');
      const code = await run(bin('web-test-runner'), [], {env: {WTR_COUNTS_FILE: countsFile, CHROME_PATH: ensureChrome()}});
      const counts = existsSync(countsFile) ? JSON.parse(readFileSync(countsFile, 'utf8')) : {passed: 0, failed: 1};
      if (code !== 0 && counts.failed === 0) counts.failed = 1;
      return counts;
    },
  ],
  // The contract suite runs here against the sandbox, and again in the testenv suite against kube-apiserver.
  ['node tests (sandbox, kubectl, contract on the sandbox)', () => nodeTests('node', findFiles('test', '.node.test.ts').filter((f) => !f.startsWith('test/testenv/')))],
  ['storybook build + story smoke (axe)', () => import('./storybook-smoke.mjs').then((m) => m.storybookSuite({ensureChrome, run, work}))],
  ['real kube-apiserver (testenv): contract + integration', () => import('./testenv-suite.mjs').then((m) => m.testenvSuite({nodeTests, findFiles, run, work, CI}))],
];

ensureNodeModules();
const only = process.argv.slice(2);
const results = [];
for (const [name, suite] of suites) {
  if (only.length && !only.some((word) => name.includes(word))) continue;
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  let counts;
  try {
    counts = await suite();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    counts = {passed: 0, failed: 1};
  }
  results.push({name, seconds: Math.round((Date.now() - started) / 1000), ...counts});
}
rmSync(work, {recursive: true, force: true});

console.log('\n━━ summary ━━');
const total = {passed: 0, failed: 0, skipped: 0};
for (const r of results) {
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped ?? 0;
  const mark = r.failed ? '✗' : '✓';
  console.log(`  ${mark} ${r.name} — ${r.passed} passed · ${r.failed} failed${r.skipped ? ` · ${r.skipped} skipped` : ''} · ${r.seconds}s`);
}
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed ? 1 : 0);
