import type {Meta, StoryObj} from '@storybook/web-components-vite';
import {html} from 'lit';
import '../src/define/kube-provider.js';
import '../src/define/kube-action-bar.js';
import '../src/define/kube-resource-list.js';
import type {KubeActionBar} from '../src/elements/kube-action-bar/kube-action-bar.js';

interface Args {
  kind: string;
  namespace: string;
  name: string;
  denied: 'disable' | 'hide';
  undoMs: number;
}

const developer = () => 'sandbox-developer';
const viewer = () => 'sandbox-viewer';

/** Waits for the bar's permissions, then presses one of its actions (and types into the dialog). */
async function press(root: HTMLElement, action: string, typed?: string) {
  const bar = root.querySelector<KubeActionBar>('kube-action-bar')!;
  for (let i = 0; i < 200 && !(bar.hasState('ready') && !bar.hasState('loading')); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  bar.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)?.click();
  await bar.updateComplete;
  const dialog = bar.shadowRoot!.querySelector('dialog')!;
  if (typed === undefined) return;
  dialog.querySelector<HTMLInputElement>('#confirm-name')!.value = typed;
  dialog.querySelector<HTMLButtonElement>('[part~="confirm"]')!.click();
}

const meta: Meta<Args> = {
  title: 'Elements/kube-action-bar',
  component: 'kube-action-bar',
  args: {kind: 'deployments', namespace: 'team-a', name: 'web', denied: 'disable', undoMs: 5000},
  argTypes: {denied: {control: 'select', options: ['disable', 'hide']}},
  render: (args) => html`
    <kube-provider transport="sandbox" cluster="sandbox">
      <kube-action-bar kind=${args.kind} namespace=${args.namespace} name=${args.name} denied=${args.denied} undo-ms=${args.undoMs}></kube-action-bar>
    </kube-provider>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** sandbox-admin on one deployment: every action enabled. */
export const AdminSingleObject: Story = {};

/** sandbox-developer in team-b, where it may only view: changes are disabled and say why (hover or focus them; Escape hides the reason). */
export const DeveloperDeniedInTeamB: Story = {
  args: {namespace: 'team-b', name: 'catalog'},
  render: (args) => html`
    <kube-provider transport="sandbox" cluster="sandbox" .tokenProvider=${developer}>
      <kube-action-bar kind=${args.kind} namespace=${args.namespace} name=${args.name} denied=${args.denied}></kube-action-bar>
    </kube-provider>
  `,
};

/** sandbox-viewer: nothing may be changed. */
export const Viewer: Story = {
  render: (args) => html`
    <kube-provider transport="sandbox" cluster="sandbox" .tokenProvider=${viewer}>
      <kube-action-bar kind=${args.kind} namespace=${args.namespace} name=${args.name} denied=${args.denied}></kube-action-bar>
    </kube-provider>
  `,
};

/** `denied="hide"`: the developer in team-b sees only what it may do. */
export const HiddenDenied: Story = {
  ...DeveloperDeniedInTeamB,
  args: {namespace: 'team-b', name: 'catalog', denied: 'hide'},
};

/** Acting on a resource list's selection (`for`): tick pods; each is checked, e.g. "Delete (3 of 5)". Deleting them leaves focus on the message that takes the toolbar's place. */
export const BulkSelection: Story = {
  render: (args) => html`
    <kube-provider transport="sandbox" cluster="sandbox" .tokenProvider=${developer} namespace="team-a">
      <kube-action-bar for="pods" denied=${args.denied} undo-ms=${args.undoMs}></kube-action-bar>
      <kube-resource-list id="pods" kind="pods" namespace="team-a" selectable="multi" style="height: 320px"></kube-resource-list>
    </kube-provider>
  `,
};

/** The confirmation dialog of Delete, open. */
export const ConfirmDialogOpen: Story = {
  play: async ({canvasElement}) => press(canvasElement, 'delete'),
};

/** Draining a node: cordon, then evictions; pods a PodDisruptionBudget keeps, and pods left on purpose (DaemonSet, mirror, no controller, emptyDir — the dialog offers the last two), are listed with the reason. */
export const DrainNode: Story = {
  args: {kind: 'nodes', namespace: '', name: 'sandbox-worker', undoMs: 0},
  play: async ({canvasElement}) => press(canvasElement, 'drain', 'sandbox-worker'),
};

const deployment = (namespace: string, name: string) => ({cluster: 'sandbox', apiVersion: 'apps/v1', kind: 'Deployment', namespace, name});

/** A selection across namespaces (`targets`): the developer may change 2 of the 5, and the bar says so. */
export const MixedSelection: Story = {
  render: (args) => html`
    <kube-provider transport="sandbox" cluster="sandbox" .tokenProvider=${developer}>
      <kube-action-bar
        denied=${args.denied}
        undo-ms=${args.undoMs}
        .targets=${[deployment('team-a', 'web'), deployment('team-a', 'api'), deployment('team-b', 'catalog'), deployment('team-b', 'frontend'), deployment('team-b', 'recommender')]}
      ></kube-action-bar>
    </kube-provider>
  `,
};
