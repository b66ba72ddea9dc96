import type {KubeObject} from '../client/types.js';
import type {PolicyRule} from './rbac-defaults.js';
import {selectorFromObject} from './selectors.js';
import type {ObjectStore} from './store.js';
import {storageKey} from './resources.js';

export interface UserInfo {
  name: string;
  groups: string[];
}

/** What is being asked, as authorizer.Attributes carries it. */
export interface Attributes {
  user: UserInfo;
  verb: string;
  resourceRequest: boolean;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  path?: string;
}

export interface Decision {
  allowed: boolean;
  reason: string;
}

const RBAC = 'rbac.authorization.k8s.io';
export const CLUSTER_ROLES = storageKey(RBAC, 'clusterroles');
export const CLUSTER_ROLE_BINDINGS = storageKey(RBAC, 'clusterrolebindings');
export const ROLES = storageKey(RBAC, 'roles');
export const ROLE_BINDINGS = storageKey(RBAC, 'rolebindings');

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

interface Grant {
  rules: PolicyRule[];
  /** "RoleBinding \"x/ns\" of ClusterRole \"edit\"" — how the RBAC authorizer explains an allow. */
  source: string;
}

function subjectMatches(s: Subject, user: UserInfo): boolean {
  if (s.kind === 'User') return s.name === user.name;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount') return user.name === `system:serviceaccount:${s.namespace}:${s.name}`;
  return false;
}

const has = (list: readonly string[] | undefined, value: string) => !!list && (list.includes('*') || list.includes(value));

function resourceMatches(rule: PolicyRule, resource: string, subresource: string | undefined): boolean {
  const resources = rule.resources ?? [];
  const combined = subresource ? `${resource}/${subresource}` : resource;
  if (resources.includes('*') || resources.includes(combined)) return true;
  if (subresource && resources.includes(`*/${subresource}`)) return true;
  return false;
}

function nonResourceMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))));
}

export function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (!a.resourceRequest) return nonResourceMatches(rule, a.path ?? '');
  if (rule.nonResourceURLs?.length && !rule.resources?.length) return false;
  if (!has(rule.apiGroups, a.apiGroup ?? '')) return false;
  if (!resourceMatches(rule, a.resource ?? '', a.subresource)) return false;
  if (rule.resourceNames?.length) return !!a.name && rule.resourceNames.includes(a.name);
  return true;
}

/**
 * RBAC evaluated from the stored roles and bindings, like kube-apiserver's RBAC authorizer.
 * Grants are cached per (user, namespace) and dropped whenever an RBAC object changes.
 */
export class RbacAuthorizer {
  private cache = new Map<string, Grant[]>();

  constructor(private readonly store: ObjectStore) {
    const clear = () => this.cache.clear();
    for (const s of [CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, ROLES, ROLE_BINDINGS]) store.subscribe(s, clear);
  }

  private roleRules(kind: string, name: string, namespace?: string): PolicyRule[] {
    const obj = kind === 'ClusterRole' ? this.store.get(CLUSTER_ROLES, name) : this.store.get(ROLES, `${namespace}/${name}`);
    return ((obj?.['rules'] as PolicyRule[] | undefined) ?? []);
  }

