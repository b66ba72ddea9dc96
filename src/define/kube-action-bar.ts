// The provider first: an element upgraded before any provider asks for its client once, and no one answers.
import './kube-provider.js';
import {KubeActionBar} from '../elements/kube-action-bar/kube-action-bar.js';
import {defineElement} from '../internal/define.js';

defineElement('kube-action-bar', KubeActionBar);

export {KubeActionBar};
