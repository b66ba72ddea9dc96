import {createContext} from '@lit/context';
import type {KubeClient} from '../client/kube-client.js';

/**
 * One context per concern. The client is stable; the cluster and namespaces change, and live in
 * narrow contexts so a namespace switch re-renders only what reads the namespace.
 */
export const clientContext = createContext<KubeClient | undefined>(Symbol('kube-client'));

/** The current cluster's name. */
export const clusterContext = createContext<string | undefined>(Symbol('kube-cluster'));

/** The selected namespaces; an empty list means all namespaces. */
export const namespacesContext = createContext<readonly string[] | undefined>(Symbol('kube-namespaces'));

export interface KubeSettings {
  /** Namespaces the host allows (`allowed-namespaces`); empty when the host sets none. */
  allowedNamespaces: readonly string[];
}

export const settingsContext = createContext<KubeSettings | undefined>(Symbol('kube-settings'));

/**
 * What a picker may change on its nearest provider. Each setter returns whether the provider's value
 * is now the one asked for — `false` when the host cancelled the change; `true` also when it already
 * was. An implementation that returns nothing (`undefined`) is taken to have made the change.
 */
export interface KubeScope {
  setCluster(cluster: string): boolean | void;
  /** An empty list selects all namespaces. */
  setNamespaces(namespaces: readonly string[]): boolean | void;
}

export const scopeContext = createContext<KubeScope | undefined>(Symbol('kube-scope'));
