// <kube-resource-list>: what a hostile or broken server sends. Shared set-up in ./fixtures.ts.
import {expect, html} from '@open-wc/testing';
import {ResourceListModel} from '../../../src/elements/kube-resource-list/list-model.js';
import type {InformerGroupController} from '../../../src/controllers/informer-group-controller.js';
import {createKubeClient, inMemoryTransport, type TableRow} from '../../../src/client/index.js';
import {createSandbox, type Sandbox} from '../../../src/sandbox/index.js';
import {until} from '../../support/fake-api.js';
import {cleanups, mount, part, rows, cell, names, headers, ready} from './fixtures.js';

describe('<kube-resource-list>', () => {
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
