#!/usr/bin/env node
// The `kube-elements` CLI: compiled code when built (the npm package), the TypeScript sources
// through tsx in a clone of the repository.
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const built = new URL('../dist/node/server/cli.js', import.meta.url);
let cli;
if (existsSync(fileURLToPath(built))) {
  cli = await import(built.href);
} else {
  const {register} = await import('tsx/esm/api');
  register();
  cli = await import(new URL('../src/server/cli.ts', import.meta.url).href);
}
process.exitCode = await cli.main(process.argv.slice(2));
