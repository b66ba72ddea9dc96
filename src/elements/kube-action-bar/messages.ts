import {msg, str} from '@lit/localize';
import type {PermissionCheck} from '../../client/actions/permissions.js';
import {MissingNamespaceError} from '../../client/actions/target.js';
import type {ObjectReference} from '../../client/types.js';
import {describeError} from '../../internal/describe-error.js';

/** Why an action is denied, in plain words. */
export function denialReason(check: PermissionCheck): string {
  const verb = check.verb;
  const what = check.subresource ? `${check.resource}/${check.subresource}` : check.resource;
  if (check.namespace) {
    const namespace = check.namespace;
    return msg(str`You can't ${verb} ${what} in namespace ${namespace}: your account lacks the '${verb}' permission there.`, {id: 'kube.actionBar.deniedInNamespace'});
  }
  return msg(str`You can't ${verb} ${what} on this cluster: your account lacks the '${verb}' permission.`, {id: 'kube.actionBar.deniedCluster'});
}

/** The reason shown for a selection where only some objects may be changed. */
export function partialReason(permitted: number, total: number, first: string): string {
  return msg(str`Applies to ${permitted} of ${total} selected. ${first}`, {id: 'kube.actionBar.partial'});
}

export function checkingReason(): string {
  return msg('Checking your permissions…', {id: 'kube.actionBar.checking'});
}

/** Why the bar cannot act: the targets could not be resolved or checked. */
export function targetErrorText(error: Error | undefined): string {
  if (error instanceof MissingNamespaceError) {
    const kind = error.type.kind;
    const name = error.objectName;
    return msg(str`${kind} ${name} lives in a namespace, but none is set: give the bar a namespace, or its provider exactly one.`, {id: 'kube.actionBar.noNamespace'});
  }
  return checkFailedReason(error);
}

export function checkFailedReason(error: Error | undefined): string {
  const detail = describeError(error, () => msg('unknown error', {id: 'kube.actionBar.unknownError'}));
  return msg(str`Your permissions could not be checked: ${detail}`, {id: 'kube.actionBar.checkFailed'});
}

/** `team-a/web` or `node-1`. */
export function objectName(reference: ObjectReference): string {
  return reference.namespace ? `${reference.namespace}/${reference.name}` : reference.name;
}

export function errorText(error: Error): string {
  return describeError(error, () => msg('unknown error', {id: 'kube.actionBar.unknownError'}));
}

export function successText(label: string, count: number): string {
  return count === 1
    ? msg(str`${label}: done.`, {id: 'kube.actionBar.doneOne'})
    : msg(str`${label}: done for ${count} objects.`, {id: 'kube.actionBar.doneMany'});
}

export function failureText(label: string, failed: number, total: number): string {
  return total === 1
    ? msg(str`${label} failed.`, {id: 'kube.actionBar.failedOne'})
    : msg(str`${label} failed for ${failed} of ${total} objects:`, {id: 'kube.actionBar.failedMany'});
}

export function skippedText(count: number): string {
  return msg(str`Not attempted on ${count} you may not change.`, {id: 'kube.actionBar.skipped'});
}

export function undoText(label: string, what: string, seconds: number): string {
  return msg(str`${label} ${what} in ${seconds} s.`, {id: 'kube.actionBar.undoCountdown'});
}

export function cancelledText(label: string): string {
  return msg(str`${label} cancelled; nothing was sent.`, {id: 'kube.actionBar.cancelled'});
}

export function vetoedText(label: string): string {
  return msg(str`${label} was stopped by the page.`, {id: 'kube.actionBar.vetoed'});
}

/** What a drain left on the node, one line per pod. */
export function drainLeftText(pod: {namespace: string; name: string; message?: string}): string {
  const name = `${pod.namespace}/${pod.name}`;
  const why = pod.message ?? '';
  return msg(str`${name} was not evicted: ${why}`, {id: 'kube.actionBar.drainLeft'});
}

/** Why drain left a pod on the node on purpose (DaemonSet-owned and static pods), one line per pod. */
export function drainSkippedText(pod: {namespace: string; name: string; reason: string}): string {
  const name = `${pod.namespace}/${pod.name}`;
  return pod.reason === 'daemonset'
    ? msg(str`${name} was left: its DaemonSet runs it on every node.`, {id: 'kube.actionBar.drainSkippedDaemonSet'})
    : msg(str`${name} was left: it is a static pod the node's kubelet runs.`, {id: 'kube.actionBar.drainSkippedMirror'});
}

/** A drain that stopped before evicting anything, as kubectl's does, because some pods need an option. */
export function drainBlockedText(node: string): string {
  return msg(str`Drain stopped before evicting anything; ${node} stays cordoned. Choose the options these pods need and drain again:`, {id: 'kube.actionBar.drainBlocked'});
}

/** Which option a pod that stopped the drain needs, one line per pod. */
export function drainBlockerText(pod: {namespace: string; name: string; reason: string}): string {
  const name = `${pod.namespace}/${pod.name}`;
  return pod.reason === 'unmanaged'
    ? msg(str`${name}: no controller would recreate it — "Pods no controller would recreate".`, {id: 'kube.actionBar.drainBlockedUnmanaged'})
    : msg(str`${name}: its emptyDir data would be deleted — "Pods with emptyDir volumes".`, {id: 'kube.actionBar.drainBlockedLocalStorage'});
}

/** The targets in a few words: `web`, or `3 objects`. */
export function targetsText(targets: readonly ObjectReference[]): string {
  if (targets.length === 1) return targets[0]!.name;
  const count = targets.length;
  return msg(str`${count} objects`, {id: 'kube.actionBar.objects'});
}
