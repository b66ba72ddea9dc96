import type {Meta, StoryObj} from '@storybook/web-components-vite';
import {html} from 'lit';
import '../src/define/kube-provider.js';
import '../src/define/kube-namespace-picker.js';
import {createKubeClient} from '../src/client/kube-client.js';

interface Args {
  multiple: boolean;
}

const developer = () => 'sandbox-developer';

const meta: Meta<Args> = {
  title: 'Elements/kube-namespace-picker',
  component: 'kube-namespace-picker',
  args: {multiple: false},
  render: (args) => html`
    <kube-provider transport="sandbox">
      <kube-namespace-picker ?multiple=${args.multiple}></kube-namespace-picker>
    </kube-provider>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** A cluster admin: every namespace, live, and "All namespaces". */
export const Loaded: Story = {};

/** Several namespaces at once. */
export const Multiple: Story = {
  args: {multiple: true},
  render: (args) => html`
    <kube-provider transport="sandbox" namespace="team-a,team-b">
      <kube-namespace-picker ?multiple=${args.multiple}></kube-namespace-picker>
    </kube-provider>
  `,
};

/** A developer who may not list namespaces: only those SelfSubjectRulesReview grants among allowed-namespaces. */
export const Limited: Story = {
  render: (args) => html`
    <kube-provider transport="sandbox" .tokenProvider=${developer} namespace="team-a" allowed-namespaces="team-a,team-b,monitoring">
      <kube-namespace-picker ?multiple=${args.multiple}></kube-namespace-picker>
    </kube-provider>
  `,
};

/** A developer and no candidates to ask about: nothing to offer. */
export const Empty: Story = {
  render: (args) => html`
    <kube-provider transport="sandbox" .tokenProvider=${developer}>
      <kube-namespace-picker ?multiple=${args.multiple}></kube-namespace-picker>
    </kube-provider>
  `,
};

/** The API server answers with an error Status. */
export const ErrorState: Story = {
  name: 'Error',
  render: (args) => html`
    <kube-provider
      .client=${createKubeClient({
        transport: {
          request: () =>
            Promise.resolve(
              new Response(JSON.stringify({kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 503, reason: 'ServiceUnavailable', message: 'the server is currently unable to handle the request'}), {
                status: 503,
                headers: {'Content-Type': 'application/json'},
              })
            ),
          listClusters: () => Promise.resolve([{name: 'prod'}]),
        },
        informers: {backoff: {initialMs: 60_000, maxMs: 60_000}},
      })}
      cluster="prod"
    >
      <kube-namespace-picker ?multiple=${args.multiple}></kube-namespace-picker>
    </kube-provider>
  `,
};

/** The API server hasn't answered yet. */
export const Loading: Story = {
  render: (args) => html`
    <kube-provider .client=${createKubeClient({transport: {request: () => new Promise(() => {}), listClusters: () => new Promise(() => {})}})} cluster="prod">
      <kube-namespace-picker ?multiple=${args.multiple}></kube-namespace-picker>
    </kube-provider>
  `,
};

/** Outside a `<kube-provider>` the picker says so. */
export const NoClient: Story = {
  render: (args) => html`<kube-namespace-picker ?multiple=${args.multiple}></kube-namespace-picker>`,
};
