import {KubeResourceList} from '../elements/kube-resource-list/kube-resource-list.js';
import {defineElement} from '../internal/define.js';

defineElement('kube-resource-list', KubeResourceList);

export {KubeResourceList};
