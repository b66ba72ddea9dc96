/**
 * `npm start` as a newcomer runs it: the sandbox and the dev server come up, and the demo pages
 * show live data from the sandbox in a real Chromium — data that changes while we watch.
 */
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {createServer} from 'node:net';
import {chromium, type Browser, type Page} from 'playwright-core';
import {CHROME_FLAGS, ensureChrome} from '../../scripts/ensure-deps.mjs';


function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address() as {port: number};
      server.close(() => resolve(port));
    });
  });
}

let start: ChildProcess;
let browser: Browser;
let origin: string;
let output = '';

before(async () => {
  const [port, sandboxPort] = [await freePort(), await freePort()];
  origin = `http://127.0.0.1:${port}`;
  start = spawn(process.execPath, ['scripts/start.mjs', '--port', String(port), '--sandbox-port', String(sandboxPort)], {stdio: ['ignore', 'pipe', 'pipe']});
  start.stdout!.on('data', (chunk) => (output += chunk));
  start.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 90_000;
  while (!output.includes('/demo/')) {
    if (start.exitCode !== null) throw new Error(`npm start exited (${start.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start printed no demo URL:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  browser = await chromium.launch({executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS});
});

after(async () => {
  await browser?.close();
  start?.kill('SIGTERM');
});

async function open(path: string): Promise<{page: Page; errors: string[]; requests: string[]}> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(origin + path);
  return {page, errors, requests};
}

describe('npm start', () => {
  it('prints the demo URLs and a kubectl command line', () => {
    assert.match(output, /Demo: +http:\/\/127\.0\.0\.1:\d+\/demo\//);
    assert.match(output, /kubectl --server=http:\/\/127\.0\.0\.1:\d+ --token=sandbox-admin get pods -A/);
  });

  it('the portal page shows the pickers and live lists, and the data changes over time', async () => {
    const {page, errors} = await open('/demo/');
    const rows = page.locator('#pods [part~="row"]');
    await rows.first().waitFor({timeout: 30_000});
    await page.locator('#deployments [part~="row"]').first().waitFor();
    await page.locator('#databases [part~="row"]').first().waitFor();
    assert.match((await page.locator('kube-cluster-picker [role="combobox"]').textContent())!, /Sandbox/);
    const snapshot = () => page.locator('#pods [part~="body"]').innerText();
    const first = await snapshot();
    const deadline = Date.now() + 60_000;
    let changed = false;
    while (!changed && Date.now() < deadline) {
      await page.waitForTimeout(1000);
      changed = (await snapshot()) !== first;
    }
    assert.ok(changed, 'the pod list changed within 60 s as the sandbox simulation ran');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('an action bar acts on the selected pod, and its Logs action opens that pod in the log viewer', async () => {
    const {page, errors} = await open('/demo/');
    await page.locator('#logs [part~="idle"]').waitFor({timeout: 30_000});
    const row = page.locator('#pods [part~="row"]').first();
    await row.waitFor({timeout: 30_000});
    const pod = (await row.locator('[data-column="Name"]').innerText()).trim();
    await row.locator('[part~="select"]').click();
    const logs = page.locator('kube-action-bar[for="pods"] [part~="action"]', {hasText: 'Logs'});
    await page.waitForFunction(`[...document.querySelector('kube-action-bar[for="pods"]').shadowRoot.querySelectorAll('[part~="action"]')].some((b) => b.textContent.includes('Logs') && b.getAttribute('aria-disabled') !== 'true')`, null, {timeout: 15_000});
    await logs.click();
    await page.waitForFunction(`document.getElementById('logs').pod === ${JSON.stringify(pod)}`, null, {timeout: 15_000});
    await page.locator('#logs [part~="text"]').first().waitFor({timeout: 15_000});
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the static page works with dist/bundle.js alone', async () => {
    const {page, errors, requests} = await open('/demo/static.html');
    await page.locator('#pods [part~="row"]').first().waitFor({timeout: 30_000});
    assert.ok(requests.includes('/dist/bundle.js'), 'bundle.js loaded');
    // Vite's own dev client (/@vite, /node_modules/vite) aside, nothing of the library but bundle.js.
    const library = requests.filter((path) => path.startsWith('/src/') || (path.startsWith('/node_modules/') && !path.startsWith('/node_modules/vite/')));
    assert.deepEqual(library, [], 'no library source besides bundle.js');
    const namespaces = await page.locator('#pods [part~="row"] [part~="cell"]:nth-child(2)').allTextContents();
    assert.ok(namespaces.length > 0, 'rows of team-a');
    assert.match((await page.locator('kube-namespace-picker input').inputValue())!, /team-a/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the two-cluster page shows each cluster from one client', async () => {
    const {page, errors} = await open('/demo/two-clusters.html');
    await page.locator('#first-pods [part~="row"]').first().waitFor({timeout: 30_000});
    await page.locator('#second-pods [part~="row"]').first().waitFor({timeout: 30_000});
    const firstNames = await page.locator('#first-pods [part~="row"]').allInnerTexts();
    const secondNames = await page.locator('#second-pods [part~="row"]').allInnerTexts();
    assert.notDeepEqual(firstNames, secondNames, 'two clusters, two different pod lists');
    const sameClient = await page.evaluate(() => {
      const [a, b, c] = ['outer', 'first', 'second'].map((id) => (document.getElementById(id) as unknown as {effectiveClient: unknown}).effectiveClient);
      return a === b && b === c;
    });
    assert.ok(sameClient, 'nested providers share the outer client');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
