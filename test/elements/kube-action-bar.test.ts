import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys, setViewport} from '@web/test-runner-commands';
import type {TemplateResult} from 'lit';
import '../../src/define/kube-provider.js';
import '../../src/define/kube-action-bar.js';
import '../../src/define/kube-resource-list.js';
import type {KubeActionBar} from '../../src/elements/kube-action-bar/kube-action-bar.js';
import type {KubeActionEvent, KubeEditYamlEvent} from '../../src/elements/kube-action-bar/events.js';
import type {KubeActionDefinition} from '../../src/elements/kube-action-bar/actions.js';
import {ToolbarFocus} from '../../src/elements/kube-action-bar/toolbar-focus.js';
import {KubeSelectionChangeEvent} from '../../src/elements/kube-resource-list/events.js';
import type {KubeOpenLogsEvent} from '../../src/events/open-logs-event.js';
import {createKubeClient, inMemoryTransport, type KubeClient, type KubeObject, type ObjectReference} from '../../src/client/index.js';
import {createSandbox, type Sandbox} from '../../src/sandbox/index.js';
import {until} from '../support/fake-api.js';

const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function makeClient(sandbox: Sandbox, token: string) {
  const client = createKubeClient({transport: inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => token}), informers: {graceMs: 50}});
  cleanups.push(() => client.dispose());
  return client;
}

interface Mounted {
  el: KubeActionBar;
  bars: KubeActionBar[];
  sandbox: Sandbox;
  client: KubeClient;
  provider: HTMLElement;
}

async function mount(content: TemplateResult, options: {token?: string; sandbox?: Sandbox; client?: KubeClient} = {}): Promise<Mounted> {
  const sandbox = options.sandbox ?? createSandbox({seed: 1, clusters: 1});
  if (!options.sandbox) cleanups.push(() => sandbox.dispose());
  const client = options.client ?? makeClient(sandbox, options.token ?? 'sandbox-admin');
  const provider = await fixture<HTMLElement>(html`<kube-provider .client=${client} cluster="sandbox">${content}</kube-provider>`);
  const bars = [...provider.querySelectorAll<KubeActionBar>('kube-action-bar')];
  return {el: bars[0]!, bars, sandbox, client, provider};
}

