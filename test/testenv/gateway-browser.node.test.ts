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

  it('shows the pods and Databases of team-a with the four elements, and a pod created meanwhile appears live', async (t) => {
    env = testenv(t);
    if (!env) return;
    gateway = await startTestGateway(root, {testenv: {url: env.url, caFile: env.caFile, token: env.tokens.admin}});
    browser = await chromium.launch({executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS});
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${gateway.origin}/test/testenv/pages/gateway.html`);
    await page.locator('#pods [part~="row"]').first().waitFor({timeout: 20_000});
    const rows = await page.locator('#pods [part~="row"]').allInnerTexts();
    assert.ok(rows.some((row) => row.includes('web-') && row.includes('Running')), `web pods from the real server: ${rows}`);
    const databases = await page.locator('#databases [part~="row"]').allInnerTexts();
    assert.ok(databases.some((row) => row.includes('orders-db') && row.includes('postgres')), `CRD printer columns: ${databases}`);
    assert.match((await page.locator('kube-cluster-picker [role="combobox"]').innerText())!, /testenv[\s\S]*v1\.35\.8/);

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
      await page.locator('#pods [part~="row"]', {hasText: name}).waitFor({timeout: 20_000});
    } finally {
      await admin.delete('testenv', 'pods', {namespace: 'team-a', name}, {gracePeriodSeconds: 0});
      admin.dispose();
    }
    assert.deepEqual(errors, []);
  });
});
