/**
 * A page in Chromium whose elements reach the real kube-apiserver through a same-origin gateway:
 * bundle.js, <kube-provider> with the default gateway transport, and the shared client's informer.
 */
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import type {Server} from 'node:http';
import {chromium, type Browser} from 'playwright-core';
import {CHROME_FLAGS, ensureChrome, root} from '../../scripts/ensure-deps.mjs';
import {startTestGateway} from '../support/test-gateway.js';
import {testenv, type TestEnv} from './env.js';


describe('a page reaching kube-apiserver through a same-origin gateway', () => {
  let env: TestEnv | undefined;
  let gateway: {origin: string; server: Server} | undefined;
  let browser: Browser | undefined;

  before(async () => {
    if (!existsSync(`${root}/dist/bundle.js`)) spawnSync(process.execPath, ['scripts/build.mjs', '--bundle-only'], {cwd: root, stdio: 'inherit'});
  });
  after(async () => {
    await browser?.close();
    gateway?.server.close();
    gateway?.server.closeAllConnections();
  });

  it('shows the pods of team-a, and a pod created meanwhile appears live', async (t) => {
    env = testenv(t);
    if (!env) return;
    gateway = await startTestGateway(root, {testenv: {url: env.url, caFile: env.caFile, token: env.tokens.admin}});
    browser = await chromium.launch({executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS});
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${gateway.origin}/test/testenv/pages/gateway.html`);
    await page.waitForSelector('#pods tbody tr', {timeout: 20_000});
    assert.match((await page.locator('#pods caption').textContent())!, /^Pods on testenv in team-a — \d+ \(ready\)$/);
    const names = await page.locator('#pods tbody tr td:nth-child(2)').allTextContents();
    assert.ok(names.some((name) => name.startsWith('web-')), `web pods from the real server: ${names}`);

    const {createKubeClient, directTransport} = await import('../../src/client/index.js');
    const admin = createKubeClient({transport: directTransport({baseUrl: env.url, cluster: 'testenv', tokenProvider: () => env!.tokens.admin})});
    const name = `gateway-${Date.now().toString(36)}`;
    await admin.create('testenv', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {name, namespace: 'team-a'},
      spec: {containers: [{name: 'app', image: 'busybox'}]},
    });
    try {
      await page.waitForSelector(`#pods tr[data-key="team-a/${name}"]`, {timeout: 20_000});
    } finally {
      await admin.delete('testenv', 'pods', {namespace: 'team-a', name}, {gracePeriodSeconds: 0});
      admin.dispose();
    }
    assert.deepEqual(errors, []);
  });
});
