// The provider first: an element upgraded before any provider asks for its client once, and no one answers.
import './kube-provider.js';
import {KubePodLogs} from '../elements/kube-pod-logs/kube-pod-logs.js';
import {defineElement} from '../internal/define.js';

defineElement('kube-pod-logs', KubePodLogs);

export {KubePodLogs};
