import type {Meta, StoryObj} from '@storybook/web-components-vite';
import {html} from 'lit';
import '../src/define/kube-provider.js';
import '../src/define/kube-resource-list.js';
import {createKubeClient, inMemoryTransport} from '../src/client/index.js';
import {createSandbox} from '../src/sandbox/index.js';

interface Args {
  kind: string;
  namespace: string;
  labelSelector: string;
  columns: string;
  selectable: '' | 'single' | 'multi';
  filter: string;
  sort: string;
}

const meta: Meta<Args> = {
  title: 'Elements/kube-resource-list',
  component: 'kube-resource-list',
  args: {kind: 'pods', namespace: 'all', labelSelector: '', columns: '', selectable: '', filter: '', sort: ''},
  argTypes: {selectable: {control: 'select', options: ['', 'single', 'multi']}},
  render: (args) => html`
    <kube-provider transport="sandbox" cluster="sandbox">
      <kube-resource-list
        kind=${args.kind}
        namespace=${args.namespace}
        label-selector=${args.labelSelector}
        columns=${args.columns}
        selectable=${(args.selectable || undefined)!}
        filter=${args.filter}
        sort=${args.sort}
      ></kube-resource-list>
    </kube-provider>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** Every pod in every namespace, with a Namespace column and status badges. */
export const PodsAllNamespaces: Story = {};

/** Deployments in one namespace. */
export const DeploymentsInTeamA: Story = {args: {kind: 'deployments', namespace: 'team-a'}};

/** A custom resource: the Database CRD's printer columns (`kind="db"`, its short name). */
export const DatabaseCrd: Story = {args: {kind: 'db', namespace: 'all'}};

/** Checkboxes, Space to toggle, and `kube-selection-change`. */
export const MultiSelect: Story = {args: {kind: 'pods', namespace: 'team-a', selectable: 'multi'}};

/** Filtered to the backend tier and sorted by restarts, most first. */
export const FilteredAndSorted: Story = {args: {kind: 'pods', namespace: 'all', filter: 'team', sort: '-Restarts'}};

/** Wide columns picked and ordered with `columns`. */
export const ChosenColumns: Story = {args: {kind: 'pods', namespace: 'team-a', columns: 'Name,Status,Node,IP,Age'}};

/** A kind that can't be watched (PodMetrics, from metrics.k8s.io): listed again on an interval, and the count says how often. */
export const RefreshedOnAnInterval: Story = {args: {kind: 'PodMetrics', namespace: 'team-a'}};

/** A label selector that matches nothing. */
export const Empty: Story = {args: {kind: 'pods', namespace: 'team-a', labelSelector: 'app=does-not-exist'}};

/** `sandbox-developer` may not list pods in kube-system: the list says so, and what to do. */
export const Forbidden: Story = {
  render: () => html`
    <kube-provider transport="sandbox" cluster="sandbox" .tokenProvider=${() => 'sandbox-developer'}>
      <kube-resource-list kind="pods" namespace="kube-system"></kube-resource-list>
    </kube-provider>
  `,
};

/** `sandbox-developer` asks for team-a and kube-system: team-a's rows show, and kube-system's denial above them. */
export const PartlyForbidden: Story = {
  render: () => html`
    <kube-provider transport="sandbox" cluster="sandbox" .tokenProvider=${() => 'sandbox-developer'}>
      <kube-resource-list kind="pods" namespace="team-a,kube-system"></kube-resource-list>
    </kube-provider>
  `,
};

/** `sandbox-developer` can't list pods cluster-wide: `namespace="all"` merges the namespaces it may use. */
export const DeveloperAllNamespaces: Story = {
  render: () => html`
    <kube-provider transport="sandbox" cluster="sandbox" allowed-namespaces="team-a,team-b,kube-system" .tokenProvider=${() => 'sandbox-developer'}>
      <kube-resource-list kind="pods" namespace="all"></kube-resource-list>
    </kube-provider>
  `,
};

/** `sandbox-viewer` may list namespaces but secrets in none of them: the list says so in plain words. */
export const NoNamespaceAllowsTheKind: Story = {
  render: () => html`
    <kube-provider transport="sandbox" cluster="sandbox" .tokenProvider=${() => 'sandbox-viewer'}>
      <kube-resource-list kind="secrets" namespace="all"></kube-resource-list>
    </kube-provider>
  `,
};

/** The server answers 500: its message and HTTP code. */
export const ServerError: Story = {
  render: () => {
    const sandbox = createSandbox();
    sandbox.clusters.get('sandbox')!.failNext('/namespaces/team-a/pods', 500, 1_000_000);
    const client = createKubeClient({transport: inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => 'sandbox-admin'})});
    return html`
      <kube-provider .client=${client} cluster="sandbox">
        <kube-resource-list kind="pods" namespace="team-a"></kube-resource-list>
      </kube-provider>
    `;
  },
};

/** The provider has no cluster: none is set and listing the transport's clusters fails (it keeps retrying). */
export const NoCluster: Story = {
  render: () => {
    const sandbox = createSandbox();
    const transport = inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => 'sandbox-admin'});
    transport.listClusters = () => Promise.reject(new Error('The gateway did not answer'));
    const client = createKubeClient({transport});
    return html`
      <kube-provider .client=${client}>
        <kube-resource-list kind="pods"></kube-resource-list>
      </kube-provider>
    `;
  },
};

/** 30,000 pods in namespace `load`: paged in with progress, virtualized, sortable. */
export const ThirtyThousandPods: Story = {
  render: () => {
    const sandbox = createSandbox({pods: 30_000});
    const client = createKubeClient({transport: inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => 'sandbox-admin'})});
    return html`
      <kube-provider .client=${client} cluster="sandbox">
        <kube-resource-list kind="pods" namespace="load" selectable="multi"></kube-resource-list>
      </kube-provider>
    `;
  },
};

/**
 * Host-supplied columns and row actions (renderer functions: rows are virtualized). The grid stays
 * one tab stop: Right from a row moves into its actions, Left or Escape back, Up and Down to the
 * same action in the next row.
 */
export const ExtraColumnsAndActions: Story = {
  render: () => html`
    <kube-provider transport="sandbox" cluster="sandbox">
      <kube-resource-list
        kind="pods"
        namespace="team-a"
        .extraColumns=${[{header: 'App', render: (_row: unknown, object: {metadata: {labels?: Record<string, string>}}) => object.metadata.labels?.['app'] ?? '', sortValue: (_row: unknown, object: {metadata: {labels?: Record<string, string>}}) => object.metadata.labels?.['app']}]}
        .rowActions=${(row: {object: {metadata: {name?: string}}}) =>
          html`<button type="button" @click=${() => console.info('logs', row.object.metadata.name)}>Logs</button>
            <button type="button" @click=${() => console.info('yaml', row.object.metadata.name)}>YAML</button>`}
      ></kube-resource-list>
    </kube-provider>
  `,
};
