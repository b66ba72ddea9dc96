/**
 * The static-page promise: a folder with only an HTML file and bundle.js, served by
 * `kube-elements sandbox --static DIR` on the same origin as the API — no build, no CORS. And a
 * page on the in-memory sandbox (`transport="sandbox"`), which fetches bundle-sandbox.js from
 * beside bundle.js and talks to no server at all.
 */
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {copyFileSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
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

const IN_MEMORY_PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>In-memory sandbox</title><link rel="icon" href="data:," />
    <script type="module" src="./bundle.js"></script></head>
  <body>
    <kube-provider transport="sandbox" cluster="sandbox" namespace="team-a">
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
    // Always built here (a second): a dist/ left from an older checkout would test the wrong files.
    spawnSync(process.execPath, ['scripts/build.mjs', '--bundle-only'], {cwd: root, stdio: 'inherit'});
    dir = mkdtempSync(join(tmpdir(), 'kube-static-'));
    writeFileSync(join(dir, 'index.html'), PAGE);
    writeFileSync(join(dir, 'in-memory.html'), IN_MEMORY_PAGE);
    for (const file of ['bundle.js', 'bundle-sandbox.js']) copyFileSync(join(root, 'dist', file), join(dir, file));
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

  it('runs the in-memory sandbox from bundle-sandbox.js, loaded only by the page that asks for it', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`${origin}/static/in-memory.html`);
    await page.locator('#pods [part~="row"]').first().waitFor({timeout: 30_000});
    assert.deepEqual(requests, ['/static/in-memory.html', '/static/bundle.js', '/static/bundle-sandbox.js'], 'no API requests: the cluster lives in the page');
    assert.deepEqual(errors, []);
    await page.close();
    const other = await browser.newPage();
    const fetched: string[] = [];
    other.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await other.goto(`${origin}/static/`);
    await other.locator('#pods [part~="row"]').first().waitFor({timeout: 30_000});
    assert.ok(!fetched.includes('/static/bundle-sandbox.js'), 'a page on the gateway never loads the sandbox');
    await other.close();
  });
});
