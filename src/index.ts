/** kube-elements: element classes, the client and its types. No side effects: see `kube-elements/define/*`. */
export * from './client/index.js';
export * from './context/kube-context.js';
export * from './events/scope-events.js';
export {KubeElement} from './internal/kube-element.js';
export {VERSION} from './internal/version.js';
export {KubeProvider, type ProviderTransport} from './elements/kube-provider/kube-provider.js';
export {KubeClusterPicker} from './elements/kube-cluster-picker/kube-cluster-picker.js';
export {KubeNamespacePicker} from './elements/kube-namespace-picker/kube-namespace-picker.js';
export {InformerController, type InformerTarget} from './controllers/informer-controller.js';
export {configureKubeLocalization, kubeLocaleLoaders, kubeLocales} from './i18n/localization.js';
export {KubeResourceList, type RowActionsRenderer} from './elements/kube-resource-list/kube-resource-list.js';
export {KubeSelectEvent, KubeSelectionChangeEvent} from './elements/kube-resource-list/events.js';
export type {ExtraColumn, ResourceListRow} from './elements/kube-resource-list/columns.js';
export {KubeActionBar} from './elements/kube-action-bar/kube-action-bar.js';
export {KubeActionEvent, KubeEditYamlEvent, type KubeActionDetail, type KubeActionFailure, type KubeActionPhase} from './elements/kube-action-bar/events.js';
export {DrainIncompleteError, builtinActions, type KubeActionDefinition, type KubeActionContext, type KubeActionInput} from './elements/kube-action-bar/actions.js';
export {ActionPermissionsController, type ActionPermission, type ActionPermissionsInput, type GatedAction} from './controllers/action-permissions-controller.js';
export {KubeOpenLogsEvent} from './events/open-logs-event.js';
