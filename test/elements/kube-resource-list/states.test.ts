// <kube-resource-list>: its states (forbidden, error, reconnecting, empty, no provider, waiting) and a limited user at "all". Shared set-up in ./fixtures.ts.
import {expect, fixture, html} from '@open-wc/testing';
import type {KubeResourceList} from '../../../src/elements/kube-resource-list/kube-resource-list.js';
import {createKubeClient, inMemoryTransport} from '../../../src/client/index.js';
import {createSandbox} from '../../../src/sandbox/index.js';
import {until} from '../../support/fake-api.js';
import {cleanups, makeClient, mount, part, plain, partText, rows, cell, names, headers, ready} from './fixtures.js';

describe('<kube-resource-list>', () => {
  describe('states', () => {
    it('says which verb on which resource in which namespace was denied', async () => {
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="kube-system"></kube-resource-list>`, {token: 'sandbox-developer'});
      await until(() => el.hasState('forbidden'), 'forbidden');
      const text = partText(el, 'forbidden');
      expect(text).to.contain("You can't list pods in namespace kube-system. Ask a cluster admin for the 'list' permission, or choose a namespace you can use.");
      expect(text).to.contain('403');
      await expect(el).to.be.accessible();
    });

    it('shows the server error with its HTTP code', async () => {
      const sandbox = createSandbox({seed: 1});
      cleanups.push(() => sandbox.dispose());
      sandbox.clusters.get('sandbox')!.failNext('/api/v1/namespaces/team-a/pods', 500, 1000);
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-a"></kube-resource-list>`, {sandbox});
      await until(() => el.hasState('error'), 'error');
      expect(part(el, 'error')!.textContent).to.match(/HTTP 500/);
      await expect(el).to.be.accessible();
    });

    it('keeps its rows under a banner while the watch reconnects', async () => {
      const {el, sandbox} = await mount(html`<kube-resource-list kind="db" namespace="team-a"></kube-resource-list>`);
      await ready(el, 2);
      const cluster = sandbox.clusters.get('sandbox')!;
      await until(() => cluster.openWatches('databases.sandbox.kube-elements.io') + cluster.openWatches('databases') > 0, 'the watch');
      cluster.failNext('/namespaces/team-a/databases', 503, 1000);
      cluster.dropWatches();
      await until(() => el.hasState('reconnecting'), 'reconnecting');
      expect(part(el, 'reconnecting')!.textContent).to.contain('reconnecting');
      // The re-connection's own failure, once there is one: the server's words and code.
      await until(() => /HTTP 503/.test(part(el, 'reconnecting')?.textContent ?? ''), 'why, with the HTTP code');
      expect(names(el)).to.deep.equal(['orders-db', 'sessions']);
      await expect(el).to.be.accessible();
    });

    it('says in one run of words why it reconnects when no response came, without brackets in brackets', async () => {
      const sandbox = createSandbox({seed: 1});
      cleanups.push(() => sandbox.dispose());
      let offline = false;
      const client = makeClient(sandbox, 'sandbox-admin', () => {
        if (offline) throw new TypeError('Failed to fetch');
      });
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-a"></kube-resource-list>`, {sandbox, client});
      await ready(el);
      const cluster = sandbox.clusters.get('sandbox')!;
      await until(() => cluster.openWatches('pods') > 0, 'the watch');
      offline = true;
      cluster.dropWatches();
      await until(() => /Failed to fetch/.test(part(el, 'reconnecting')?.textContent ?? ''), 'why: the reconnection got no response');
      const text = part(el, 'reconnecting')!.textContent!.replace(/\s+/g, ' ').trim();
      expect(text).to.equal('Connection lost — reconnecting. The rows shown may be out of date. Failed to fetch. No response from the server (network error).');
    });

    it('says how often rows are refreshed when the kind can\'t be watched (PodMetrics), and nothing of the kind for a live list', async () => {
      const {el} = await mount(html`<kube-resource-list kind="PodMetrics" namespace="team-a"></kube-resource-list>`);
      await ready(el);
      await until(() => /refreshed/.test(part(el, 'count')?.textContent ?? ''), 'the interval');
      expect(part(el, 'count')!.textContent!.replace(/\s+/g, ' ').trim()).to.match(/^\d+ shown, refreshed every 10 s$/);
      await expect(el).to.be.accessible();
      el.kind = 'pods';
      await ready(el);
      await until(() => /^\d+ shown$/.test(part(el, 'count')?.textContent?.trim() ?? ''), 'live again');
    });

    it('says the server answered, but not as the API does, when a login page comes back instead of a list', async () => {
      const sandbox = createSandbox({seed: 1});
      cleanups.push(() => sandbox.dispose());
      const transport = inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => 'sandbox-admin'});
      const request = transport.request.bind(transport);
      transport.request = async (sent) =>
        sent.path.startsWith('/api/v1/namespaces/team-a/pods') && !sent.path.includes('watch=')
          ? new Response('<!doctype html><title>Sign in</title>', {status: 200, headers: {'Content-Type': 'text/html'}})
          : request(sent);
      const client = createKubeClient({transport, informers: {graceMs: 50}});
      cleanups.push(() => client.dispose());
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-a"></kube-resource-list>`, {sandbox, client});
      await until(() => /login page/.test(part(el, 'error')?.textContent ?? ''), 'the error');
      expect(part(el, 'error')!.textContent).to.contain('The server answered (HTTP 200), but not as the Kubernetes API does');
      expect(part(el, 'error')!.textContent).not.to.contain('No response');
    });

    it('shows an empty state, with the empty slot', async () => {
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-a" label-selector="app=nothing"></kube-resource-list>`);
      await until(() => el.hasState('empty'), 'empty');
      expect(plain(part(el, 'empty')!.querySelector('slot[name="empty"]')!.textContent)).to.contain('No pods found.');
      await expect(el).to.be.accessible();
    });

    it('asks for a provider when there is no client', async () => {
      const el = await fixture<KubeResourceList>(html`<kube-resource-list kind="pods"></kube-resource-list>`);
      expect(el.hasState('no-client')).to.be.true;
      expect(part(el, 'no-client')!.textContent).to.contain('kube-provider');
    });

    it('shows the namespaces it may list and names the one it may not, beside their rows', async () => {
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-a,kube-system"></kube-resource-list>`, {token: 'sandbox-developer'});
      await until(() => el.hasState('ready') && rows(el).length > 0 && el.hasState('partial'), 'team-a listed, kube-system denied');
      expect(el.hasState('forbidden'), 'not the whole list denied').to.be.false;
      expect(new Set(rows(el).map((row) => cell(row, 'Namespace')))).to.deep.equal(new Set(['team-a']));
      const text = partText(el, 'partial');
      expect(text).to.contain("can't list pods in namespace kube-system");
      expect(text).to.contain('HTTP 403 Forbidden');
      expect(text, "the server's message").to.match(/forbidden/i);
      await expect(el).to.be.accessible();
    });

    it('says it waits for a cluster while the provider has none', async () => {
      const sandbox = createSandbox({seed: 1});
      cleanups.push(() => sandbox.dispose());
      const client = makeClient(sandbox);
      client.transport.listClusters = () => Promise.reject(new Error('the gateway is down'));
      const provider = await fixture<HTMLElement>(html`<kube-provider .client=${client}><kube-resource-list kind="pods"></kube-resource-list></kube-provider>`);
      const el = provider.querySelector<KubeResourceList>('kube-resource-list')!;
      await until(() => el.hasState('no-cluster'), 'no cluster');
      expect(part(el, 'no-cluster')!.textContent).to.contain('Waiting for a cluster');
      await expect(el).to.be.accessible();
      provider.setAttribute('cluster', 'sandbox');
      await ready(el);
      expect(el.hasState('no-cluster')).to.be.false;
    });

    it('merges the permitted namespaces for a user who cannot list across namespaces (allowed-namespaces)', async () => {
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="all"></kube-resource-list>`, {token: 'sandbox-developer', allowed: 'team-a,team-b'});
      await until(() => el.hasState('ready') && names(el).some((n) => n.startsWith('catalog-')) && names(el).some((n) => n.startsWith('web-')), 'team-a and team-b');
      expect(headers(el)).to.include('Namespace');
      expect(new Set(rows(el).map((row) => cell(row, 'Namespace')))).to.deep.equal(new Set(['team-a', 'team-b']));
    });

    it('finds the permitted namespaces through SelfSubjectRulesReview', async () => {
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="all"></kube-resource-list>`, {token: 'sandbox-developer', allowed: 'kube-system,team-a,team-b,monitoring'});
      await until(() => el.hasState('ready') && new Set(rows(el).map((row) => cell(row, 'Namespace'))).size === 2, 'two namespaces');
      expect(new Set(rows(el).map((row) => cell(row, 'Namespace')))).to.deep.equal(new Set(['team-a', 'team-b']));
      expect(el.hasState('forbidden')).to.be.false;
    });
  });

  describe('a limited user at "all"', () => {
    const namespacesShown = (el: KubeResourceList) => new Set(rows(el).map((row) => cell(row, 'Namespace')));

    it('lists across the current namespaces the user may use when the provider has no allowed-namespaces', async () => {
      const sandbox = createSandbox({seed: 1});
      cleanups.push(() => sandbox.dispose());
      const client = makeClient(sandbox, 'sandbox-developer');
      const provider = await fixture<HTMLElement>(
        html`<kube-provider .client=${client} cluster="sandbox" namespace="team-a,team-b,kube-system"><kube-resource-list kind="pods" namespace="all"></kube-resource-list></kube-provider>`
      );
      const el = provider.querySelector<KubeResourceList>('kube-resource-list')!;
      await until(() => el.hasState('ready') && namespacesShown(el).size === 2, 'team-a and team-b');
      expect(namespacesShown(el)).to.deep.equal(new Set(['team-a', 'team-b']));
    });

    it('leaves out namespaces the user may use that deny this kind', async () => {
      // team-b grants view, which doesn't include secrets; before, its 403 replaced the whole list.
      const {el} = await mount(html`<kube-resource-list kind="secrets" namespace="all"></kube-resource-list>`, {token: 'sandbox-developer', allowed: 'team-a,team-b'});
      await until(() => el.hasState('ready') && names(el).includes('api-credentials'), 'the team-a secret');
      expect(el.hasState('forbidden')).to.be.false;
      // One namespace left, so no Namespace column; every row is team-a's.
      expect(headers(el)).not.to.include('Namespace');
      expect(names(el)).to.deep.equal(['api-credentials']);
    });

    it('says in plain words what to do when no namespace is usable (namespaces not listable, no allowed-namespaces)', async () => {
      const {el, sandbox} = await mount(html`<kube-resource-list kind="pods" namespace="all"></kube-resource-list>`, {token: 'sandbox-developer'});
      await until(() => el.hasState('forbidden'), 'forbidden');
      const text = partText(el, 'forbidden');
      expect(text).to.contain("You can't see pods across all namespaces, and no namespace where you can see them was found.");
      expect(text).to.contain('allowed-namespaces');
      expect(text).to.contain('403');
      expect(text).not.to.contain('in namespace');
      // Nothing left to watch: no list retried behind the message.
      const cluster = sandbox.clusters.get('sandbox')!;
      expect(cluster.openWatches('pods')).to.equal(0);
      await expect(el).to.be.accessible();
    });

    it('follows a change of allowed-namespaces without listing across namespaces again', async () => {
      const {el, provider, sandbox} = await mount(html`<kube-resource-list kind="pods" namespace="all"></kube-resource-list>`, {token: 'sandbox-developer', allowed: 'team-a'});
      await until(() => el.hasState('ready') && names(el).some((n) => n.startsWith('web-')), 'team-a');
      const stats = sandbox.clusters.get('sandbox')!.stats;
      const clusterWide = stats.lists('pods');
      provider.setAttribute('allowed-namespaces', 'team-a,team-b');
      await until(() => el.hasState('ready') && namespacesShown(el).size === 2, 'team-a and team-b');
      expect(namespacesShown(el)).to.deep.equal(new Set(['team-a', 'team-b']));
      expect(stats.lists('pods') - clusterWide, 'only team-a and team-b listed').to.be.at.most(2);
    });

    it('shares the namespace watch with the namespace picker', async () => {
      const sandbox = createSandbox({seed: 1});
      cleanups.push(() => sandbox.dispose());
      const stats = sandbox.clusters.get('sandbox')!.stats;
      const {el} = await mount(html`<kube-namespace-picker></kube-namespace-picker><kube-resource-list kind="secrets" namespace="all"></kube-resource-list>`, {
        token: 'sandbox-viewer',
        sandbox,
      });
      await until(() => el.hasState('forbidden'), 'forbidden');
      await until(() => stats.watches('namespaces') >= 1, 'the namespace watch');
      expect(stats.lists('namespaces')).to.equal(1);
      expect(stats.watches('namespaces')).to.equal(1);
    });

    it('explains the same when namespaces are listable but none allows this kind', async () => {
      // sandbox-viewer may list namespaces and pods everywhere, but secrets nowhere.
      const {el} = await mount(html`<kube-resource-list kind="secrets" namespace="all"></kube-resource-list>`, {token: 'sandbox-viewer'});
      await until(() => el.hasState('forbidden'), 'forbidden');
      const text = part(el, 'forbidden')!.textContent!.replace(/\s+/g, ' ');
      expect(text).to.contain('no namespace where you can see them was found');
      expect(text).not.to.contain('in namespace');
    });
  });
});
