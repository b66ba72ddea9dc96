import type {Meta, StoryObj} from '@storybook/web-components-vite';
import {html} from 'lit';
import '../src/define/kube-provider.js';
import '../src/define/kube-cluster-picker.js';
import {createKubeClient} from '../src/client/kube-client.js';
import type {ClusterInfo} from '../src/client/types.js';

interface Args {
  label: string;
}

const meta: Meta<Args> = {
  title: 'Elements/kube-cluster-picker',
  component: 'kube-cluster-picker',
  args: {label: 'Cluster'},
  render: (args) => html`
    <kube-provider transport="sandbox">
      <kube-cluster-picker label=${args.label}></kube-cluster-picker>
    </kube-provider>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** The sandbox's clusters with their server versions; choosing one changes the provider's cluster. */
export const Loaded: Story = {};

/** A cluster the host names that doesn't answer shows as unreachable, with the reason. */
export const Unreachable: Story = {
  render: (args) => html`
    <kube-provider transport="sandbox">
      <kube-cluster-picker
        label=${args.label}
        .clusters=${[{name: 'sandbox'}, {name: 'sandbox-edge', displayName: 'Sandbox Edge'}, {name: 'offline'}] satisfies ClusterInfo[]}
      ></kube-cluster-picker>
    </kube-provider>
  `,
};

/** The transport hasn't answered yet. */
export const Loading: Story = {
  render: (args) => html`
    <kube-provider .client=${createKubeClient({transport: {request: () => new Promise(() => {}), listClusters: () => new Promise(() => {})}})} cluster="sandbox">
      <kube-cluster-picker label=${args.label}></kube-cluster-picker>
    </kube-provider>
  `,
};

/** The gateway couldn't list its clusters. */
export const ErrorState: Story = {
  name: 'Error',
  render: (args) => html`
    <kube-provider
      .client=${createKubeClient({
        transport: {
          request: () => Promise.reject(new TypeError('Failed to fetch')),
          listClusters: () => Promise.reject(new TypeError('The gateway at /clusters did not answer')),
        },
      })}
      cluster="sandbox"
    >
      <kube-cluster-picker label=${args.label}></kube-cluster-picker>
    </kube-provider>
  `,
};

/** The host handed an empty list of clusters. */
export const Empty: Story = {
  render: (args) => html`
    <kube-provider transport="sandbox">
      <kube-cluster-picker label=${args.label} .clusters=${[]}></kube-cluster-picker>
    </kube-provider>
  `,
};

/** Outside a `<kube-provider>` the picker says so. */
export const NoClient: Story = {
  render: (args) => html`<kube-cluster-picker label=${args.label}></kube-cluster-picker>`,
};
