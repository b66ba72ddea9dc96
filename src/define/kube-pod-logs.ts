import {KubePodLogs} from '../elements/kube-pod-logs/kube-pod-logs.js';
import {defineElement} from '../internal/define.js';

defineElement('kube-pod-logs', KubePodLogs);

export {KubePodLogs};
