// `npm start`: installs what is missing, starts the sandbox cluster and the demo's dev server,
// and prints the URLs. Ctrl-C stops both.
import {spawn, spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {ensureNodeModules, root} from './ensure-deps.mjs';

const args = process.argv.slice(2);
const flag = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};

if (flag('--kubeconfig')) {
  console.error(
    'Real clusters need the `kube-elements serve` gateway, which is not built yet. ' +
      'Run `npm start` without --kubeconfig for the demo on the in-memory sandbox.'
  );
  process.exit(2);
}
if (process.env.KUBECONFIG) {
  console.log('Note: KUBECONFIG is ignored until the `kube-elements serve` gateway exists; the demo runs on the sandbox.');
}

ensureNodeModules();
const sandboxPort = flag('--sandbox-port') ?? '8090';
const demoPort = flag('--port') ?? '5173';

console.log('Building dist/bundle.js for the static-page demo…');
if (spawnSync(process.execPath, ['scripts/build.mjs', '--bundle-only'], {cwd: root, stdio: 'inherit'}).status !== 0) process.exit(1);

const children = [];
const stopAll = (code = 0) => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
};
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

function start(command, commandArgs, env = {}) {
  const child = spawn(command, commandArgs, {cwd: root, stdio: 'inherit', env: {...process.env, ...env}});
  child.on('exit', (code) => {
    console.error(`${commandArgs[0] ?? command} stopped (${code}); stopping the demo.`);
    stopAll(code || 1);
  });
  children.push(child);
  return child;
}

start(process.execPath, ['bin/kube-elements.js', 'sandbox', '--port', sandboxPort, '--host', '127.0.0.1']);
start(join(root, 'node_modules/.bin/vite'), ['--host', '127.0.0.1', '--port', demoPort, '--strictPort'], {
  KUBE_ELEMENTS_GATEWAY: `http://127.0.0.1:${sandboxPort}`,
});

setTimeout(() => {
  console.log(`\n  Demo:        http://127.0.0.1:${demoPort}/demo/`);
  console.log(`  Static page: http://127.0.0.1:${demoPort}/demo/static.html  (dist/bundle.js only)`);
  console.log(`  Two clusters: http://127.0.0.1:${demoPort}/demo/two-clusters.html`);
  console.log(`  kubectl:     kubectl --server=http://127.0.0.1:${sandboxPort} --token=sandbox-admin get pods -A\n`);
}, 1500);