  /** The rules that apply to a user in a namespace (cluster-wide grants included). */
  grants(user: UserInfo, namespace?: string): Grant[] {
    const cacheKey = `${user.name}\u0000${user.groups.join(',')}\u0000${namespace ?? ''}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const out: Grant[] = [];
    for (const b of this.store.values(CLUSTER_ROLE_BINDINGS)) {
      const subjects = (b['subjects'] as Subject[] | undefined) ?? [];
      const ref = b['roleRef'] as {kind: string; name: string};
      const subject = subjects.find((s) => subjectMatches(s, user));
      if (!subject) continue;
      out.push({rules: this.roleRules('ClusterRole', ref.name), source: `ClusterRoleBinding "${b.metadata.name}" of ClusterRole "${ref.name}" to ${subject.kind} "${subject.name}"`});
    }
    if (namespace) {
      for (const b of this.store.values(ROLE_BINDINGS)) {
        if (b.metadata.namespace !== namespace) continue;
        const subjects = (b['subjects'] as Subject[] | undefined) ?? [];
        const ref = b['roleRef'] as {kind: string; name: string};
        const subject = subjects.find((s) => subjectMatches(s, user));
        if (!subject) continue;
        out.push({rules: this.roleRules(ref.kind, ref.name, namespace), source: `RoleBinding "${b.metadata.name}/${namespace}" of ${ref.kind} "${ref.name}" to ${subject.kind} "${subject.name}"`});
      }
    }
    this.cache.set(cacheKey, out);
    return out;
  }

  authorize(a: Attributes): Decision {
    for (const g of this.grants(a.user, a.resourceRequest ? a.namespace : undefined)) {
      if (g.rules.some((r) => ruleAllows(r, a))) return {allowed: true, reason: `RBAC: allowed by ${g.source}`};
    }
    return {allowed: false, reason: ''};
  }

  /** The rules a user has in a namespace, as SelfSubjectRulesReview reports them. */
  rules(user: UserInfo, namespace: string): {resourceRules: PolicyRule[]; nonResourceRules: PolicyRule[]} {
    const resourceRules: PolicyRule[] = [];
    const nonResourceRules: PolicyRule[] = [];
    for (const g of this.grants(user, namespace)) {
      for (const r of g.rules) {
        if (r.nonResourceURLs?.length) nonResourceRules.push({verbs: r.verbs, nonResourceURLs: r.nonResourceURLs});
        if (r.resources?.length) {
          resourceRules.push({verbs: r.verbs, apiGroups: r.apiGroups ?? [], resources: r.resources, ...(r.resourceNames?.length ? {resourceNames: r.resourceNames} : {})});
        }
      }
    }
    return {resourceRules, nonResourceRules};
  }
}

/** Why a request was refused, in kube-apiserver's words (forbiddenMessage + NewForbidden). */
export function forbiddenMessage(a: Attributes): string {
  const user = a.user.name;
  let why: string;
  if (!a.resourceRequest) why = `User "${user}" cannot ${a.verb} path "${a.path}"`;
  else {
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    why = a.namespace
      ? `User "${user}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup ?? ''}" in the namespace "${a.namespace}"`
      : `User "${user}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup ?? ''}" at the cluster scope`;
  }
  if (!a.resourceRequest) return `forbidden: ${why}`;
  const gr = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
  return a.name ? `${gr} "${a.name}" is forbidden: ${why}` : `${gr} is forbidden: ${why}`;
}

/**
 * The ClusterRole aggregation controller: a role with an aggregationRule gets the union of the
 * rules of every ClusterRole its selectors match. Returns the roles whose rules changed.
 */
export function aggregateClusterRoles(store: ObjectStore): KubeObject[] {
  const changed: KubeObject[] = [];
  // Aggregation chains (view → edit → admin) settle in a few passes.
  for (let pass = 0; pass < 4; pass++) {
    let any = false;
    const roles = [...store.values(CLUSTER_ROLES)];
    for (const role of roles) {
      const rule = role['aggregationRule'] as {clusterRoleSelectors?: Array<Parameters<typeof selectorFromObject>[0]>} | undefined;
      if (!rule?.clusterRoleSelectors) continue;
      const selectors = rule.clusterRoleSelectors.map(selectorFromObject);
      const rules: PolicyRule[] = [];
      const seen = new Set<string>();
      for (const other of [...store.values(CLUSTER_ROLES)].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
        if (other.metadata.name === role.metadata.name) continue;
        if (!selectors.some((s) => s(other.metadata.labels))) continue;
        for (const r of (other['rules'] as PolicyRule[] | undefined) ?? []) {
          const key = JSON.stringify(r);
          if (!seen.has(key)) {
            seen.add(key);
            rules.push(r);
          }
        }
      }
      if (JSON.stringify(rules) !== JSON.stringify(role['rules'] ?? [])) {
        changed.push(store.put(CLUSTER_ROLES, {...role, rules}));
        any = true;
      }
    }
    if (!any) break;
  }
  return changed;
}
