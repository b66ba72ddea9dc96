// Installs what `npm start` and `npm test` need when it is missing: node_modules (when absent or
// older than package-lock.json), and a Chromium for the browser tests. Plain Node, no dependencies.
import {createHash} from 'node:crypto';
import {existsSync, readFileSync, writeFileSync, accessSync, constants} from 'node:fs';
import {execFileSync, spawnSync} from 'node:child_process';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Flags for Chromium in tests: root needs --no-sandbox; the rest keep it off the closed network. */
export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

function lockHash() {
  const lock = join(root, 'package-lock.json');
  const input = existsSync(lock) ? readFileSync(lock) : readFileSync(join(root, 'package.json'));
  return createHash('sha256').update(input).digest('hex');
}

/** Runs `npm install` when node_modules is missing or was installed from another lockfile. */
export function ensureNodeModules() {
  const stamp = join(root, 'node_modules', '.kube-elements-install');
  const hash = lockHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  console.log('Installing npm dependencies (first run, or package-lock.json changed)…');
  // `npm ci` fails on this platform's optional rollup packages; `npm install` honours the lock.
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {cwd: root, stdio: 'inherit'});
  if (result.status !== 0) throw new Error('npm install failed; see the output above.');
  writeFileSync(stamp, hash);
}

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  const result = spawnSync('sh', ['-c', `command -v ${name}`], {encoding: 'utf8'});
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * Finds Chrome or Chromium: CHROME_PATH, /usr/bin/chromium, or one on PATH. As root on Debian it
 * installs the `chromium` package; elsewhere it says what to install. Returns the path.
 */
export function ensureChrome() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', onPath('chromium'), onPath('google-chrome'), onPath('chromium-browser')];
  const found = candidates.find((path) => path && executable(path));
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Chromium from Debian packages for the browser tests (about a minute)…');
    execFileSync('apt-get', ['update', '-qq'], {stdio: 'inherit'});
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {stdio: 'inherit', env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}});
    if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  throw new Error(
    'No Chrome or Chromium found for the browser tests. Install one (Debian/Ubuntu: `apt-get install chromium`; ' +
      'macOS: Google Chrome) or set CHROME_PATH to its executable, then run `npm test` again.'
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureNodeModules();
  if (process.argv.includes('--chrome')) console.log(`Chrome: ${ensureChrome()}`);
}
