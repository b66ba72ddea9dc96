import {msg, str} from '@lit/localize';
import type {PermissionCheck} from '../../client/actions/permissions.js';
import {MissingNamespaceError} from '../../client/actions/target.js';
import type {ObjectReference} from '../../client/types.js';
import {describeError} from '../../internal/describe-error.js';
import {isolate, shorten, SHOWN_MESSAGE_LENGTH} from '../../internal/untrusted-text.js';

/** Why an action is denied, in plain words. */
export function denialReason(check: PermissionCheck): string {
  const verb = check.verb;
  const what = isolate(check.subresource ? `${check.resource}/${check.subresource}` : check.resource);
  if (check.namespace) {
    const namespace = isolate(check.namespace);
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
    const kind = isolate(error.type.kind);
    const name = isolate(error.objectName);
    return msg(str`${kind} ${name} lives in a namespace, but none is set: give the bar a namespace, or its provider exactly one.`, {id: 'kube.actionBar.noNamespace'});
  }
  return checkFailedReason(error);
}

export function checkFailedReason(error: Error | undefined): string {
  const detail = error ? errorText(error) : msg('unknown error', {id: 'kube.actionBar.unknownError'});
  return msg(str`Your permissions could not be checked: ${detail}`, {id: 'kube.actionBar.checkFailed'});
}

/** `team-a/web` or `node-1`, each name isolated (see `isolate`). */
export function objectName(reference: {namespace?: string; name: string}): string {
  return reference.namespace ? `${isolate(reference.namespace)}/${isolate(reference.name)}` : isolate(reference.name);
}

/** A failure in words for a sentence: the server's message shortened and isolated, then its HTTP code. */
export function errorText(error: Error): string {
  return wholeErrorText(inSentence(error));
}

/** A failure in words, the whole message: what `errorText` shortened. */
export function wholeErrorText(error: Error): string {
  return describeError(error, () => msg('unknown error', {id: 'kube.actionBar.unknownError'}));
}

/** Whether a server's message is shown shortened (by `errorText`, `drainLeftText`). */
export function isLong(message: string | undefined): boolean {
  return (message?.length ?? 0) > SHOWN_MESSAGE_LENGTH;
}

/** The error as it is, but for its message: shortened and isolated; its class and HTTP code are read through. */
function inSentence(error: Error): Error {
  if (!error.message) return error;
  return Object.create(error, {message: {value: isolate(shorten(error.message))}}) as Error;
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
export function drainLeftText(pod: {namespace: string; name: string; message?: string}, whole = false): string {
  const name = objectName(pod);
  const why = isolate(whole ? pod.message ?? '' : shorten(pod.message ?? ''));
  return msg(str`${name} was not evicted: ${why}`, {id: 'kube.actionBar.drainLeft'});
}

/** Why drain left a pod on the node on purpose (DaemonSet-owned and static pods), one line per pod. */
export function drainSkippedText(pod: {namespace: string; name: string; reason: string}): string {
  const name = objectName(pod);
  return pod.reason === 'daemonset'
    ? msg(str`${name} was left: its DaemonSet runs it on every node.`, {id: 'kube.actionBar.drainSkippedDaemonSet'})
    : msg(str`${name} was left: it is a static pod the node's kubelet runs.`, {id: 'kube.actionBar.drainSkippedMirror'});
}

/** A drain that stopped before evicting anything, as kubectl's does, because some pods need an option. */
export function drainBlockedText(nodeName: string): string {
  const node = isolate(nodeName);
  return msg(str`Drain stopped before evicting anything; ${node} stays cordoned. Choose the options these pods need and drain again:`, {id: 'kube.actionBar.drainBlocked'});
}

/** Which option a pod that stopped the drain needs, one line per pod. */
export function drainBlockerText(pod: {namespace: string; name: string; reason: string}): string {
  const name = objectName(pod);
  return pod.reason === 'unmanaged'
    ? msg(str`${name}: no controller would recreate it — "Pods no controller would recreate".`, {id: 'kube.actionBar.drainBlockedUnmanaged'})
    : msg(str`${name}: its emptyDir data would be deleted — "Pods with emptyDir volumes".`, {id: 'kube.actionBar.drainBlockedLocalStorage'});
}

/** The targets in a few words: `web`, or `3 objects`. */
export function targetsText(targets: readonly ObjectReference[]): string {
  if (targets.length === 1) return isolate(targets[0]!.name);
  const count = targets.length;
  return msg(str`${count} objects`, {id: 'kube.actionBar.objects'});
}
