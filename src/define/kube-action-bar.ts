import {KubeActionBar} from '../elements/kube-action-bar/kube-action-bar.js';
import {defineElement} from '../internal/define.js';

defineElement('kube-action-bar', KubeActionBar);

export {KubeActionBar};
