import {aTimeout, expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys, sendMouse} from '@web/test-runner-commands';
import {ContextProvider} from '@lit/context';
import '../../src/define/kube-provider.js';
import '../../src/define/kube-cluster-picker.js';
import type {KubeProvider} from '../../src/elements/kube-provider/kube-provider.js';
import type {KubeClusterPicker} from '../../src/elements/kube-cluster-picker/kube-cluster-picker.js';
import type {KubeClusterChangeEvent} from '../../src/events/scope-events.js';
import {scopeContext} from '../../src/context/kube-context.js';
import {KubeApiError, KubeNetworkError, createKubeClient, errorFromResponse, inMemoryTransport, type FetchHandler, type KubeClient} from '../../src/client/index.js';
import {createSandbox, type Sandbox} from '../../src/sandbox/index.js';
import {until} from '../support/fake-api.js';

let sandbox: Sandbox;
let client: KubeClient;

/** A cluster the transport names but whose API server can't be reached. */
const unreachable: FetchHandler = () => Promise.reject(new TypeError('connect ECONNREFUSED 10.0.0.9:6443'));

function makeClient(extra: Record<string, FetchHandler> = {}) {
  client = createKubeClient({
    transport: inMemoryTransport({clusters: {...sandbox.handlers(), ...extra}, tokenProvider: () => 'sandbox-admin'}),
    informers: {graceMs: 50},
  });
  return client;
}

async function mount(extra: Record<string, FetchHandler> = {}) {
  const provider = await fixture<KubeProvider>(html`
    <kube-provider .client=${makeClient(extra)} cluster="sandbox"><kube-cluster-picker></kube-cluster-picker></kube-provider>
  `);
  const picker = provider.querySelector('kube-cluster-picker')!;
  return {provider, picker};
}

