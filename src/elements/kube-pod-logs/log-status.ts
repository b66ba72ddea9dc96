import {html, nothing} from 'lit';
import {msg, str} from '@lit/localize';
import {KubeApiError} from '../../client/errors.js';
import {describeError, unansweredDetail} from '../../internal/describe-error.js';
import type {LogSources} from '../../client/log-sources.js';

export interface OverallStatus {
  state: 'no-client' | 'no-cluster' | 'idle' | 'loading' | 'streaming' | 'reconnecting' | 'waiting' | 'ended' | 'deleted' | 'error' | 'forbidden';
  error?: Error;
}

const isForbidden = (error: Error | undefined) => error instanceof KubeApiError && error.code === 403;

/** One state for the whole view, from the pods' watch and every container stream. */
export function overallStatus(hasClient: boolean, hasCluster: boolean, hasTarget: boolean, sources: LogSources | undefined, hasLines: boolean): OverallStatus {
  if (!hasClient) return {state: 'no-client'};
  if (!hasCluster) return {state: 'no-cluster'};
  if (!hasTarget) return {state: 'idle'};
  if (!sources) return {state: 'loading'};
  if (sources.podsStatus === 'forbidden' || isForbidden(sources.error)) return {state: 'forbidden', error: sources.error};
  if (sources.podsStatus === 'error') return {state: 'error', error: sources.error};
  const list = sources.sources;
  if (!list.length) return {state: sources.podsStatus === 'loading' ? 'loading' : 'ended'};
  const failed = list.find((s) => s.status === 'error');
  if (failed && list.every((s) => s.status === 'error' || s.status === 'ended' || s.status === 'deleted')) {
    return {state: isForbidden(failed.error) ? 'forbidden' : 'error', error: failed.error};
  }
  const has = (status: string) => list.some((s) => s.status === status);
  if (has('reconnecting')) return {state: 'reconnecting', error: list.find((s) => s.status === 'reconnecting')?.error};
  if (has('streaming')) return {state: 'streaming'};
  if (has('connecting')) return {state: hasLines ? 'streaming' : 'loading'};
  if (has('waiting')) return {state: 'waiting', error: list.find((s) => s.status === 'waiting')?.error};
  if (list.every((s) => s.status === 'deleted')) return {state: 'deleted'};
  return {state: 'ended'};
}

/** The status line's words; `waiting` is the number of lines held back while paused. */
export function statusText(status: OverallStatus, sources: LogSources | undefined, waiting: number | undefined, format: (n: number) => string): string {
  if (waiting !== undefined) {
    return waiting ? msg(str`Paused — ${format(waiting)} new lines`, {id: 'kube.podLogs.pausedWaiting'}) : msg('Paused', {id: 'kube.podLogs.paused'});
  }
  const list = sources?.sources ?? [];
  const streams = list.length;
  switch (status.state) {
    case 'loading':
      return msg('Connecting…', {id: 'kube.podLogs.connecting'});
    case 'streaming': {
      const live = list.filter((s) => s.status === 'streaming' || s.status === 'connecting').length;
      if (streams > 1) return msg(str`Streaming ${format(live)} of ${format(streams)} containers`, {id: 'kube.podLogs.streamingMany'});
      return msg('Streaming', {id: 'kube.podLogs.streaming'});
    }
    case 'reconnecting':
      // Why comes after, as on <kube-resource-list>'s banner: describeError brings its own "(HTTP 500)".
      return status.error
        ? msg(str`Connection lost — reconnecting… ${describeError(status.error, () => '')}`, {id: 'kube.podLogs.reconnectingBecause'})
        : msg('Connection lost — reconnecting…', {id: 'kube.podLogs.reconnecting'});
    case 'waiting':
      // Without an error the stream saw its container stop; with one the server said it hasn't started.
      return status.error
        ? msg('The container has not started yet; waiting for it.', {id: 'kube.podLogs.waiting'})
        : msg('The container stopped; waiting for it to restart.', {id: 'kube.podLogs.waitingRestart'});
    case 'deleted':
      return msg('The pod was deleted; its log ends here.', {id: 'kube.podLogs.deleted'});
    case 'ended':
      if (!streams && sources?.target.pod) return msg(str`Pod ${sources.target.pod} was not found in namespace ${sources.target.namespace}.`, {id: 'kube.podLogs.podNotFound'});
      if (!streams) return msg('No pods match.', {id: 'kube.podLogs.noPods'});
      return msg('The log ended.', {id: 'kube.podLogs.ended'});
    case 'error':
      return msg('Reading the logs failed.', {id: 'kube.podLogs.failed'});
    case 'forbidden':
      return msg('Access denied.', {id: 'kube.podLogs.denied'});
    default:
      return '';
  }
}

/** Reading logs was denied: what, and what to do. */
export function renderForbidden(error: Error | undefined) {
  return html`<div part="forbidden" role="alert">
    <p class="state-title">${msg('Access denied', {id: 'kube.podLogs.forbiddenTitle'})}</p>
    <p>${msg("You can't read these logs. Ask a cluster admin for 'get' on pods/log in this namespace.", {id: 'kube.podLogs.forbidden'})}</p>
    <p class="state-detail">${describeError(error, () => '')}</p>
  </div>`;
}

/** The server's message and HTTP code (or that none answered), and a retry button. */
export function renderError(error: Error | undefined, retry: () => void) {
  const unanswered = unansweredDetail(error, () => msg('No response from the server (network error).', {id: 'kube.podLogs.networkError'}));
  return html`<div part="error" role="alert">
    <p class="state-title">${msg("Couldn't read the logs", {id: 'kube.podLogs.errorTitle'})}</p>
    <p>${describeError(error, () => msg('Unknown error', {id: 'kube.podLogs.unknownError'}))}</p>
    ${unanswered ? html`<p class="state-detail">${unanswered}</p>` : nothing}
    <button type="button" part="retry" @click=${retry}>${msg('Try again', {id: 'kube.podLogs.retry'})}</button>
  </div>`;
}

/** What the hidden live region says: the state only, never counts that change with every line. */
export function announcementText(status: OverallStatus, sources: LogSources | undefined, paused: boolean, format: (n: number) => string): string {
  if (paused) return msg('Paused', {id: 'kube.podLogs.paused'});
  if (status.state === 'streaming') return msg('Streaming', {id: 'kube.podLogs.streaming'});
  if (status.state === 'reconnecting') return msg('Connection lost — reconnecting…', {id: 'kube.podLogs.reconnecting'});
  return statusText(status, sources, undefined, format);
}

/**
 * Holds what a live region says so that it changes with the state only, and tells a passing
 * state (a reconnect) only once it lasted `delayMs`: a blip that heals is never read out.
 */
export class StateAnnouncer {
  private said = '';
  private pending = {text: '', since: 0};
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly delayMs: number,
    private readonly wake: () => void
  ) {}

  /** The text to show now for `next`; `passing` texts wait `delayMs` (the host is woken then). */
  say(next: string, passing: boolean, now = performance.now()): string {
    if (next !== this.pending.text) this.pending = {text: next, since: now};
    const left = this.delayMs - (now - this.pending.since);
    if (!passing || left <= 0) return (this.said = next);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.wake();
    }, left);
    return this.said;
  }

  cancel() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
