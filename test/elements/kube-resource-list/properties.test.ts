// <kube-resource-list>: its attributes and properties: configured late or unset, sorting, filtering, host columns, shared watches. Shared set-up in ./fixtures.ts.
import {expect, fixture, html} from '@open-wc/testing';
import type {KubeResourceList} from '../../../src/elements/kube-resource-list/kube-resource-list.js';
import type {ResourceListRow} from '../../../src/elements/kube-resource-list/columns.js';
import type {KubeObject} from '../../../src/client/index.js';
import {createSandbox} from '../../../src/sandbox/index.js';
import {until} from '../../support/fake-api.js';
import {cleanups, makeClient, mount, part, rows, cell, names, headers, ready, pvc} from './fixtures.js';

describe('<kube-resource-list>', () => {
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
      const {sortValueOf, serverColumn} = await import('../../../src/elements/kube-resource-list/columns.js');
      const restarts = serverColumn({name: 'Restarts', type: 'string'}, 0);
      const noRow = () => expect.fail('only a host column needs the whole row');
      const value = (text: string) => sortValueOf(restarts, {cells: [text]}, {metadata: {name: 'x'}}, noRow);
      expect([value('12 (5m ago)'), value('2 (1h ago)'), value('0')]).to.deep.equal([12, 2, 0]);
      const replicas = serverColumn({name: 'Replicas', type: 'integer'}, 0);
      expect(sortValueOf(replicas, {cells: [10]}, {metadata: {}}, noRow)).to.equal(10);
      expect(sortValueOf(replicas, {cells: [null]}, {metadata: {}}, noRow), 'a missing number sorts last, not as 0').to.equal(undefined);
    });

    it('sorts time columns by their span: Last Seen, Duration, Last Schedule and date columns', async () => {
      const {sortValueOf, serverColumn} = await import('../../../src/elements/kube-resource-list/columns.js');
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
      const {SortedIndex} = await import('../../../src/elements/kube-resource-list/sorted-index.js');
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
});
