// <kube-resource-list>: the events it fires (kube-view-change, kube-select, kube-selection-change) and selection. Shared set-up in ./fixtures.ts.
import {expect, html, oneEvent} from '@open-wc/testing';
import type {KubeSelectEvent, KubeSelectionChangeEvent} from '../../../src/elements/kube-resource-list/events.js';
import {until} from '../../support/fake-api.js';
import {mount, part, rows, cell, names, rowByName, ready, key} from './fixtures.js';

describe('<kube-resource-list>', () => {
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
});
