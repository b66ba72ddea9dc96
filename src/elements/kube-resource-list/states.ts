import {html, nothing} from 'lit';
import {msg, str} from '@lit/localize';
import {KubeApiError} from '../../client/errors.js';

/** "HTTP 403 Forbidden". */
export function httpCode(code: number, reason: string) {
  return msg(str`HTTP ${code} ${reason}`, {id: 'kube.resourceList.httpCode'});
}

/** What was denied — the verb, the resource, the namespace — and what the user can do about it. */
export function renderForbidden(options: {resource: string; namespace?: string; clusterScoped: boolean; error?: Error}) {
  const {resource, namespace, clusterScoped, error} = options;
  let text: string;
  if (namespace) {
    text = msg(str`You can't list ${resource} in namespace ${namespace}. Ask a cluster admin for the 'list' permission, or choose a namespace you can use.`, {
      id: 'kube.resourceList.forbiddenNamespace',
    });
  } else if (clusterScoped) {
    text = msg(str`You can't list ${resource} in this cluster. Ask a cluster admin for the 'list' permission.`, {id: 'kube.resourceList.forbiddenCluster'});
  } else {
    text = msg(
      str`You can't see ${resource} across all namespaces, and no namespace where you can see them was found. Ask a cluster admin which namespace you may use and open that one, or ask whoever set up this page to name your namespaces in allowed-namespaces on <kube-provider>.`,
      {id: 'kube.resourceList.forbiddenNoNamespace'}
    );
  }
  return html`<div part="forbidden" role="alert">
    <p class="state-title">${msg('Access denied', {id: 'kube.resourceList.forbiddenTitle'})}</p>
    <p>${text}</p>
    ${error?.message ? html`<p class="state-detail">${error.message} (${httpCode(403, 'Forbidden')})</p>` : nothing}
  </div>`;
}

/** The server's message and HTTP code, or that no response came. */
export function renderError(resource: string, error: Error | undefined) {
  const code = error instanceof KubeApiError ? error.code : undefined;
  return html`<div part="error" role="alert">
    <p class="state-title">${msg(str`Couldn't list ${resource}`, {id: 'kube.resourceList.errorTitle'})}</p>
    <p>${error?.message ?? msg('Unknown error', {id: 'kube.resourceList.unknownError'})}</p>
    <p class="state-detail">
      ${code ? httpCode(code, (error as KubeApiError).reason) : msg('No response from the server (network error).', {id: 'kube.resourceList.networkError'})}
    </p>
  </div>`;
}
