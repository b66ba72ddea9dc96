import {aTimeout, expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys, sendMouse} from '@web/test-runner-commands';
import '../../src/define/kube-provider.js';
import '../../src/define/kube-namespace-picker.js';
import '../../src/define/kube-cluster-picker.js';
import type {KubeProvider} from '../../src/elements/kube-provider/kube-provider.js';
import type {KubeNamespacePicker} from '../../src/elements/kube-namespace-picker/kube-namespace-picker.js';
import type {KubeNamespaceChangeEvent} from '../../src/events/scope-events.js';
import {createKubeClient, inMemoryTransport, type FetchHandler, type KubeClient} from '../../src/client/index.js';
import type {Transport} from '../../src/client/transport.js';
import {createSandbox, type Sandbox} from '../../src/sandbox/index.js';
import {until} from '../support/fake-api.js';

let sandbox: Sandbox;
const clients: KubeClient[] = [];

function makeClient(token = 'sandbox-admin', extra: Record<string, FetchHandler> = {}, listClusters?: Transport['listClusters']) {
  const transport = inMemoryTransport({clusters: {...sandbox.handlers(), ...extra}, tokenProvider: () => token});
  const client = createKubeClient({
    transport: listClusters ? {...transport, listClusters} : transport,
    informers: {graceMs: 50},
  });
  clients.push(client);
  return client;
}

interface MountOptions {
  token?: string;
  cluster?: string;
  namespace?: string;
  allowed?: string;
  multiple?: boolean;
  extra?: Record<string, FetchHandler>;
}

async function mount(options: MountOptions = {}) {
  const provider = await fixture<KubeProvider>(html`
    <kube-provider
      .client=${makeClient(options.token, options.extra)}
      cluster=${options.cluster ?? 'sandbox'}
      namespace=${options.namespace ?? 'all'}
      allowed-namespaces=${options.allowed ?? ''}
    >
      <kube-namespace-picker ?multiple=${options.multiple ?? false}></kube-namespace-picker>
    </kube-provider>
  `);
  if (options.allowed === undefined) provider.removeAttribute('allowed-namespaces');
  const picker = provider.querySelector('kube-namespace-picker')!;
  return {provider, picker};
}

const part = (el: KubeNamespacePicker, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const input = (el: KubeNamespacePicker) => part(el, 'input') as HTMLInputElement;
const options = (el: KubeNamespacePicker) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
const labels = (el: KubeNamespacePicker) => options(el).map((o) => o.querySelector('[part="option-name"]')!.textContent!.trim());
const text = (node: Element) => node.textContent!.replace(/\s+/g, ' ').trim();
const hasAll = (el: KubeNamespacePicker) => labels(el)[0] === 'All namespaces';

beforeEach(() => {
  sandbox = createSandbox({seed: 1});
});
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose();
  sandbox.dispose();
});

