/** Registers every kube-elements element. */
import './kube-provider.js';
