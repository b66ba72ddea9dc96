/**
 * The Kubernetes wire types the public API needs, defined here so that neither the browser
 * bundle nor a consumer's type-check depends on @kubernetes/client-node.
 */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
}

export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/** Any Kubernetes object. `spec` and `status` are left open: kinds differ. */
export interface KubeObject<Spec = unknown, Status = unknown> {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: Spec;
  status?: Status;
  [key: string]: unknown;
}

export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion?: string;
  kind?: string;
  metadata: ListMeta;
  items: T[];
}

/** `meta.k8s.io/v1` Status, the body of every API error. */
export interface KubeStatus {
  kind: 'Status';
  apiVersion?: string;
  metadata?: ListMeta;
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: Array<{reason?: string; message?: string; field?: string}>;
    retryAfterSeconds?: number;
  };
  code?: number;
}

/** A column of `meta.k8s.io/v1` Table output. */
export interface TableColumnDefinition {
  name: string;
  type: 'integer' | 'number' | 'string' | 'boolean' | 'date' | string;
  format?: string;
  description?: string;
  priority?: number;
}

/** A row of Table output. `object` is a full object or PartialObjectMetadata, per `includeObject`. */
export interface TableRow<T extends KubeObject = KubeObject> {
  cells: unknown[];
  conditions?: Array<{type: string; status: string; reason?: string; message?: string}>;
  object?: T;
}

export interface KubeTable<T extends KubeObject = KubeObject> {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1' | string;
  metadata: ListMeta;
  columnDefinitions: TableColumnDefinition[];
  rows: Array<TableRow<T>>;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent<T = KubeObject> {
  type: WatchEventType;
  object: T;
}

/** Identifies one resource type on one cluster, as discovery describes it. */
export interface ResourceType {
  group: string;
  version: string;
  /** Plural resource name, e.g. `deployments`. */
  resource: string;
  kind: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  verbs: string[];
  categories: string[];
  /** Subresource names served for this resource, e.g. `status`, `scale`, `log`. */
  subresources: string[];
}

/** Identifies one object on one cluster — what a `kube-select` event carries. */
export interface ObjectReference {
  cluster: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

/** A cluster a transport can reach, as the gateway's `GET /clusters` lists it. */
export interface ClusterInfo {
  name: string;
  /** Human-friendly label; defaults to `name`. */
  displayName?: string;
  /** API server URL, when the gateway chooses to disclose it. */
  server?: string;
}

/** `/version` of an API server. */
export interface ServerVersion {
  major: string;
  minor: string;
  gitVersion: string;
  platform?: string;
  [key: string]: unknown;
}
