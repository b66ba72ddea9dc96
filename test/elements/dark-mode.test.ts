import {expect, fixture, html} from '@open-wc/testing';
import {emulateMedia} from '@web/test-runner-commands';
import type {TemplateResult} from 'lit';
import '../../src/define/kube-provider.js';
import '../../src/define/kube-resource-list.js';
import '../../src/define/kube-cluster-picker.js';
import '../../src/define/kube-namespace-picker.js';
import '../../src/define/kube-action-bar.js';
import '../../src/define/kube-pod-logs.js';
import type {KubeElement} from '../../src/internal/kube-element.js';
import {createKubeClient, inMemoryTransport} from '../../src/client/index.js';
import {createSandbox, type Sandbox} from '../../src/sandbox/index.js';
import {until} from '../support/fake-api.js';

let cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
  await emulateMedia({colorScheme: 'light'});
  document.documentElement.removeAttribute('style');
});

async function mount(view: TemplateResult, sandbox: Sandbox) {
  const client = createKubeClient({transport: inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => 'sandbox-admin'}), informers: {graceMs: 50}});
  cleanups.push(() => client.dispose());
  const provider = await fixture<HTMLElement>(html`<kube-provider .client=${client} cluster="sandbox" namespace="all">${view}</kube-provider>`);
  return provider.firstElementChild as KubeElement;
}

const shadow = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const runningPod = (sandbox: Sandbox) =>
  sandbox.clusters
    .get('sandbox')!
    .list('v1', 'pods', {namespace: 'team-a'})
    .find((p) => p.metadata.name!.startsWith('web-'))!.metadata.name!;

/** Each element in the state a reader sees most, and what to wait for. */
const elements: Array<{name: string; view: (sandbox: Sandbox) => TemplateResult; ready: (el: KubeElement) => boolean}> = [
  {
    name: 'kube-resource-list, loaded',
    view: () => html`<kube-resource-list kind="pods" namespace="team-b"></kube-resource-list>`,
    ready: (el) => el.hasState('ready') && shadow(el, '[part~="row"]').length > 0,
  },
  {
    name: 'kube-cluster-picker',
    view: () => html`<kube-cluster-picker></kube-cluster-picker>`,
    ready: (el) => shadow(el, '[role="option"]').length > 0 && shadow(el, '[role="option"]').every((o) => !/checking/.test(o.textContent!)),
  },
  {
    name: 'kube-namespace-picker',
    view: () => html`<kube-namespace-picker></kube-namespace-picker>`,
    ready: (el) => shadow(el, '[part="option-name"]')[0]?.textContent?.trim() === 'All namespaces',
  },
  {
    name: 'kube-action-bar with a target',
    view: () => html`<kube-action-bar kind="deployments" namespace="team-a" name="web"></kube-action-bar>`,
    ready: (el) => el.hasState('ready') && !el.hasState('loading'),
  },
  {
    name: 'kube-pod-logs, following',
    view: (sandbox) => html`<kube-pod-logs namespace="team-a" pod=${runningPod(sandbox)} tail-lines="5"></kube-pod-logs>`,
    ready: (el) => el.hasState('streaming') && shadow(el, '[part~="line"]').length === 5,
  },
];

/**
 * A page that declares `light dark` gets the dark canvas; it is painted explicitly here because axe
 * reads a transparent page as white. A page that declares nothing stays light whatever the OS says.
 */
const pages = [
  {name: 'a page that declares color-scheme: light dark', style: 'color-scheme: light dark; background: Canvas; color: CanvasText'},
  {name: 'a light-only page (no color-scheme)', style: ''},
];

describe('dark mode', () => {
  for (const page of pages) {
    describe(`with the OS in dark mode, on ${page.name}`, () => {
      for (const element of elements) {
        it(`${element.name} keeps its text readable`, async () => {
          document.documentElement.setAttribute('style', page.style);
          await emulateMedia({colorScheme: 'dark'});
          const sandbox = createSandbox({seed: 1});
          cleanups.push(() => sandbox.dispose());
          const el = await mount(element.view(sandbox), sandbox);
          await until(() => element.ready(el), element.name);
          await expect(el).to.be.accessible();
        });
      }
    });
  }

  it('a theme set on the element still wins over the page', async () => {
    await emulateMedia({colorScheme: 'dark'});
    const sandbox = createSandbox({seed: 1});
    cleanups.push(() => sandbox.dispose());
    const el = await mount(html`<kube-pod-logs theme="dark" namespace="team-a" pod=${runningPod(sandbox)} tail-lines="5"></kube-pod-logs>`, sandbox);
    await until(() => el.hasState('streaming'), 'streaming');
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    await expect(el).to.be.accessible();
    el.setAttribute('theme', 'light');
    expect(getComputedStyle(el).colorScheme).to.equal('light');
    await expect(el).to.be.accessible();
  });

  it('an element themed dark on a light page paints its own surface', async () => {
    const sandbox = createSandbox({seed: 1});
    cleanups.push(() => sandbox.dispose());
    const el = await mount(html`<kube-namespace-picker theme="dark"></kube-namespace-picker>`, sandbox);
    await until(() => elements[2]!.ready(el), 'namespaces');
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    await expect(el).to.be.accessible();
  });
});
