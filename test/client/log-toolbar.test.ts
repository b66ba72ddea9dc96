import {expect} from '@open-wc/testing';
import {render} from 'lit';
import {renderToolbar, type ToolbarActions, type ToolbarState} from '../../src/elements/kube-pod-logs/log-toolbar.js';

const state = (over: Partial<ToolbarState> = {}): ToolbarState => ({
  containers: [],
  container: '',
  follow: true,
  previous: false,
  previousAvailable: false,
  timestamps: '',
  tail: '1000',
  since: '',
  customSince: false,
  wrap: false,
  json: false,
  paused: false,
  waiting: 0,
  severity: '',
  query: '',
  regex: false,
  caseSensitive: false,
  filter: false,
  matchCount: 0,
  currentMatch: -1,
  downloadOpen: false,
  format: (n) => n.toLocaleString('en'),
  ...over,
});

const actions: ToolbarActions = {set() {}, step() {}, toggleDownload() {}, download() {}};

function mount(s: ToolbarState) {
  const host = document.createElement('div');
  document.body.append(host);
  render(renderToolbar(s, actions), host);
  return host;
}

const part = (host: HTMLElement, name: string) => host.querySelector<HTMLElement>(`[part~="${name}"]`)!;

describe('log toolbar', () => {
  afterEach(() => document.body.replaceChildren());

  describe('rendering', () => {
    it('offers "All containers" when the pod has more than one container of any type', () => {
      const withInit = mount(state({containers: [{name: 'migrate', type: 'init'}, {name: 'app', type: 'container'}], container: 'app'}));
      const values = [...(part(withInit, 'container-select') as HTMLSelectElement).options].map((o) => o.value);
      expect(values).to.deep.equal(['migrate', 'app', '*']);
      const withDebugger = mount(state({containers: [{name: 'app', type: 'container'}, {name: 'debugger', type: 'ephemeral'}], container: 'app'}));
      expect([...(part(withDebugger, 'container-select') as HTMLSelectElement).options].map((o) => o.value)).to.include('*');
      const single = mount(state({containers: [{name: 'app', type: 'container'}], container: 'app'}));
      expect([...(part(single, 'container-select') as HTMLSelectElement).options].map((o) => o.value)).to.deep.equal(['app']);
    });
  });

  describe('accessibility', () => {
    it('describes the search input with the match count, and speaks it only through its own status', () => {
      const host = mount(state({query: 'error', matchCount: 120, currentMatch: 2, matchAnnouncement: '3 of 120'}));
      const input = part(host, 'search-input');
      const count = host.querySelector(`#${input.getAttribute('aria-describedby')}`)!;
      expect(count).to.equal(part(host, 'match-count'));
      expect(count.textContent!.trim()).to.equal('3 of 120');
      // The visible count changes as lines stream in: not a live region, or it would speak every line.
      expect(count.hasAttribute('aria-live')).to.equal(false);
      const announcement = part(host, 'match-announcement');
      expect(announcement.getAttribute('role')).to.equal('status');
      expect(announcement.textContent!.trim()).to.equal('3 of 120');
    });
  });
});