describe('<kube-namespace-picker>', () => {
  describe('rendering', () => {
    it('is as tall as the cluster picker beside it', async () => {
      const provider = await fixture<KubeProvider>(html`
        <kube-provider .client=${makeClient()} cluster="sandbox" style="display: flex; gap: 1rem">
          <kube-cluster-picker></kube-cluster-picker>
          <kube-namespace-picker></kube-namespace-picker>
        </kube-provider>
      `);
      const picker = provider.querySelector('kube-namespace-picker')!;
      await until(() => hasAll(picker), 'namespaces');
      const trigger = provider.querySelector('kube-cluster-picker')!.shadowRoot!.querySelector('[part="trigger"]')!;
      expect(part(picker, 'field').getBoundingClientRect().height).to.equal(trigger.getBoundingClientRect().height);
    });

    it('lists every namespace for a cluster admin, with "All namespaces" first', async () => {
      const {picker} = await mount();
      await until(() => hasAll(picker) && labels(picker).includes('team-a'), 'namespaces and all');
      expect(labels(picker)).to.include.members(['default', 'kube-system', 'team-a', 'team-b', 'monitoring']);
      expect(labels(picker).slice(1)).to.deep.equal([...labels(picker).slice(1)].sort());
      expect(input(picker).value).to.equal('All namespaces');
      expect(options(picker)[0]!.getAttribute('aria-selected')).to.equal('true');
      expect(picker.hasState('limited')).to.be.false;
      expect(text(part(picker, 'status'))).to.equal('');
    });

    it('shows a developer who may not list namespaces only the ones granted, via SelfSubjectRulesReview', async () => {
      const {picker} = await mount({token: 'sandbox-developer', namespace: 'team-a,team-b,monitoring'});
      await until(() => picker.hasState('limited'), 'limited');
      expect(labels(picker)).to.deep.equal(['team-a', 'team-b']);
      expect(text(part(picker, 'status'))).to.equal('Showing the namespaces you can use.');
      // The picker asks the same (shared, cached) review; once it answered, no "All namespaces".
      expect(await clients[0]!.can('sandbox', 'list', {group: '', resource: 'pods'})).to.be.false;
      await picker.updateComplete;
      expect(hasAll(picker)).to.be.false;
    });

    it('keeps a namespace a developer deselected on offer, so it can be chosen again', async () => {
      const {provider, picker} = await mount({token: 'sandbox-developer', namespace: 'team-a,team-b', multiple: true});
      await until(() => picker.hasState('limited') && labels(picker).join() === 'team-a,team-b', 'limited');
      input(picker).click();
      await picker.updateComplete;
      const teamB = () => options(picker).find((o) => text(o).endsWith('team-b'));
      teamB()!.click();
      await until(() => provider.namespace === 'team-a', 'team-b deselected');
      // Give a review over the remaining selection time to answer, were one asked.
      await aTimeout(100);
      await picker.updateComplete;
      expect(labels(picker)).to.deep.equal(['team-a', 'team-b']);
      expect(teamB()!.getAttribute('aria-selected')).to.equal('false');
      teamB()!.click();
      await until(() => provider.namespace === 'team-a,team-b', 'team-b chosen again');
    });

    it('forgets the namespaces a developer had when the cluster or the client changes', async () => {
      const {provider, picker} = await mount({token: 'sandbox-developer', namespace: 'team-a,team-b'});
      await until(() => labels(picker).join() === 'team-a,team-b', 'both on sandbox');
      provider.namespace = 'team-a';
      provider.cluster = 'sandbox-edge';
      await until(() => picker.hasState('limited') && labels(picker).join() === 'team-a', 'only team-a on sandbox-edge');
      provider.namespace = 'team-b';
      await until(() => labels(picker).join() === 'team-a,team-b', 'both on sandbox-edge');
      provider.client = makeClient('sandbox-developer');
      await until(() => picker.hasState('limited') && labels(picker).join() === 'team-b', 'only team-b with another client');
    });

    it('says no cluster is selected when the provider has none, instead of loading forever', async () => {
      const failing = makeClient('sandbox-admin', {}, () => Promise.reject(new Error('gateway down')));
      const provider = await fixture<KubeProvider>(html`<kube-provider .client=${failing}><kube-namespace-picker></kube-namespace-picker></kube-provider>`);
      const picker = provider.querySelector('kube-namespace-picker')!;
      await aTimeout(50);
      await picker.updateComplete;
      expect(picker.hasState('no-cluster')).to.be.true;
      expect(picker.hasState('loading')).to.be.false;
      expect(text(part(picker, 'status'))).to.equal('Waiting for a cluster.');
      provider.cluster = 'sandbox';
      await until(() => hasAll(picker), 'namespaces once a cluster is set');
      expect(picker.hasState('no-cluster')).to.be.false;

      const none = makeClient('sandbox-admin', {}, () => Promise.resolve([]));
      const empty = (await fixture<KubeProvider>(html`<kube-provider .client=${none}><kube-namespace-picker></kube-namespace-picker></kube-provider>`)).querySelector('kube-namespace-picker')!;
      await until(() => empty.hasState('no-cluster'), 'no cluster listed');
      expect(text(part(empty, 'status'))).to.equal('Waiting for a cluster.');
    });

    it('asks about the provider allowed-namespaces for a developer', async () => {
      const {picker} = await mount({token: 'sandbox-developer', cluster: 'sandbox-edge', allowed: 'team-a,team-b,edge,kube-system'});
      await until(() => picker.hasState('limited'), 'limited');
      expect(labels(picker)).to.deep.equal(['team-a', 'team-b']);
      expect(hasAll(picker)).to.be.false;
      expect(input(picker).value).to.equal('');
      expect(input(picker).placeholder).to.equal('Choose a namespace');
    });

    it('limits an admin to allowed-namespaces when the provider sets them', async () => {
      const {picker} = await mount({allowed: 'team-b,monitoring'});
      await until(() => labels(picker).includes('team-b'), 'allowed');
      await until(() => hasAll(picker), 'all');
      expect(labels(picker)).to.deep.equal(['All namespaces', 'monitoring', 'team-b']);
    });

    it('follows a change of allowed-namespaces', async () => {
      const {provider, picker} = await mount();
      await until(() => hasAll(picker) && labels(picker).includes('kube-system'), 'loaded');
      provider.allowedNamespaces = 'team-a';
      await until(() => labels(picker).join() === 'All namespaces,team-a', 'restricted');
    });

    it('says when a developer can use no namespace', async () => {
      const {picker} = await mount({token: 'sandbox-developer', namespace: 'all'});
      await until(() => picker.hasState('empty'), 'empty');
      expect(picker.hasState('limited')).to.be.true;
      expect(options(picker)).to.have.length(0);
      expect(text(part(picker, 'status'))).to.contain('no namespace you can use');
    });

    it('shows a server error with its HTTP code', async () => {
      const broken: FetchHandler = () =>
        Promise.resolve(new Response(JSON.stringify({kind: 'Status', code: 500, reason: 'InternalError', message: 'etcdserver: request timed out'}), {status: 500}));
      const {picker} = await mount({cluster: 'broken', extra: {broken}});
      await until(() => picker.hasState('error'), 'error');
      expect(text(part(picker, 'status'))).to.contain('etcdserver: request timed out (HTTP 500)');
    });

    it('says when there is no provider', async () => {
      const el = await fixture<KubeNamespacePicker>(html`<kube-namespace-picker></kube-namespace-picker>`);
      expect(el.hasState('no-client')).to.be.true;
      expect(text(part(el, 'status'))).to.contain('wrap me in <kube-provider>');
      expect(input(el).disabled).to.be.true;
    });

    it('shows a namespace created in the cluster live', async () => {
      const {picker} = await mount();
      await until(() => labels(picker).includes('team-a'), 'listed');
      sandbox.clusters.get('sandbox')!.create({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'team-new'}});
      await until(() => labels(picker).includes('team-new'), 'the new namespace');
    });
  });

  describe('properties', () => {
    it('filters as the user types', async () => {
      const {picker} = await mount();
      await until(() => hasAll(picker), 'loaded');
      input(picker).focus();
      await sendKeys({type: 'team'});
      await until(() => labels(picker).join() === 'team-a,team-b', 'filtered');
      expect(part(picker, 'listbox').hidden).to.be.false;
      await sendKeys({type: '-z'});
      await until(() => options(picker).length === 0, 'no match');
      expect(text(part(picker, 'status'))).to.equal('No namespace matches “team-z”.');
      expect(input(picker).getAttribute('aria-expanded')).to.equal('false');
    });

    it('reflects the provider namespaces in value and values; multiple sets several', async () => {
      const {provider, picker} = await mount({multiple: true, namespace: 'team-a'});
      await until(() => labels(picker).includes('team-b'), 'loaded');
      expect(picker.values).to.deep.equal(['team-a']);
      expect(part(picker, 'listbox').getAttribute('aria-multiselectable')).to.equal('true');
      input(picker).click();
      await picker.updateComplete;
      const teamB = () => options(picker).find((o) => text(o).endsWith('team-b'))!;
      teamB().click();
      await until(() => provider.namespace === 'team-a,team-b', 'two namespaces');
      expect(picker.values).to.deep.equal(['team-a', 'team-b']);
      expect(picker.value).to.equal('team-a,team-b');
      expect(input(picker).getAttribute('aria-expanded'), 'stays open').to.equal('true');
      expect(teamB().getAttribute('aria-selected')).to.equal('true');
      teamB().click();
      await until(() => provider.namespace === 'team-a', 'deselected');
    });
  });

  describe('events', () => {
    it('choosing updates the provider, which fires kube-namespace-change, and the picker fires change', async () => {
      const {provider, picker} = await mount();
      await until(() => hasAll(picker) && labels(picker).includes('team-b'), 'loaded');
      input(picker).click();
      await picker.updateComplete;
      const providerEvent = oneEvent(provider, 'kube-namespace-change');
      const change = oneEvent(picker, 'change');
      options(picker).find((o) => text(o).endsWith('team-b'))!.click();
      const event = (await providerEvent) as unknown as KubeNamespaceChangeEvent;
      expect(event.namespaces).to.deep.equal(['team-b']);
      await change;
      expect(picker.value).to.equal('team-b');
      expect(input(picker).value).to.equal('team-b');
      expect(part(picker, 'listbox').hidden).to.be.true;
      // Back to all namespaces: empty list.
      input(picker).click();
      await picker.updateComplete;
      const again = oneEvent(picker, 'change');
      options(picker)[0]!.click();
      await again;
      expect(picker.values).to.deep.equal([]);
      expect(provider.namespace).to.equal('all');
    });

    it('never empties a limited user’s selection into "all"', async () => {
      const {provider, picker} = await mount({token: 'sandbox-developer', namespace: 'team-a', allowed: 'team-a,team-b', multiple: true});
      await until(() => labels(picker).join() === 'team-a,team-b', 'loaded');
      input(picker).click();
      await picker.updateComplete;
      let asked = 0;
      provider.addEventListener('kube-namespace-change', () => asked++);
      options(picker)[0]!.click();
      await provider.updateComplete;
      expect(asked, 'the provider was not asked').to.equal(0);
      expect(provider.namespace).to.equal('team-a');
    });

    it('does not fire change when the host later sets the selection it cancelled: that is not the user’s choice', async () => {
      const {provider, picker} = await mount();
      await until(() => hasAll(picker) && labels(picker).includes('team-b'), 'loaded');
      const veto = (event: Event) => event.preventDefault();
      provider.addEventListener('kube-namespace-change', veto);
      let changes = 0;
      picker.addEventListener('change', () => changes++);
      input(picker).click();
      await picker.updateComplete;
      options(picker).find((o) => text(o).endsWith('team-b'))!.click();
      await provider.updateComplete;
      await picker.updateComplete;
      expect(picker.value).to.equal('');
      provider.removeEventListener('kube-namespace-change', veto);
      provider.namespace = 'team-b';
      await until(() => picker.value === 'team-b', 'the host’s selection reaches the picker');
      await picker.updateComplete;
      await aTimeout(0);
      expect(changes, 'no change for the host’s own set').to.equal(0);
      // The user's next choice still fires, once.
      input(picker).click();
      await picker.updateComplete;
      const change = oneEvent(picker, 'change');
      options(picker)[0]!.click();
      await change;
      await aTimeout(0);
      expect([changes, picker.value]).to.deep.equal([1, '']);
    });

    it('does not fire change for the user’s choice when another selection arrives first', async () => {
      const {provider, picker} = await mount();
      await until(() => hasAll(picker) && labels(picker).includes('team-b'), 'loaded');
      // The host lets the change through, then puts its own selection in before the provider hands one down.
      provider.addEventListener('kube-namespace-change', () => queueMicrotask(() => (provider.namespace = 'team-a')), {once: true});
      let changes = 0;
      picker.addEventListener('change', () => changes++);
      input(picker).click();
      await picker.updateComplete;
      options(picker).find((o) => text(o).endsWith('team-b'))!.click();
      await until(() => picker.value === 'team-a', 'the host’s selection reaches the picker');
      provider.namespace = 'team-b';
      await until(() => picker.value === 'team-b', 'the host’s next selection reaches the picker');
      await picker.updateComplete;
      await aTimeout(0);
      expect(changes).to.equal(0);
    });
  });

  describe('keyboard', () => {
    it('opens, moves, searches, chooses and closes with the keyboard; focus stays in the input', async () => {
      const {provider, picker} = await mount();
      await until(() => hasAll(picker) && labels(picker).includes('team-b'), 'loaded');
      const field = input(picker);
      const expanded = () => field.getAttribute('aria-expanded') === 'true';
      const activeLabel = () => picker.shadowRoot!.getElementById(field.getAttribute('aria-activedescendant') ?? '')?.querySelector('[part="option-name"]')?.textContent?.trim();
      picker.focus();
      expect(picker.shadowRoot!.activeElement).to.equal(field);

      await sendKeys({press: 'ArrowDown'});
      await until(expanded, 'opened by ArrowDown');
      expect(activeLabel()).to.equal('All namespaces');
      await sendKeys({press: 'Escape'});
      await until(() => !expanded(), 'closed by Escape');
      await sendKeys({press: 'Enter'});
      await until(expanded, 'opened by Enter');
      await sendKeys({press: 'Escape'});
      await until(() => !expanded(), 'closed');
      await sendKeys({press: 'Space'});
      await until(expanded, 'opened by Space');
      await sendKeys({press: 'End'});
      await until(() => field.getAttribute('aria-activedescendant') === `option-${options(picker).length - 1}`, 'End');
      await sendKeys({press: 'Home'});
      await until(() => field.getAttribute('aria-activedescendant') === 'option-0', 'Home');
      await sendKeys({press: 'ArrowDown'});
      await until(() => field.getAttribute('aria-activedescendant') === 'option-1', 'ArrowDown');
      await sendKeys({press: 'ArrowUp'});
      await until(() => field.getAttribute('aria-activedescendant') === 'option-0', 'ArrowUp');

      // Type to search: the first match becomes active; Enter chooses it.
      await sendKeys({type: 'team-b'});
      await until(() => labels(picker).join() === 'team-b' && activeLabel() === 'team-b', 'search');
      const change = oneEvent(picker, 'change');
      await sendKeys({press: 'Enter'});
      await change;
      expect(provider.namespace).to.equal('team-b');
      expect(expanded()).to.be.false;
      expect(field.value).to.equal('team-b');
      expect(picker.shadowRoot!.activeElement).to.equal(field);

      await sendKeys({down: 'Alt'});
      await sendKeys({press: 'ArrowDown'});
      await sendKeys({up: 'Alt'});
      await until(expanded, 'opened by Alt+ArrowDown');
      expect(activeLabel()).to.equal(undefined);
      await sendKeys({press: 'Home'});
      await sendKeys({press: 'Space'});
      await until(() => provider.namespace === 'all', 'all by Space');
    });

    it('while a search is typed, Home/End and ArrowLeft/ArrowRight move the caret and leave the options', async () => {
      const {picker} = await mount();
      await until(() => hasAll(picker) && labels(picker).includes('team-b'), 'loaded');
      const field = input(picker);
      picker.focus();
      await sendKeys({type: 'team'});
      await until(() => field.getAttribute('aria-activedescendant') === 'option-0', 'first match active');
      await sendKeys({press: 'Home'});
      await until(() => !field.hasAttribute('aria-activedescendant'), 'Home leaves the options');
      expect([field.selectionStart, field.selectionEnd]).to.deep.equal([0, 0]);
      expect(field.getAttribute('aria-expanded'), 'the list stays open').to.equal('true');
      await sendKeys({press: 'End'});
      await picker.updateComplete;
      expect([field.selectionStart, field.selectionEnd]).to.deep.equal([4, 4]);
      await sendKeys({press: 'ArrowDown'});
      await until(() => field.getAttribute('aria-activedescendant') === 'option-0', 'back in the options');
      await sendKeys({press: 'ArrowLeft'});
      await until(() => !field.hasAttribute('aria-activedescendant'), 'ArrowLeft leaves the options');
      expect(field.selectionStart).to.equal(3);
      await sendKeys({type: 'x'});
      await until(() => field.value === 'teaxm', 'typed at the caret');
    });

    it('toggles several namespaces with Space while the list stays open', async () => {
      const {provider, picker} = await mount({multiple: true});
      await until(() => hasAll(picker) && labels(picker).includes('team-b'), 'loaded');
      picker.focus();
      await sendKeys({type: 'team'});
      await until(() => labels(picker).join() === 'team-a,team-b', 'filtered');
      await sendKeys({press: 'Space'});
      await until(() => provider.namespace === 'team-a', 'team-a');
      await sendKeys({press: 'ArrowDown'});
      await sendKeys({press: 'Space'});
      await until(() => provider.namespace === 'team-a,team-b', 'both');
      expect(input(picker).getAttribute('aria-expanded')).to.equal('true');
      await sendKeys({press: 'Escape'});
      await until(() => input(picker).value === 'team-a, team-b', 'summary');
    });
  });

  describe('pointer', () => {
    it('stays open, focus in the input, when the list is pressed outside an option (its padding or scrollbar)', async () => {
      const {picker} = await mount();
      await until(() => hasAll(picker), 'loaded');
      picker.focus();
      input(picker).click();
      await picker.updateComplete;
      const list = part(picker, 'listbox').getBoundingClientRect();
      await sendMouse({type: 'click', position: [Math.round(list.right - 2), Math.round(list.top + 1)]});
      await picker.updateComplete;
      // Booleans: a failing comparison of elements would make the runner serialize the whole page.
      expect(picker.shadowRoot!.activeElement === input(picker), 'focus stays in the input').to.be.true;
      expect(input(picker).getAttribute('aria-expanded')).to.equal('true');
    });
  });

  describe('accessibility', () => {
    it('is accessible loaded, closed and open', async () => {
      const {picker} = await mount({multiple: true});
      await until(() => hasAll(picker), 'loaded');
      await expect(picker).to.be.accessible();
      input(picker).click();
      await picker.updateComplete;
      expect(part(picker, 'listbox').hidden).to.be.false;
      await expect(picker).to.be.accessible();
    });

    it('is accessible limited (open), empty, in error, loading, without a client and without a cluster', async () => {
      const limited = (await mount({token: 'sandbox-developer', namespace: 'team-a,team-b'})).picker;
      await until(() => limited.hasState('limited') && options(limited).length === 2, 'limited');
      await expect(limited).to.be.accessible();
      input(limited).click();
      await limited.updateComplete;
      await expect(limited).to.be.accessible();

      const empty = (await mount({token: 'sandbox-developer'})).picker;
      await until(() => empty.hasState('empty'), 'empty');
      await expect(empty).to.be.accessible();

      const broken: FetchHandler = () => Promise.resolve(new Response(JSON.stringify({kind: 'Status', code: 500, message: 'boom'}), {status: 500}));
      const error = (await mount({cluster: 'broken', extra: {broken}})).picker;
      await until(() => error.hasState('error'), 'error');
      await expect(error).to.be.accessible();

      const loading = (await mount({cluster: 'hanging', extra: {hanging: () => new Promise(() => {})}})).picker;
      expect(loading.hasState('loading')).to.be.true;
      await expect(loading).to.be.accessible();

      const alone = await fixture<KubeNamespacePicker>(html`<kube-namespace-picker></kube-namespace-picker>`);
      await expect(alone).to.be.accessible();

      const none = makeClient('sandbox-admin', {}, () => Promise.resolve([]));
      const clusterless = (await fixture<KubeProvider>(html`<kube-provider .client=${none}><kube-namespace-picker></kube-namespace-picker></kube-provider>`)).querySelector('kube-namespace-picker')!;
      await until(() => clusterless.hasState('no-cluster'), 'no cluster');
      await expect(clusterless).to.be.accessible();
    });
  });
});
