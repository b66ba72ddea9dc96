// <kube-resource-list>: axe, forced colours and live-region announcements. Shared set-up in ./fixtures.ts.
import {aTimeout, expect, html, oneEvent} from '@open-wc/testing';
import {formatAge, ageMs} from '../../../src/client/index.js';
import {createSandbox} from '../../../src/sandbox/index.js';
import {until} from '../../support/fake-api.js';
import {cleanups, makeClient, mount, part, partText, rows, ready, liveRegions, said, forcedColorRules} from './fixtures.js';

describe('<kube-resource-list>', () => {
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
});
