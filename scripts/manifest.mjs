// Generates custom-elements.json; with --check, fails when the committed one is out of date.
import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {root} from './ensure-deps.mjs';

// The analyzer resolves --outdir against the working directory, so stay inside the project.
const out = join(root, '.cache', `cem-${process.pid}`);
rmSync(out, {recursive: true, force: true});
mkdirSync(out, {recursive: true});
try {
  execFileSync(join(root, 'node_modules/.bin/custom-elements-manifest'), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', join('.cache', `cem-${process.pid}`)], {cwd: root, stdio: ['ignore', 'ignore', 'inherit']});
  const manifest = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));
  // The analyzer lists modules in the order its file glob happens to return them.
  manifest.modules.sort((a, b) => a.path.localeCompare(b.path));
  const fresh = `${JSON.stringify(manifest, null, 2)}\n`;
  const committedPath = join(root, 'custom-elements.json');
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(committedPath, 'utf8');
    } catch {
      // missing counts as out of date
    }
    if (committed !== fresh) {
      console.error('custom-elements.json is out of date: run `npm run manifest` and commit it.');
      process.exit(1);
    }
    console.log('custom-elements.json is current.');
  } else {
    writeFileSync(committedPath, fresh);
    console.log('Wrote custom-elements.json');
  }
} finally {
  rmSync(out, {recursive: true, force: true});
}
