import {html, nothing} from 'lit';
import {msg, str} from '@lit/localize';
import {KubeApiError} from '../../client/errors.js';
import {unansweredDetail} from '../../internal/describe-error.js';
import {formatCount} from '../../client/intl.js';
import {isolate, renderServerText, renderWholeMessage, shorten} from '../../internal/untrusted-text.js';

/** "HTTP 403 Forbidden". */
export function httpCode(code: number, reason: string) {
  return msg(str`HTTP ${code} ${reason}`, {id: 'kube.resourceList.httpCode'});
}

/** What was denied — the verb, the resource, the namespace — and what the user can do about it. */
export function renderForbidden(options: {resource: string; namespace?: string; clusterScoped: boolean; error?: Error}) {
  const {clusterScoped, error} = options;
  const resource = isolate(options.resource);
  const namespace = options.namespace && isolate(options.namespace);
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
  return html`<div part="forbidden" role="alert" tabindex="-1">
    <p class="state-title">${msg('Access denied', {id: 'kube.resourceList.forbiddenTitle'})}</p>
    <p>${text}</p>
    ${error?.message ? html`<p class="state-detail">${renderServerText(error.message)} (${httpCode(403, 'Forbidden')})</p>${renderWholeMessage(error.message)}` : nothing}
  </div>`;
}

