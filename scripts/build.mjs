// Builds what the npm package ships: unbundled ES modules with .d.ts (dist/), one self-contained
// dist/bundle.js that registers every element (lit inside) for static pages, and the Node CLI.
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

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  define: {'process.env.NODE_ENV': '"production"'},
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: {entry: {bundle: join(root, 'src/bundle.ts')}, formats: ['es']},
    // Lib mode keeps whitespace in ES output for tree-shaking; this file is never tree-shaken, so minify it all.
    rollupOptions: {output: {entryFileNames: '[name].js', codeSplitting: false, minify: true}},
  },
});

if (!bundleOnly) {
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], {cwd: root, stdio: 'inherit'});
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.node.json'], {cwd: root, stdio: 'inherit'});
}

const bundle = readFileSync(join(root, 'dist/bundle.js'));
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;
console.log(
  `Built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s — bundle.js ${kb(statSync(join(root, 'dist/bundle.js')).size)} (${kb(gzipSync(bundle).length)} gzip)`
);
