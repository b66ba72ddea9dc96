import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {LitElement} from 'lit';
import {ContextConsumer} from '@lit/context';
import '../../src/define/kube-provider.js';
import type {KubeProvider} from '../../src/elements/kube-provider/kube-provider.js';
import {clientContext, clusterContext, namespacesContext, scopeContext, settingsContext} from '../../src/context/kube-context.js';
import {createKubeClient, gatewayTransport, KubeApiError, KubeNetworkError, type ClusterInfo, type KubeClient} from '../../src/client/index.js';
import {defineElement} from '../../src/internal/define.js';
import type {KubeClusterChangeEvent, KubeNamespaceChangeEvent} from '../../src/events/scope-events.js';
import {VERSION} from '../../src/internal/version.js';
import {KubeProvider as ProviderClass} from '../../src/elements/kube-provider/kube-provider.js';
import {fakeApi, until} from '../support/fake-api.js';

/** Reads every context the provider offers, as an element inside it would. */
class ContextProbe extends LitElement {
  readonly client = new ContextConsumer(this, {context: clientContext, subscribe: true});
  readonly cluster = new ContextConsumer(this, {context: clusterContext, subscribe: true});
  readonly namespaces = new ContextConsumer(this, {context: namespacesContext, subscribe: true});
  readonly settings = new ContextConsumer(this, {context: settingsContext, subscribe: true});
  readonly scope = new ContextConsumer(this, {context: scopeContext, subscribe: true});
}
customElements.define('context-probe', ContextProbe);

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client whose `listClusters()` gives the next answer each time (the last one from then on); counts the calls. */
function clientListing(...answers: Array<ClusterInfo[] | Error>): KubeClient & {listings: number} {
  let listings = 0;
  const client = createKubeClient({
    transport: {
      request: async () => new Response('{}', {status: 404}),
      listClusters: async () => {
        const answer = answers[Math.min(listings++, answers.length - 1)]!;
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  });
  return Object.defineProperty(client, 'listings', {get: () => listings}) as KubeClient & {listings: number};
}

const unreachable = () => new KubeNetworkError('Could not reach /clusters');

/** Mounts a provider holding a probe, outside any fixture, so a test can take it out and put it back. */
function mountProvider(setup: (el: KubeProvider) => void) {
  const el = document.createElement('kube-provider') as KubeProvider;
  setup(el);
  el.innerHTML = '<context-probe></context-probe>';
  document.body.append(el);
  return {el, probe: el.querySelector<ContextProbe>('context-probe')!};
}

describe('<kube-provider>', () => {
  describe('rendering', () => {
    it('renders its children only, and is accessible', async () => {
      const el = await fixture<KubeProvider>(html`<kube-provider transport="sandbox"><p>inside</p></kube-provider>`);
      expect(getComputedStyle(el).display).to.equal('contents');
      expect(el.shadowRoot!.querySelector('slot')).to.exist;
      await expect(el).to.be.accessible();
    });
  });

  describe('properties and attributes', () => {
    it('makes a sandbox client and picks its first cluster', async () => {
      const el = await fixture<KubeProvider>(html`<kube-provider transport="sandbox"><context-probe></context-probe></kube-provider>`);
      const probe = el.querySelector<ContextProbe>('context-probe')!;
      await until(() => probe.cluster.value === 'sandbox', 'default cluster');
      expect(probe.client.value).to.equal(el.effectiveClient);
      expect(probe.namespaces.value).to.deep.equal([]);
      const version = await probe.client.value!.version('sandbox');
      expect(version.gitVersion).to.match(/^v1\./);
    });

    it('parses namespace and allowed-namespaces lists', async () => {
      const el = await fixture<KubeProvider>(html`
        <kube-provider transport="sandbox" cluster="sandbox-edge" namespace="team-a, team-b" allowed-namespaces="team-a,team-b,team-c">
          <context-probe></context-probe>
        </kube-provider>
      `);
      const probe = el.querySelector<ContextProbe>('context-probe')!;
      expect(probe.cluster.value).to.equal('sandbox-edge');
      expect(probe.namespaces.value).to.deep.equal(['team-a', 'team-b']);
      expect(probe.settings.value!.allowedNamespaces).to.deep.equal(['team-a', 'team-b', 'team-c']);
    });

    it('uses the gateway under base-url by default, with the token provider', async () => {
      const api = await fakeApi();
      const el = await fixture<KubeProvider>(html`<kube-provider base-url=${api.base} .tokenProvider=${() => 'abc'}><context-probe></context-probe></kube-provider>`);
      const probe = el.querySelector<ContextProbe>('context-probe')!;
      await until(() => probe.cluster.value === 'one', 'first cluster from GET /clusters');
      await probe.client.value!.version('two');
      expect(await api.count('GET /version')).to.equal(1);
    });

    it('makes one client and asks discovery once, a new client only when its transport changes, and none when one is handed in after connecting', async () => {
      const api = await fakeApi();
      const el = document.createElement('kube-provider') as KubeProvider;
      el.setAttribute('base-url', api.base);
      el.setAttribute('cluster', 'one');
      el.innerHTML = '<context-probe></context-probe>';
      document.body.append(el);
      try {
        await el.updateComplete;
        const first = el.effectiveClient;
        // The provider asks by itself, before any element inside needs it.
        await until(async () => (await api.count('GET /apis')) === 1, 'discovery asked for');
        el.namespace = 'team-a';
        await el.updateComplete;
        expect(el.effectiveClient, 'later updates keep it').to.equal(first);
        expect([await api.count('GET /api'), await api.count('GET /apis')], 'one discovery').to.deep.equal([1, 1]);
        el.setAttribute('base-url', `${api.base}/`);
        await el.updateComplete;
        expect(el.effectiveClient, 'a changed base-url makes a new client').to.not.equal(first);
      } finally {
        el.remove();
      }
      // As @lit/react does: connect first, set the client right after.
      const handed = createKubeClient({transport: gatewayTransport({baseUrl: api.base})});
      const realFetch = globalThis.fetch;
      const stray: string[] = [];
      globalThis.fetch = (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (!url.startsWith(api.base)) stray.push(url);
        return realFetch(input, init);
      };
      const late = document.createElement('kube-provider') as KubeProvider;
      try {
        document.body.append(late);
        late.client = handed;
        await late.updateComplete;
        await until(() => late.effectiveCluster === 'one', 'the handed client lists clusters');
        expect(late.effectiveClient).to.equal(handed);
        expect(stray, 'no client of its own asked the page for anything').to.deep.equal([]);
      } finally {
        globalThis.fetch = realFetch;
        late.remove();
      }
    });

    it('direct: answers to the cluster it is given, a new client only when that name changes', async () => {
      const api = await fakeApi();
      const el = await fixture<KubeProvider>(html`<kube-provider transport="direct" base-url=${api.base} cluster="prod"><context-probe></context-probe></kube-provider>`);
      const probe = el.querySelector<ContextProbe>('context-probe')!;
      expect(probe.cluster.value).to.equal('prod');
      expect((await probe.client.value!.version('prod')).gitVersion).to.match(/^v1\./);
      expect(await probe.client.value!.listClusters()).to.deep.equal([{name: 'prod', server: api.base}]);
      const first = el.effectiveClient;
      el.cluster = 'staging';
      await el.updateComplete;
      expect(el.effectiveClient, 'renamed: a client for the new name').to.not.equal(first);
      await probe.client.value!.version('staging');
      expect(await api.count('GET /version')).to.equal(2);
      const inner = await fixture<KubeProvider>(html`
        <kube-provider .client=${createKubeClient({transport: gatewayTransport({baseUrl: api.base})})} cluster="two">
          <kube-provider transport="direct" base-url=${api.base}><context-probe></context-probe></kube-provider>
        </kube-provider>
      `);
      const innerProbe = inner.querySelector<ContextProbe>('context-probe')!;
      await until(() => innerProbe.cluster.value === 'two', 'inherited cluster');
      await innerProbe.client.value!.version('two');
      expect(await api.count('GET /version'), 'the inner direct client answers to the inherited name').to.equal(3);
    });

    it('sandbox: runs the in-page sandbox live, and disposes it with the client made for it', async () => {
      const api = await fakeApi();
      const {el} = mountProvider((p) => (p.transport = 'sandbox', p.cluster = 'sandbox'));
      try {
        await el.updateComplete;
        const live = el.effectiveClient!;
        const [pod] = (await live.list('sandbox', 'pods', {namespace: 'team-a'})).items;
        await live.delete('sandbox', 'pods', {namespace: 'team-a', name: pod!.metadata.name!}, {gracePeriodSeconds: 1});
        await until(async () => (await live.get('sandbox', 'pods', {namespace: 'team-a', name: pod!.metadata.name!}).catch((e) => e)).code === 404, 'deleted after its grace period, on a running clock', 4000);
        el.baseUrl = api.base;
        el.transport = 'gateway';
        await el.updateComplete;
        const replaced = await live.version('sandbox').catch((e) => e);
        expect(replaced.message, 'the replaced client reaches no sandbox').to.equal('This sandbox was disposed');
        el.transport = 'sandbox';
        await el.updateComplete;
        const second = el.effectiveClient!;
        el.remove();
        document.body.append(el);
        await el.updateComplete;
        expect(el.effectiveClient, 'moved: the same client').to.equal(second);
        el.remove();
        await wait(1200);
        expect((await second.version('sandbox').catch((e) => e)).message, 'gone: its sandbox disposed').to.equal('This sandbox was disposed');
        document.body.append(el);
        await el.updateComplete;
        expect(el.effectiveClient, 'back: a new client').to.not.equal(second);
        expect((await el.effectiveClient!.version('sandbox')).gitVersion).to.match(/^v1\./);
      } finally {
        el.remove();
      }
    });

    it('shares a client handed to it as a property, as React and Backstage do', async () => {
      const client = createKubeClient({transport: gatewayTransport()});
      const el = await fixture<KubeProvider>(html`<kube-provider .client=${client} cluster="prod"><context-probe></context-probe></kube-provider>`);
      const probe = el.querySelector<ContextProbe>('context-probe')!;
      expect(probe.client.value).to.equal(client);
      expect(probe.cluster.value).to.equal('prod');
    });

    it('nests: an inner provider inherits the client and overrides only what it sets', async () => {
      const outer = await fixture<KubeProvider>(html`
        <kube-provider transport="sandbox" cluster="sandbox" namespace="team-a" allowed-namespaces="team-a,team-b">
          <context-probe id="outer"></context-probe>
          <kube-provider namespace="team-b">
            <context-probe id="inner"></context-probe>
          </kube-provider>
          <kube-provider cluster="sandbox-edge">
            <context-probe id="edge"></context-probe>
          </kube-provider>
        </kube-provider>
      `);
      const probe = (id: string) => outer.querySelector<ContextProbe>(`#${id}`)!;
      await until(() => probe('inner').client.value !== undefined && probe('edge').cluster.value === 'sandbox-edge', 'inner providers ready');
      expect(probe('inner').client.value, 'one client for the whole page').to.equal(probe('outer').client.value);
      expect(probe('inner').cluster.value).to.equal('sandbox');
      expect(probe('inner').namespaces.value).to.deep.equal(['team-b']);
      expect(probe('inner').settings.value!.allowedNamespaces).to.deep.equal(['team-a', 'team-b']);
      expect(probe('edge').namespaces.value).to.deep.equal(['team-a']);
      outer.namespace = 'all';
      await until(() => probe('edge').namespaces.value!.length === 0, 'inherited change');
      expect(probe('inner').namespaces.value).to.deep.equal(['team-b']);
    });
  });

    it('inherits again what a removed attribute no longer sets (namespace, cluster, allowed-namespaces)', async () => {
      const outer = await fixture<KubeProvider>(html`
        <kube-provider transport="sandbox" cluster="sandbox" namespace="team-a" allowed-namespaces="team-a,team-b">
          <kube-provider id="inner" cluster="sandbox-edge" namespace="team-b" allowed-namespaces="team-b"><context-probe></context-probe></kube-provider>
        </kube-provider>
      `);
      const inner = outer.querySelector<KubeProvider>('#inner')!;
      const probe = inner.querySelector<ContextProbe>('context-probe')!;
      await until(() => probe.namespaces.value?.[0] === 'team-b', 'inner namespace');
      for (const name of ['namespace', 'cluster', 'allowed-namespaces']) inner.removeAttribute(name);
      await inner.updateComplete;
      // Before, a removed namespace read as null: "all namespaces", not the outer provider's.
      expect(probe.namespaces.value).to.deep.equal(['team-a']);
      expect(probe.cluster.value).to.equal('sandbox');
      expect(probe.settings.value!.allowedNamespaces).to.deep.equal(['team-a', 'team-b']);
    });

    it('made to reach its own clusters, never lends its children the outer client, not even back from out of the page', async () => {
      const outerApi = await fakeApi();
      const outerClient = outerApi.client();
      const outer = await fixture<KubeProvider>(html`<kube-provider .client=${outerClient} cluster="one"></kube-provider>`);
      const inner = document.createElement('kube-provider') as KubeProvider;
      inner.setAttribute('transport', 'sandbox');
      inner.innerHTML = '<context-probe></context-probe>';
      outer.append(inner);
      const probe = inner.querySelector<ContextProbe>('context-probe')!;
      await until(() => probe.client.value !== undefined, 'own client');
      const own = probe.client.value;
      expect(own).not.to.equal(outerClient);
      // Out of the page long enough to release its own client, then back.
      inner.remove();
      await wait(1200);
      const seen: Array<KubeClient | undefined> = [];
      const watchClient = new ContextConsumer(probe, {context: clientContext, subscribe: true, callback: (value) => seen.push(value)});
      outer.append(inner);
      await until(() => probe.client.value !== undefined && probe.client.value !== own, 'a new own client');
      expect(seen.includes(outerClient), 'the outer client was never handed down').to.be.false;
      expect(probe.client.value).not.to.equal(outerClient);
      watchClient.hostDisconnected();
    });

  describe('default cluster', () => {
    it('retries a failed cluster listing with backoff, showing the failure until one answers', async () => {
      const client = clientListing(unreachable(), unreachable(), [{name: 'late'}, {name: 'later'}]);
      const el = await fixture<KubeProvider>(html`<kube-provider .client=${client}><context-probe></context-probe></kube-provider>`);
      const probe = el.querySelector<ContextProbe>('context-probe')!;
      await until(() => el.clusterError !== undefined, 'the first failure');
      expect(el.clusterError).to.be.instanceOf(KubeNetworkError);
      expect(el.hasState('cluster-error')).to.be.true;
      expect(probe.cluster.value).to.equal(undefined);
      await until(() => probe.cluster.value === 'late', 'the cluster once a retry answers', 4000);
      expect(client.listings).to.equal(3);
      expect(el.clusterError).to.equal(undefined);
      expect(el.hasState('cluster-error')).to.be.false;
    });

    it('takes an empty list as the answer: asks once, not again', async () => {
      const client = clientListing([]);
      const el = await fixture<KubeProvider>(html`<kube-provider .client=${client}><context-probe></context-probe></kube-provider>`);
      await until(() => client.listings === 1, 'the listing');
      el.namespace = 'team-a';
      await el.updateComplete;
      await wait(700);
      expect(client.listings).to.equal(1);
      expect([el.effectiveCluster, el.clusterError]).to.deep.equal([undefined, undefined]);
    });

    it('stops retrying out of the page, and resumes when back', async () => {
      const client = clientListing(unreachable());
      const {el} = mountProvider((p) => (p.client = client));
      try {
        await until(() => client.listings === 1, 'the first listing');
        el.remove();
        await wait(800);
        expect(client.listings, 'no retry while out of the page').to.equal(1);
        document.body.append(el);
        await until(() => client.listings === 2, 'a listing at once when back', 200);
      } finally {
        el.remove();
      }
      await wait(800);
      expect(client.listings, 'none after it left').to.equal(2);
    });

    it('keeps a refusal (401) and does not ask again; waits out a 429 for its Retry-After', async () => {
      const refusal = new KubeApiError({kind: 'Status', status: 'Failure', code: 401, reason: 'Unauthorized', message: 'log in again'});
      const refused = clientListing(refusal, [{name: 'never'}]);
      const el = await fixture<KubeProvider>(html`<kube-provider .client=${refused}></kube-provider>`);
      await until(() => el.hasState('cluster-error'), 'the refusal shown');
      expect(el.clusterError?.message).to.equal('log in again');
      await wait(1500);
      expect(refused.listings, 'not asked again').to.equal(1);
      const busy = new KubeApiError({kind: 'Status', status: 'Failure', code: 429, reason: 'TooManyRequests', message: 'slow down'}, 2);
      const throttled = clientListing(busy, [{name: 'one'}]);
      const other = await fixture<KubeProvider>(html`<kube-provider .client=${throttled}></kube-provider>`);
      await until(() => other.hasState('cluster-error'), 'the 429 shown');
      await wait(1500);
      expect(throttled.listings, 'not before its Retry-After').to.equal(1);
      await until(() => other.effectiveCluster === 'one', 'asked again after it', 3000);
    });

    it('leaves the listing to the outer provider when it inherits the client', async () => {
      const client = clientListing(unreachable());
      const outer = await fixture<KubeProvider>(html`<kube-provider .client=${client}><kube-provider namespace="team-a"><context-probe></context-probe></kube-provider></kube-provider>`);
      const inner = outer.querySelector<KubeProvider>('kube-provider')!;
      // Both providers' first updates come before the first listing fails: by then each would have asked.
      await until(() => outer.hasState('cluster-error'), 'the outer listing failed');
      expect(client.listings, 'one listing, not one per provider').to.equal(1);
      expect(inner.hasState('cluster-error')).to.be.false;
    });

    it('stops retrying once a cluster is set, and for a client that was replaced', async () => {
      const failing = clientListing(unreachable());
      const el = await fixture<KubeProvider>(html`<kube-provider .client=${failing}><context-probe></context-probe></kube-provider>`);
      await until(() => el.hasState('cluster-error'), 'the first failure');
      el.cluster = 'prod';
      await el.updateComplete;
      expect([el.clusterError, el.hasState('cluster-error')], 'a set cluster needs no listing').to.deep.equal([undefined, false]);
      await wait(800);
      expect(failing.listings).to.equal(1);
      el.cluster = undefined;
      await until(() => failing.listings === 2, 'unset: listing again');
      const working = clientListing([{name: 'one'}]);
      el.client = working;
      await until(() => el.effectiveCluster === 'one', "the new client's cluster");
      expect(el.clusterError).to.equal(undefined);
      await wait(800);
      expect(failing.listings, 'the replaced client is not asked again').to.equal(2);
    });
  });

  describe('events', () => {
    it('changes cluster and namespaces through the scope a picker uses, firing change events', async () => {
      const el = await fixture<KubeProvider>(html`<kube-provider transport="sandbox" cluster="sandbox"><context-probe></context-probe></kube-provider>`);
      const probe = el.querySelector<ContextProbe>('context-probe')!;
      setTimeout(() => probe.scope.value!.setCluster('sandbox-edge'));
      const clusterEvent = (await oneEvent(el, 'kube-cluster-change')) as unknown as KubeClusterChangeEvent;
      expect([clusterEvent.cluster, clusterEvent.previous]).to.deep.equal(['sandbox-edge', 'sandbox']);
      expect(clusterEvent.detail).to.deep.equal({cluster: 'sandbox-edge', previous: 'sandbox'});
      expect(clusterEvent.bubbles && clusterEvent.composed && clusterEvent.cancelable).to.be.true;
      await el.updateComplete;
      expect(probe.cluster.value).to.equal('sandbox-edge');
      expect(el.getAttribute('cluster')).to.equal('sandbox-edge');
      setTimeout(() => probe.scope.value!.setNamespaces(['team-a', 'team-b']));
      const nsEvent = (await oneEvent(el, 'kube-namespace-change')) as unknown as KubeNamespaceChangeEvent;
      expect(nsEvent.namespaces).to.deep.equal(['team-a', 'team-b']);
      expect(nsEvent.detail).to.deep.equal({namespaces: ['team-a', 'team-b'], previous: []});
      await el.updateComplete;
      expect(el.getAttribute('namespace')).to.equal('team-a,team-b');
      probe.scope.value!.setNamespaces([]);
      await el.updateComplete;
      expect(el.getAttribute('namespace')).to.equal('all');
      expect(probe.namespaces.value).to.deep.equal([]);
    });

    it('passes a change of what it inherits to the provider it comes from', async () => {
      const outer = await fixture<KubeProvider>(html`
        <kube-provider transport="sandbox" cluster="sandbox" namespace="team-a">
          <kube-provider id="card" namespace="team-b"><context-probe></context-probe></kube-provider>
        </kube-provider>
      `);
      const card = outer.querySelector<KubeProvider>('#card')!;
      const probe = card.querySelector<ContextProbe>('context-probe')!;
      await until(() => probe.scope.value === card && probe.cluster.value === 'sandbox', 'the card');
      const targets: EventTarget[] = [];
      outer.addEventListener('kube-cluster-change', (event) => targets.push(event.target!));
      // The card sets its namespace, and inherits the cluster: a picker in it changes the page's cluster.
      expect(probe.scope.value!.setCluster('sandbox-edge')).to.be.true;
      expect(targets).to.deep.equal([outer]);
      expect(outer.cluster).to.equal('sandbox-edge');
      expect(card.cluster).to.be.undefined;
      await until(() => probe.cluster.value === 'sandbox-edge', 'handed down');
      // And the page's next change still reaches the card.
      outer.cluster = 'sandbox';
      await until(() => probe.cluster.value === 'sandbox', 'still inherited');
      // What the card sets itself, it changes itself.
      expect(probe.scope.value!.setNamespaces(['team-c'])).to.be.true;
      await card.updateComplete;
      expect([card.namespace, outer.namespace]).to.deep.equal(['team-c', 'team-a']);
    });

    it('lets a host veto a change by cancelling the event', async () => {
      const el = await fixture<KubeProvider>(html`<kube-provider transport="sandbox" cluster="sandbox" namespace="team-a"></kube-provider>`);
      el.addEventListener('kube-cluster-change', (event) => event.preventDefault());
      el.addEventListener('kube-namespace-change', (event) => event.preventDefault());
      expect(el.setCluster('sandbox-edge'), 'cancelled').to.be.false;
      expect(el.setNamespaces(['team-b']), 'cancelled').to.be.false;
      await el.updateComplete;
      expect([el.cluster, el.namespace]).to.deep.equal(['sandbox', 'team-a']);
    });

    it('tells the caller whether the change was taken: true when made or already so, false when cancelled', async () => {
      const el = await fixture<KubeProvider>(html`<kube-provider transport="sandbox" cluster="sandbox" namespace="team-a"></kube-provider>`);
      let events = 0;
      el.addEventListener('kube-cluster-change', () => events++);
      el.addEventListener('kube-namespace-change', () => events++);
      expect(el.setCluster('sandbox'), 'already the cluster').to.be.true;
      expect(el.setNamespaces(['team-a']), 'already the selection').to.be.true;
      expect(events, 'nothing changed, no event').to.equal(0);
      expect(el.setCluster('sandbox-edge')).to.be.true;
      expect(el.setNamespaces([])).to.be.true;
      expect(events).to.equal(2);
      await el.updateComplete;
      expect([el.cluster, el.namespace]).to.deep.equal(['sandbox-edge', 'all']);
    });

    it('fires kube-cluster-change and kube-namespace-change only for changes made through the scope, not for sets or the first cluster', async () => {
      const el = document.createElement('kube-provider');
      const client = clientListing([{name: 'first'}, {name: 'second'}]);
      el.client = client;
      const seen: string[] = [];
      el.addEventListener('kube-cluster-change', (event) => seen.push(event.type));
      el.addEventListener('kube-namespace-change', (event) => seen.push(event.type));
      document.body.append(el);
      try {
        await until(() => el.effectiveCluster === 'first', 'the first cluster');
        el.cluster = 'second';
        el.setAttribute('namespace', 'team-a');
        await el.updateComplete;
        expect([el.effectiveCluster, el.effectiveNamespaces]).to.deep.equal(['second', ['team-a']]);
        expect(seen).to.deep.equal([]);
      } finally {
        el.remove();
        client.dispose();
      }
    });
  });

  describe('registration', () => {
    it('warns with both versions instead of throwing when another copy defined the tag', () => {
      const warnings: string[] = [];
      const original = console.warn;
      console.warn = (message: string) => warnings.push(message);
      try {
        class OtherCopy extends HTMLElement {
          static version = '0.0.9';
        }
        defineElement('kube-provider', OtherCopy);
        defineElement('kube-provider', ProviderClass);
      } finally {
        console.warn = original;
      }
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain(`kube-elements ${VERSION}`).and.contain(`this copy (${VERSION})`);
    });

    it('carries the package version', async () => {
      const pkg = await (await fetch('/package.json')).json();
      expect(ProviderClass.version).to.equal(pkg.version);
    });
  });
});