const part = (el: KubeClusterPicker, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const options = (el: KubeClusterPicker) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
const text = (node: Element) => node.textContent!.replace(/\s+/g, ' ').trim();
const versionsShown = (el: KubeClusterPicker) => options(el).length > 0 && options(el).every((o) => !/checking/.test(text(o)));

beforeEach(() => {
  sandbox = createSandbox({seed: 1});
});
afterEach(() => {
  client?.dispose();
  sandbox.dispose();
});

/** Clusters whose names share a prefix up to a space: "Team" and "Team A"; the current one is "Primary". */
async function mountTeams() {
  const mounted = await mount({'broken': unreachable});
  mounted.picker.clusters = [
    {name: 'sandbox', displayName: 'Primary'},
    {name: 'sandbox-edge', displayName: 'Team'},
    {name: 'broken', displayName: 'Team A'},
  ];
  await until(() => options(mounted.picker).length === 3 && text(options(mounted.picker)[2]!).startsWith('Team A'), 'the host list');
  return mounted;
}

describe('<kube-cluster-picker>', () => {
  describe('rendering', () => {
    it('lists the clusters with their server versions and shows the current one', async () => {
      const {picker} = await mount();
      await until(() => versionsShown(picker), 'versions');
      const rows = options(picker).map(text);
      expect(rows).to.have.length(2);
      expect(rows[0]).to.match(/^sandbox v1\.\d+/);
      expect(rows[1]).to.match(/^sandbox-edge v1\.\d+/);
      expect(text(part(picker, 'value'))).to.equal('sandbox');
      expect(text(part(picker, 'trigger'))).to.match(/sandbox v1\./);
      expect(options(picker)[0]!.getAttribute('aria-selected')).to.equal('true');
    });

    it('shows a cluster that does not answer as unreachable, with the reason', async () => {
      const {picker} = await mount({'broken': unreachable});
      await until(() => versionsShown(picker), 'probes');
      const broken = options(picker).find((o) => text(o).startsWith('broken'))!;
      expect(text(broken)).to.contain('unreachable').and.contain('ECONNREFUSED');
      expect(broken.querySelector('[part="dot"]')!.getAttribute('data-reach')).to.equal('unreachable');
    });

    it('shows a server error with its HTTP code', async () => {
      const {picker} = await mount({'down': () => Promise.resolve(new Response(JSON.stringify({kind: 'Status', code: 503, message: 'etcd is down', reason: 'ServiceUnavailable'}), {status: 503}))});
      await until(() => versionsShown(picker), 'probes');
      expect(text(options(picker)[2]!)).to.contain('etcd is down (HTTP 503)');
    });

    it('says when there is no provider', async () => {
      const el = await fixture<KubeClusterPicker>(html`<kube-cluster-picker></kube-cluster-picker>`);
      expect(text(part(el, 'status'))).to.contain('wrap me in <kube-provider>');
      expect(el.hasState('no-client')).to.be.true;
      expect(part(el, 'trigger').hasAttribute('disabled')).to.be.true;
    });

    it('says when the cluster list fails, and when it is empty', async () => {
      const failing = createKubeClient({transport: {request: () => Promise.reject(new Error('x')), listClusters: () => Promise.reject(new Error('gateway down'))}});
      const provider = await fixture<KubeProvider>(html`<kube-provider .client=${failing} cluster="x"><kube-cluster-picker></kube-cluster-picker></kube-provider>`);
      const el = provider.querySelector('kube-cluster-picker')!;
      await until(() => el.hasState('error'), 'error state');
      expect(text(part(el, 'status'))).to.contain('gateway down');
      el.clusters = [];
      await until(() => el.hasState('empty'), 'empty state');
      expect(text(part(el, 'status'))).to.contain('No clusters');
    });

    it('shows the server message and HTTP code when the cluster list fails, and that there is no cluster', async () => {
      const gatewayDown = () => errorFromResponse(new Response(JSON.stringify({kind: 'Status', code: 503, reason: 'ServiceUnavailable', message: 'kubeconfig could not be read'}), {status: 503}));
      const failing = createKubeClient({transport: {request: () => Promise.reject(new Error('x')), listClusters: async () => Promise.reject(await gatewayDown())}});
      const provider = await fixture<KubeProvider>(html`<kube-provider .client=${failing}><kube-cluster-picker></kube-cluster-picker></kube-provider>`);
      const el = provider.querySelector('kube-cluster-picker')!;
      await until(() => el.hasState('error'), 'error state');
      expect(text(part(el, 'status'))).to.equal("Couldn't list the clusters: kubeconfig could not be read (HTTP 503)");
      expect(text(part(el, 'value'))).to.equal('No cluster');
      expect(el.value).to.equal('');
    });

    it('lists again when a cluster arrives after the list failed', async () => {
      let down = true;
      const transport = inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => 'sandbox-admin'});
      client = createKubeClient({transport: {...transport, listClusters: (signal) => (down ? Promise.reject(new Error('gateway down')) : transport.listClusters(signal))}});
      const provider = await fixture<KubeProvider>(html`<kube-provider .client=${client}><kube-cluster-picker></kube-cluster-picker></kube-provider>`);
      const el = provider.querySelector('kube-cluster-picker')!;
      await until(() => el.hasState('error'), 'error state');
      down = false;
      provider.cluster = 'sandbox';
      await until(() => versionsShown(el), 'the clusters');
      expect(el.hasState('error')).to.be.false;
      expect(text(part(el, 'status'))).to.equal('');
      expect(text(part(el, 'value'))).to.equal('sandbox');
    });

    it('asks again after a listing that got no answer and shows the clusters when one comes; a refusal stays', async () => {
      const transport = inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => 'sandbox-admin'});
      let down = true;
      let listings = 0;
      client = createKubeClient({
        transport: {...transport, listClusters: (signal) => (listings++, down ? Promise.reject(new KubeNetworkError('Could not reach /clusters')) : transport.listClusters(signal))},
      });
      const provider = await fixture<KubeProvider>(html`<kube-provider .client=${client} cluster="sandbox"><kube-cluster-picker></kube-cluster-picker></kube-provider>`);
      const el = provider.querySelector('kube-cluster-picker')!;
      await until(() => el.hasState('error'), 'error state');
      expect(text(part(el, 'status'))).to.contain('Could not reach /clusters');
      down = false;
      // Nothing else changes: no new cluster, no reload.
      await until(() => versionsShown(el), 'the clusters once the gateway answers', 4000);
      expect(el.hasState('error')).to.be.false;
      expect(text(part(el, 'status'))).to.equal('');
      expect(listings).to.be.greaterThan(1);

      const refusal = new KubeApiError({kind: 'Status', status: 'Failure', code: 401, reason: 'Unauthorized', message: 'log in again'});
      let refused = 0;
      const locked = createKubeClient({transport: {request: () => Promise.reject(new Error('x')), listClusters: () => (refused++, Promise.reject(refusal))}});
      const other = (await fixture<KubeProvider>(html`<kube-provider .client=${locked} cluster="x"><kube-cluster-picker></kube-cluster-picker></kube-provider>`)).querySelector('kube-cluster-picker')!;
      await until(() => other.hasState('error'), 'the refusal shown');
      await aTimeout(1500);
      expect(refused, 'a refusal is not asked again').to.equal(1);
      expect(text(part(other, 'status'))).to.contain('log in again (HTTP 401)');
      locked.dispose();
    });

    it('says when the transport lists no clusters, and that there is no cluster', async () => {
      const none = createKubeClient({transport: {request: () => Promise.reject(new Error('x')), listClusters: () => Promise.resolve([])}});
      const provider = await fixture<KubeProvider>(html`<kube-provider .client=${none}><kube-cluster-picker></kube-cluster-picker></kube-provider>`);
      const el = provider.querySelector('kube-cluster-picker')!;
      await until(() => el.hasState('empty'), 'empty state');
      expect(text(part(el, 'status'))).to.equal('No clusters are configured.');
      expect(text(part(el, 'value'))).to.equal('No cluster');
      part(el, 'trigger').click();
      await el.updateComplete;
      expect(part(el, 'trigger').getAttribute('aria-expanded'), 'nothing to open').to.equal('false');
    });

    it('invites a choice while the clusters load', async () => {
      const never = createKubeClient({transport: {request: () => new Promise(() => {}), listClusters: () => new Promise(() => {})}});
      const el = (await fixture<KubeProvider>(html`<kube-provider .client=${never}><kube-cluster-picker></kube-cluster-picker></kube-provider>`)).querySelector('kube-cluster-picker')!;
      expect(el.hasState('loading')).to.be.true;
      expect(text(part(el, 'value'))).to.equal('Choose a cluster');
    });
  });

  describe('properties', () => {
    it('offers the clusters the host sets instead of the transport list', async () => {
      const {picker} = await mount();
      picker.setAttribute('clusters', 'sandbox-edge');
      await until(() => options(picker).length === 1 && versionsShown(picker), 'host list');
      expect(text(options(picker)[0]!)).to.match(/^sandbox-edge v1\./);
      picker.clusters = [{name: 'sandbox', displayName: 'Primary'}];
      await until(() => options(picker).length === 1 && text(options(picker)[0]!).startsWith('Primary'), 'display name');
    });

    it('reflects the provider cluster in value', async () => {
      const {provider, picker} = await mount();
      expect(picker.value).to.equal('sandbox');
      provider.cluster = 'sandbox-edge';
      await until(() => picker.value === 'sandbox-edge', 'value follows the provider');
      await until(() => text(part(picker, 'value')) === 'sandbox-edge', 'shown');
    });
  });

  describe('events', () => {
    it('choosing a cluster updates the provider, which fires kube-cluster-change, and the picker fires change', async () => {
      const {provider, picker} = await mount();
      await until(() => versionsShown(picker), 'versions');
      part(picker, 'trigger').click();
      await picker.updateComplete;
      const providerEvent = oneEvent(provider, 'kube-cluster-change');
      const change = oneEvent(picker, 'change');
      options(picker)[1]!.click();
      const event = (await providerEvent) as unknown as KubeClusterChangeEvent;
      expect([event.cluster, event.previous]).to.deep.equal(['sandbox-edge', 'sandbox']);
      await change;
      expect(picker.value).to.equal('sandbox-edge');
      expect(provider.cluster).to.equal('sandbox-edge');
      expect(part(picker, 'listbox').hidden).to.be.true;
    });

    it('does not fire change when the provider vetoes the cluster', async () => {
      const {provider, picker} = await mount();
      await until(() => versionsShown(picker), 'versions');
      provider.addEventListener('kube-cluster-change', (event) => event.preventDefault());
      let changes = 0;
      picker.addEventListener('change', () => changes++);
      part(picker, 'trigger').click();
      await picker.updateComplete;
      options(picker)[1]!.click();
      await provider.updateComplete;
      await picker.updateComplete;
      expect(changes).to.equal(0);
      expect(picker.value).to.equal('sandbox');
    });

    it('does not fire change when the host later sets the cluster it cancelled: that is not the user’s choice', async () => {
      const {provider, picker} = await mount();
      await until(() => versionsShown(picker), 'versions');
      const veto = (event: Event) => event.preventDefault();
      provider.addEventListener('kube-cluster-change', veto);
      let changes = 0;
      picker.addEventListener('change', () => changes++);
      part(picker, 'trigger').click();
      await picker.updateComplete;
      options(picker)[1]!.click();
      await provider.updateComplete;
      await picker.updateComplete;
      expect(picker.value).to.equal('sandbox');
      provider.removeEventListener('kube-cluster-change', veto);
      provider.cluster = 'sandbox-edge';
      await until(() => picker.value === 'sandbox-edge', 'the host’s cluster reaches the picker');
      await picker.updateComplete;
      await aTimeout(0);
      expect(changes, 'no change for the host’s own set').to.equal(0);
      // The user's next choice still fires, once.
      part(picker, 'trigger').click();
      await picker.updateComplete;
      const change = oneEvent(picker, 'change');
      options(picker)[0]!.click();
      await change;
      await aTimeout(0);
      expect([changes, picker.value]).to.deep.equal([1, 'sandbox']);
    });

    it('does not fire change for the user’s choice when another cluster arrives first', async () => {
      const {provider, picker} = await mount({'broken': unreachable});
      await until(() => versionsShown(picker), 'versions');
      // The host lets the change through, then puts its own cluster in before the provider hands one down.
      provider.addEventListener('kube-cluster-change', () => queueMicrotask(() => (provider.cluster = 'broken')), {once: true});
      let changes = 0;
      picker.addEventListener('change', () => changes++);
      part(picker, 'trigger').click();
      await picker.updateComplete;
      options(picker)[1]!.click();
      await until(() => picker.value === 'broken', 'the host’s cluster reaches the picker');
      provider.cluster = 'sandbox-edge';
      await until(() => picker.value === 'sandbox-edge', 'the host’s cluster reaches the picker');
      await picker.updateComplete;
      await aTimeout(0);
      expect(changes).to.equal(0);
    });

    it('fires change through a custom scope whose setCluster returns nothing', async () => {
      const {provider} = await mount();
      provider.querySelector('kube-cluster-picker')!.remove();
      // A scope written before setCluster reported whether it took the change.
      const wrapper = document.createElement('div');
      new ContextProvider(wrapper, {
        context: scopeContext,
        initialValue: {
          setCluster: (cluster: string) => void provider.setCluster(cluster),
          setNamespaces: (namespaces: readonly string[]) => void provider.setNamespaces(namespaces),
        },
      });
      const picker = document.createElement('kube-cluster-picker');
      wrapper.append(picker);
      provider.append(wrapper);
      await until(() => versionsShown(picker), 'versions');
      part(picker, 'trigger').click();
      await picker.updateComplete;
      const change = oneEvent(picker, 'change');
      options(picker)[1]!.click();
      await change;
      expect([picker.value, provider.cluster]).to.deep.equal(['sandbox-edge', 'sandbox-edge']);
    });
  });

  describe('keyboard', () => {
    it('opens, moves, chooses and closes with the keyboard; focus stays on the button', async () => {
      const {provider, picker} = await mount({'broken': unreachable});
      await until(() => versionsShown(picker), 'versions');
      const trigger = part(picker, 'trigger');
      picker.focus();
      expect(picker.shadowRoot!.activeElement).to.equal(trigger);

      await sendKeys({press: 'Enter'});
      await until(() => trigger.getAttribute('aria-expanded') === 'true', 'opened by Enter');
      expect(trigger.getAttribute('aria-activedescendant')).to.equal('option-0');
      await sendKeys({press: 'Escape'});
      await until(() => trigger.getAttribute('aria-expanded') === 'false', 'closed by Escape');
      expect(trigger.hasAttribute('aria-activedescendant')).to.be.false;

      await sendKeys({down: 'Alt'});
      await sendKeys({press: 'ArrowDown'});
      await sendKeys({up: 'Alt'});
      await until(() => trigger.getAttribute('aria-expanded') === 'true', 'opened by Alt+ArrowDown');
      await sendKeys({press: 'End'});
      await until(() => trigger.getAttribute('aria-activedescendant') === 'option-2', 'End');
      await sendKeys({press: 'Home'});
      await until(() => trigger.getAttribute('aria-activedescendant') === 'option-0', 'Home');
      await sendKeys({press: 'ArrowDown'});
      await until(() => trigger.getAttribute('aria-activedescendant') === 'option-1', 'ArrowDown');
      expect(part(picker, 'option-active').id).to.equal('option-1');
      await sendKeys({press: 'ArrowUp'});
      await until(() => trigger.getAttribute('aria-activedescendant') === 'option-0', 'ArrowUp');

      // Type-ahead: "sandbox-e" reaches sandbox-edge; Space chooses it once the type-ahead has
      // lapsed (500ms) — within it, Space is part of the name typed (next test).
      await sendKeys({type: 'sandbox-e'});
      await until(() => trigger.getAttribute('aria-activedescendant') === 'option-1', 'type-ahead');
      await aTimeout(600);
      const change = oneEvent(picker, 'change');
      await sendKeys({press: 'Space'});
      await change;
      expect(provider.cluster).to.equal('sandbox-edge');
      expect(trigger.getAttribute('aria-expanded')).to.equal('false');
      expect(picker.shadowRoot!.activeElement).to.equal(trigger);

      // Space opens again and doesn't toggle it shut on keyup.
      await sendKeys({press: 'Space'});
      await until(() => trigger.getAttribute('aria-expanded') === 'true', 'opened by Space');
      await picker.updateComplete;
      expect(trigger.getAttribute('aria-expanded'), 'still open after keyup').to.equal('true');
      expect(trigger.getAttribute('aria-activedescendant')).to.equal('option-1');
      await sendKeys({press: 'ArrowDown'});
      await sendKeys({press: 'Enter'});
      await until(() => provider.cluster === 'broken', 'chose with Enter');
    });

    it('takes Space in the middle of a type-ahead as part of the name, so "team a" reaches Team A', async () => {
      const {provider, picker} = await mountTeams();
      const trigger = part(picker, 'trigger');
      picker.focus();
      await sendKeys({press: 'Enter'});
      await until(() => trigger.getAttribute('aria-activedescendant') === 'option-0', 'opened at the current cluster');
      await sendKeys({type: 'team a'});
      await until(() => trigger.getAttribute('aria-activedescendant') === 'option-2', 'Team A');
      expect(trigger.getAttribute('aria-expanded'), 'Space did not choose').to.equal('true');
      expect(provider.cluster).to.equal('sandbox');
      await sendKeys({press: 'Enter'});
      await until(() => provider.cluster === 'broken', 'chose Team A');
    });

    it('type-ahead on the closed button opens at the match and goes on with the next characters, Space included', async () => {
      const {provider, picker} = await mountTeams();
      const trigger = part(picker, 'trigger');
      picker.focus();
      await sendKeys({type: 'team a'});
      await until(() => trigger.getAttribute('aria-activedescendant') === 'option-2', 'Team A');
      expect(trigger.getAttribute('aria-expanded')).to.equal('true');
      expect(provider.cluster).to.equal('sandbox');
    });

    it('type-ahead on the closed button opens at the match', async () => {
      const {picker} = await mount({'broken': unreachable});
      await until(() => versionsShown(picker), 'versions');
      picker.focus();
      await sendKeys({type: 'b'});
      const trigger = part(picker, 'trigger');
      await until(() => trigger.getAttribute('aria-activedescendant') === 'option-2', 'broken');
      expect(trigger.getAttribute('aria-expanded')).to.equal('true');
    });

    it('keeps the active option among the options when the list gets shorter while open', async () => {
      const {provider, picker} = await mountTeams();
      const trigger = part(picker, 'trigger');
      picker.focus();
      await sendKeys({press: 'End'});
      await until(() => trigger.getAttribute('aria-activedescendant') === 'option-2', 'End');
      picker.clusters = [{name: 'sandbox-edge', displayName: 'Team'}];
      await picker.updateComplete;
      expect(options(picker)).to.have.length(1);
      const active = trigger.getAttribute('aria-activedescendant');
      expect(active, 'the last option left').to.equal('option-0');
      expect(picker.shadowRoot!.getElementById(active!)).to.equal(part(picker, 'option-active'));
      await sendKeys({press: 'Enter'});
      await until(() => provider.cluster === 'sandbox-edge', 'chose the one option left');
    });
  });

  describe('pointer', () => {
    it('stays open, focus on the button, when the list is pressed outside an option (its padding or scrollbar)', async () => {
      const {picker} = await mount();
      await until(() => versionsShown(picker), 'versions');
      picker.focus();
      part(picker, 'trigger').click();
      await picker.updateComplete;
      const list = part(picker, 'listbox').getBoundingClientRect();
      await sendMouse({type: 'click', position: [Math.round(list.right - 2), Math.round(list.top + 1)]});
      await picker.updateComplete;
      // Booleans: a failing comparison of elements would make the runner serialize the whole page.
      expect(picker.shadowRoot!.activeElement === part(picker, 'trigger'), 'focus stays on the button').to.be.true;
      expect(part(picker, 'trigger').getAttribute('aria-expanded')).to.equal('true');
    });
  });

  describe('accessibility', () => {
    it('is accessible closed and open', async () => {
      const {picker} = await mount({'broken': unreachable});
      await until(() => versionsShown(picker), 'versions');
      await expect(picker).to.be.accessible();
      part(picker, 'trigger').click();
      await picker.updateComplete;
      expect(part(picker, 'listbox').hidden).to.be.false;
      await expect(picker).to.be.accessible();
    });

    it('is accessible while loading, empty, in error and without a client', async () => {
      const never = createKubeClient({transport: {request: () => new Promise(() => {}), listClusters: () => new Promise(() => {})}});
      const loading = (await fixture<KubeProvider>(html`<kube-provider .client=${never} cluster="x"><kube-cluster-picker></kube-cluster-picker></kube-provider>`)).querySelector('kube-cluster-picker')!;
      expect(loading.hasState('loading')).to.be.true;
      await expect(loading).to.be.accessible();
      loading.clusters = [];
      await until(() => loading.hasState('empty'), 'empty');
      await expect(loading).to.be.accessible();
      const failing = createKubeClient({transport: {request: () => Promise.reject(new Error('x')), listClusters: () => Promise.reject(new Error('gateway down'))}});
      const error = (await fixture<KubeProvider>(html`<kube-provider .client=${failing} cluster="x"><kube-cluster-picker></kube-cluster-picker></kube-provider>`)).querySelector('kube-cluster-picker')!;
      await until(() => error.hasState('error'), 'error');
      await expect(error).to.be.accessible();
      const alone = await fixture<KubeClusterPicker>(html`<kube-cluster-picker></kube-cluster-picker>`);
      await expect(alone).to.be.accessible();
    });
  });
});
