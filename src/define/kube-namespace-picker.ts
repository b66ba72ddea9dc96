import {KubeNamespacePicker} from '../elements/kube-namespace-picker/kube-namespace-picker.js';
import {defineElement} from '../internal/define.js';

defineElement('kube-namespace-picker', KubeNamespacePicker);

export {KubeNamespacePicker};
