// <kube-resource-list>: what it draws: server and printer columns, status badges, ages, cluster-scoped kinds, updates in place, windowing. Shared set-up in ./fixtures.ts.
import {expect, html} from '@open-wc/testing';
import {ResourceListModel} from '../../../src/elements/kube-resource-list/list-model.js';
import {createSandbox} from '../../../src/sandbox/index.js';
import {until} from '../../support/fake-api.js';
import {cleanups, mount, part, rows, cell, names, headers, rowByName, ready} from './fixtures.js';

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
});
