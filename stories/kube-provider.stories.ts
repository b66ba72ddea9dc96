import type {Meta, StoryObj} from '@storybook/web-components-vite';
import {html} from 'lit';
import {ContextConsumer} from '@lit/context';
import {LitElement} from 'lit';
import {clientContext, clusterContext, namespacesContext} from '../src/context/kube-context.js';
import type {ServerVersion} from '../src/client/types.js';
import '../src/define/kube-provider.js';

/** A tiny consumer for the story: shows what the nearest provider shares. */
class ProviderReadout extends LitElement {
  private readonly client = new ContextConsumer(this, {context: clientContext, subscribe: true});
  private readonly cluster = new ContextConsumer(this, {context: clusterContext, subscribe: true});
  private readonly namespaces = new ContextConsumer(this, {context: namespacesContext, subscribe: true});
  private version?: ServerVersion;
  private asked?: string;

  protected override willUpdate() {
    const client = this.client.value;
    const cluster = this.cluster.value;
    if (client && cluster && this.asked !== cluster) {
      this.asked = cluster;
      void client.version(cluster).then((version) => {
        this.version = version;
        this.requestUpdate();
      });
    }
  }

  protected override render() {
    const namespaces = this.namespaces.value ?? [];
    return html`<dl>
      <dt>Cluster</dt>
      <dd>${this.cluster.value ?? '…'}</dd>
      <dt>Server version</dt>
      <dd>${this.version?.gitVersion ?? '…'}</dd>
      <dt>Namespaces</dt>
      <dd>${namespaces.length ? namespaces.join(', ') : 'all'}</dd>
    </dl>`;
  }
}
if (!customElements.get('story-provider-readout')) customElements.define('story-provider-readout', ProviderReadout);

interface Args {
  transport: 'sandbox' | 'gateway' | 'direct';
  cluster: string;
  namespace: string;
}

const meta: Meta<Args> = {
  title: 'Elements/kube-provider',
  component: 'kube-provider',
  args: {transport: 'sandbox', cluster: '', namespace: 'all'},
  render: (args) => html`
    <kube-provider transport=${args.transport} cluster=${args.cluster || undefined!} namespace=${args.namespace}>
      <story-provider-readout></story-provider-readout>
    </kube-provider>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** The in-memory sandbox: its first cluster, all namespaces. */
export const Sandbox: Story = {};

/** A pinned cluster and namespace, as a card in a portal would set them. */
export const PinnedClusterAndNamespace: Story = {args: {cluster: 'sandbox-edge', namespace: 'team-a'}};

/** Nested providers: the inner one overrides only the namespace. */
export const Nested: Story = {
  render: () => html`
    <kube-provider transport="sandbox" namespace="team-a">
      <story-provider-readout></story-provider-readout>
      <kube-provider namespace="team-b">
        <story-provider-readout></story-provider-readout>
      </kube-provider>
    </kube-provider>
  `,
};
