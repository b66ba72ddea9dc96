// <kube-resource-list>: the grid keyboard: roving focus, header row, select-all, and focus with row actions and host-column links. Shared set-up in ./fixtures.ts.
import {expect, html, oneEvent} from '@open-wc/testing';
import {resetMouse, sendKeys, sendMouse} from '@web/test-runner-commands';
import type {KubeSelectionChangeEvent} from '../../../src/elements/kube-resource-list/events.js';
import {until} from '../../support/fake-api.js';
import {cleanups, mount, part, rows, cell, names, rowByName, ready, key} from './fixtures.js';

describe('<kube-resource-list>', () => {
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
});