/** The queries that failed beside those that list: which namespace, why, and the server's words. */
export function renderPartial(name: string, failures: ReadonlyArray<{namespace?: string; state: 'forbidden' | 'error'; error?: Error}>) {
  const resource = isolate(name);
  return html`<div part="partial" role="alert">
    ${failures.map((failure) => {
      const {state, error} = failure;
      const namespace = isolate(failure.namespace ?? '');
      const what =
        state === 'forbidden'
          ? msg(str`You can't list ${resource} in namespace ${namespace}; its rows are missing.`, {id: 'kube.resourceList.partialForbidden'})
          : msg(str`Couldn't list ${resource} in namespace ${namespace}; its rows are missing.`, {id: 'kube.resourceList.partialError'});
      return html`<p>${what} <span class="state-detail">${failureText(error)}</span></p>
        ${renderWholeMessage(error?.message ?? '')}`;
    })}
  </div>`;
}

/** The HTTP code the server answered with, or that none answered. */
function errorDetail(error: Error | undefined) {
  return error instanceof KubeApiError && error.code
    ? httpCode(error.code, isolate(shorten(error.reason)))
    : unansweredDetail(error, () => msg('No response from the server (network error).', {id: 'kube.resourceList.networkError'}))!;
}

/**
 * A failure in one run of text: the server's words with its code in brackets ("etcd timed out (HTTP
 * 503 Service Unavailable)"), or, with no answer, the client's words and then the sentence that says
 * so — never one bracket inside another. The words are shortened, and isolated from ours.
 */
function failureText(error: Error | undefined) {
  const message = error?.message?.trim() ?? '';
  if (!message) return errorDetail(error);
  if (error instanceof KubeApiError && error.code) return html`${renderServerText(message)} (${errorDetail(error)})`;
  const shown = shorten(message);
  return html`<bdi>${/[.!?…]$/.test(shown) ? shown : `${shown}.`}</bdi> ${errorDetail(error)}`;
}

/** The server's message and HTTP code, or that no response came. */
export function renderError(name: string, error: Error | undefined) {
  const resource = isolate(name);
  return html`<div part="error" role="alert" tabindex="-1">
    <p class="state-title">${msg(str`Couldn't list ${resource}`, {id: 'kube.resourceList.errorTitle'})}</p>
    <p>${error?.message ? renderServerText(error.message) : msg('Unknown error', {id: 'kube.resourceList.unknownError'})}</p>
    ${renderWholeMessage(error?.message ?? '')}
    <p class="state-detail">${errorDetail(error)}</p>
  </div>`;
}

export interface ToolbarOptions {
  state: string;
  filter: string;
  labelSelector: string;
  progress: {loaded: number; total?: number};
  shown: number;
  /** Set when rows are refreshed on an interval instead of live. */
  pollIntervalMs?: number;
  locale?: string;
  onFilter: (value: string) => void;
  onLabelSelector: (value: string) => void;
}

/** "1,500 shown". */
export function countText(shown: number, locale: string | undefined) {
  return msg(str`${formatCount(shown, locale)} shown`, {id: 'kube.resourceList.count'});
}

/** Why there are no rows: none match the filter, or there are none. */
export function emptyText(name: string, typed: string | undefined) {
  const resource = isolate(name);
  const filter = typed && isolate(typed);
  return filter ? msg(str`No ${resource} match “${filter}”.`, {id: 'kube.resourceList.noMatch'}) : msg(str`No ${resource} found.`, {id: 'kube.resourceList.empty'});
}

/**
 * The filter, the label selector, and the progress or the count. Neither is a live region: the
 * progress would be read out page by page, the count on every change; the list's one live region
 * says how many rows show once they settle.
 */
export function renderToolbar(options: ToolbarOptions) {
  const {state, progress} = options;
  const count = (n: number) => formatCount(n, options.locale);
  return html`<div part="toolbar">
    <input
      part="filter"
      type="search"
      .value=${options.filter}
      placeholder=${msg('Filter by name, namespace or label', {id: 'kube.resourceList.filterPlaceholder'})}
      aria-label=${msg('Filter', {id: 'kube.resourceList.filter'})}
      @input=${(event: InputEvent) => options.onFilter((event.target as HTMLInputElement).value)}
    />
    <input
      part="label-selector"
      type="text"
      .value=${options.labelSelector}
      placeholder=${msg('Label selector, e.g. app=web', {id: 'kube.resourceList.labelSelectorPlaceholder'})}
      aria-label=${msg('Label selector', {id: 'kube.resourceList.labelSelector'})}
      spellcheck="false"
      @change=${(event: Event) => options.onLabelSelector((event.target as HTMLInputElement).value.trim())}
    />
    ${state === 'loading' && progress.loaded > 0
      ? html`<span part="progress"
          >${progress.total !== undefined
            ? msg(str`Loading… ${count(progress.loaded)} of ${count(progress.total)}`, {id: 'kube.resourceList.progress'})
            : msg(str`Loading… ${count(progress.loaded)}`, {id: 'kube.resourceList.progressUnknown'})}</span
        >`
      : state === 'ready' || state === 'reconnecting'
        ? html`<span part="count">${options.pollIntervalMs === undefined
            ? countText(options.shown, options.locale)
            : msg(str`${count(options.shown)} shown, refreshed every ${count(Math.round(options.pollIntervalMs / 1000))} s`, {
                id: 'kube.resourceList.countPolled',
                desc: 'Rows are listed again on an interval instead of updating live (the kind cannot be watched, or no connection was free).',
              })}</span>`
        : nothing}
  </div>`;
}

/** Focusable (not in the tab order), as are the other states that stand in for the grid: focus waits there when the rows go. */
export function renderLoading(name: string) {
  const resource = isolate(name);
  return html`<div part="loading" role="status" tabindex="-1">${msg(str`Loading ${resource}…`, {id: 'kube.resourceList.loading'})}</div>`;
}

/** Rows kept while the list reconnects; why it lost them, when a failure says. */
export function renderReconnecting(error: Error | undefined) {
  return html`<div part="reconnecting" role="status">
    ${msg('Connection lost — reconnecting. The rows shown may be out of date.', {id: 'kube.resourceList.reconnecting'})}
    ${error ? html`<span class="state-detail">${failureText(error)}</span>${renderWholeMessage(error.message ?? '')}` : nothing}
  </div>`;
}

/**
 * No rows: none match the filter, or there are none (then the `empty` slot shows). Not a live region:
 * it changes with every keystroke in the filter; the list's live region says it once typing stops.
 */
export function renderEmpty(resource: string, filter: string | undefined) {
  return html`<div part="empty" tabindex="-1">${filter ? emptyText(resource, filter) : html`<slot name="empty">${emptyText(resource, undefined)}</slot>`}</div>`;
}

/** The list's one live region, visually hidden: how many rows show, once they settle (see `Announcement`). */
export function renderAnnouncement(text: string) {
  return html`<span class="visually-hidden" role="status">${text}</span>`;
}

export function renderNoClient() {
  return html`<div part="no-client" role="note">${msg('No Kubernetes client — place this element inside <kube-provider>.', {id: 'kube.resourceList.noClient'})}</div>`;
}

/** A client but no cluster: the provider is still choosing one, or can't list any (its cluster-error state says why). */
export function renderNoCluster() {
  return html`<div part="no-cluster" role="status" tabindex="-1">${msg('Waiting for a cluster — choose one, or set cluster on <kube-provider>.', {id: 'kube.resourceList.noCluster'})}</div>`;
}
