#!/usr/bin/env node
// The `kube-elements` CLI. In a clone of the repository it runs the TypeScript sources through tsx,
// so what runs is what you edited; the npm package ships only the compiled dist/node.
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const source = new URL('../src/server/cli.ts', import.meta.url);
let cli;
if (existsSync(fileURLToPath(source))) {
  const {register} = await import('tsx/esm/api');
  register();
  cli = await import(source.href);
} else {
  cli = await import(new URL('../dist/node/server/cli.js', import.meta.url).href);
}
process.exitCode = await cli.main(process.argv.slice(2));
