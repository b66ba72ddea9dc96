import {KubeProvider} from '../elements/kube-provider/kube-provider.js';
import {defineElement} from '../internal/define.js';

defineElement('kube-provider', KubeProvider);

export {KubeProvider};
