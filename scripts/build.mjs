// Builds what the npm package ships: unbundled ES modules with .d.ts (dist/), one self-contained
// dist/bundle.js that registers every element (lit inside) for static pages, and the Node CLI.
// The in-memory sandbox (transport="sandbox", for demos) is dist/bundle-sandbox.js beside it, also
// self-contained, fetched only by pages that ask for it: every other page loads 135 kB less.
import {build} from 'vite';
import {execFileSync} from 'node:child_process';
import {readdirSync, rmSync, statSync} from 'node:fs';
import {gzipSync} from 'node:zlib';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {root} from './ensure-deps.mjs';

const started = Date.now();
const bundleOnly = process.argv.includes('--bundle-only');
if (!bundleOnly) rmSync(join(root, 'dist'), {recursive: true, force: true});

const defines = Object.fromEntries(
  readdirSync(join(root, 'src/define'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => [`define/${file.replace(/\.ts$/, '')}`, join(root, 'src/define', file)])
);

const external = (id) => /^(lit|@lit\/|@lit-labs\/|chart\.js|@kubernetes\/client-node|node:)/.test(id);

if (!bundleOnly) await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      entry: {index: join(root, 'src/index.ts'), 'client/index': join(root, 'src/client/index.ts'), ...defines},
      formats: ['es'],
    },
    rollupOptions: {
      external,
      output: {preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js'},
    },
  },
});

/** The sandbox transport's `import('../../sandbox/index.js')`, as bundle.js sees it: the file beside it. */
const sandboxBeside = {
  name: 'sandbox-beside-bundle',
  enforce: 'pre',
  resolveId: (id) => (/\/sandbox\/index\.js$/.test(id) ? {id: './bundle-sandbox.js', external: true} : null),
};

for (const [name, entry, plugins] of [
  ['bundle', 'src/bundle.ts', [sandboxBeside]],
  ['bundle-sandbox', 'src/sandbox/index.ts', []],
]) {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    define: {'process.env.NODE_ENV': '"production"'},
    plugins,
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      lib: {entry: {[name]: join(root, entry)}, formats: ['es']},
      // Lib mode keeps whitespace in ES output for tree-shaking; these files are never tree-shaken, so minify them all.
      rollupOptions: {output: {entryFileNames: '[name].js', codeSplitting: false, minify: true}},
    },
  });
}

if (!bundleOnly) {
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], {cwd: root, stdio: 'inherit'});
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.node.json'], {cwd: root, stdio: 'inherit'});
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;
const sized = (file) => `${file} ${kb(statSync(join(root, 'dist', file)).size)} (${kb(gzipSync(readFileSync(join(root, 'dist', file))).length)} gzip)`;
console.log(`Built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s — ${sized('bundle.js')}, ${sized('bundle-sandbox.js')}`);
