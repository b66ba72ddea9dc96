/** Registers every kube-elements element. */
import './kube-provider.js';
import './kube-cluster-picker.js';
import './kube-namespace-picker.js';
import './kube-resource-list.js';
import './kube-action-bar.js';
import './kube-pod-logs.js';
