// The provider first: an element upgraded before any provider asks for its client once, and no one answers.
import './kube-provider.js';
import {KubeClusterPicker} from '../elements/kube-cluster-picker/kube-cluster-picker.js';
import {defineElement} from '../internal/define.js';

defineElement('kube-cluster-picker', KubeClusterPicker);

export {KubeClusterPicker};
