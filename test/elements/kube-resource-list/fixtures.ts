// Shared set-up for the <kube-resource-list> browser tests in this folder (not a test file itself).
// The afterEach below is registered once per test page, on mocha's root suite, by whichever test file imports this first.
import {fixture, html} from '@open-wc/testing';
import type {TemplateResult} from 'lit';
import '../../../src/define/kube-provider.js';
import '../../../src/define/kube-resource-list.js';
import '../../../src/define/kube-namespace-picker.js';
import type {KubeResourceList} from '../../../src/elements/kube-resource-list/kube-resource-list.js';
import {createKubeClient, inMemoryTransport, type KubeClient, type KubeObject} from '../../../src/client/index.js';
import {createSandbox, type Sandbox} from '../../../src/sandbox/index.js';
import {until} from '../../support/fake-api.js';

export interface Mounted {
  el: KubeResourceList;
  sandbox: Sandbox;
  client: KubeClient;
  provider: HTMLElement;
}

export let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

/** A client on the sandbox; `before` sees each request's path first and may hold it. */
export function makeClient(sandbox: Sandbox, token = 'sandbox-admin', before?: (path: string) => Promise<void> | void) {
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

export async function mount(
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

export const part = (el: KubeResourceList, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
/** Text as read: without the isolates put around names (U+2068, U+2069), spaces collapsed. */
export const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' ');
/** A part's text, as read. */
export const partText = (el: KubeResourceList, name: string) => plain(part(el, name)?.textContent);
/** Rendered rows in display order. */
export const rows = (el: KubeResourceList) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="row"]')].sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')));
export const cell = (row: HTMLElement, column: string) => row.querySelector<HTMLElement>(`[data-column="${column}"]`)?.textContent?.trim() ?? '';
export const names = (el: KubeResourceList) => rows(el).map((row) => cell(row, 'Name'));
export const headers = (el: KubeResourceList) => [...el.shadowRoot!.querySelectorAll('[role="columnheader"]')].map((h) => h.textContent!.replace(/[▲▼]/g, '').trim());
export const rowByName = (el: KubeResourceList, name: string) => rows(el).find((row) => cell(row, 'Name') === name);
export const ready = (el: KubeResourceList, min = 1) => until(() => el.hasState('ready') && rows(el).length >= min, 'rows');

/** Every live region the list has: the announcements a screen reader would hear. */
export const liveRegions = (el: KubeResourceList) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="status"], [role="alert"], [aria-live]')];

/** What a live region comes to say, in order, from now on. */
export function said(region: HTMLElement) {
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
export function forcedColorRules(rules: CSSRuleList): string {
  let text = '';
  for (const rule of rules) {
    if (rule instanceof CSSMediaRule && rule.conditionText.includes('forced-colors: active')) text += [...rule.cssRules].map((inner) => inner.cssText).join('\n');
    else if (rule instanceof CSSGroupingRule) text += forcedColorRules(rule.cssRules);
  }
  return text;
}

export function key(el: HTMLElement, key: string) {
  el.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true, composed: true, cancelable: true}));
}

export function pvc(name: string, size: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {name, namespace: 'team-a'},
    spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: size}}, storageClassName: 'standard'},
  };
}
