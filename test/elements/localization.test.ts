import {expect, fixture, html} from '@open-wc/testing';
import '../../src/define/all.js';
import {configureKubeLocalization, kubeLocales} from '../../src/i18n/localization.js';
import {createKubeClient, inMemoryTransport} from '../../src/client/index.js';
import {createSandbox} from '../../src/sandbox/index.js';
import type {KubeProvider} from '../../src/elements/kube-provider/kube-provider.js';
import {until} from '../support/fake-api.js';

describe('localization', () => {
  it('ships English and German', () => {
    expect([...kubeLocales]).to.deep.equal(['de', 'en']);
  });

  it('re-renders elements in German after setLocale, without reloading', async () => {
    const {getLocale, setLocale} = configureKubeLocalization();
    expect(getLocale()).to.equal('en');
    const sandbox = createSandbox({seed: 1});
    const client = createKubeClient({transport: inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => 'sandbox-admin'})});
    const el = await fixture<KubeProvider>(html`<kube-provider .client=${client} cluster="sandbox"><kube-namespace-picker></kube-namespace-picker></kube-provider>`);
    const picker = el.querySelector('kube-namespace-picker')!;
    const text = () => picker.shadowRoot!.textContent ?? '';
    await until(() => text().includes('Namespace'), 'rendered');
    await setLocale('de');
    await until(() => /Namespaces anzeigen|Alle Namespaces|Namespace auswählen/.test(picker.shadowRoot!.innerHTML), 'German strings');
    await setLocale('en');
    client.dispose();
    sandbox.dispose();
  });
});
