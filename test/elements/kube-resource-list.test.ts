import {aTimeout, expect, fixture, html, oneEvent} from '@open-wc/testing';
import {resetMouse, sendKeys, sendMouse} from '@web/test-runner-commands';
import type {TemplateResult} from 'lit';
import '../../src/define/kube-provider.js';
import '../../src/define/kube-resource-list.js';
import '../../src/define/kube-namespace-picker.js';
import type {KubeResourceList} from '../../src/elements/kube-resource-list/kube-resource-list.js';
import {ResourceListModel} from '../../src/elements/kube-resource-list/list-model.js';
import type {InformerGroupController} from '../../src/controllers/informer-group-controller.js';
import type {KubeSelectEvent, KubeSelectionChangeEvent} from '../../src/elements/kube-resource-list/events.js';
import type {ResourceListRow} from '../../src/elements/kube-resource-list/columns.js';
import {createKubeClient, inMemoryTransport, formatAge, ageMs, type KubeClient, type KubeObject, type TableRow} from '../../src/client/index.js';
import {createSandbox, type Sandbox} from '../../src/sandbox/index.js';
import {until} from '../support/fake-api.js';

interface Mounted {
  el: KubeResourceList;
  sandbox: Sandbox;
  client: KubeClient;
  provider: HTMLElement;
}

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

/** A client on the sandbox; `before` sees each request's path first and may hold it. */
function makeClient(sandbox: Sandbox, token = 'sandbox-admin', before?: (path: string) => Promise<void> | void) {
  const transport = inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => token});
  if (before) {
    const request = transport.request.bind(transport);
    transport.request = async (sent) => {
      await before(sent.path);
      return request(sent);
    };
  }
  const client = createKubeClient({transport, informers: {graceMs: 50}});
  cleanups.push(() => client.dispose());
  return client;
}

async function mount(
  list: TemplateResult,
  options: {token?: string; sandbox?: Sandbox; allowed?: string; client?: KubeClient} = {}
): Promise<Mounted> {
  const sandbox = options.sandbox ?? createSandbox({seed: 1});
  if (!options.sandbox) cleanups.push(() => sandbox.dispose());
  const client = options.client ?? makeClient(sandbox, options.token);
  const provider = await fixture<HTMLElement>(html`<kube-provider .client=${client} cluster="sandbox" allowed-namespaces=${options.allowed ?? ''}>${list}</kube-provider>`);
  const el = provider.querySelector<KubeResourceList>('kube-resource-list')!;
  return {el, sandbox, client, provider};
}

const part = (el: KubeResourceList, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
/** Text as read: without the isolates put around names (U+2068, U+2069), spaces collapsed. */
const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' ');
/** A part's text, as read. */
const partText = (el: KubeResourceList, name: string) => plain(part(el, name)?.textContent);
/** Rendered rows in display order. */
const rows = (el: KubeResourceList) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="row"]')].sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')));
const cell = (row: HTMLElement, column: string) => row.querySelector<HTMLElement>(`[data-column="${column}"]`)?.textContent?.trim() ?? '';
const names = (el: KubeResourceList) => rows(el).map((row) => cell(row, 'Name'));
const headers = (el: KubeResourceList) => [...el.shadowRoot!.querySelectorAll('[role="columnheader"]')].map((h) => h.textContent!.replace(/[▲▼]/g, '').trim());
const rowByName = (el: KubeResourceList, name: string) => rows(el).find((row) => cell(row, 'Name') === name);
const ready = (el: KubeResourceList, min = 1) => until(() => el.hasState('ready') && rows(el).length >= min, 'rows');

/** Every live region the list has: the announcements a screen reader would hear. */
const liveRegions = (el: KubeResourceList) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="status"], [role="alert"], [aria-live]')];

/** What a live region comes to say, in order, from now on. */
function said(region: HTMLElement) {
  const texts: string[] = [];
  const observer = new MutationObserver(() => {
    const text = plain(region.textContent).trim();
    if (text !== texts.at(-1)) texts.push(text);
  });
  observer.observe(region, {childList: true, characterData: true, subtree: true});
  cleanups.push(() => observer.disconnect());
  return texts;
}

/** The text of the rules a stylesheet applies under `@media (forced-colors: active)`. */
function forcedColorRules(rules: CSSRuleList): string {
  let text = '';
  for (const rule of rules) {
    if (rule instanceof CSSMediaRule && rule.conditionText.includes('forced-colors: active')) text += [...rule.cssRules].map((inner) => inner.cssText).join('\n');
    else if (rule instanceof CSSGroupingRule) text += forcedColorRules(rule.cssRules);
  }
  return text;
}

function key(el: HTMLElement, key: string) {
  el.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true, composed: true, cancelable: true}));
}

function pvc(name: string, size: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {name, namespace: 'team-a'},
    spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: size}}, storageClassName: 'standard'},
  };
}

