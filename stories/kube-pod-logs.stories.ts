import type {Meta, StoryObj} from '@storybook/web-components-vite';
import {html} from 'lit';
import '../src/define/kube-provider.js';
import '../src/define/kube-pod-logs.js';
import type {KubePodLogs} from '../src/elements/kube-pod-logs/kube-pod-logs.js';
import {createKubeClient, inMemoryTransport, type FetchHandler} from '../src/client/index.js';
import {createSandbox} from '../src/sandbox/index.js';

interface Args {
  namespace: string;
  pod: string;
  container: string;
  kind: string;
  name: string;
  labelSelector: string;
  follow: boolean;
  timestamps: '' | 'local' | 'utc';
  tailLines: string;
  since: string;
  wrap: boolean;
  prettyJson: boolean;
  maxLines: number;
  search: string;
  filterMatches: boolean;
  severity: '' | 'warning' | 'error';
}

/** A running sandbox (simulated time follows the clock, so followed logs grow) and a client for it. */
function sandboxClient(token = 'sandbox-admin', wrap?: (inner: FetchHandler) => FetchHandler) {
  const sandbox = createSandbox({seed: 1, running: true});
  const inner = sandbox.handlers()['sandbox']!;
  const client = createKubeClient({transport: inMemoryTransport({clusters: {sandbox: wrap ? wrap(inner) : inner}, tokenProvider: () => token})});
  const podName = (namespace: string, prefix: string) =>
    sandbox.clusters.get('sandbox')!.list('v1', 'pods', {namespace}).find((p) => p.metadata.name!.startsWith(prefix))?.metadata.name ?? '';
  return {client, podName};
}

const shared = sandboxClient();

const meta: Meta<Args> = {
  title: 'Elements/kube-pod-logs',
  component: 'kube-pod-logs',
  args: {
    namespace: 'team-a',
    pod: shared.podName('team-a', 'web-'),
    container: '',
    kind: '',
    name: '',
    labelSelector: '',
    follow: true,
    timestamps: '',
    tailLines: '1000',
    since: '',
    wrap: false,
    prettyJson: false,
    maxLines: 100_000,
    search: '',
    filterMatches: false,
    severity: '',
  },
  argTypes: {
    timestamps: {control: 'select', options: ['', 'local', 'utc']},
    tailLines: {control: 'select', options: ['100', '1000', '5000', 'all']},
    since: {control: 'select', options: ['', '5m', '1h', '24h']},
    severity: {control: 'select', options: ['', 'warning', 'error']},
  },
  render: (args) => html`
    <kube-provider .client=${shared.client} cluster="sandbox">
      <kube-pod-logs
        namespace=${args.namespace}
        pod=${args.pod}
        container=${args.container}
        kind=${args.kind}
        name=${args.name}
        label-selector=${args.labelSelector}
        .follow=${args.follow}
        .timestamps=${args.timestamps}
        .tailLines=${args.tailLines === 'all' ? 'all' : Number(args.tailLines)}
        since=${args.since}
        ?wrap=${args.wrap}
        ?pretty-json=${args.prettyJson}
        max-lines=${args.maxLines}
        search=${args.search}
        ?filter-matches=${args.filterMatches}
        severity=${args.severity}
      ></kube-pod-logs>
    </kube-provider>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** One container, followed: new lines arrive every second or two; ANSI colours, JSON and non-Latin text. */
export const FollowingOneContainer: Story = {args: {timestamps: 'local'}};

/** Every container of a two-container pod, each line prefixed with its container. */
export const AllContainers: Story = {args: {pod: shared.podName('team-a', 'api-'), container: '*', tailLines: '100'}};

/** Every pod of the `web` Deployment merged, colour-coded by pod; pods that come and go are followed. */
export const DeploymentMerge: Story = {args: {pod: '', kind: 'Deployment', name: 'web', tailLines: '100'}};

/** Paused: lines keep buffering and the status line and the Resume button say how many wait. */
export const PausedWithWaitingLines: Story = {
  args: {tailLines: '20'},
  play: async ({canvasElement}) => {
    const logs = canvasElement.querySelector<KubePodLogs>('kube-pod-logs')!;
    while (!logs.lineCount) await new Promise((resolve) => setTimeout(resolve, 50));
    logs.pause();
  },
};

/** Search with a match count and next/previous; here filtered to the matching lines. */
export const SearchAndFilter: Story = {args: {search: 'request', filterMatches: true, tailLines: 'all'}};

/** On a dark page: the element takes the page's `color-scheme` (here `dark`), and pressed toggles keep 4.5:1 contrast. */
export const OnADarkPage: Story = {
  render: (args, context) => html`<div style="color-scheme: dark; background: Canvas; color: CanvasText; padding: 0.5rem">${meta.render!(args, context)}</div>`,
};

/** 320px wide: the toolbar and the search group wrap instead of scrolling sideways. */
export const Narrow: Story = {
  render: (args, context) => html`<div style="width: 320px">${meta.render!(args, context)}</div>`,
};

/** Errors only, highlighted. */
export const ErrorsOnly: Story = {args: {severity: 'error', tailLines: 'all'}};

/** Long lines wrapped and JSON lines pretty-printed. */
export const WrappedPrettyJson: Story = {args: {wrap: true, prettyJson: true, tailLines: '200'}};

/** A container that has not started (its image can't be pulled): the viewer says so and keeps waiting. */
export const WaitingContainer: Story = {args: {namespace: 'team-b', pod: shared.podName('team-b', 'legacy-importer-')}};

/** `sandbox-developer` may not read logs in kube-system: the viewer says so and what to do. */
export const Forbidden: Story = {
  render: () => {
    const {client} = sandboxClient('sandbox-developer');
    return html`<kube-provider .client=${client} cluster="sandbox">
      <kube-pod-logs namespace="kube-system" kind="Deployment" name="coredns"></kube-pod-logs>
    </kube-provider>`;
  },
};

/** The server fails the log request: its message and HTTP code, and a retry button. */
export const ServerError: Story = {
  render: () => {
    const failing = (inner: FetchHandler): FetchHandler => async (request) =>
      new URL(request.url).pathname.endsWith('/log')
        ? new Response(JSON.stringify({kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Get "https://10.0.0.7:10250/containerLogs/…": dial tcp: i/o timeout', reason: 'InternalError', code: 500}), {status: 500, headers: {'Content-Type': 'application/json'}})
        : inner(request);
    const {client, podName} = sandboxClient('sandbox-admin', failing);
    return html`<kube-provider .client=${client} cluster="sandbox">
      <kube-pod-logs namespace="team-a" pod=${podName('team-a', 'web-')} .follow=${false}></kube-pod-logs>
    </kube-provider>`;
  },
};

/** The provider has no cluster (none set, and listing the clusters fails): the viewer says it waits for one. */
export const NoCluster: Story = {
  render: () => {
    const {client} = sandboxClient('sandbox-admin');
    client.transport.listClusters = () => Promise.reject(new Error('The gateway did not answer'));
    return html`<kube-provider .client=${client}>
      <kube-pod-logs namespace="team-a" pod="web-1"></kube-pod-logs>
    </kube-provider>`;
  },
};
