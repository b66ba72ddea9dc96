// Extracts msg() strings into xliff/ and builds src/generated/locales; with --check, fails when
// the committed generated files are out of date with the sources and translations.
import {execFileSync} from 'node:child_process';
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {root} from './ensure-deps.mjs';

const tool = join(root, 'node_modules/.bin/lit-localize');
const generated = () => {
  const dir = join(root, 'src/generated');
  const files = ['locale-codes.ts', ...readdirSync(join(dir, 'locales')).map((file) => `locales/${file}`)];
  return Object.fromEntries(files.map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
};
const check = process.argv.includes('--check');
const before = check ? generated() : undefined;
execFileSync(tool, ['build'], {cwd: root, stdio: check ? 'ignore' : 'inherit'});
if (check) {
  const after = generated();
  const stale = Object.keys(after).filter((file) => after[file] !== before[file]);
  if (stale.length) {
    console.error(`src/generated is out of date (${stale.join(', ')}): run \`npm run localize\` and commit it.`);
    process.exit(1);
  }
  console.log('Localized templates are current.');
} else {
  execFileSync(tool, ['extract'], {cwd: root, stdio: 'inherit'});
  execFileSync(tool, ['build'], {cwd: root, stdio: 'inherit'});
}
