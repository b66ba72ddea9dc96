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
