import {defineConfig} from 'vite';
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';

/** The demo dev server (`npm start`): the project root, with the gateway proxied to the sandbox. */
const gateway = process.env.KUBE_ELEMENTS_GATEWAY ?? 'http://127.0.0.1:8090';

/**
 * Every bare import in src/, pre-bundled at start-up: discovering them on the first page load
 * makes Vite answer 504 and reload the page.
 */
function bareImports(dir: string, found = new Set<string>()): string[] {
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) bareImports(path, found);
    else if (entry.name.endsWith('.ts')) {
      for (const [, specifier] of readFileSync(path, 'utf8').matchAll(/^import (?!type )[^'"]*['"]([^./][^'"]*)['"]/gm)) {
        if (!specifier!.startsWith('node:') && !specifier!.startsWith('@kubernetes/')) found.add(specifier!);
      }
    }
  }
  return [...found];
}

export default defineConfig({
  server: {
    host: '127.0.0.1',
    proxy: {'/clusters': {target: gateway, ws: true}},
  },
  optimizeDeps: {include: bareImports('src')},
});
