/** The three token identities get exactly the rights the seeded RBAC bindings give them. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {kubectl, testenv, type TestEnv} from './env.js';

async function canI(env: TestEnv, who: keyof TestEnv['tokens'], ...args: string[]): Promise<string> {
  const r = await kubectl(env, ['auth', 'can-i', ...args], who);
  // can-i exits 1 for "no"; anything else is an error.
  assert.ok(r.code === 0 || r.code === 1, `kubectl auth can-i ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

test('developer edits team-a, only reads team-b, cannot list namespaces', async (t) => {
  const env = testenv(t);
  if (!env) return;
  assert.equal(await canI(env, 'developer', 'delete', 'pods', '-n', 'team-a'), 'yes');
  assert.equal(await canI(env, 'developer', 'delete', 'pods', '-n', 'team-b'), 'no');
  assert.equal(await canI(env, 'developer', 'list', 'pods', '-n', 'team-b'), 'yes');
  assert.equal(await canI(env, 'developer', 'list', 'namespaces'), 'no');
  // The Database CRD reaches `edit` through the aggregated ClusterRole.
  assert.equal(await canI(env, 'developer', 'patch', 'databases.sandbox.kube-elements.io', '--subresource=scale', '-n', 'team-a'), 'yes');
  const denied = await kubectl(env, ['delete', 'pod', 'legacy-importer', '-n', 'team-b', '--dry-run=server'], 'developer');
  assert.notEqual(denied.code, 0);
  assert.match(denied.stderr, /Forbidden.*User "sandbox-developer" cannot delete resource "pods".*namespace "team-b"/);
});

test('viewer reads everywhere and changes nothing', async (t) => {
  const env = testenv(t);
  if (!env) return;
  assert.equal(await canI(env, 'viewer', 'list', 'pods', '-A'), 'yes');
  assert.equal(await canI(env, 'viewer', 'list', 'databases.sandbox.kube-elements.io', '-A'), 'yes');
  assert.equal(await canI(env, 'viewer', 'delete', 'pods', '-n', 'team-a'), 'no');
  const pods = await kubectl(env, ['get', 'pods', '-A', '-o', 'name'], 'viewer');
  assert.equal(pods.code, 0, pods.stderr);
  assert.match(pods.stdout, /pod\/web-/);
});

test('admin may do anything', async (t) => {
  const env = testenv(t);
  if (!env) return;
  assert.equal(await canI(env, 'admin', '*', '*'), 'yes');
  assert.equal(await canI(env, 'admin', 'delete', 'nodes'), 'yes');
  const who = await kubectl(env, ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username} {.status.userInfo.groups}'], 'admin');
  assert.equal(who.code, 0, who.stderr);
  assert.match(who.stdout, /^sandbox-admin .*system:masters/);
});
