// The provider first: an element upgraded before any provider asks for its client once, and no one answers.
import './kube-provider.js';
import {KubeResourceList} from '../elements/kube-resource-list/kube-resource-list.js';
import {defineElement} from '../internal/define.js';

defineElement('kube-resource-list', KubeResourceList);

export {KubeResourceList};
