import {expect} from '@open-wc/testing';
import {until} from '../support/fake-api.js';

/** Every define module of an element that consumes the provider's context. */
const CONSUMERS = ['kube-action-bar', 'kube-cluster-picker', 'kube-namespace-picker', 'kube-pod-logs', 'kube-resource-list'];

type PageWindow = Window & {defined: string[]; loaded?: string};

const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const frame of frames.splice(0)) frame.remove();
});

/**
 * A page of its own (its own module map and registry) holding `body`, that then imports the given
 * define modules in order, as a page's script tags or a bundler's chunks would. Records the order
 * tags get defined in.
 */
async function pageImporting(body: string, modules: string[]): Promise<{window: PageWindow; document: Document}> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="en"><body>${body}<script type="module">
    window.defined = [];
    const define = customElements.define.bind(customElements);
    customElements.define = (tag, ...rest) => (window.defined.push(tag), define(tag, ...rest));
    try {
      ${modules.map((module) => `await import('/src/define/${module}.ts');`).join('\n')}
      window.loaded = 'ok';
    } catch (error) {
      window.loaded = String(error);
    }
  </script></body></html>`;
  frames.push(frame);
  document.body.append(frame);
  const win = () => frame.contentWindow as PageWindow | null;
  await until(() => win()?.loaded !== undefined, `${modules.join(', ')} imported`, 8000);
  expect(win()!.loaded).to.equal('ok');
  return {window: win()!, document: frame.contentDocument!};
}

type ConsumerElement = HTMLElement & {updateComplete: Promise<boolean>; hasState(name: string): boolean};

describe('define modules', () => {
  for (const consumer of CONSUMERS) {
    it(`define/${consumer}.js alone defines kube-provider first, and the element gets the provider's client`, async () => {
      const page = await pageImporting(`<kube-provider transport="sandbox" cluster="sandbox" namespace="team-a"><${consumer} id="el"></${consumer}></kube-provider>`, [consumer]);
      expect(page.window.defined).to.include.members(['kube-provider', consumer]);
      expect(page.window.defined.indexOf('kube-provider')).to.be.below(page.window.defined.indexOf(consumer));
      const el = page.document.getElementById('el') as ConsumerElement;
      const provider = page.document.querySelector('kube-provider') as ConsumerElement;
      await provider.updateComplete;
      await el.updateComplete;
      expect(el.hasState('no-client'), 'no "wrap me in <kube-provider>" state').to.be.false;
    });
  }

  it('a consumer imported before define/kube-provider.js still gets its client', async () => {
    const page = await pageImporting('<kube-provider transport="sandbox" cluster="sandbox" namespace="team-a"><kube-resource-list id="el" kind="pods"></kube-resource-list></kube-provider>', ['kube-resource-list', 'kube-provider']);
    const el = page.document.getElementById('el') as ConsumerElement;
    await until(() => el.hasState('ready'), 'the list loaded through the provider');
    expect(el.hasState('no-client')).to.be.false;
  });
});
