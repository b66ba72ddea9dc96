// The provider first: an element upgraded before any provider asks for its client once, and no one answers.
import './kube-provider.js';
import {KubeNamespacePicker} from '../elements/kube-namespace-picker/kube-namespace-picker.js';
import {defineElement} from '../internal/define.js';

defineElement('kube-namespace-picker', KubeNamespacePicker);

export {KubeNamespacePicker};