describe('<kube-resource-list>', () => {
  describe('rendering', () => {
    it('shows pods with the server columns, status badges and relative ages', async () => {
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-b"></kube-resource-list>`);
      await ready(el);
      expect(headers(el)).to.deep.equal(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
      const grid = part(el, 'table')!;
      expect(grid.getAttribute('role')).to.equal('grid');
      expect(grid.getAttribute('aria-rowcount')).to.equal(String(rows(el).length + 1));
      const crashing = rows(el).find((row) => row.textContent!.includes('CrashLoopBackOff') || row.textContent!.includes('Error'));
      expect(crashing, 'the crash-looping recommender').to.exist;
      const badge = crashing!.querySelector<HTMLElement>('[part~="status-badge"]')!;
      expect(badge.dataset['tone']).to.equal('danger');
      const running = rows(el).find((row) => cell(row, 'Status') === 'Running')!;
      expect(running.querySelector<HTMLElement>('[part~="status-badge"]')!.dataset['tone']).to.equal('success');
      const age = running.querySelector('time[part~="age"]')!;
      expect(age.textContent).to.match(/^\d+[smhdy]/);
      expect(age.getAttribute('datetime')).to.match(/^\d{4}-/);
    });

    it('adds a Namespace column across namespaces', async () => {
      const {el} = await mount(html`<kube-resource-list kind="deployments" namespace="team-a,team-b"></kube-resource-list>`);
      await until(() => el.hasState('ready') && names(el).includes('catalog') && names(el).includes('web'), 'both namespaces');
      expect(headers(el).slice(0, 2)).to.deep.equal(['Name', 'Namespace']);
      expect(cell(rowByName(el, 'catalog')!, 'Namespace')).to.equal('team-b');
    });

    it('shows a CRD with its printer columns', async () => {
      const {el} = await mount(html`<kube-resource-list kind="db" namespace="team-a"></kube-resource-list>`);
      await ready(el, 2);
      expect(headers(el)).to.deep.equal(['Name', 'Engine', 'Version', 'Replicas', 'Ready', 'Phase', 'Age']);
      expect(names(el)).to.deep.equal(['orders-db', 'sessions']);
      expect(cell(rowByName(el, 'orders-db')!, 'Engine')).to.equal('postgres');
    });

    it('shows the default columns when none of the chosen ones exists, and takes a sort with spaces around it', async () => {
      const {el} = await mount(html`<kube-resource-list kind="db" namespace="team-a" columns="Nope, Nada" sort=" -Name "></kube-resource-list>`);
      await ready(el, 2);
      expect(headers(el)).to.deep.equal(['Name', 'Engine', 'Version', 'Replicas', 'Ready', 'Phase', 'Age']);
      expect(names(el), 'descending by name').to.deep.equal(['sessions', 'orders-db']);
      expect(el.shadowRoot!.querySelector('[role="columnheader"][aria-sort="descending"]')?.textContent).to.contain('Name');
    });

    it('lists a cluster-scoped kind once under several namespaces, every row filled', async () => {
      const {el, client, sandbox} = await mount(html`<kube-resource-list kind="nodes" namespace="team-a,team-b"></kube-resource-list>`);
      await ready(el);
      const nodes = sandbox.clusters.get('sandbox')!.list('v1', 'Node').length;
      expect(nodes).to.be.greaterThan(1);
      await until(() => el.rowCount === nodes && rows(el).length === nodes, 'one row per node');
      expect(names(el).every((name) => name.startsWith('sandbox-')), 'no blank rows').to.be.true;
      expect(headers(el)).not.to.include('Namespace');
      expect(client.informers.size, 'one list and watch').to.equal(1);
    });

    it('picks and orders columns, wide ones included', async () => {
      const {el} = await mount(html`<kube-resource-list kind="po" namespace="team-a" columns="Name, node ,IP,Nope"></kube-resource-list>`);
      await ready(el);
      expect(headers(el)).to.deep.equal(['Name', 'Node', 'IP']);
      expect(cell(rows(el)[0]!, 'Node')).to.match(/^sandbox-/);
    });

    it('updates rows in place, keeping focus and selection, and drops deleted rows', async () => {
      const {el, sandbox} = await mount(html`<kube-resource-list kind="databases" namespace="team-a" selectable="multi"></kube-resource-list>`);
      await ready(el, 2);
      const cluster = sandbox.clusters.get('sandbox')!;
      const sessions = rowByName(el, 'sessions')!;
      sessions.querySelector<HTMLInputElement>('input[part~="select"]')!.click();
      sessions.focus();
      const db = cluster.get('sandbox.kube-elements.io/v1', 'Database', 'team-a', 'sessions')!;
      cluster.update({...db, spec: {...(db.spec as object), version: '7.6'}});
      await until(() => cell(rowByName(el, 'sessions')!, 'Version') === '7.6', 'the new version');
      expect(rowByName(el, 'sessions'), 'the same row element').to.equal(sessions);
      expect(el.shadowRoot!.activeElement).to.equal(sessions);
      expect(sessions.getAttribute('aria-selected')).to.equal('true');
      expect(el.selected.map((ref) => ref.name)).to.deep.equal(['sessions']);
      cluster.create({apiVersion: 'sandbox.kube-elements.io/v1', kind: 'Database', metadata: {name: 'analytics', namespace: 'team-a'}, spec: {engine: 'postgres', version: '17', replicas: 1}});
      await until(() => names(el).includes('analytics'), 'the new row');
      expect(names(el)).to.deep.equal(['analytics', 'orders-db', 'sessions']);
      expect(el.shadowRoot!.activeElement).to.equal(sessions);
      cluster.delete('sandbox.kube-elements.io/v1', 'databases', 'team-a', 'orders-db');
      await until(() => !names(el).includes('orders-db'), 'the deleted row gone');
      expect(el.shadowRoot!.activeElement).to.equal(sessions);
      expect(part(el, 'table')!.getAttribute('aria-rowcount')).to.equal('3');
      cluster.delete('sandbox.kube-elements.io/v1', 'databases', 'team-a', 'sessions');
      await until(() => !names(el).includes('sessions'), 'the focused row gone');
      await until(() => el.shadowRoot!.activeElement === rowByName(el, 'analytics'), 'focus moved to the neighbouring row');
      expect(el.selected).to.deep.equal([]);
    });

    it('windows 10,000 rows and reaches the last ones by scrolling', async () => {
      const sandbox = createSandbox({seed: 1, pods: 10_000});
      cleanups.push(() => sandbox.dispose());
      // Count full re-sorts: pages and watch events must go through the incremental index.
      const proto = ResourceListModel.prototype as unknown as {rebuild: () => void};
      const rebuild = proto.rebuild;
      let rebuilds = 0;
      proto.rebuild = function (this: unknown) {
        rebuilds++;
        rebuild.call(this);
      };
      cleanups.push(() => (proto.rebuild = rebuild));
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="load" style="--kube-resource-list-height: 400px"></kube-resource-list>`, {sandbox});
      await until(() => el.hasState('ready') && el.rowCount === 10_000, '10,000 rows', 30_000);
      const grid = part(el, 'table')!;
      expect(grid.getAttribute('aria-rowcount')).to.equal('10001');
      expect(rebuilds, 'full sorts for 20 pages').to.be.at.most(3);
      expect(rows(el).length).to.be.lessThan(60);
      expect(grid.getBoundingClientRect().height, 'as high as the host allows').to.be.within(400, 403);
      expect(grid.style.height, 'left to the stylesheet, where ::part(table) can change it').to.equal('');
      // Custom properties are inherited: one that changed with every page would restyle every row in view.
      const custom = [...grid.style].filter((name) => name.startsWith('--')).sort();
      expect(custom, 'only what changes with the columns').to.deep.equal(['--_columns', '--_min-width', '--_row-height']);
      grid.scrollTop = grid.scrollHeight;
      // Browsers fire scroll events on the next frame; a background test page may get none.
      grid.dispatchEvent(new Event('scroll'));
      await until(() => rows(el).some((row) => row.getAttribute('aria-rowindex') === '10001'), 'the last row rendered');
      expect(rows(el).length).to.be.lessThan(60);
      const last = rows(el).at(-1)!;
      const box = last.getBoundingClientRect();
      const view = grid.getBoundingClientRect();
      expect(box.bottom).to.be.at.most(view.bottom + 1);
      expect(box.top).to.be.at.least(view.top);
    });
  });

  describe('properties', () => {
    it('connected first and configured after, as frameworks do, lists only what it was configured for', async () => {
      const sandbox = createSandbox({seed: 1});
      cleanups.push(() => sandbox.dispose());
      const paths: string[] = [];
      const client = makeClient(sandbox, 'sandbox-admin', (path) => void paths.push(path));
      const provider = await fixture<HTMLElement>(html`<kube-provider .client=${client} cluster="sandbox"></kube-provider>`);
      const el = document.createElement('kube-resource-list') as KubeResourceList;
      el.setAttribute('kind', 'pods');
      provider.append(el);
      // React (@lit/react) and Vue set properties just after the element is in the page.
      el.namespace = 'team-a';
      await ready(el);
      const podLists = paths.filter((path) => /\/pods(\?|$)/.test(path));
      expect(podLists.length).to.be.greaterThan(0);
      expect(podLists.every((path) => path.startsWith('/api/v1/namespaces/team-a/pods')), podLists.join(' ')).to.be.true;
    });

    it('moved out of every provider, lets go of the client and says it has none', async () => {
      const {el, client} = await mount(html`<kube-resource-list kind="pods" namespace="team-a"></kube-resource-list>`);
      await ready(el);
      const outside = document.body.appendChild(document.createElement('div'));
      cleanups.push(() => outside.remove());
      outside.append(el);
      await el.updateComplete;
      expect(el.hasState('no-client')).to.be.true;
      expect(rows(el)).to.have.length(0);
      await until(() => client.informers.size === 0, 'its watch closed');
    });

    it('removing its attributes brings back their defaults, and the provider\'s namespace', async () => {
      const {el, provider} = await mount(
        html`<kube-resource-list
          kind="deployments"
          namespace="team-b"
          sort="-Name"
          filter="cat"
          columns="Name, Ready"
          row-height="48"
          label-selector="app notin (frontend)"
          field-selector="metadata.name!=recommender"
        ></kube-resource-list>`
      );
      provider.setAttribute('namespace', 'team-a');
      await until(() => el.hasState('ready') && names(el).join() === 'catalog', "team-b's catalog");
      expect(headers(el)).to.deep.equal(['Name', 'Ready']);
      expect(part(el, 'table')!.style.getPropertyValue('--_row-height')).to.equal('48px');
      for (const name of ['sort', 'filter', 'columns', 'row-height', 'label-selector', 'field-selector']) {
        el.removeAttribute(name);
        await el.updateComplete;
      }
      expect([el.sort, el.filter, el.columns, el.rowHeight, el.labelSelector, el.fieldSelector]).to.deep.equal(['', '', '', 36, '', '']);
      await until(() => el.hasState('ready') && names(el).length === 4, "every deployment of team-b");
      expect(names(el), 'by name, ascending').to.deep.equal(['catalog', 'frontend', 'legacy-importer', 'recommender']);
      expect(headers(el)).to.deep.equal(['Name', 'Ready', 'Up-to-date', 'Available', 'Age']);
      expect(part(el, 'table')!.style.getPropertyValue('--_row-height')).to.equal('36px');
      el.removeAttribute('namespace');
      await el.updateComplete;
      expect(el.namespace).to.equal(undefined);
      await until(() => el.hasState('ready') && names(el).join() === 'api,web', "the provider's namespace, not all of them");
      expect(headers(el)).not.to.include('Namespace');
    });

    it('set to undefined or null by a framework, its properties read as unset or as their defaults', async () => {
      const {el, provider} = await mount(html`<kube-resource-list kind="deployments" namespace="team-b" sort="-Name" filter="cat" columns="Name, Ready" selectable="multi"></kube-resource-list>`);
      provider.setAttribute('namespace', 'team-a');
      await until(() => el.hasState('ready') && names(el).join() === 'catalog', "team-b's catalog");
      // What React (@lit/react) does with sort={undefined}, and what plain JS may do.
      const loose = el as unknown as Record<string, unknown>;
      for (const name of ['sort', 'filter', 'columns', 'labelSelector', 'fieldSelector', 'extraColumns']) loose[name] = undefined;
      loose['namespace'] = null;
      loose['selectable'] = null;
      el.rowHeight = NaN;
      await el.updateComplete;
      expect([el.sort, el.filter, el.columns, el.labelSelector, el.fieldSelector, el.rowHeight]).to.deep.equal(['', '', '', '', '', 36]);
      expect([el.namespace, el.selectable, el.extraColumns]).to.deep.equal([undefined, undefined, []]);
      await until(() => el.hasState('ready') && names(el).join() === 'api,web', "the provider's namespace");
      expect(headers(el)).to.deep.equal(['Name', 'Ready', 'Up-to-date', 'Available', 'Age']);
      loose['kind'] = undefined;
      await el.updateComplete;
      expect(el.kind).to.equal('');
      expect(rows(el)).to.have.length(0);
    });

    it('sorts Age by creation time and a quantity column by value, not as text', async () => {
      const {el, sandbox} = await mount(html`<kube-resource-list kind="pvc" namespace="team-a" sort="Capacity"></kube-resource-list>`);
      const cluster = sandbox.clusters.get('sandbox')!;
      for (const [name, size] of [['big', '10Gi'], ['small', '500Mi'], ['medium', '2Gi']] as const) {
        const created = cluster.create(pvc(name, size));
        cluster.update({...created, status: {phase: 'Bound', capacity: {storage: size}}}, {subresource: 'status'});
      }
      await until(() => el.rowCount === 5 && names(el).length === 5, 'five claims');
      await until(() => rows(el).every((row) => cell(row, 'Capacity') !== ''), 'capacities');
      expect(rows(el).map((row) => cell(row, 'Capacity'))).to.deep.equal(['500Mi', '1Gi', '1Gi', '2Gi', '10Gi']);
      expect(part(el, 'table')!.getBoundingClientRect().height, 'a short list is as high as its rows').to.be.lessThan(300);
      el.sort = '-Age';
      await el.updateComplete;
      // Descending age: oldest first — the seeded redis claims, then the new ones.
      expect(names(el).slice(0, 2)).to.deep.equal(['data-redis-0', 'data-redis-1']);
      el.sort = 'Age';
      await el.updateComplete;
      expect(names(el).slice(0, 3).sort()).to.deep.equal(['big', 'medium', 'small']);
      expect(names(el).slice(-2), 'youngest first, oldest last').to.deep.equal(['data-redis-1', 'data-redis-0']);
    });

    it('sorts restarts by their count and numbers by value', async () => {
      const {sortValueOf, serverColumn} = await import('../../src/elements/kube-resource-list/columns.js');
      const restarts = serverColumn({name: 'Restarts', type: 'string'}, 0);
      const noRow = () => expect.fail('only a host column needs the whole row');
      const value = (text: string) => sortValueOf(restarts, {cells: [text]}, {metadata: {name: 'x'}}, noRow);
      expect([value('12 (5m ago)'), value('2 (1h ago)'), value('0')]).to.deep.equal([12, 2, 0]);
      const replicas = serverColumn({name: 'Replicas', type: 'integer'}, 0);
      expect(sortValueOf(replicas, {cells: [10]}, {metadata: {}}, noRow)).to.equal(10);
      expect(sortValueOf(replicas, {cells: [null]}, {metadata: {}}, noRow), 'a missing number sorts last, not as 0').to.equal(undefined);
    });

    it('sorts time columns by their span: Last Seen, Duration, Last Schedule and date columns', async () => {
      const {sortValueOf, serverColumn} = await import('../../src/elements/kube-resource-list/columns.js');
      const noRow = () => expect.fail('only a host column needs the whole row');
      const spans = (column: ReturnType<typeof serverColumn>, cells: string[]) => cells.map((text) => sortValueOf(column, {cells: [text]}, {metadata: {name: 'x'}}, noRow));
      const minute = 60_000;
      for (const name of ['Last Seen', 'First Seen', 'Duration', 'Last Schedule']) {
        expect(spans(serverColumn({name, type: 'string'}, 0), ['45s', '5m', '3h12m', '<unknown>']), name).to.deep.equal([45_000, 5 * minute, 192 * minute, undefined]);
      }
      // A CRD's date column arrives from the server as an age, whatever it is called.
      expect(spans(serverColumn({name: 'Created At', type: 'date'}, 0), ['2d', '10m'])).to.deep.equal([2 * 24 * 60 * minute, 10 * minute]);
    });

    it('keeps a sorted index incrementally that equals a full sort', async () => {
      const {SortedIndex} = await import('../../src/elements/kube-resource-list/sorted-index.js');
      const index = new SortedIndex(true);
      const truth = new Map<string, number>();
      let seed = 7;
      const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      for (let i = 0; i < 2000; i++) {
        const key = `ns/pod-${Math.floor(random() * 300)}`;
        if (random() < 0.3) {
          index.remove(key);
          truth.delete(key);
        } else {
          const value = Math.floor(random() * 20);
          index.upsert(key, value, key);
          truth.set(key, value);
        }
      }
      const collator = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});
      const expected = [...truth].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0])).map(([k]) => k);
      expect([...index.keys()]).to.deep.equal(expected);
      for (const [position, k] of expected.entries()) expect(index.positionOf(k)).to.equal(position);
    });

    it('builds the collator while the first page is on the wire where plain order does not apply', async () => {
      // Swedish is not among the locales sorted by key (see plain-order.ts): every name goes through
      // the collator, whose first build in a page costs tens of milliseconds. No other test sorts in it.
      const sandbox = createSandbox({seed: 1});
      cleanups.push(() => sandbox.dispose());
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let listAsked = false;
      const client = makeClient(sandbox, 'sandbox-admin', async (path) => {
        if (/\/namespaces\/team-a\/pods\?/.test(path)) {
          listAsked = true;
          await held;
        }
      });
      const built: Array<string | undefined> = [];
      const Collator = Intl.Collator;
      const counting = function (this: unknown, ...args: ConstructorParameters<typeof Intl.Collator>) {
        built.push(String(args[0]));
        return new Collator(...args);
      } as unknown as typeof Intl.Collator;
      Intl.Collator = counting;
      cleanups.push(() => (Intl.Collator = Collator));
      const {el} = await mount(html`<div lang="sv"><kube-resource-list kind="pods" namespace="team-a"></kube-resource-list></div>`, {client, sandbox});
      await until(() => listAsked, 'the list asked for');
      await until(() => built.includes('sv'), 'the Swedish collator built before the first page arrived');
      release();
      await ready(el);
      const shown = names(el);
      expect(shown).to.deep.equal([...shown].sort(new Collator('sv', {numeric: true, sensitivity: 'base'}).compare));
    });

    it('sends its first page before the provider asks for discovery', async () => {
      const sandbox = createSandbox({seed: 1});
      cleanups.push(() => sandbox.dispose());
      const paths: string[] = [];
      const client = makeClient(sandbox, 'sandbox-admin', (path) => void paths.push(path));
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-a"></kube-resource-list>`, {client, sandbox});
      await ready(el);
      expect(paths[0], 'a core type lists before discovery answers').to.match(/^\/api\/v1\/namespaces\/team-a\/pods\?/);
      expect(paths, 'discovery still asked, once').to.include('/api');
      expect(paths.filter((path) => path === '/api')).to.have.length(1);
    });

    it('filters by name and label, and reflects sort and filter', async () => {
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-a"></kube-resource-list>`);
      await ready(el);
      const input = part(el, 'filter') as HTMLInputElement;
      input.value = 'redis';
      input.dispatchEvent(new InputEvent('input'));
      await el.updateComplete;
      expect(el.getAttribute('filter')).to.equal('redis');
      expect(names(el)).to.deep.equal(['redis-0', 'redis-1']);
      el.filter = 'app=api';
      await el.updateComplete;
      expect(names(el).length).to.equal(2);
      expect(names(el).every((name) => name.startsWith('api-'))).to.be.true;
      el.filter = 'nothing-matches';
      await el.updateComplete;
      expect(part(el, 'empty')!.textContent).to.contain('match');
      el.filter = '';
      await el.updateComplete;
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="sort-button"]')!;
      button.click();
      await el.updateComplete;
      expect(el.getAttribute('sort')).to.equal('Name');
      button.click();
      await el.updateComplete;
      expect(el.getAttribute('sort')).to.equal('-Name');
      expect(button.parentElement!.getAttribute('aria-sort')).to.equal('descending');
    });

    it('adds host columns by kind, sortable by their sort value', async () => {
      const {el} = await mount(html`<kube-resource-list kind="db" namespace="team-a" sort="-Size"></kube-resource-list>`);
      const sortedRows: ResourceListRow[] = [];
      el.extraColumns = [
        {
          header: 'Size',
          kinds: ['Database'],
          render: (_row, object) => html`<b>${(object.metadata.name ?? '').length}</b>`,
          sortValue: (row, object) => (sortedRows.push(row), (object.metadata.name ?? '').length),
        },
        {header: 'Pod only', kinds: ['pods'], render: () => 'x'},
      ];
      await ready(el, 2);
      expect(headers(el)).to.include('Size');
      expect(headers(el)).not.to.include('Pod only');
      expect(names(el)).to.deep.equal(['orders-db', 'sessions']);
      expect(cell(rows(el)[0]!, 'Size')).to.equal('9');
      el.sort = 'Size';
      await el.updateComplete;
      expect(names(el)).to.deep.equal(['sessions', 'orders-db']);
      // A host's sort value sees the whole row, as its renderer does.
      expect(sortedRows.at(-1)!.reference).to.include({kind: 'Database', namespace: 'team-a', cluster: 'sandbox'});
    });

    it('fetches whole objects for a host column that reads spec, and for full-objects', async () => {
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-a"></kube-resource-list>`);
      const node = (object: KubeObject) => String((object.spec as {nodeName?: string} | undefined)?.nodeName ?? '–');
      el.extraColumns = [{header: 'Labels', render: (_row, object) => Object.keys(object.metadata.labels ?? {}).length}];
      await ready(el);
      el.extraColumns = [{header: 'On node', render: (_row, object) => node(object), needsObject: true}];
      await until(() => rows(el).length > 0 && rows(el).every((row) => cell(row, 'On node').startsWith('sandbox-')), 'spec.nodeName in every row');
      el.extraColumns = [{header: 'On node', render: (_row, object) => node(object)}];
      await until(() => rows(el).length > 0 && rows(el).every((row) => cell(row, 'On node') === '–'), 'metadata only again');
      el.fullObjects = true;
      await until(() => rows(el).length > 0 && rows(el).every((row) => cell(row, 'On node').startsWith('sandbox-')), 'whole objects with full-objects');
    });

    it('changes the informer query from the label selector input', async () => {
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-a"></kube-resource-list>`);
      await ready(el);
      const input = part(el, 'label-selector') as HTMLInputElement;
      input.value = 'app=web';
      input.dispatchEvent(new Event('change'));
      await until(() => el.hasState('ready') && names(el).length > 0 && names(el).every((name) => name.startsWith('web-')), 'only web pods');
      expect(el.getAttribute('label-selector')).to.equal('app=web');
    });

    it('shares one list and one watch between lists with the same query', async () => {
      const sandbox = createSandbox({seed: 1});
      cleanups.push(() => sandbox.dispose());
      const stats = sandbox.clusters.get('sandbox')!.stats;
      const {provider} = await mount(
        html`<kube-resource-list kind="pods" namespace="team-a"></kube-resource-list><kube-resource-list kind="pods" namespace="team-a" sort="-Age"></kube-resource-list>`,
        {sandbox}
      );
      const [a, b] = [...provider.querySelectorAll('kube-resource-list')];
      await ready(a!);
      await ready(b!);
      await until(() => stats.watches('pods') === 1, 'the watch');
      expect(stats.lists('pods')).to.equal(1);
      expect(stats.watches('pods')).to.equal(1);
    });
  });

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

  describe('events', () => {
    it('fires kube-view-change after the user changes the sort, filter or label selector, and not for the host\'s own sets', async () => {
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-a"></kube-resource-list>`);
      await ready(el);
      const seen: Array<{sort: string; filter: string; labelSelector: string}> = [];
      el.addEventListener('kube-view-change', (event) => seen.push(event.detail));
      el.sort = '-Name';
      el.filter = 'api';
      el.labelSelector = 'tier=backend';
      await el.updateComplete;
      await el.updateComplete;
      expect(seen, 'the host set them').to.deep.equal([]);
      el.labelSelector = '';
      el.filter = '';
      await ready(el);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="sort-button"]')!.click();
      await until(() => seen.length === 1, 'the sort');
      expect(seen[0]).to.deep.equal({sort: 'Name', filter: '', labelSelector: ''});
      const filter = part(el, 'filter') as HTMLInputElement;
      for (const value of ['r', 're', 'red']) {
        filter.value = value;
        filter.dispatchEvent(new InputEvent('input'));
      }
      await until(() => seen.length === 2, 'the filter');
      await el.updateComplete;
      expect(seen.length, 'three keystrokes in one update, one event').to.equal(2);
      expect(seen[1]).to.deep.equal({sort: 'Name', filter: 'red', labelSelector: ''});
      const selector = part(el, 'label-selector') as HTMLInputElement;
      selector.value = ' app=redis ';
      selector.dispatchEvent(new Event('change'));
      await until(() => seen.length === 3, 'the label selector');
      expect(seen[2]).to.deep.equal({sort: 'Name', filter: 'red', labelSelector: 'app=redis'});
      expect([el.getAttribute('sort'), el.getAttribute('filter'), el.getAttribute('label-selector')]).to.deep.equal(['Name', 'red', 'app=redis']);
    });

    it('fires kube-select with the full reference on click and on Enter', async () => {
      const {el} = await mount(html`<kube-resource-list kind="db" namespace="team-a"></kube-resource-list>`);
      await ready(el, 2);
      const row = rowByName(el, 'orders-db')!;
      setTimeout(() => row.querySelector<HTMLElement>('[data-column="Engine"]')!.click());
      const clicked = (await oneEvent(el, 'kube-select')) as unknown as KubeSelectEvent;
      expect(clicked.bubbles && clicked.composed).to.be.true;
      const {uid, ...rest} = clicked.reference;
      expect(rest).to.deep.equal({cluster: 'sandbox', apiVersion: 'sandbox.kube-elements.io/v1', kind: 'Database', namespace: 'team-a', name: 'orders-db'});
      expect(uid).to.match(/^[0-9a-f-]{36}$/);
      expect(clicked.detail).to.equal(clicked.reference);
      const other = rowByName(el, 'sessions')!;
      other.focus();
      setTimeout(() => key(other, 'Enter'));
      const entered = (await oneEvent(el, 'kube-select')) as unknown as KubeSelectEvent;
      expect(entered.reference.name).to.equal('sessions');
    });

    it('selects one row in single mode', async () => {
      const {el} = await mount(html`<kube-resource-list kind="db" namespace="team-a" selectable="single"></kube-resource-list>`);
      await ready(el, 2);
      setTimeout(() => rowByName(el, 'sessions')!.click());
      const change = (await oneEvent(el, 'kube-selection-change')) as unknown as KubeSelectionChangeEvent;
      expect(change.references.map((ref) => ref.name)).to.deep.equal(['sessions']);
      await el.updateComplete;
      expect(rows(el).map((row) => row.getAttribute('aria-selected'))).to.deep.equal(['false', 'true']);
      expect(part(el, 'table')!.hasAttribute('aria-multiselectable')).to.be.false;
    });

    it('selects several rows and fires kube-selection-change', async () => {
      const {el} = await mount(html`<kube-resource-list kind="db" namespace="team-a" selectable="multi"></kube-resource-list>`);
      await ready(el, 2);
      expect(part(el, 'table')!.getAttribute('aria-multiselectable')).to.equal('true');
      const [first, second] = rows(el);
      setTimeout(() => first!.querySelector<HTMLInputElement>('input[part~="select"]')!.click());
      let change = (await oneEvent(el, 'kube-selection-change')) as unknown as KubeSelectionChangeEvent;
      expect(change.references.map((ref) => ref.name)).to.deep.equal(['orders-db']);
      second!.focus();
      setTimeout(() => key(second!, ' '));
      change = (await oneEvent(el, 'kube-selection-change')) as unknown as KubeSelectionChangeEvent;
      expect(change.references.map((ref) => ref.name).sort()).to.deep.equal(['orders-db', 'sessions']);
      await el.updateComplete;
      expect(rows(el).map((row) => row.getAttribute('aria-selected'))).to.deep.equal(['true', 'true']);
      setTimeout(() => el.shadowRoot!.querySelector<HTMLInputElement>('[role="columnheader"] input')!.click());
      change = (await oneEvent(el, 'kube-selection-change')) as unknown as KubeSelectionChangeEvent;
      expect(change.references).to.deep.equal([]);
    });

    it('drops the selection when what it lists changes, even where the new list has the same keys', async () => {
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-a" selectable="multi"></kube-resource-list>`);
      await ready(el, 2);
      const name = cell(rows(el)[0]!, 'Name');
      setTimeout(() => rows(el)[0]!.querySelector<HTMLInputElement>('input[part~="select"]')!.click());
      await oneEvent(el, 'kube-selection-change');
      // team-a's pods are listed again under the new query: a selection kept by key would reappear on them.
      setTimeout(() => (el.namespace = 'team-a,team-b'));
      const change = (await oneEvent(el, 'kube-selection-change')) as unknown as KubeSelectionChangeEvent;
      expect(change.references).to.deep.equal([]);
      await until(() => el.hasState('ready') && !!rowByName(el, name) && names(el).length > 2, 'both namespaces listed');
      expect(el.selected).to.deep.equal([]);
      expect(rows(el).filter((row) => row.getAttribute('aria-selected') === 'true')).to.have.length(0);
    });

    it('drops the selection of an object deleted and created again under the same name', async () => {
      const {el, sandbox} = await mount(html`<kube-resource-list kind="db" namespace="team-a" selectable="multi"></kube-resource-list>`);
      await ready(el, 2);
      const cluster = sandbox.clusters.get('sandbox')!;
      setTimeout(() => rowByName(el, 'sessions')!.querySelector<HTMLInputElement>('input[part~="select"]')!.click());
      await oneEvent(el, 'kube-selection-change');
      const old = cluster.get('sandbox.kube-elements.io/v1', 'Database', 'team-a', 'sessions')!;
      setTimeout(() => {
        // Within one batch: the list sees one change to the key, with another uid.
        cluster.delete('sandbox.kube-elements.io/v1', 'databases', 'team-a', 'sessions');
        cluster.create({apiVersion: old.apiVersion, kind: old.kind, metadata: {name: 'sessions', namespace: 'team-a'}, spec: old.spec});
      });
      const change = (await oneEvent(el, 'kube-selection-change')) as unknown as KubeSelectionChangeEvent;
      expect(change.references).to.deep.equal([]);
      await el.updateComplete;
      expect(el.selected).to.deep.equal([]);
      expect(rowByName(el, 'sessions')!.getAttribute('aria-selected')).to.equal('false');
    });

    it('drops the selection it can no longer show when selectable changes, and says so once', async () => {
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-a" selectable="multi"></kube-resource-list>`);
      await ready(el, 3);
      setTimeout(() => el.shadowRoot!.querySelector<HTMLInputElement>('[role="columnheader"] input[part~="select"]')!.click());
      await oneEvent(el, 'kube-selection-change');
      const all = el.selected.map((ref) => ref.name);
      expect(all.length).to.be.greaterThan(2);
      const changes: string[][] = [];
      el.addEventListener('kube-selection-change', (event) => changes.push((event as KubeSelectionChangeEvent).references.map((ref) => ref.name)));
      const selectedRows = () => rows(el).filter((row) => row.getAttribute('aria-selected') === 'true');
      el.selectable = 'single';
      await el.updateComplete;
      expect(changes, 'one change, to one row').to.have.length(1);
      expect(changes[0]).to.have.length(1);
      expect(all).to.include(changes[0]![0]);
      expect(el.selected.map((ref) => ref.name)).to.deep.equal(changes[0]);
      expect(selectedRows().map((row) => cell(row, 'Name'))).to.deep.equal(changes[0]);
      el.selectable = 'multi';
      await el.updateComplete;
      expect(changes, 'nothing dropped from single to multi').to.have.length(1);
      el.removeAttribute('selectable');
      await el.updateComplete;
      expect(el.selectable).to.equal(undefined);
      expect(changes, 'one more change, to none').to.deep.equal([changes[0], []]);
      expect(el.selected).to.deep.equal([]);
      expect(selectedRows()).to.have.length(0);
      el.selectable = 'multi';
      await el.updateComplete;
      expect(changes, 'nothing to drop').to.have.length(2);
    });

    it('keeps the selection when the list is moved in the page', async () => {
      const {el, provider} = await mount(html`<kube-resource-list kind="pods" namespace="team-a" selectable="multi"></kube-resource-list>`);
      await ready(el, 2);
      const name = cell(rows(el)[0]!, 'Name');
      setTimeout(() => rows(el)[0]!.querySelector<HTMLInputElement>('input[part~="select"]')!.click());
      await oneEvent(el, 'kube-selection-change');
      const changes: string[][] = [];
      el.addEventListener('kube-selection-change', (event) => changes.push((event as KubeSelectionChangeEvent).references.map((ref) => ref.name)));
      // A card reordered on a dashboard: out of the page and back in one task.
      provider.prepend(document.createElement('span'));
      provider.append(el);
      // The rows come back from the same (still open) list: the selection with them.
      await until(() => el.selected.length === 1, 'the selected row listed again');
      await el.updateComplete;
      expect(el.selected.map((ref) => ref.name)).to.deep.equal([name]);
      expect(rowByName(el, name)!.getAttribute('aria-selected')).to.equal('true');
      expect(changes, 'no selection change announced').to.deep.equal([]);
    });
  });

  describe('keyboard', () => {
    it('is one tab stop with roving focus over rows', async () => {
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-a"></kube-resource-list>`);
      await ready(el, 5);
      const tabbable = rows(el).filter((row) => row.tabIndex === 0);
      expect(tabbable.length).to.equal(1);
      const first = tabbable[0]!;
      first.focus();
      key(first, 'ArrowDown');
      await until(() => el.shadowRoot!.activeElement === rows(el)[1], 'second row focused');
      expect(rows(el)[1]!.tabIndex).to.equal(0);
      expect(first.tabIndex).to.equal(-1);
      key(rows(el)[1]!, 'End');
      await until(() => el.shadowRoot!.activeElement === rows(el).at(-1), 'last row focused');
      key(rows(el).at(-1)!, 'Home');
      await until(() => el.shadowRoot!.activeElement === rows(el)[0], 'first row focused');
      key(rows(el)[0]!, 'PageDown');
      await until(() => (el.shadowRoot!.activeElement as HTMLElement | null)?.getAttribute('aria-rowindex') !== '2', 'moved a page');
      key(el.shadowRoot!.activeElement as HTMLElement, 'ArrowUp');
      await until(() => el.shadowRoot!.activeElement !== null, 'still focused');
    });

    it('keeps focus on a focused row that a live change moves', async () => {
      const {el, sandbox} = await mount(html`<kube-resource-list kind="db" namespace="team-a" sort="Replicas"></kube-resource-list>`);
      await ready(el, 2);
      const cluster = sandbox.clusters.get('sandbox')!;
      const first = rows(el)[0]!;
      const name = cell(first, 'Name');
      first.focus();
      const db = cluster.get('sandbox.kube-elements.io/v1', 'Database', 'team-a', name)!;
      cluster.update({...db, spec: {...(db.spec as object), replicas: 99}});
      await until(() => names(el).at(-1) === name, 'the row moved to the end');
      await el.updateComplete;
      expect((el.shadowRoot!.activeElement as HTMLElement | null)?.dataset['key'], 'still focused').to.equal(`team-a/${name}`);
      expect(rowByName(el, name)!.tabIndex).to.equal(0);
    });

    /** team-a's databases, with focus moved from the first row up to the header (Name's sort button). */
    async function headerFocused() {
      const {el} = await mount(html`<kube-resource-list kind="db" namespace="team-a"></kube-resource-list>`);
      await ready(el, 2);
      const active = () => el.shadowRoot!.activeElement as HTMLElement | null;
      rows(el)[0]!.focus();
      await sendKeys({press: 'ArrowUp'});
      await until(() => active()?.getAttribute('part') === 'sort-button', 'the header focused');
      return {el, active};
    }

    it('keeps one tab stop in the grid when the header column holding it goes away', async () => {
      const {el, active} = await headerFocused();
      await sendKeys({press: 'End'});
      await until(() => active()?.textContent?.includes('Age') === true, 'the last header');
      el.columns = 'Name';
      await el.updateComplete;
      const stops = el.shadowRoot!.querySelectorAll('[part~="table"] [tabindex="0"]');
      expect(stops, 'one tab stop').to.have.length(1);
      expect(stops[0]!.textContent).to.contain('Name');
    });

    it('takes one Tab to enter the grid and one to leave it; sort buttons are not tab stops', async () => {
      const {el} = await mount(html`<kube-resource-list kind="db" namespace="team-a" selectable="multi"></kube-resource-list>`);
      await ready(el, 2);
      const tabbable = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="table"] [tabindex="0"], [part~="table"] input:not([tabindex]), [part~="table"] button:not([tabindex])')];
      expect(tabbable).to.deep.equal([rows(el)[0]]);
      part(el, 'label-selector')!.focus();
      await sendKeys({press: 'Tab'});
      expect(el.shadowRoot!.activeElement).to.equal(rows(el)[0]);
      await sendKeys({press: 'Tab'});
      expect(part(el, 'table')!.contains(el.shadowRoot!.activeElement)).to.be.false;
    });

    it('moves from the first row up to the header row, along it, and sorts with Enter and Space', async () => {
      const {el, active} = await headerFocused();
      expect(active()!.textContent).to.contain('Name');
      expect(active()!.tabIndex).to.equal(0);
      expect(rows(el).every((row) => row.tabIndex === -1), 'the header holds the only tab stop').to.be.true;
      await sendKeys({press: 'Enter'});
      await el.updateComplete;
      expect(el.sort).to.equal('Name');
      await sendKeys({press: ' '});
      await el.updateComplete;
      expect(el.sort, 'Space sorts once, descending').to.equal('-Name');
      expect(names(el)).to.deep.equal(['sessions', 'orders-db']);
      await sendKeys({press: 'ArrowRight'});
      await until(() => active()?.textContent?.includes('Engine') === true, 'the next header');
      await sendKeys({press: 'Enter'});
      await el.updateComplete;
      expect(el.sort).to.equal('Engine');
      await sendKeys({press: 'End'});
      await until(() => active()?.textContent?.includes('Age') === true, 'the last header');
      await sendKeys({press: 'Home'});
      await until(() => active()?.textContent?.includes('Name') === true, 'the first header');
      await sendKeys({press: 'ArrowDown'});
      await until(() => active() === rows(el)[0], 'back to the first row');
      expect(rows(el)[0]!.tabIndex).to.equal(0);
      // Up again returns to the header cell last used.
      await sendKeys({press: 'ArrowUp'});
      await until(() => active()?.textContent?.includes('Name') === true, 'the header again');
    });

    it('toggles every row from the select-all header with Space', async () => {
      const {el} = await mount(html`<kube-resource-list kind="db" namespace="team-a" selectable="multi"></kube-resource-list>`);
      await ready(el, 2);
      rows(el)[0]!.focus();
      await sendKeys({press: 'ArrowUp'});
      const selectAll = el.shadowRoot!.querySelector<HTMLInputElement>('[role="columnheader"] input')!;
      await until(() => el.shadowRoot!.activeElement === selectAll, 'select all focused');
      setTimeout(() => void sendKeys({press: ' '}));
      const change = (await oneEvent(el, 'kube-selection-change')) as unknown as KubeSelectionChangeEvent;
      expect(change.references.map((ref) => ref.name).sort()).to.deep.equal(['orders-db', 'sessions']);
      await el.updateComplete;
      expect(selectAll.checked).to.be.true;
    });
  });

  describe('keyboard: focus and row actions', () => {
    it('keeps focus in the list while what it lists changes, then gives it to the first new row', async () => {
      const {el, provider} = await mount(html`<kube-resource-list kind="pods"></kube-resource-list>`);
      provider.setAttribute('namespace', 'team-a');
      await until(() => el.hasState('ready') && rows(el).length > 2 && names(el).some((name) => name.startsWith('web-')), "team-a's pods");
      rows(el)[1]!.focus();
      // What holds focus after each render, from the first render after the change to the new rows.
      const held: Array<string | null> = [];
      const observer = new MutationObserver(() => held.push((el.shadowRoot!.activeElement as HTMLElement | null)?.getAttribute('part') ?? null));
      observer.observe(el.shadowRoot!, {childList: true, subtree: true});
      cleanups.push(() => observer.disconnect());
      provider.setAttribute('namespace', 'team-b');
      await until(() => el.hasState('ready') && names(el).some((name) => name.startsWith('catalog-')), "team-b's pods");
      await el.updateComplete;
      expect(document.activeElement, 'not <body>').to.equal(el);
      expect(el.shadowRoot!.activeElement, 'the first row').to.equal(rows(el)[0]);
      expect(rows(el)[0]!.tabIndex).to.equal(0);
      expect(held, 'on the loading state while the new rows load').to.include('loading');
      expect(held, 'never nothing on the way').not.to.include(null);
    });

    it('takes one Tab to leave the grid with row actions, and reaches a row\'s actions with the arrows', async () => {
      const {el, provider} = await mount(html`<kube-resource-list kind="pods" namespace="team-a"></kube-resource-list><button id="after">After</button>`);
      el.rowActions = (row) => html`<button type="button">Logs</button><a href="#${row.object.metadata.name}">Open</a>`;
      await ready(el, 3);
      const active = () => el.shadowRoot!.activeElement as HTMLElement | null;
      const actions = (row: HTMLElement) => [...row.querySelectorAll<HTMLElement>('[part~="actions"] :is(button, a)')];
      await until(() => rows(el).every((row) => actions(row).length === 2), 'the actions');
      expect(rows(el).flatMap(actions).filter((control) => control.tabIndex !== -1), 'no action is a tab stop').to.deep.equal([]);
      const after = provider.querySelector<HTMLElement>('#after')!;
      part(el, 'label-selector')!.focus();
      await sendKeys({press: 'Tab'});
      expect(active()).to.equal(rows(el)[0]);
      await sendKeys({press: 'Tab'});
      expect(document.activeElement, `one Tab past ${rows(el).length} rows with actions`).to.equal(after);

      const [first, second] = rows(el) as [HTMLElement, HTMLElement];
      first.focus();
      await sendKeys({press: 'ArrowRight'});
      expect(active(), 'Right: into the actions').to.equal(actions(first)[0]);
      await until(() => actions(first)[0]!.tabIndex === 0 && first.tabIndex === -1, 'the action holding the tab stop');
      expect(el.shadowRoot!.querySelectorAll('[part~="table"] [tabindex="0"]'), 'one tab stop').to.have.length(1);
      await sendKeys({press: 'ArrowRight'});
      expect(active()).to.equal(actions(first)[1]);
      await sendKeys({press: 'ArrowLeft'});
      expect(active()).to.equal(actions(first)[0]);
      await sendKeys({press: 'ArrowLeft'});
      expect(active(), 'Left from the first action: the row').to.equal(first);
      await sendKeys({press: 'ArrowRight'});
      await sendKeys({press: 'ArrowRight'});
      await sendKeys({press: 'Escape'});
      expect(active(), 'Escape: the row').to.equal(first);
      await sendKeys({press: 'ArrowRight'});
      await sendKeys({press: 'ArrowDown'});
      await until(() => active() === actions(second)[0], "Down: the same action of the next row");
      await until(() => actions(second)[0]!.tabIndex === 0 && second.tabIndex === -1 && first.tabIndex === -1, 'the tab stop moved with it');
      await sendKeys({press: 'Tab'});
      expect(document.activeElement, 'one Tab leaves from an action too').to.equal(after);
      await sendKeys({down: 'Shift'});
      await sendKeys({press: 'Tab'});
      await sendKeys({up: 'Shift'});
      expect(active(), 'and Shift+Tab comes back to it').to.equal(actions(second)[0]);
    });

    /** team-a's pods with a host column of links (each click recorded and kept from navigating) and a row action, and a button after the list. */
    async function withLinkColumn() {
      const {el, provider} = await mount(html`<kube-resource-list kind="pods" namespace="team-a" columns="Name,Docs,Status"></kube-resource-list><button id="after">After</button>`);
      const followed: string[] = [];
      const follow = (event: Event) => {
        event.preventDefault();
        followed.push((event.currentTarget as HTMLAnchorElement).hash);
      };
      el.extraColumns = [{header: 'Docs', render: (row) => html`<a href="#docs-${row.object.metadata.name}" @click=${follow}>Docs</a>`}];
      el.rowActions = () => html`<button type="button">Logs</button>`;
      const selected: string[] = [];
      el.addEventListener('kube-select', (event) => selected.push(event.reference.name));
      await ready(el, 3);
      const link = (row: HTMLElement) => row.querySelector<HTMLAnchorElement>('[data-column="Docs"] a')!;
      await until(() => rows(el).every((row) => !!link(row)), 'the links');
      const active = () => el.shadowRoot!.activeElement as HTMLElement | null;
      return {el, after: provider.querySelector<HTMLElement>('#after')!, link, active, followed, selected};
    }

    it("takes one Tab to leave the grid when a host's column holds links, and reaches and follows one with the keyboard", async () => {
      const {el, after, link, active, followed, selected} = await withLinkColumn();
      expect(rows(el).map(link).filter((control) => control.tabIndex !== -1), 'no link is a tab stop').to.deep.equal([]);
      part(el, 'label-selector')!.focus();
      await sendKeys({press: 'Tab'});
      expect(active()).to.equal(rows(el)[0]);
      await sendKeys({press: 'Tab'});
      expect(document.activeElement, `one Tab past ${rows(el).length} rows with links`).to.equal(after);

      const [first, second] = rows(el) as [HTMLElement, HTMLElement];
      const logs = (row: HTMLElement) => row.querySelector<HTMLElement>('[part~="actions"] button')!;
      first.focus();
      await sendKeys({press: 'ArrowRight'});
      expect(active(), "Right: the host column's link").to.equal(link(first));
      await until(() => link(first).tabIndex === 0 && first.tabIndex === -1, 'the link holding the tab stop');
      expect(el.shadowRoot!.querySelectorAll('[part~="table"] [tabindex="0"]'), 'one tab stop').to.have.length(1);
      await sendKeys({press: 'ArrowRight'});
      expect(active(), 'Right again: the row action').to.equal(logs(first));
      await sendKeys({press: 'ArrowLeft'});
      expect(active()).to.equal(link(first));
      await sendKeys({press: 'Enter'});
      expect(followed, 'Enter follows the link').to.deep.equal([link(first).hash]);
      expect(selected, 'and does not activate the row').to.deep.equal([]);
      await sendKeys({press: 'ArrowDown'});
      await until(() => active() === link(second), 'Down: the link of the next row');
      await until(() => link(second).tabIndex === 0 && link(first).tabIndex === -1 && second.tabIndex === -1, 'the tab stop moved with it');
      await sendKeys({press: 'Escape'});
      expect(active(), 'Escape: the row').to.equal(second);
      await sendKeys({press: 'ArrowRight'});
      await sendKeys({press: 'ArrowLeft'});
      expect(active(), 'Left from the first control: the row').to.equal(second);
      await sendKeys({press: 'ArrowRight'});
      await sendKeys({press: 'Tab'});
      expect(document.activeElement, 'one Tab leaves from a link too').to.equal(after);
      await sendKeys({down: 'Shift'});
      await sendKeys({press: 'Tab'});
      await sendKeys({up: 'Shift'});
      expect(active(), 'and Shift+Tab comes back to it').to.equal(link(second));
      await sendKeys({press: 'ArrowUp'});
      await until(() => active() === link(first), 'Up: the link of the row above');
      await sendKeys({press: 'ArrowUp'});
      await until(() => active()?.textContent?.includes('Docs') === true, "Up from the first row: the link's column header");
    });

    it("follows a click on a host column's link, which then holds the tab stop; a click beside it activates the row", async () => {
      const {el, link, active, followed, selected} = await withLinkColumn();
      const second = rows(el)[1]!;
      const at = (element: Element): [number, number] => {
        const box = element.getBoundingClientRect();
        return [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
      };
      el.scrollIntoView();
      await sendMouse({type: 'click', position: at(link(second))});
      expect(followed, 'the link followed').to.deep.equal([link(second).hash]);
      expect(selected, 'not the row activated').to.deep.equal([]);
      expect(active()).to.equal(link(second));
      await until(() => link(second).tabIndex === 0 && rows(el).every((row) => row.tabIndex === -1), 'the link holding the tab stop');
      const docs = second.querySelector('[data-column="Docs"]')!;
      const box = docs.getBoundingClientRect();
      await sendMouse({type: 'click', position: [Math.round(box.right - 4), Math.round(box.top + box.height / 2)]});
      await until(() => selected.length === 1, 'kube-select');
      expect(selected[0]).to.equal(cell(second, 'Name'));
      expect(followed).to.have.length(1);
      await resetMouse();
    });

    it("draws the sort button's focus ring inside its header cell, which clips what overflows it", async () => {
      const {el} = await mount(html`<kube-resource-list kind="db" namespace="team-a"></kube-resource-list>`);
      await ready(el, 2);
      rows(el)[0]!.focus();
      await sendKeys({press: 'ArrowUp'});
      const button = el.shadowRoot!.querySelector<HTMLElement>('[part~="sort-button"]')!;
      await until(() => el.shadowRoot!.activeElement === button, 'the sort button focused');
      expect(button.matches(':focus-visible')).to.be.true;
      const style = getComputedStyle(button);
      expect(style.outlineStyle).to.equal('solid');
      // How far the ring reaches outside the button's box.
      const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
      const ring = button.getBoundingClientRect();
      const cell = button.closest('[part~="header-cell"]')!.getBoundingClientRect();
      expect(ring.top - reach, 'top edge').to.be.at.least(cell.top);
      expect(ring.bottom + reach, 'bottom edge').to.be.at.most(cell.bottom);
      expect(ring.left - reach, 'start edge').to.be.at.least(cell.left);
      expect(ring.right + reach, 'end edge').to.be.at.most(cell.right);
    });
  });

  describe('accessibility', () => {
    it('is accessible when loaded, multi-select and with actions', async () => {
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-a" selectable="multi"></kube-resource-list>`);
      el.rowActions = (row) => html`<button type="button">Logs of ${row.object.metadata.name}</button>`;
      await ready(el);
      await expect(el).to.be.accessible();
      const first = rows(el)[0]!;
      expect(first.querySelector('[part~="actions"] button')).to.exist;
      expect(formatAge(ageMs('2020-01-01T00:00:00Z'))).to.match(/y/);
    });

    it('shows a selected row in forced colours (Windows High Contrast), which drop backgrounds', async () => {
      const {el} = await mount(html`<kube-resource-list kind="db" namespace="team-a" selectable="multi"></kube-resource-list>`);
      await ready(el, 2);
      setTimeout(() => rows(el)[0]!.querySelector<HTMLInputElement>('input[part~="select"]')!.click());
      await oneEvent(el, 'kube-selection-change');
      await el.updateComplete;
      // The test browser can't turn forced colours on: what the element says under them is applied as if they were.
      const sheets = el.shadowRoot!.adoptedStyleSheets;
      const forced = sheets.map((sheet) => forcedColorRules(sheet.cssRules)).join('\n');
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(`@layer kube { ${forced} }`);
      el.shadowRoot!.adoptedStyleSheets = [...sheets, sheet];
      const systemColor = (name: string) => {
        const probe = document.body.appendChild(document.createElement('span'));
        probe.style.color = name;
        const value = getComputedStyle(probe).color;
        probe.remove();
        return value;
      };
      const [selected, other] = rows(el) as [HTMLElement, HTMLElement];
      expect(selected.getAttribute('aria-selected')).to.equal('true');
      const style = getComputedStyle(selected);
      expect(style.forcedColorAdjust, 'kept from being forced to the page background').to.equal('none');
      expect(style.backgroundColor, 'the system selection colour').to.equal(systemColor('Highlight'));
      expect(style.color).to.equal(systemColor('HighlightText'));
      expect(getComputedStyle(other).forcedColorAdjust, 'an unselected row is left to the system').to.equal('auto');
    });

    it('says once, in one live region, how many rows show when a paged list has arrived', async () => {
      const sandbox = createSandbox({seed: 1, pods: 1500});
      cleanups.push(() => sandbox.dispose());
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const client = makeClient(sandbox, 'sandbox-admin', async (path) => {
        if (/\/namespaces\/load\/pods\?.*continue=/.test(path)) await held;
      });
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="load"></kube-resource-list>`, {sandbox, client});
      await until(() => !!part(el, 'progress'), 'the progress');
      const progress = part(el, 'progress')!;
      expect(progress.getAttribute('role'), 'the progress, changing page by page, is not live').to.equal(null);
      expect(progress.getAttribute('aria-live')).to.equal(null);
      const [region, ...others] = liveRegions(el);
      expect(others, 'one live region').to.deep.equal([]);
      expect(region!.getAttribute('role')).to.equal('status');
      expect(region!.className).to.equal('visually-hidden');
      expect(region!.textContent!.trim()).to.equal('');
      const texts = said(region!);
      release();
      await until(() => el.hasState('ready') && el.rowCount === 1500, 'every page');
      expect(part(el, 'count')!.textContent!.trim()).to.equal('1,500 shown');
      expect(part(el, 'count')!.hasAttribute('role')).to.be.false;
      await until(() => texts.length > 0, 'said');
      expect(texts).to.deep.equal(['1,500 shown']);
      expect(liveRegions(el), 'still the one live region').to.deep.equal([region]);
    });

    it("says the filter's result once typing stops, and not the empty state at every keystroke", async () => {
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-a"></kube-resource-list>`);
      await ready(el);
      const [region] = liveRegions(el);
      await until(() => region!.textContent!.trim() === `${el.rowCount} shown`, 'the count, once listed');
      const texts = said(region!);
      const filter = part(el, 'filter') as HTMLInputElement;
      const type = async (value: string) => {
        filter.value = value;
        filter.dispatchEvent(new InputEvent('input'));
        await el.updateComplete;
      };
      for (const value of ['z', 'zz', 'zzz']) {
        await type(value);
        expect(partText(el, 'empty')).to.contain(`“${value}”`);
        expect(liveRegions(el), 'the empty state is not live').to.deep.equal([region]);
        await aTimeout(100);
      }
      expect(texts, 'nothing while typing').to.deep.equal([]);
      await until(() => texts.length > 0, 'said once typing stopped');
      expect(texts).to.deep.equal(['No pods match “zzz”.']);
      await type('redis');
      await until(() => texts.length > 1, 'the matching filter said');
      expect(texts).to.deep.equal(['No pods match “zzz”.', '2 shown']);
    });
  });

  describe('what a hostile or broken server sends', () => {
    /** A second-precise creation time `ago` ms back, as the API server writes them. */
    const createdAgo = (ago: number) => new Date(Date.now() - ago).toISOString().replace(/\.\d+Z$/, 'Z');
    const HOUR = 3600_000;

    /** A Table as the server sent it: any columns, and rows of cells with their objects' metadata. */
    function table(columnDefinitions: unknown, rows: Array<{name: string; cells: unknown[]; created?: string}>) {
      return {
        kind: 'Table',
        apiVersion: 'meta.k8s.io/v1',
        metadata: {resourceVersion: '1'},
        ...(columnDefinitions === undefined ? {} : {columnDefinitions}),
        rows: rows.map(({name, cells, created = createdAgo(HOUR)}) => ({
          cells,
          object: {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: {name, namespace: 'team-a', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: created}},
        })),
      };
    }

    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), {status, headers: {'Content-Type': 'application/json'}});
    const failure = (code: number, message: string) => json({kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason: code === 403 ? 'Forbidden' : 'InternalError', message}, code);
    /** A watch that stays open and says nothing: the rows stay as listed. */
    const silentWatch = (signal?: AbortSignal) =>
      new Response(new ReadableStream({start: (controller) => signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')))}), {
        headers: {'Content-Type': 'application/json'},
      });

    /** A client on the sandbox whose answers `answer` may replace: for a list (`watch` false) or a watch of a path. */
    function answering(sandbox: Sandbox, answer: (path: string, watch: boolean, signal?: AbortSignal) => Response | undefined) {
      const transport = inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => 'sandbox-admin'});
      const request = transport.request.bind(transport);
      transport.request = async (sent) => answer(decodeURIComponent(sent.path), /[?&]watch=/.test(sent.path), sent.signal) ?? request(sent);
      const client = createKubeClient({transport, informers: {graceMs: 50}});
      cleanups.push(() => client.dispose());
      return client;
    }

    /** A pod list in team-a whose list answers with `body`. */
    async function mountTable(body: unknown, attributes: {sort?: string} = {}) {
      const sandbox = createSandbox({seed: 1});
      cleanups.push(() => sandbox.dispose());
      const client = answering(sandbox, (path, watch, signal) => (!path.startsWith('/api/v1/namespaces/team-a/pods?') ? undefined : watch ? silentWatch(signal) : json(body)));
      return mount(html`<kube-resource-list kind="pods" namespace="team-a" sort=${attributes.sort ?? ''}></kube-resource-list>`, {sandbox, client});
    }

    /** A model over one query's rows and columns, as the informers would hand them over. */
    function modelOver(columns: unknown[], rows: Array<[string, {cells: unknown[]; object?: unknown}]>, sort = '') {
      const items = new Map(rows) as unknown as Map<string, TableRow>;
      const snapshot = {items, columns, serverTable: true, status: 'ready', listed: true, progress: {loaded: items.size}, revision: 1};
      const source = {snapshots: [snapshot], queries: [{cluster: 'sandbox', resource: 'pods', table: true, namespace: 'team-a'}], get: (key: string) => items.get(key), entries: () => items.entries(), size: items.size};
      const settings = {kind: 'pods', cluster: 'sandbox', sort, filter: '', columns: '', extraColumns: []};
      return new ResourceListModel(source as unknown as InformerGroupController<TableRow>, () => settings, () => undefined);
    }

    it('names every column, whatever its definition holds, and sorts by one without a name', () => {
      const rows: Array<[string, {cells: unknown[]; object?: unknown}]> = [
        ['team-a/b', {cells: ['b', {x: 1}, 2, 'x', '1h', '1h', 3], object: {metadata: {name: 'b', namespace: 'team-a'}}}],
        ['team-a/a', {cells: ['a', [1], 1, 'y', '2h', '2h', 'z'], object: {metadata: {name: 'a', namespace: 'team-a'}}}],
        ['team-a/c', {cells: ['c'], object: {metadata: {name: 7}}}],
      ];
      const definitions = [{type: 'string', format: 'name'}, {name: 5, type: {}}, null, {name: 'Age', type: 'mystery', format: 42}, {name: 'Age'}, {name: ' ', type: 'integer'}, 'not a column'];
      const model = modelOver(definitions, rows, '-Column 1');
      model.refresh();
      expect(model.displayed.map((column) => column.name)).to.deep.equal(['Column 1', '5', 'Column 3', 'Age', 'Age (5)', 'Column 6', 'Column 7']);
      expect(model.sortColumn?.name).to.equal('Column 1');
      expect([...model.index.keys()]).to.deep.equal(['team-a/c', 'team-a/b', 'team-a/a']);
      for (const column of model.displayed) {
        const sorted = modelOver(definitions, rows, column.name);
        sorted.refresh();
        expect(sorted.sortColumn?.name, column.name).to.equal(column.name);
        expect(sorted.index.length, column.name).to.equal(3);
      }
    });

    it("shows each object's name and age for a Table without columns, never a grid of blank rows", async () => {
      for (const columns of [undefined, []]) {
        const {el} = await mountTable(table(columns, [{name: 'web-1', cells: ['web-1', '1/1', 'Running']}, {name: 'web-2', cells: ['web-2', '0/1', 'Pending']}]), {sort: 'Name'});
        await ready(el, 2);
        expect(headers(el), JSON.stringify(columns)).to.deep.equal(['Name', 'Age']);
        expect(names(el)).to.deep.equal(['web-1', 'web-2']);
        expect(rows(el).map((row) => cell(row, 'Age'))).to.deep.equal(['60m', '60m']);
        await expect(el).to.be.accessible();
      }
    });

    it('shows objects and lists in cells as short JSON, nothing for null, and sorts by them', async () => {
      const columns = [
        {name: 'Name', type: 'string', format: 'name'},
        {name: 'Data', type: 'string'},
        {name: 'Count', type: 'integer'},
      ];
      const big = {big: 'x'.repeat(500)};
      const body = table(columns, [
        {name: 'a', cells: ['a', {a: 1}, {n: 1}]},
        {name: 'b', cells: ['b', [1, 'two'], 3]},
        {name: 'c', cells: ['c', null, null]},
        {name: 'd', cells: ['d', true, [2]]},
        {name: 'e', cells: ['e', 42, '7']},
        {name: 'f', cells: ['f', big, 1]},
      ]);
      const {el} = await mountTable(body, {sort: 'Data'});
      await ready(el, 6);
      const data = Object.fromEntries(rows(el).map((row) => [cell(row, 'Name'), cell(row, 'Data')]));
      expect(data).to.deep.include({a: '{"a":1}', b: '[1,"two"]', c: '', d: 'true', e: '42'});
      expect(data['f']).to.equal(`${JSON.stringify(big).slice(0, 200)}…`);
      expect(rows(el).map((row) => row.textContent).join()).not.to.contain('[object Object]');
      expect(names(el)[0], 'a number first').to.equal('e');
      expect(names(el).at(-1), 'no value last').to.equal('c');
      el.sort = '-Count';
      await el.updateComplete;
      expect(names(el).slice(0, 3)).to.deep.equal(['e', 'b', 'f']);
    });

    it("shows every row's age by the server's clock however far one Age cell is off", async () => {
      const columns = [
        {name: 'Name', type: 'string', format: 'name'},
        {name: 'Age', type: 'string'},
      ];
      const young = ['a', 'b', 'c', 'd', 'e'];
      const {el} = await mountTable(table(columns, [{name: 'outlier', cells: ['outlier', '9999d']}, ...young.map((name) => ({name, cells: [name, '60m']}))]));
      await ready(el, 6);
      const ages = rows(el).map((row) => cell(row, 'Age'));
      expect(new Set(ages).size, ages.join()).to.equal(1);
      expect(ages[0]).to.match(/^(59|60)m$/);
    });

    it('estimates the server clock where most Age cells agree, within a day of ours', () => {
      const clockOf = (rows: Array<[age: string, ago: number]>) => {
        const model = modelOver(
          [{name: 'Name', type: 'string', format: 'name'}, {name: 'Age', type: 'string'}],
          rows.map(([age, ago], i) => [`team-a/r${i}`, {cells: [`r${i}`, age], object: {metadata: {name: `r${i}`, namespace: 'team-a', creationTimestamp: createdAgo(ago)}}}])
        );
        model.refresh();
        return model.serverOffset;
      };
      const DAY = 24 * HOUR;
      // The server's clock 30 s ahead: young objects tell it to the second, old ones only roughly.
      const ahead: Array<[string, number]> = [['35s', 5000], ['1m30s', 60_000], ['60m', HOUR - 30_000], ['30d', 30 * DAY], ['3y', 3 * 365 * DAY]];
      expect(clockOf(ahead)).to.be.within(29_000, 31_000);
      expect(clockOf([...ahead, ['9999d', HOUR], ['5h', HOUR]]), 'two rows off').to.be.within(29_000, 31_000);
      expect(clockOf([['9999d', HOUR]]), 'nothing believable').to.equal(0);
      expect(Math.abs(clockOf([['20h', HOUR]])), 'never more than a day').to.be.at.most(DAY);
    });

    it('wraps and shortens a huge unbroken server message in a narrow list, with the whole message a disclosure away', async () => {
      const huge = 'x'.repeat(200_000);
      const scenarios: Array<{name: string; namespace: string; state: string; answer: (path: string, watch: boolean) => Response | undefined}> = [
        {name: 'error', namespace: 'team-a', state: 'error', answer: (path) => (path.startsWith('/api/v1/namespaces/team-a/pods?') ? failure(500, huge) : undefined)},
        {name: 'forbidden', namespace: 'team-a', state: 'forbidden', answer: (path) => (path.startsWith('/api/v1/namespaces/team-a/pods?') ? failure(403, huge) : undefined)},
        {name: 'partial', namespace: 'team-a,team-b', state: 'partial', answer: (path) => (path.startsWith('/api/v1/namespaces/team-b/pods?') ? failure(500, huge) : undefined)},
      ];
      for (const scenario of scenarios) {
        const sandbox = createSandbox({seed: 1});
        cleanups.push(() => sandbox.dispose());
        const client = answering(sandbox, scenario.answer);
        const {el} = await mount(html`<div style="width: 400px"><kube-resource-list kind="pods" namespace=${scenario.namespace}></kube-resource-list></div>`, {sandbox, client});
        await until(() => el.hasState(scenario.state) && !!part(el, scenario.name), scenario.name);
        const shown = part(el, scenario.name)!;
        expect(el.scrollWidth, scenario.name).to.be.at.most(el.clientWidth);
        expect(shown.scrollWidth, scenario.name).to.be.at.most(shown.clientWidth);
        expect(shown.getBoundingClientRect().width, scenario.name).to.be.at.most(400);
        const message = shown.querySelector('bdi')!.textContent!;
        expect(message.length, scenario.name).to.equal(1001);
        expect(message.endsWith('…')).to.be.true;
        const whole = shown.querySelector<HTMLDetailsElement>('details[part~="whole-message"]')!;
        expect(whole.querySelector('summary')!.textContent).to.contain('Show the whole message');
        expect(whole.querySelector('.whole-message')!.textContent!.length, 'the whole message, as the client kept it').to.be.greaterThan(1000);
        whole.open = true;
        expect(el.scrollWidth, `${scenario.name}, opened`).to.be.at.most(el.clientWidth);
        await expect(el).to.be.accessible();
      }
    });

    it('wraps and shortens a huge reconnection failure above the rows it keeps', async () => {
      const sandbox = createSandbox({seed: 1});
      cleanups.push(() => sandbox.dispose());
      let failing = false;
      const client = answering(sandbox, (path) => (failing && path.startsWith('/api/v1/namespaces/team-a/pods?') ? failure(503, 'y'.repeat(200_000)) : undefined));
      const {el} = await mount(html`<div style="width: 400px"><kube-resource-list kind="pods" namespace="team-a"></kube-resource-list></div>`, {sandbox, client});
      await ready(el);
      const cluster = sandbox.clusters.get('sandbox')!;
      await until(() => cluster.openWatches('pods') > 0, 'the watch');
      failing = true;
      cluster.dropWatches();
      await until(() => /yyyy/.test(part(el, 'reconnecting')?.textContent ?? ''), 'why it reconnects');
      const banner = part(el, 'reconnecting')!;
      expect(banner.scrollWidth).to.be.at.most(banner.clientWidth);
      expect(el.scrollWidth).to.be.at.most(el.clientWidth);
      expect(banner.querySelector('bdi')!.textContent!.length).to.equal(1001);
      expect(banner.querySelector('details[part~="whole-message"]')).to.exist;
    });

    it("isolates a row's name in its checkbox's label, and the kind in the grid's, so that their direction stays their own", async () => {
      const name = 'evil\u202Egnp.exe';
      const columns = [
        {name: 'Name', type: 'string', format: 'name'},
        {name: 'Status', type: 'string'},
      ];
      const {el} = await mountTable(table(columns, [{name, cells: [name, 'Running']}]));
      el.selectable = 'multi';
      await ready(el);
      await el.updateComplete;
      const checkbox = rows(el)[0]!.querySelector('input[part~="select"]')!;
      expect(checkbox.getAttribute('aria-label')).to.equal(`Select \u2068${name}\u2069`);
      expect(part(el, 'table')!.getAttribute('aria-label')).to.equal('\u2068Pod\u2069 list');
    });

    it('isolates the names it puts into sentences, so that their direction stays their own', async () => {
      const {el} = await mount(html`<kube-resource-list kind="pods" namespace="team-a,kube-system"></kube-resource-list>`, {token: 'sandbox-developer'});
      await until(() => el.hasState('partial'), 'kube-system denied');
      expect(part(el, 'partial')!.textContent).to.contain("You can't list \u2068pods\u2069 in namespace \u2068kube-system\u2069; its rows are missing.");
      el.filter = '\u202Egnp.exe';
      await until(() => el.hasState('empty'), 'nothing matches');
      expect(part(el, 'empty')!.textContent).to.contain('No \u2068pods\u2069 match “\u2068\u202Egnp.exe\u2069”.');
      const denied = await mount(html`<kube-resource-list kind="pods" namespace="kube-system"></kube-resource-list>`, {token: 'sandbox-developer'});
      await until(() => denied.el.hasState('forbidden'), 'forbidden');
      expect(part(denied.el, 'forbidden')!.textContent).to.contain("You can't list \u2068pods\u2069 in namespace \u2068kube-system\u2069.");
    });
  });
});
