import {KubeClusterPicker} from '../elements/kube-cluster-picker/kube-cluster-picker.js';
import {defineElement} from '../internal/define.js';

defineElement('kube-cluster-picker', KubeClusterPicker);

export {KubeClusterPicker};
