import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {mkdtempSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parseSandboxArgs, startSandboxServer} from '../../src/server/sandbox-command.js';

describe('kube-elements sandbox server', () => {
  it('--require-token is anonymousToken: null, and both answer requests without a token with 401', async () => {
    assert.deepEqual(parseSandboxArgs(['--require-token', '--port', '0']), {anonymousToken: null, port: 0});
    assert.deepEqual(parseSandboxArgs(['--port=0']), {port: 0});
    for (const options of [parseSandboxArgs(['--require-token', '--port', '0', '--paused']), {port: 0, paused: true, anonymousToken: null}]) {
      const running = await startSandboxServer(options);
      try {
        for (const path of ['/api/v1/namespaces/team-a/pods', '/clusters/sandbox/api/v1/namespaces/team-a/pods', '/clusters']) {
          const res = await fetch(running.url + path);
          assert.equal(res.status, 401, path);
          assert.deepEqual(await res.json(), {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401});
        }
        const authorized = await fetch(`${running.url}/api/v1/namespaces/team-a/pods`, {headers: {authorization: 'Bearer sandbox-viewer'}});
        assert.equal(authorized.status, 200);
        assert.equal((await fetch(`${running.url}/healthz`)).status, 200);
      } finally {
        await running.close();
      }
    }
  });

  it('--static serves files with a validator: a browser revalidates bundle.js with a 304 and keeps its compiled code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube-static-'));
    writeFileSync(join(dir, 'bundle.js'), 'export const a = 1;\n');
    const running = await startSandboxServer({port: 0, paused: true, staticDir: dir});
    try {
      const first = await fetch(`${running.url}/static/bundle.js`);
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(first.headers.get('cache-control'), 'no-cache');
      assert.ok(first.headers.get('last-modified'));
      const etag = first.headers.get('etag');
      assert.match(etag ?? '', /^W\/".+"$/);
      assert.equal(await first.text(), 'export const a = 1;\n');

      const again = await fetch(`${running.url}/static/bundle.js`, {headers: {'if-none-match': `"other", ${etag}`}});
      assert.equal(again.status, 304);
      assert.equal(again.headers.get('etag'), etag);
      assert.equal(await again.text(), '');

      // A rebuilt bundle is another version: the old validator gets the new file.
      writeFileSync(join(dir, 'bundle.js'), 'export const a = 22;\n');
      utimesSync(join(dir, 'bundle.js'), new Date(), new Date(Date.now() + 5000));
      const changed = await fetch(`${running.url}/static/bundle.js`, {headers: {'if-none-match': etag!}});
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get('etag'), etag);
      assert.equal(await changed.text(), 'export const a = 22;\n');

      const missing = await fetch(`${running.url}/static/nothing.js`, {headers: {'if-none-match': etag!}});
      assert.equal(missing.status, 404);
    } finally {
      await running.close();
      rmSync(dir, {recursive: true, force: true});
    }
  });

  it('acts as sandbox-admin for requests without a token by default', async () => {
    const running = await startSandboxServer(parseSandboxArgs(['--port', '0', '--paused']));
    try {
      const res = await fetch(`${running.url}/api/v1/namespaces`);
      assert.equal(res.status, 200);
      assert.equal((await fetch(`${running.url}/clusters`)).status, 200);
    } finally {
      await running.close();
    }
  });

  it('streams followed logs on wall-clock time: two new lines within a few seconds of tailLines=0', async () => {
    const running = await startSandboxServer({port: 0});
    try {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), 8_000);
      const started = Date.now();
      const res = await fetch(`${running.url}/api/v1/namespaces/team-a/pods/redis-0/log?follow=true&tailLines=0`, {signal: abort.signal});
      assert.equal(res.status, 200);
      const reader = res.body!.getReader();
      let text = '';
      try {
        while (text.split('\n').length - 1 < 2) {
          const {done, value} = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
      } catch {
        // aborted: the assertion below reports how many lines came
      }
      clearTimeout(timer);
      abort.abort();
      assert.ok(text.split('\n').length - 1 >= 2, `two lines in ${Date.now() - started} ms, got ${JSON.stringify(text)}`);
      assert.ok(Date.now() - started < 6_000);
    } finally {
      await running.close();
    }
  });
});
