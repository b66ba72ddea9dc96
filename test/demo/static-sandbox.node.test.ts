/**
 * The static-page promise: a folder with only an HTML file and bundle.js, served by
 * `kube-elements sandbox --static DIR` on the same origin as the API — no build, no CORS.
 */
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {tmpdir} from 'node:os';
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {chromium, type Browser} from 'playwright-core';
import {CHROME_FLAGS, ensureChrome, root} from '../../scripts/ensure-deps.mjs';

const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Static page</title><link rel="icon" href="data:," />
    <script type="module" src="./bundle.js"></script></head>
  <body>
    <kube-provider>
      <kube-cluster-picker></kube-cluster-picker>
      <kube-namespace-picker></kube-namespace-picker>
      <kube-resource-list id="pods" kind="pods"></kube-resource-list>
    </kube-provider>
  </body>
</html>`;

describe('a static page with only bundle.js, served by kube-elements sandbox --static', () => {
  let dir: string;
  let server: ChildProcess;
  let browser: Browser;
  let origin = '';

  before(async () => {
    if (!existsSync(join(root, 'dist/bundle.js'))) spawnSync(process.execPath, ['scripts/build.mjs', '--bundle-only'], {cwd: root, stdio: 'inherit'});
    dir = mkdtempSync(join(tmpdir(), 'kube-static-'));
    writeFileSync(join(dir, 'index.html'), PAGE);
    copyFileSync(join(root, 'dist/bundle.js'), join(dir, 'bundle.js'));
    server = spawn(process.execPath, ['bin/kube-elements.js', 'sandbox', '--port', '0', '--static', dir], {cwd: root, stdio: ['ignore', 'pipe', 'inherit']});
    let output = '';
    server.stdout!.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 30_000;
    while (!/listening on (http:\/\/[\d.:]+)/.test(output)) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`sandbox did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    origin = /listening on (http:\/\/[\d.:]+)/.exec(output)![1]!;
    browser = await chromium.launch({executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS});
  });
  after(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    rmSync(dir, {recursive: true, force: true});
  });

  it('renders the pickers and a live pod list from the same origin', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`${origin}/static/`);
    await page.locator('#pods [part~="row"]').first().waitFor({timeout: 30_000});
    assert.ok((await page.locator('#pods [part~="row"]').count()) > 5);
    assert.match(await page.locator('kube-cluster-picker [role="combobox"]').innerText(), /Sandbox/);
    assert.deepEqual(errors, []);
  });
});