const cluster = (sandbox: Sandbox) => sandbox.clusters.get('sandbox')!;
const ready = (el: KubeActionBar) => until(() => el.hasState('ready') && !el.hasState('loading'), 'permissions checked');
const buttons = (el: KubeActionBar) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="action"]')];
const button = (el: KubeActionBar, id: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${id}"]`);
const ids = (el: KubeActionBar) => buttons(el).map((b) => b.dataset['action']);
const enabled = (el: KubeActionBar) => buttons(el).filter((b) => b.getAttribute('aria-disabled') === 'false').map((b) => b.dataset['action']);
const disabled = (el: KubeActionBar) => buttons(el).filter((b) => b.getAttribute('aria-disabled') === 'true').map((b) => b.dataset['action']);
/** Text as read: without the isolates put around names (U+2068, U+2069). */
const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u2068\u2069]/g, '');
const reason = (el: KubeActionBar, id: string) => {
  const describedBy = button(el, id)!.getAttribute('aria-describedby');
  return describedBy ? plain(el.shadowRoot!.getElementById(describedBy)!.textContent).trim() : undefined;
};
const part = (el: KubeActionBar, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const dialog = (el: KubeActionBar) => el.shadowRoot!.querySelector('dialog')!;
/** The result's summary and, after the live regions, its list. */
const result = (el: KubeActionBar) => plain(`${part(el, 'result')?.textContent ?? ''} ${part(el, 'result-list')?.textContent ?? ''}`).replace(/\s+/g, ' ').trim();
/** The live region around the result: status or alert. */
const region = (el: KubeActionBar) => part(el, 'result')!.parentElement!.getAttribute('role');

async function confirm(el: KubeActionBar, values: {input?: string; name?: string} = {}) {
  await until(() => dialog(el).open, 'the dialog');
  const d = dialog(el);
  if (values.input !== undefined) d.querySelector<HTMLInputElement>('#input')!.value = values.input;
  if (values.name !== undefined) d.querySelector<HTMLInputElement>('#confirm-name')!.value = values.name;
  d.querySelector<HTMLButtonElement>('[part~="confirm"]')!.click();
  await el.updateComplete;
}

async function podNames(client: KubeClient, namespace: string, app: string) {
  const pods = await client.list('sandbox', 'pods', {namespace, labelSelector: `app=${app}`});
  return pods.items.map((p) => p.metadata.name!);
}

function ref(kind: string, apiVersion: string, namespace: string | undefined, name: string): ObjectReference {
  return {cluster: 'sandbox', apiVersion, kind, ...(namespace ? {namespace} : {}), name};
}

const DEPLOYMENT_ACTIONS = ['logs', 'scale', 'restart', 'rollback', 'labels', 'annotations', 'edit-yaml', 'delete'];
const MUTATING = ['scale', 'restart', 'rollback', 'labels', 'annotations', 'edit-yaml', 'delete'];

describe('<kube-action-bar>', () => {
  describe('rendering', () => {
    it('sandbox-admin sees every action of a deployment enabled', async () => {
      const {el} = await mount(html`<kube-action-bar kind="deployments" namespace="team-a" name="web"></kube-action-bar>`);
      await ready(el);
      expect(ids(el)).to.deep.equal(DEPLOYMENT_ACTIONS);
      expect(disabled(el)).to.deep.equal([]);
      expect(part(el, 'toolbar')!.getAttribute('role')).to.equal('toolbar');
      await expect(el).to.be.accessible();
    });

    it('sandbox-developer may delete and scale in team-a', async () => {
      const {el} = await mount(html`<kube-action-bar kind="Deployment" namespace="team-a" name="web"></kube-action-bar>`, {token: 'sandbox-developer'});
      await ready(el);
      expect(enabled(el)).to.include.members(['delete', 'scale', 'restart']);
      expect(disabled(el)).to.deep.equal([]);
    });

    it('sandbox-developer sees delete and scale disabled in team-b, with the reason in plain words', async () => {
      const {el} = await mount(html`<kube-action-bar kind="deployments" namespace="team-b" name="catalog"></kube-action-bar>`, {token: 'sandbox-developer'});
      await ready(el);
      expect(disabled(el)).to.deep.equal(MUTATING);
      expect(enabled(el)).to.deep.equal(['logs'], 'view grants pods/log');
      expect(reason(el, 'delete')).to.equal("You can't delete deployments in namespace team-b: your account lacks the 'delete' permission there.");
      expect(reason(el, 'scale')).to.equal("You can't update deployments/scale in namespace team-b: your account lacks the 'update' permission there.");
      const deleteButton = button(el, 'delete')!;
      expect(deleteButton.disabled, 'still focusable').to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('sandbox-viewer sees every change disabled', async () => {
      const {el} = await mount(html`<kube-action-bar kind="deployments" namespace="team-a" name="web"></kube-action-bar>`, {token: 'sandbox-viewer'});
      await ready(el);
      expect(disabled(el)).to.deep.equal(MUTATING);
      expect(reason(el, 'restart')).to.equal("You can't patch deployments in namespace team-a: your account lacks the 'patch' permission there.");
      await expect(el).to.be.accessible();
    });

    it('offers the actions of each kind: pods, nodes, cronjobs, a custom resource with scale, configmaps', async () => {
      const {bars} = await mount(html`
        <kube-action-bar kind="pods" namespace="team-a" name="any"></kube-action-bar>
        <kube-action-bar kind="nodes" name="sandbox-worker"></kube-action-bar>
        <kube-action-bar kind="cronjobs" namespace="team-a" name="nightly-report"></kube-action-bar>
        <kube-action-bar kind="db" namespace="team-a" name="orders-db"></kube-action-bar>
        <kube-action-bar kind="configmaps" namespace="team-a" name="app-config"></kube-action-bar>
      `);
      for (const bar of bars) await ready(bar);
      expect(ids(bars[0]!)).to.deep.equal(['logs', 'labels', 'annotations', 'edit-yaml', 'force-delete', 'delete']);
      expect(ids(bars[1]!), 'a schedulable node offers Cordon, not Uncordon').to.deep.equal(['cordon', 'drain', 'labels', 'annotations', 'edit-yaml', 'delete']);
      expect(ids(bars[2]!), 'a running cronjob offers Suspend, not Resume').to.deep.equal(['suspend', 'run-now', 'labels', 'annotations', 'edit-yaml', 'delete']);
      expect(ids(bars[3]!)).to.deep.equal(['scale', 'labels', 'annotations', 'edit-yaml', 'delete']);
      expect(ids(bars[4]!)).to.deep.equal(['labels', 'annotations', 'edit-yaml', 'delete']);
    });

    it('says when there is nothing to act on, and when there is no provider', async () => {
      const {el} = await mount(html`<kube-action-bar kind="pods" namespace="team-a"></kube-action-bar>`);
      expect(el.hasState('empty')).to.equal(true);
      expect(part(el, 'message')!.textContent).to.contain('No object');
      const lonely = await fixture<KubeActionBar>(html`<kube-action-bar kind="pods" name="x"></kube-action-bar>`);
      expect(lonely.hasState('no-client')).to.equal(true);
      await expect(lonely).to.be.accessible();
    });
  });

  describe('properties', () => {
    it('denied="hide" leaves denied actions out, and says so when none is left', async () => {
      const {bars} = await mount(html`<kube-action-bar denied="hide" kind="deployments" namespace="team-b" name="catalog"></kube-action-bar><kube-action-bar denied="hide" kind="configmaps" namespace="team-b" name="shop-config"></kube-action-bar>`, {token: 'sandbox-developer'});
      const [el, none] = bars as [KubeActionBar, KubeActionBar];
      await ready(el);
      expect(ids(el)).to.deep.equal(['logs']);
      await ready(none);
      expect(ids(none)).to.deep.equal([]);
      expect(part(none, 'toolbar')).to.equal(null);
      expect(part(none, 'message')!.textContent).to.equal('No actions available.');
      await expect(none).to.be.accessible();
    });

    it('checks every object of a selection and counts the permitted ones', async () => {
      const {el} = await mount(html`<kube-action-bar></kube-action-bar>`, {token: 'sandbox-developer'});
      el.targets = [ref('Deployment', 'apps/v1', 'team-a', 'web'), ref('Deployment', 'apps/v1', 'team-a', 'api'), ref('Deployment', 'apps/v1', 'team-b', 'catalog')];
      await ready(el);
      expect(button(el, 'delete')!.textContent!.replace(/\s+/g, ' ').trim()).to.contain('Delete (2 of 3)');
      expect(button(el, 'delete')!.getAttribute('aria-disabled')).to.equal('false');
      expect(reason(el, 'delete')).to.contain('Applies to 2 of 3 selected.');
      expect(ids(el)).not.to.include.members(['logs', 'rollback', 'edit-yaml']);
    });

    it('follows the selection of the <kube-resource-list> named by for', async () => {
      const {el, provider} = await mount(html`
        <kube-action-bar for="pods"></kube-action-bar>
        <kube-resource-list id="pods" kind="pods" namespace="team-a" selectable="multi"></kube-resource-list>
      `);
      expect(el.hasState('empty')).to.equal(true);
      expect(part(el, 'message')!.textContent).to.contain('Select objects');
      const list = provider.querySelector('kube-resource-list')!;
      list.dispatchEvent(new KubeSelectionChangeEvent([ref('Pod', 'v1', 'team-a', 'one'), ref('Pod', 'v1', 'team-a', 'two')]));
      await ready(el);
      expect(ids(el)).to.deep.equal(['labels', 'annotations', 'force-delete', 'delete']);
      list.dispatchEvent(new KubeSelectionChangeEvent([]));
      await until(() => el.hasState('empty'), 'empty again');
    });

    it('follows a list that is added after the bar connected', async () => {
      const {el, provider} = await mount(html`<kube-action-bar for="later"></kube-action-bar>`);
      expect(el.hasState('empty')).to.equal(true);
      const list = document.createElement('div');
      list.id = 'later';
      provider.append(list);
      list.dispatchEvent(new KubeSelectionChangeEvent([ref('Pod', 'v1', 'team-a', 'one')]));
      await ready(el);
      expect(ids(el)).to.include('delete');
      const stranger = document.createElement('div');
      stranger.id = 'other';
      provider.append(stranger);
      stranger.dispatchEvent(new KubeSelectionChangeEvent([]));
      await el.updateComplete;
      expect(el.hasState('empty'), 'another list\'s selection is not followed').to.equal(false);
    });

    it('set to undefined by a framework, actions and exclude read as none', async () => {
      const {el} = await mount(html`<kube-action-bar kind="deployments" namespace="team-a" name="web"></kube-action-bar>`);
      el.exclude = ['logs'];
      await ready(el);
      expect(ids(el)).not.to.include('logs');
      // React passes actions={undefined} and exclude={undefined} as properties.
      const loose = el as unknown as Record<string, unknown>;
      loose['actions'] = undefined;
      loose['exclude'] = undefined;
      await el.updateComplete;
      await ready(el);
      expect(ids(el)).to.deep.equal(DEPLOYMENT_ACTIONS);
    });

    it('acts on nothing once the list it follows stops being selectable', async () => {
      const {el, provider} = await mount(html`
        <kube-action-bar for="pods"></kube-action-bar>
        <kube-resource-list id="pods" kind="pods" namespace="team-a" selectable="multi"></kube-resource-list>
      `);
      const list = provider.querySelector('kube-resource-list')!;
      await until(() => !!list.shadowRoot!.querySelector('[role="columnheader"] input[part~="select"]') && list.rowCount > 1, 'the rows');
      list.shadowRoot!.querySelector<HTMLInputElement>('[role="columnheader"] input[part~="select"]')!.click();
      await ready(el);
      expect(enabled(el)).to.include('delete');
      list.removeAttribute('selectable');
      await until(() => el.hasState('empty'), 'no selection to act on');
      expect(part(el, 'message')!.textContent).to.contain('Select objects');
      expect(buttons(el)).to.have.length(0);
    });

    it('actions adds host actions, exclude leaves built-in ones out', async () => {
      const {el} = await mount(html`<kube-action-bar kind="configmaps" namespace="team-a" name="app-config"></kube-action-bar>`);
      el.exclude = ['edit-yaml', 'annotations'];
      el.actions = [{id: 'export', label: () => 'Export', icon: '⇪', permissions: [{verb: 'get'}], handler: () => undefined}];
      await ready(el);
      await until(() => ids(el).includes('export'), 'the host action');
      expect(ids(el)).to.deep.equal(['labels', 'delete', 'export']);
      expect(button(el, 'export')!.textContent).to.contain('Export');
    });

    it('refuses a namespaced kind without a namespace instead of acting cluster-wide, unless the provider has exactly one', async () => {
      const sandbox = createSandbox({seed: 1, clusters: 1});
      cleanups.push(() => sandbox.dispose());
      const client = makeClient(sandbox, 'sandbox-admin');
      await client.resolve('sandbox', 'deployments');
      cluster(sandbox).stats.reset();
      const {el} = await mount(html`<kube-action-bar kind="deployments" name="web"></kube-action-bar>`, {sandbox, client});
      await until(() => el.hasState('error'), 'refused');
      expect(part(el, 'message')!.getAttribute('role')).to.equal('alert');
      expect(plain(part(el, 'message')!.textContent)).to.equal('Deployment web lives in a namespace, but none is set: give the bar a namespace, or its provider exactly one.');
      expect(cluster(sandbox).stats.count('POST', SSAR), 'nothing asked cluster-wide').to.equal(0);
      await expect(el).to.be.accessible();
      const single = await fixture<HTMLElement>(html`<kube-provider .client=${client} cluster="sandbox" namespace="team-a"><kube-action-bar kind="deployments" name="web"></kube-action-bar><kube-action-bar></kube-action-bar></kube-provider>`);
      const [named, selection] = [...single.querySelectorAll<KubeActionBar>('kube-action-bar')];
      selection!.targets = [{cluster: 'sandbox', apiVersion: 'apps/v1', kind: 'Deployment', name: 'api'}];
      await ready(named!);
      await ready(selection!);
      expect(enabled(named!)).to.include('delete');
      expect(enabled(selection!)).to.include('delete');
    });

    it('asks again when the identity changes', async () => {
      const {el, sandbox, provider} = await mount(html`<kube-action-bar kind="deployments" namespace="team-b" name="catalog"></kube-action-bar>`);
      await ready(el);
      expect(disabled(el)).to.deep.equal([]);
      (provider as HTMLElement & {client: KubeClient}).client = makeClient(sandbox, 'sandbox-developer');
      await until(() => disabled(el).length === MUTATING.length && el.hasState('ready') && !el.hasState('loading'), 'the developer denied');
      expect(reason(el, 'delete')).to.contain("You can't delete deployments in namespace team-b");
    });

    it('says so when permissions cannot be checked, and offers nothing it could not check', async () => {
      const sandbox = createSandbox({seed: 1, clusters: 1});
      cleanups.push(() => sandbox.dispose());
      cluster(sandbox).failNext('selfsubjectaccessreviews', 500, 100);
      const {el} = await mount(html`<kube-action-bar kind="configmaps" namespace="team-a" name="app-config"></kube-action-bar>`, {sandbox});
      await until(() => el.hasState('ready'), 'checked');
      expect(disabled(el)).to.deep.equal(['labels', 'annotations', 'edit-yaml', 'delete']);
      expect(reason(el, 'delete')).to.match(/^Your permissions could not be checked: .*\(HTTP 500\)$/);
      await expect(el).to.be.accessible();
    });

    it('gates and reports host actions like built-in ones', async () => {
      const calls: string[] = [];
      const report: KubeActionDefinition = {
        id: 'report',
        label: 'Report',
        kinds: ['Deployment'],
        permissions: [{verb: 'create', resource: {group: 'batch', resource: 'jobs'}, scope: 'namespace'}],
        handler: ({target}) => calls.push(target.name),
      };
      const {el} = await mount(html`<kube-action-bar></kube-action-bar>`, {token: 'sandbox-developer'});
      el.registerAction(report);
      el.targets = [ref('Deployment', 'apps/v1', 'team-a', 'web'), ref('Deployment', 'apps/v1', 'team-b', 'catalog')];
      await ready(el);
      expect(button(el, 'report')!.textContent).to.contain('(1 of 2)');
      setTimeout(() => button(el, 'report')!.click());
      let event = await oneEvent(el, 'kube-action');
      expect(event.detail.phase).to.equal('before');
      event = await oneEvent(el, 'kube-action');
      expect(event.detail.phase).to.equal('success');
      expect(calls).to.deep.equal(['web']);
      expect(event.detail.skipped.map((r: ObjectReference) => r.name)).to.deep.equal(['catalog']);
    });
  });

  describe('events and results', () => {
    it('scales through the dialog and reports success', async () => {
      const {el, client} = await mount(html`<kube-action-bar kind="deployments" namespace="team-a" name="api"></kube-action-bar>`);
      await ready(el);
      button(el, 'scale')!.click();
      await until(() => dialog(el).querySelector<HTMLInputElement>('#input')?.value === '2', 'the current replicas in the field');
      const events: KubeActionEvent[] = [];
      el.addEventListener('kube-action', (e) => events.push(e));
      await confirm(el, {input: '5'});
      await until(() => events.length === 2, 'before and success');
      expect(events.map((e) => e.detail.phase)).to.deep.equal(['before', 'success']);
      expect(events[0]!.cancelable).to.equal(true);
      expect(events[1]!.detail.input).to.equal(5);
      expect((await client.getScale('sandbox', 'deployments', {namespace: 'team-a', name: 'api'})).spec!.replicas).to.equal(5);
      expect(result(el)).to.equal('Scale: done.');
      expect(region(el)).to.equal('status');
    });

    it('input it cannot use keeps the dialog open with the reason, and sends nothing', async () => {
      const {el, sandbox} = await mount(html`<kube-action-bar kind="deployments" namespace="team-a" name="web"></kube-action-bar>`);
      await ready(el);
      button(el, 'labels')!.click();
      await confirm(el, {input: 'tier=web\nnot a label'});
      expect(dialog(el).open).to.equal(true);
      const error = part(el, 'dialog-error')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(error.textContent).to.contain('not a label');
      expect(dialog(el).querySelector<HTMLTextAreaElement>('#input')!.value, 'what was typed is kept').to.equal('tier=web\nnot a label');
      await confirm(el, {input: 'tier=web\nold-'});
      await until(() => result(el) === 'Edit labels: done.', 'labelled');
      expect(cluster(sandbox).stats.count('PATCH', '/apis/apps/v1/namespaces/team-a/deployments/web')).to.equal(1);
    });

    it('a cancelled before event sends nothing', async () => {
      const {el, sandbox} = await mount(html`<kube-action-bar kind="configmaps" namespace="team-a" name="app-config" undo-ms="0"></kube-action-bar>`);
      await ready(el);
      el.addEventListener('kube-action', (e) => e.detail.phase === 'before' && e.preventDefault());
      button(el, 'delete')!.click();
      await confirm(el);
      await until(() => result(el) !== '', 'an outcome');
      expect(result(el)).to.contain('stopped by the page');
      expect(cluster(sandbox).stats.count('DELETE', '/api/v1/namespaces/team-a/configmaps/app-config')).to.equal(0);
    });

    it('undo within the window sends no request', async () => {
      const {el, sandbox, client} = await mount(html`<kube-action-bar kind="configmaps" namespace="team-a" name="app-config" undo-ms="2000"></kube-action-bar>`);
      await ready(el);
      button(el, 'delete')!.click();
      await confirm(el);
      expect(el.hasState('pending-undo')).to.equal(true);
      const toast = part(el, 'undo')!;
      expect(toast.parentElement!.getAttribute('role')).to.equal('status');
      expect(toast.textContent).to.contain('app-config');
      await expect(el).to.be.accessible();
      part(el, 'undo-button')!.click();
      // Past the end of the window: had undo not cancelled it, the DELETE would have gone by now.
      await new Promise((resolve) => setTimeout(resolve, 2300));
      expect(cluster(sandbox).stats.count('DELETE', '/api/v1/namespaces/team-a/configmaps/app-config')).to.equal(0);
      expect((await client.get('sandbox', 'configmaps', {namespace: 'team-a', name: 'app-config'})).metadata.name).to.equal('app-config');
      expect(result(el)).to.contain('cancelled; nothing was sent');
    });

    it('the undo window focuses Undo, pauses while it is pointed at, then acts and hands focus back to the action', async () => {
      const {el, sandbox} = await mount(html`<kube-action-bar kind="configmaps" namespace="team-a" name="app-config" undo-ms="500"></kube-action-bar>`);
      await ready(el);
      button(el, 'delete')!.click();
      await confirm(el);
      await until(() => el.shadowRoot!.activeElement === part(el, 'undo-button'), 'focus on Undo');
      part(el, 'undo-button')!.dispatchEvent(new MouseEvent('mouseenter'));
      // Well past the window: had the pointer not paused it, the DELETE would have gone.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(cluster(sandbox).stats.count('DELETE', '/api/v1/namespaces/team-a/configmaps/app-config')).to.equal(0);
      expect(el.hasState('pending-undo')).to.equal(true);
      part(el, 'undo-button')!.dispatchEvent(new MouseEvent('mouseleave'));
      await until(() => result(el) === 'Delete: done.', 'deleted once resumed');
      expect(cluster(sandbox).stats.count('DELETE', '/api/v1/namespaces/team-a/configmaps/app-config')).to.equal(1);
      expect(el.shadowRoot!.activeElement, 'focus back on the action').to.equal(button(el, 'delete'));
    });

    it('keeps focus in the bar when a delete empties the selection of the list it follows and the toolbar gives way', async () => {
      const {el, provider, client} = await mount(html`
        <kube-action-bar for="maps" undo-ms="200"></kube-action-bar>
        <kube-resource-list id="maps" kind="configmaps" namespace="team-a" selectable="multi"></kube-resource-list>
      `);
      await client.create('sandbox', {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'doomed', namespace: 'team-a'}});
      const list = provider.querySelector('kube-resource-list')!;
      const checkbox = () => [...list.shadowRoot!.querySelectorAll('[part~="row"]')].find((row) => row.textContent!.includes('doomed'))?.querySelector<HTMLInputElement>('input[part~="select"]');
      await until(() => !!checkbox(), 'the row');
      checkbox()!.click();
      await ready(el);
      const remove = button(el, 'delete')!;
      remove.focus();
      remove.click();
      await confirm(el);
      await until(() => el.shadowRoot!.activeElement === part(el, 'undo-button'), 'focus on Undo');
      await until(() => result(el) === 'Delete: done.' && el.hasState('empty'), 'deleted, and nothing selected any more');
      expect(part(el, 'toolbar')).to.equal(null);
      expect(document.activeElement, 'not the page').to.equal(el);
      expect(el.shadowRoot!.activeElement, 'the message in place of the toolbar').to.equal(part(el, 'message'));
      expect(part(el, 'message')!.textContent).to.contain('Select objects');
    });

    it('leaving the page during the undo window sends nothing', async () => {
      const {el, sandbox} = await mount(html`<kube-action-bar kind="configmaps" namespace="team-a" name="app-config" undo-ms="200"></kube-action-bar>`);
      await ready(el);
      button(el, 'delete')!.click();
      await confirm(el);
      expect(el.hasState('pending-undo')).to.equal(true);
      el.remove();
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(cluster(sandbox).stats.count('DELETE', '/api/v1/namespaces/team-a/configmaps/app-config')).to.equal(0);
    });

    it('removing the bar during a bulk delete lets it finish and still reports it on the bar', async () => {
      const {el, client, sandbox} = await mount(html`<kube-action-bar undo-ms="0"></kube-action-bar>`);
      const names = Array.from({length: 10}, (_, i) => `doomed-${i}`);
      for (const name of names) await client.create('sandbox', {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: 'team-a'}});
      el.targets = names.map((name) => ref('ConfigMap', 'v1', 'team-a', name));
      await ready(el);
      const events: KubeActionEvent[] = [];
      el.addEventListener('kube-action', (e) => events.push(e));
      button(el, 'delete')!.click();
      await confirm(el);
      expect(events.map((e) => e.detail.phase)).to.deep.equal(['before']);
      el.remove();
      await until(() => events.length === 2, 'the outcome, though the bar left the page');
      expect(events[1]!.detail.phase).to.equal('success');
      expect(events[1]!.detail.results.length).to.equal(10);
      for (const name of names) expect(cluster(sandbox).stats.count('DELETE', `/api/v1/namespaces/team-a/configmaps/${name}`), name).to.equal(1);
      const left = (await client.list('sandbox', 'configmaps', {namespace: 'team-a'})).items.filter((c) => c.metadata.name!.startsWith('doomed-'));
      expect(left).to.deep.equal([]);
    });

    it('without undo, the request is sent once the window passes', async () => {
      const {el, sandbox} = await mount(html`<kube-action-bar kind="configmaps" namespace="team-a" name="app-config" undo-ms="50"></kube-action-bar>`);
      await ready(el);
      button(el, 'delete')!.click();
      await confirm(el);
      await until(() => result(el) === 'Delete: done.', 'deleted');
      expect(cluster(sandbox).stats.count('DELETE', '/api/v1/namespaces/team-a/configmaps/app-config')).to.equal(1);
    });

    it('removing undo-ms, an undo-ms that is no number, or undoMs set to undefined keeps the default undo window', async () => {
      const {el, sandbox} = await mount(html`<kube-action-bar kind="configmaps" namespace="team-a" name="app-config" undo-ms="0"></kube-action-bar>`);
      const deletes = () => cluster(sandbox).stats.count('DELETE', '/api/v1/namespaces/team-a/configmaps/app-config');
      el.removeAttribute('undo-ms');
      expect(el.undoMs).to.equal(5000);
      el.setAttribute('undo-ms', 'abc');
      expect(el.undoMs).to.equal(5000);
      el.setAttribute('undo-ms', '-1');
      expect(el.undoMs).to.equal(5000);
      await ready(el);
      const deleteAndUndo = async (why: string) => {
        button(el, 'delete')!.click();
        await confirm(el);
        expect(el.hasState('pending-undo'), why).to.equal(true);
        expect(part(el, 'undo')!.querySelector('.visually-hidden')!.textContent, why).to.contain('in 5 s.');
        part(el, 'undo-button')!.click();
        await el.updateComplete;
        expect(deletes(), why).to.equal(0);
      };
      await deleteAndUndo('attribute removed');
      // React passes undoMs={undefined} as a property.
      el.undoMs = undefined as unknown as number;
      await el.updateComplete;
      await deleteAndUndo('property set to undefined');
      el.undoMs = NaN;
      await el.updateComplete;
      await deleteAndUndo('property set to NaN');
    });

    it('a bulk delete with forbidden objects acts on the permitted ones and lists what failed and why', async () => {
      const {el, sandbox, client} = await mount(html`<kube-action-bar undo-ms="0"></kube-action-bar>`, {token: 'sandbox-developer'});
      const web = await podNames(client, 'team-a', 'web');
      const catalog = await podNames(client, 'team-b', 'catalog');
      el.targets = [...web.slice(0, 3).map((name) => ref('Pod', 'v1', 'team-a', name)), ref('Pod', 'v1', 'team-b', catalog[0]!)];
      await ready(el);
      expect(button(el, 'delete')!.textContent).to.contain('(3 of 4)');
      // The server refuses one the access review allowed (e.g. an admission webhook): a partial failure.
      cluster(sandbox).failNext(`/api/v1/namespaces/team-a/pods/${web[1]}`, 403);
      const events: KubeActionEvent[] = [];
      el.addEventListener('kube-action', (e) => events.push(e));
      button(el, 'delete')!.click();
      await confirm(el);
      await until(() => events.length === 2, 'the outcome');
      const outcome = events[1]!.detail;
      expect(outcome.phase).to.equal('error');
      expect(outcome.targets.map((r) => r.name)).to.deep.equal(web.slice(0, 3));
      expect(outcome.skipped.map((r) => r.name)).to.deep.equal([catalog[0]]);
      expect(outcome.failures.map((f) => f.reference.name)).to.deep.equal([web[1]]);
      expect(outcome.results.length).to.equal(2);
      expect(region(el)).to.equal('alert');
      expect(part(el, 'alert')!.textContent!.trim(), 'only the summary is announced').to.equal('Delete failed for 1 of 3 objects:');
      expect(part(el, 'result-list')!.closest('[role]'), 'the list is outside the live regions').to.equal(null);
      expect(result(el)).to.contain('Delete failed for 1 of 3 objects');
      expect(result(el)).to.contain(`team-a/${web[1]}`);
      expect(result(el)).to.contain('(HTTP 403)');
      expect(result(el)).to.contain('Not attempted on 1 you may not change.');
      expect(cluster(sandbox).stats.count('DELETE', `/api/v1/namespaces/team-b/pods/${catalog[0]}`)).to.equal(0);
      await expect(el).to.be.accessible();
    });

    it('shows the server Status message when an action fails', async () => {
      const {el} = await mount(html`<kube-action-bar kind="pods" namespace="team-a" name="no-such-pod" undo-ms="0"></kube-action-bar>`);
      await ready(el);
      button(el, 'delete')!.click();
      await confirm(el);
      await until(() => result(el) !== '', 'the outcome');
      expect(result(el)).to.equal('Delete failed. team-a/no-such-pod: pods "no-such-pod" not found (HTTP 404)');
    });

    it('drain confirms by typing the node name, cordons first, stops while a pod needs an option, and reports what a PodDisruptionBudget kept and what it left on purpose', async () => {
      const {el, client, sandbox} = await mount(html`<kube-action-bar kind="nodes" name="drain-me" undo-ms="0"></kube-action-bar>`);
      // Schedulable, so only drain can cordon it; the control-plane label and taint keep the scheduler's pods off it.
      const controlPlane = 'node-role.kubernetes.io/control-plane';
      await client.create('sandbox', {apiVersion: 'v1', kind: 'Node', metadata: {name: 'drain-me', labels: {[controlPlane]: ''}}, spec: {taints: [{key: controlPlane, effect: 'NoSchedule'}]}});
      const pod = (name: string, app: string, extra: {annotations?: Record<string, string>; emptyDir?: boolean} = {}): KubeObject => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {name, namespace: 'team-a', labels: {app}, ...(extra.annotations ? {annotations: extra.annotations} : {})},
        spec: {nodeName: 'drain-me', containers: [{name: 'c', image: 'nginx'}], ...(extra.emptyDir ? {volumes: [{name: 'scratch', emptyDir: {}}]} : {})},
      });
      for (const name of ['kept-0', 'kept-1']) await client.create('sandbox', pod(name, 'kept'));
      await client.create('sandbox', pod('free', 'free'));
      await client.create('sandbox', pod('scratch', 'scratch', {emptyDir: true}));
      await client.create('sandbox', pod('static-web', 'static', {annotations: {'kubernetes.io/config.mirror': 'abc'}}));
      await client.create('sandbox', {apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: {name: 'kept', namespace: 'team-a'}, spec: {minAvailable: 2, selector: {matchLabels: {app: 'kept'}}}});
      sandbox.step(60_000);
      await ready(el);
      expect(ids(el), 'schedulable: Cordon, not Uncordon').to.include('cordon');
      button(el, 'drain')!.click();
      await until(() => dialog(el).open, 'the dialog');
      const force = dialog(el).querySelector<HTMLInputElement>('#drain-force')!;
      const emptyDir = dialog(el).querySelector<HTMLInputElement>('#drain-emptydir')!;
      expect([force.checked, emptyDir.checked], 'both unchecked by default').to.deep.equal([false, false]);
      await expect(el).to.be.accessible();
      await confirm(el, {name: 'drain'});
      expect(dialog(el).open, 'a wrong name keeps the dialog open').to.equal(true);
      expect(part(el, 'dialog-error')!.textContent).to.contain('drain-me');
      force.checked = true;
      await confirm(el, {name: 'drain-me'});
      await until(() => result(el) !== '', 'the drain report');
      // As kubectl: the emptyDir pod needs its option, so nothing is evicted yet.
      expect(result(el)).to.contain('Drain stopped before evicting anything; drain-me stays cordoned.');
      expect(result(el)).to.contain('team-a/scratch: its emptyDir data would be deleted — "Pods with emptyDir volumes".');
      expect(result(el)).not.to.contain('team-a/kept-0');
      const stayed = (await client.list('sandbox', 'pods', {namespace: 'team-a', fieldSelector: 'spec.nodeName=drain-me'})).items.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort();
      expect(stayed, 'nothing evicted').to.deep.equal(['free', 'kept-0', 'kept-1', 'scratch', 'static-web']);
      await expect(el).to.be.accessible();

      button(el, 'drain')!.click();
      await until(() => dialog(el).open, 'the dialog again');
      dialog(el).querySelector<HTMLInputElement>('#drain-force')!.checked = true;
      dialog(el).querySelector<HTMLInputElement>('#drain-emptydir')!.checked = true;
      await confirm(el, {name: 'drain-me'});
      await until(() => result(el).includes('Drain failed.'), 'the second drain report');
      expect(result(el)).to.contain('team-a/kept-0 was not evicted: The disruption budget kept needs 2 healthy pods');
      expect(result(el)).to.contain('team-a/kept-1 was not evicted');
      expect(result(el)).not.to.contain('team-a/free');
      expect(result(el)).not.to.contain('team-a/scratch');
      expect(result(el)).to.contain('team-a/static-web was left: it is a static pod');
      const names = (await client.list('sandbox', 'pods', {namespace: 'team-a', fieldSelector: 'spec.nodeName=drain-me'})).items.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort();
      expect(names, 'free and scratch evicted, the budget kept its two, the static pod stays').to.deep.equal(['kept-0', 'kept-1', 'static-web']);
      expect((await client.get<KubeObject<{unschedulable?: boolean}>>('sandbox', 'nodes', {name: 'drain-me'})).spec?.unschedulable, 'drain cordons first').to.equal(true);
    });

    it('rollback restores the previous template', async () => {
      const {el, client, sandbox} = await mount(html`<kube-action-bar kind="deployments" namespace="team-a" name="api" undo-ms="0"></kube-action-bar>`);
      type Deployment = KubeObject<{template: {spec: {containers: Array<{image: string}>}}}>;
      const image = async () => (await client.get<Deployment>('sandbox', 'deployments', {namespace: 'team-a', name: 'api'})).spec!.template.spec.containers[0]!.image;
      const before = await image();
      await client.patch('sandbox', 'deployments', {namespace: 'team-a', name: 'api'}, {spec: {template: {spec: {containers: [{name: 'api', image: 'ghcr.io/kube-elements/demo-api:9.9.9'}]}}}}, {type: 'strategic'});
      sandbox.step(30_000);
      expect(await image()).to.equal('ghcr.io/kube-elements/demo-api:9.9.9');
      await ready(el);
      button(el, 'rollback')!.click();
      await until(() => dialog(el).querySelector('select#input') !== null, 'the revisions');
      const options = [...dialog(el).querySelectorAll('option')].map((o) => o.textContent!.trim());
      // Image names are isolated (U+2068 … U+2069): a name with a direction override can't reorder the sentence.
      expect(options).to.deep.equal([`Revision 1 (\u2068${before}\u2069, \u2068envoyproxy/envoy:v1.31.2\u2069)`]);
      expect(dialog(el).textContent).to.contain('Now at revision 2 (\u2068ghcr.io/kube-elements/demo-api:9.9.9\u2069, \u2068envoyproxy/envoy:v1.31.2\u2069).');
      await confirm(el, {input: '1'});
      await until(() => result(el) !== '', 'the outcome');
      expect(result(el)).to.equal('Roll back: done.');
      expect(await image()).to.equal(before);
    });

    it('suspending a cronjob turns Suspend into Resume; a selection offers both', async () => {
      const {el, client} = await mount(html`<kube-action-bar kind="cronjobs" namespace="team-a" name="nightly-report"></kube-action-bar>`);
      await ready(el);
      button(el, 'suspend')!.click();
      await until(() => button(el, 'resume') !== null && button(el, 'suspend') === null, 'Resume offered instead');
      expect(result(el)).to.equal('Suspend: done.');
      expect((await client.get<KubeObject<{suspend?: boolean}>>('sandbox', 'cronjobs', {namespace: 'team-a', name: 'nightly-report'})).spec?.suspend).to.equal(true);
      el.targets = [ref('CronJob', 'batch/v1', 'team-a', 'nightly-report'), ref('CronJob', 'batch/v1', 'team-a', 'other')];
      await until(() => button(el, 'suspend') !== null && button(el, 'resume') !== null, 'both for a selection');
    });

    it('Logs and Edit YAML fire their events', async () => {
      const {el} = await mount(html`<kube-action-bar kind="pods" namespace="team-a" name="p"></kube-action-bar>`);
      await ready(el);
      setTimeout(() => button(el, 'logs')!.click());
      const logs = (await oneEvent(el, 'kube-open-logs')) as KubeOpenLogsEvent;
      expect(logs.reference).to.deep.equal(ref('Pod', 'v1', 'team-a', 'p'));
      setTimeout(() => button(el, 'edit-yaml')!.click());
      const yaml = (await oneEvent(el, 'kube-edit-yaml')) as KubeEditYamlEvent;
      expect(yaml.reference.name).to.equal('p');
    });
  });

  describe('keyboard', () => {
    it('is a toolbar with one tab stop: arrows, Home and End move focus, denied actions included', async () => {
      const {el} = await mount(html`<kube-action-bar kind="deployments" namespace="team-b" name="catalog"></kube-action-bar>`, {token: 'sandbox-developer'});
      await ready(el);
      const all = buttons(el);
      expect(all.filter((b) => b.tabIndex === 0).length).to.equal(1);
      all[0]!.focus();
      const key = (k: string) => el.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', {key: k, bubbles: true, composed: true, cancelable: true}));
      key('ArrowRight');
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal(all[1]);
      key('End');
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal(all.at(-1));
      expect(all.at(-1)!.getAttribute('aria-disabled')).to.equal('true');
      key('ArrowRight');
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement, 'wraps').to.equal(all[0]);
      key('Home');
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal(all[0]);
      expect(all.at(-1)!.tabIndex).to.equal(-1);
    });

    it('moves from the tab stop when fewer actions are shown than when it was placed', async () => {
      let renders = 0;
      const host = {renderRoot: document.createDocumentFragment(), updateComplete: Promise.resolve(true), requestUpdate: () => void renders++, addController() {}, removeController() {}};
      let count = 8;
      const focus = new ToolbarFocus(host, () => count);
      focus.active = 7;
      count = 6;
      expect(focus.tabStop(count), 'the last shown action holds the tab stop').to.equal(5);
      const key = (k: string) => focus.onKeyDown(new KeyboardEvent('keydown', {key: k, cancelable: true}));
      key('ArrowRight');
      expect(focus.active, 'wraps from the last shown action').to.equal(0);
      focus.active = 7;
      key('ArrowLeft');
      expect(focus.active, 'steps back from the last shown action').to.equal(4);
      expect(renders).to.be.greaterThan(0);
    });

    it('Escape hides the reason of a denied action until focus or the pointer moves to an action again (WCAG 1.4.13)', async () => {
      const {el} = await mount(html`<kube-action-bar kind="deployments" namespace="team-b" name="catalog"></kube-action-bar>`, {token: 'sandbox-developer'});
      await ready(el);
      const shown = (id: string) => getComputedStyle(el.shadowRoot!.getElementById(button(el, id)!.getAttribute('aria-describedby')!)!).visibility === 'visible';
      button(el, 'scale')!.focus();
      await sendKeys({press: 'ArrowRight'});
      await until(() => el.shadowRoot!.activeElement === button(el, 'restart') && shown('restart'), 'the reason of the focused action');
      let escapes = 0;
      const count = () => escapes++;
      document.addEventListener('keydown', count);
      await sendKeys({press: 'Escape'});
      await el.updateComplete;
      document.removeEventListener('keydown', count);
      expect(shown('restart'), 'dismissed').to.equal(false);
      expect(el.shadowRoot!.activeElement, 'focus stays').to.equal(button(el, 'restart'));
      expect(escapes, 'only the reason closes, not what the bar sits in').to.equal(0);
      await sendKeys({press: 'ArrowLeft'});
      await until(() => shown('scale'), 'shows again once focus moves');

      // Pointed at, with focus elsewhere on the page: Escape hides it too. A real pointer's :hover
      // needs the page's frames, which a test page in the background doesn't get: the item is marked
      // hovered instead, under the same layer and weaker than the dismissal, and told the pointer came.
      button(el, 'scale')!.blur();
      const hover = document.createElement('style');
      hover.textContent = "@layer kube { [part='item'][data-test-hover] [part='reason'] { visibility: visible; } }";
      el.shadowRoot!.append(hover);
      const item = button(el, 'delete')!.parentElement!;
      item.setAttribute('data-test-hover', '');
      item.dispatchEvent(new PointerEvent('pointerenter'));
      await until(() => shown('delete'), 'the reason of the action pointed at');
      await sendKeys({press: 'Escape'});
      await until(() => !shown('delete'), 'dismissed');
      item.dispatchEvent(new PointerEvent('pointerleave'));
    });

    it('keeps the reason of an action inside a 320px-wide viewport (WCAG 1.4.10)', async () => {
      const {innerWidth: width, innerHeight: height} = window;
      await setViewport({width: 320, height: 640});
      try {
        const {el} = await mount(html`<kube-action-bar kind="deployments" namespace="team-b" name="catalog"></kube-action-bar>`, {token: 'sandbox-developer'});
        await ready(el);
        const denied = buttons(el).filter((b) => b.getAttribute('aria-disabled') === 'true');
        expect(denied.length).to.be.greaterThan(3);
        for (const action of denied) {
          action.focus();
          const reason = el.shadowRoot!.getElementById(action.getAttribute('aria-describedby')!)!;
          const box = reason.getBoundingClientRect();
          expect(box.right, action.dataset['action']).to.be.at.most(320);
          expect(box.left, action.dataset['action']).to.be.at.least(0);
        }
      } finally {
        await setViewport({width, height});
      }
    });

    it('a denied action does nothing when activated', async () => {
      const {el} = await mount(html`<kube-action-bar kind="deployments" namespace="team-b" name="catalog"></kube-action-bar>`, {token: 'sandbox-developer'});
      await ready(el);
      button(el, 'delete')!.click();
      await el.updateComplete;
      expect(dialog(el).open).to.equal(false);
    });

    it('deleting a namespace means typing its name', async () => {
      const {el} = await mount(html`<kube-action-bar kind="namespaces" name="team-b" undo-ms="0"></kube-action-bar>`);
      await ready(el);
      button(el, 'delete')!.click();
      await until(() => dialog(el).open, 'the dialog');
      const field = dialog(el).querySelector<HTMLInputElement>('#confirm-name')!;
      expect(plain(dialog(el).querySelector(`label[for="confirm-name"]`)!.textContent)).to.equal('Type team-b to confirm');
      expect(field.required).to.equal(true);
      await confirm(el, {name: 'team-a'});
      expect(dialog(el).open).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('Escape closes the dialog without acting', async () => {
      const {el, sandbox} = await mount(html`<kube-action-bar kind="configmaps" namespace="team-a" name="app-config" undo-ms="0"></kube-action-bar>`);
      await ready(el);
      button(el, 'delete')!.click();
      await until(() => dialog(el).open, 'the dialog');
      dialog(el).dispatchEvent(new Event('cancel', {cancelable: true}));
      await until(() => !dialog(el).open, 'closed');
      expect(cluster(sandbox).stats.count('DELETE', '/api/v1/namespaces/team-a/configmaps/app-config')).to.equal(0);
    });
  });

  describe('accessibility', () => {
    it('tells denied and destructive actions apart without colour in forced-colors mode', async () => {
      const {el} = await mount(html`<kube-action-bar kind="configmaps" namespace="team-a" name="app-config"></kube-action-bar>`);
      // The test browser can't emulate forced colours: read the rules that apply there.
      const forced: CSSStyleRule[] = [];
      const walk = (rules: CSSRuleList, inForced: boolean) => {
        for (const rule of rules) {
          if (rule instanceof CSSMediaRule) walk(rule.cssRules, inForced || rule.media.mediaText.includes('forced-colors: active'));
          else if (rule instanceof CSSGroupingRule) walk(rule.cssRules, inForced);
          else if (inForced && rule instanceof CSSStyleRule) forced.push(rule);
        }
      };
      for (const sheet of el.shadowRoot!.adoptedStyleSheets) walk(sheet.cssRules, false);
      const denied = forced.find((rule) => rule.selectorText.includes('[aria-disabled="true"]') && !rule.selectorText.includes(':not('));
      expect(denied?.style.color.toLowerCase(), 'denied: the system colour for disabled text').to.equal('graytext');
      const destructive = forced.find((rule) => rule.selectorText.includes('action-destructive'));
      expect(destructive?.style.borderWidth, 'destructive: a heavier border').to.equal('2px');
    });

    it('keeps its empty live regions in the accessibility tree, only unseen, so what is put in them is announced', async () => {
      const {el} = await mount(html`<kube-action-bar kind="configmaps" namespace="team-a" name="app-config"></kube-action-bar>`);
      await ready(el);
      for (const name of ['status', 'alert']) {
        const live = part(el, name)!;
        expect(live.childElementCount, name).to.equal(0);
        expect(getComputedStyle(live).display, name).not.to.equal('none');
        expect(live.getBoundingClientRect().width, name).to.be.at.most(1);
      }
    });

    it('the open confirmation dialog is accessible', async () => {
      const {el} = await mount(html`<kube-action-bar kind="configmaps" namespace="team-a" name="app-config"></kube-action-bar>`);
      await ready(el);
      button(el, 'delete')!.click();
      await until(() => dialog(el).open, 'the dialog');
      expect(dialog(el).getAttribute('aria-labelledby')).to.equal('dialog-title');
      await expect(el).to.be.accessible();
    });
  });

  describe('access reviews', () => {
    it('are shared between bars and cached: counted SelfSubjectAccessReview requests', async () => {
      const sandbox = createSandbox({seed: 1, clusters: 1});
      cleanups.push(() => sandbox.dispose());
      const client = makeClient(sandbox, 'sandbox-admin');
      await client.resolve('sandbox', 'deployments');
      const stats = cluster(sandbox).stats;
      stats.reset();
      const {bars} = await mount(html`<kube-action-bar kind="deployments" namespace="team-a" name="web"></kube-action-bar><kube-action-bar kind="deployments" namespace="team-a" name="web"></kube-action-bar>`, {sandbox, client});
      for (const bar of bars) await ready(bar);
      // logs: get pods/log (namespace); scale: update deployments/scale; restart, rollback, labels,
      // annotations: patch (one question); rollback: list replicasets; edit YAML: update; delete.
      expect(stats.count('POST', SSAR)).to.equal(6);
      const third = document.createElement('kube-action-bar');
      Object.assign(third, {kind: 'deployments', namespace: 'team-a', name: 'api'});
      bars[0]!.parentElement!.append(third);
      await ready(third);
      // Every question is asked namespace-wide first; allowed there, no name needs asking.
      expect(stats.count('POST', SSAR)).to.equal(6);
    });

    it('a selection of 20 pods asks only the namespace-wide questions', async () => {
      const sandbox = createSandbox({seed: 1, clusters: 1});
      cleanups.push(() => sandbox.dispose());
      const client = makeClient(sandbox, 'sandbox-admin');
      await client.resolve('sandbox', 'pods');
      const stats = cluster(sandbox).stats;
      stats.reset();
      const {el} = await mount(html`<kube-action-bar></kube-action-bar>`, {sandbox, client});
      el.targets = Array.from({length: 20}, (_, i) => ref('Pod', 'v1', 'team-a', `pod-${i}`));
      await ready(el);
      expect(ids(el)).to.deep.equal(['labels', 'annotations', 'force-delete', 'delete']);
      // patch pods (labels, annotations) and delete pods (force delete, delete) in team-a: not 20 × 2.
      expect(stats.count('POST', SSAR)).to.equal(2);
    });

    it('a server that never answers the reviews ends in the error state within the timeout', async () => {
      const sandbox = createSandbox({seed: 1, clusters: 1});
      cleanups.push(() => sandbox.dispose());
      const inner = inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => 'sandbox-admin'});
      const stalled = {...inner, request: (request: Parameters<typeof inner.request>[0]) => (request.path.startsWith(SSAR) ? new Promise<Response>(() => undefined) : inner.request(request))};
      const client = createKubeClient({transport: stalled, access: {timeoutMs: 1000, concurrency: 2}});
      cleanups.push(() => client.dispose());
      const {bars} = await mount(html`<kube-action-bar kind="configmaps" namespace="team-a" name="app-config"></kube-action-bar><kube-action-bar denied="hide" kind="configmaps" namespace="team-a" name="app-config"></kube-action-bar>`, {sandbox, client});
      const [el, hiding] = bars as [KubeActionBar, KubeActionBar];
      // Hidden while unchecked, the toolbar says so instead of standing empty and silent.
      await until(() => part(hiding, 'message')?.textContent === 'Checking your permissions…', 'checking, in words');
      expect(part(hiding, 'message')!.getAttribute('role')).to.equal('status');
      await until(() => el.hasState('ready') && !el.hasState('loading'), 'given up');
      expect(disabled(el)).to.deep.equal(['labels', 'annotations', 'edit-yaml', 'delete']);
      expect(reason(el, 'delete')).to.equal('Your permissions could not be checked: The API server did not answer within 1 s');
      await until(() => plain(part(hiding, 'message')?.textContent) === 'Your permissions could not be checked: The API server did not answer within 1 s', 'the failure, in words');
      await expect(el).to.be.accessible();
    });
  });

  describe('what a hostile server sends', () => {
    it('wraps and shortens a huge unbroken failure in a narrow bar, with the whole message a disclosure away', async () => {
      const huge = 'z'.repeat(200_000);
      const {el} = await mount(html`<div style="width: 400px"><kube-action-bar kind="configmaps" namespace="team-a" name="app-config"></kube-action-bar></div>`);
      el.actions = [
        {
          id: 'explode',
          label: 'Explode',
          permissions: [{verb: 'get'}],
          handler: () => {
            throw new Error(huge);
          },
        },
      ];
      await ready(el);
      await until(() => !!button(el, 'explode'), 'the host action');
      button(el, 'explode')!.click();
      await until(() => !!part(el, 'result'), 'the failure');
      expect(region(el)).to.equal('alert');
      const alert = part(el, 'alert')!;
      expect(el.scrollWidth).to.be.at.most(el.clientWidth);
      expect(alert.scrollWidth).to.be.at.most(alert.clientWidth);
      expect(alert.getBoundingClientRect().width).to.be.at.most(400);
      const said = plain(part(el, 'result')!.textContent).trim();
      expect(said.startsWith('Explode failed. team-a/app-config: zzz')).to.equal(true);
      expect(said.length).to.be.below(1100);
      expect(said.endsWith('…')).to.equal(true);
      const whole = part(el, 'whole-message') as HTMLDetailsElement;
      expect(whole.closest('[role]'), 'not announced').to.equal(null);
      expect(whole.querySelector('summary')!.textContent).to.contain('Show the whole message');
      expect(whole.textContent).to.contain(huge);
      whole.open = true;
      expect(el.scrollWidth, 'opened').to.be.at.most(el.clientWidth);
      await expect(el).to.be.accessible();
    });

    it('isolates object names in the confirmation, the result and the reasons, so that their direction stays their own', async () => {
      const name = 'evil\u202Egnp.exe';
      const {el} = await mount(html`<kube-action-bar undo-ms="0"></kube-action-bar>`);
      el.targets = [ref('ConfigMap', 'v1', 'team-a', name)];
      await ready(el);
      button(el, 'delete')!.click();
      await until(() => dialog(el).open, 'the dialog');
      expect(part(el, 'dialog-message')!.textContent!.trim()).to.equal(`Delete \u2068${name}\u2069? Once sent, this cannot be taken back.`);
      await confirm(el);
      await until(() => !!part(el, 'result'), 'the failure');
      expect(part(el, 'result')!.textContent).to.match(new RegExp(`^Delete failed\\. \u2068team-a\u2069/\u2068${name}\u2069: \u2068[^\u2069]*\u2069 \\(HTTP 404\\)$`));

      const {el: denied} = await mount(html`<kube-action-bar kind="deployments" namespace="team-b" name="catalog"></kube-action-bar>`, {token: 'sandbox-developer'});
      await ready(denied);
      const describedBy = button(denied, 'delete')!.getAttribute('aria-describedby')!;
      expect(denied.shadowRoot!.getElementById(describedBy)!.textContent).to.contain("You can't delete \u2068deployments\u2069 in namespace \u2068team-b\u2069:");

      const {el: namespace} = await mount(html`<kube-action-bar kind="namespaces" name="team-b" undo-ms="0"></kube-action-bar>`);
      await ready(namespace);
      button(namespace, 'delete')!.click();
      await until(() => dialog(namespace).open, 'the dialog');
      expect(dialog(namespace).querySelector('label[for="confirm-name"]')!.textContent).to.equal('Type \u2068team-b\u2069 to confirm');
      // The name copied out of that sentence brings its isolates along: still the name.
      await confirm(namespace, {name: '\u2068team-b\u2069'});
      expect(dialog(namespace).open).to.equal(false);
    });
  });
});
