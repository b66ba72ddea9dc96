import {html, nothing} from 'lit';
import {msg, str} from '@lit/localize';
import {ifDefined} from 'lit/directives/if-defined.js';
import {defaultContainer, podContainers, type LogPod} from '../../client/log-sources.js';
import type {TimestampMode} from './log-view.js';

/** What the toolbar shows. */
export interface ToolbarState {
  /** Containers to pick from in single-pod mode: init, regular and ephemeral. */
  containers: Array<{name: string; type: 'init' | 'container' | 'ephemeral'}>;
  container: string;
  follow: boolean;
  previous: boolean;
  previousAvailable: boolean;
  timestamps: TimestampMode;
  tail: string;
  since: string;
  customSince: boolean;
  wrap: boolean;
  json: boolean;
  paused: boolean;
  waiting: number;
  severity: string;
  query: string;
  regex: boolean;
  caseSensitive: boolean;
  filter: boolean;
  matchCount: number;
  currentMatch: number;
  searchError?: string;
  /** What the search's live region says: the count as it was when the reader last typed or stepped (nothing yet when unset). */
  matchAnnouncement?: string;
  downloadOpen: boolean;
  format(n: number): string;
}

/** What the match count depends on. */
export type SearchState = Pick<ToolbarState, 'query' | 'matchCount' | 'currentMatch' | 'searchError' | 'format'>;

/** "3 of 120", "120 matching lines", why the expression is invalid, or nothing without a search. */
export function matchCountText(s: SearchState): string {
  if (s.searchError) return s.searchError;
  if (!s.query) return '';
  return s.currentMatch >= 0
    ? msg(str`${s.format(s.currentMatch + 1)} of ${s.format(s.matchCount)}`, {id: 'kube.podLogs.matchOf'})
    : msg(str`${s.format(s.matchCount)} matching lines`, {id: 'kube.podLogs.matches'});
}

/** What the toolbar asks for. */
export interface ToolbarActions {
  set(name: string, value: string | boolean): void;
  step(delta: 1 | -1): void;
  toggleDownload(): void;
  download(which: 'shown' | 'full'): void;
}

/** The container picker's choices for one pod, the container shown (the pod's default when none is named), and whether an earlier instance exists. */
export function containerChoices(pod: LogPod | undefined, container: string, singlePod: boolean): Pick<ToolbarState, 'containers' | 'container' | 'previousAvailable'> {
  const current = container || (pod ? (defaultContainer(pod) ?? '') : '');
  const statuses = [...(pod?.status?.containerStatuses ?? []), ...(pod?.status?.initContainerStatuses ?? [])];
  const restarted = statuses.some((c) => (current === '*' || c.name === current || !singlePod) && (c.restartCount ?? 0) > 0);
  return {containers: podContainers(pod), container: current, previousAvailable: restarted || !singlePod};
}

const TAILS = ['100', '1000', '5000', 'all'];
const SINCES = ['', '5m', '1h', '24h'];

function sinceLabel(value: string) {
  if (value === '5m') return msg('Last 5 minutes', {id: 'kube.podLogs.since5m'});
  if (value === '1h') return msg('Last hour', {id: 'kube.podLogs.since1h'});
  if (value === '24h') return msg('Last 24 hours', {id: 'kube.podLogs.since24h'});
  return msg('From the start', {id: 'kube.podLogs.sinceAll'});
}

/** An on/off button; `name` is its accessible name when the visible label is a symbol (`.*`, `Aa`). */
function toggle(part: string, label: string, pressed: boolean, onClick: () => void, title?: string, name?: string) {
  return html`<button type="button" part="${part} toggle" aria-pressed=${pressed ? 'true' : 'false'} title=${ifDefined(title)} aria-label=${ifDefined(name)} @click=${onClick}>
    ${label}
  </button>`;
}

/** Previous stays focusable while there is no earlier instance and says why: a disabled button's title reaches few readers. */
function previousToggle(s: ToolbarState, a: ToolbarActions) {
  const unavailable = !s.previousAvailable && !s.previous;
  const reason = msg("The container hasn't restarted, so there is no previous log.", {id: 'kube.podLogs.previousUnavailable'});
  return html`<button
      type="button"
      part="previous-button toggle"
      aria-pressed=${s.previous ? 'true' : 'false'}
      aria-disabled=${unavailable ? 'true' : 'false'}
      aria-describedby=${ifDefined(unavailable ? 'previous-reason' : undefined)}
      title=${unavailable ? reason : msg('Logs of the previous, restarted instance', {id: 'kube.podLogs.previousTitle'})}
      @click=${() => {
        if (!unavailable) a.set('previous', !s.previous);
      }}
    >
      ${msg('Previous', {id: 'kube.podLogs.previous'})}
    </button>
    ${unavailable ? html`<span id="previous-reason" class="visually-hidden">${reason}</span>` : nothing}`;
}

function containerLabel(c: {name: string; type: string}) {
  if (c.type === 'init') return msg(str`${c.name} (init)`, {id: 'kube.podLogs.initContainer'});
  if (c.type === 'ephemeral') return msg(str`${c.name} (ephemeral)`, {id: 'kube.podLogs.ephemeralContainer'});
  return c.name;
}

/** The options bar: source and stream options, view options, and search. */
export function renderToolbar(s: ToolbarState, a: ToolbarActions) {
  const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
  // A group, not role=toolbar: a toolbar promises arrow-key navigation, and these are ordinary tab stops.
  return html`<div part="toolbar" role="group" aria-label=${msg('Log options', {id: 'kube.podLogs.toolbar'})}>
    ${s.containers.length
      ? html`<label part="field"
          >${msg('Container', {id: 'kube.podLogs.container'})}
          <select part="container-select" @change=${(e: Event) => a.set('container', value(e))}>
            ${s.containers.map((c) => html`<option value=${c.name} ?selected=${c.name === s.container}>${containerLabel(c)}</option>`)}
            ${s.containers.length > 1
              ? html`<option value="*" ?selected=${s.container === '*'}>${msg('All containers', {id: 'kube.podLogs.allContainers'})}</option>`
              : nothing}
          </select></label
        >`
      : nothing}
    ${toggle('follow-button', msg('Follow', {id: 'kube.podLogs.follow'}), s.follow, () => a.set('follow', !s.follow))}
    ${previousToggle(s, a)}
    <label part="field"
      >${msg('Timestamps', {id: 'kube.podLogs.timestamps'})}
      <select part="timestamps-select" @change=${(e: Event) => a.set('timestamps', value(e))}>
        <option value="" ?selected=${!s.timestamps}>${msg('Hidden', {id: 'kube.podLogs.timestampsOff'})}</option>
        <option value="local" ?selected=${s.timestamps === 'local'}>${msg('Local time', {id: 'kube.podLogs.timestampsLocal'})}</option>
        <option value="utc" ?selected=${s.timestamps === 'utc'}>${msg('UTC', {id: 'kube.podLogs.timestampsUtc'})}</option>
      </select></label
    >
    <label part="field"
      >${msg('Lines', {id: 'kube.podLogs.tail'})}
      <select part="tail-select" @change=${(e: Event) => a.set('tail', value(e))}>
        ${TAILS.map(
          (t) => html`<option value=${t} ?selected=${t === s.tail}>${t === 'all' ? msg('All', {id: 'kube.podLogs.tailAll'}) : msg(str`Last ${s.format(Number(t))}`, {id: 'kube.podLogs.tailLast'})}</option>`
        )}
        ${TAILS.includes(s.tail) ? nothing : html`<option value=${s.tail} selected>${msg(str`Last ${s.tail}`, {id: 'kube.podLogs.tailLast'})}</option>`}
      </select></label
    >
    <label part="field"
      >${msg('Since', {id: 'kube.podLogs.since'})}
      <select part="since-select" @change=${(e: Event) => a.set('since', value(e))}>
        ${SINCES.map((t) => html`<option value=${t} ?selected=${!s.customSince && t === s.since}>${sinceLabel(t)}</option>`)}
        <option value="custom" ?selected=${s.customSince}>${msg('A chosen time…', {id: 'kube.podLogs.sinceCustom'})}</option>
      </select></label
    >
    ${s.customSince
      ? html`<label part="field"
          >${msg('From', {id: 'kube.podLogs.sinceTime'})}
          <input part="since-time" type="datetime-local" step="1" .value=${s.since ? toLocalInput(s.since) : ''} @change=${(e: Event) => a.set('sinceTime', value(e))}
        /></label>`
      : nothing}
    ${toggle('wrap-button', msg('Wrap', {id: 'kube.podLogs.wrap'}), s.wrap, () => a.set('wrap', !s.wrap))}
    ${toggle('json-button', msg('Pretty JSON', {id: 'kube.podLogs.json'}), s.json, () => a.set('json', !s.json))}
    <button type="button" part="pause-button toggle" aria-pressed=${s.paused ? 'true' : 'false'} @click=${() => a.set('paused', !s.paused)}>
      ${s.paused
        ? s.waiting
          ? msg(str`Resume (${s.format(s.waiting)} new)`, {id: 'kube.podLogs.resumeWaiting'})
          : msg('Resume', {id: 'kube.podLogs.resume'})
        : msg('Pause', {id: 'kube.podLogs.pause'})}
    </button>
    <label part="field"
      >${msg('Severity', {id: 'kube.podLogs.severity'})}
      <select part="severity-select" @change=${(e: Event) => a.set('severity', value(e))}>
        <option value="" ?selected=${!s.severity}>${msg('All lines', {id: 'kube.podLogs.severityAll'})}</option>
        <option value="warning" ?selected=${s.severity === 'warning'}>${msg('Warnings and errors', {id: 'kube.podLogs.severityWarning'})}</option>
        <option value="error" ?selected=${s.severity === 'error'}>${msg('Errors', {id: 'kube.podLogs.severityError'})}</option>
      </select></label
    >
    <div part="search" role="search">
      <input
        part="search-input"
        type="search"
        aria-label=${msg('Search the log', {id: 'kube.podLogs.search'})}
        placeholder=${msg('Search', {id: 'kube.podLogs.searchPlaceholder'})}
        aria-invalid=${s.searchError ? 'true' : 'false'}
        aria-describedby="match-count"
        .value=${s.query}
        @input=${(e: Event) => a.set('query', value(e))}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            a.step(e.shiftKey ? -1 : 1);
          }
        }}
      />
      ${toggle('regex-button', '.*', s.regex, () => a.set('regex', !s.regex), msg('Regular expression', {id: 'kube.podLogs.regex'}), msg('Regular expression', {id: 'kube.podLogs.regex'}))}
      ${toggle('case-button', 'Aa', s.caseSensitive, () => a.set('caseSensitive', !s.caseSensitive), msg('Match case', {id: 'kube.podLogs.matchCase'}), msg('Match case', {id: 'kube.podLogs.matchCase'}))}
      ${toggle('filter-button', msg('Only matching', {id: 'kube.podLogs.filter'}), s.filter, () => a.set('filter', !s.filter))}
      <button type="button" part="previous-match" ?disabled=${!s.matchCount} @click=${() => a.step(-1)}>${msg('Previous match', {id: 'kube.podLogs.previousMatch'})}</button>
      <button type="button" part="next-match" ?disabled=${!s.matchCount} @click=${() => a.step(1)}>${msg('Next match', {id: 'kube.podLogs.nextMatch'})}</button>
      <!-- Not live: streamed lines change the count many times a second; the status after it speaks only when the reader types or steps. -->
      <span part="match-count" id="match-count">${matchCountText(s)}</span>
      <span part="match-announcement" class="visually-hidden" role="status">${s.matchAnnouncement ?? ''}</span>
    </div>
    <div
      part="download"
      @keydown=${(e: KeyboardEvent) => {
        if (e.key !== 'Escape' || !s.downloadOpen) return;
        a.toggleDownload();
        (e.currentTarget as HTMLElement).querySelector<HTMLButtonElement>('[part~="download-button"]')?.focus();
      }}
    >
      <!-- aria-controls only while the menu exists: a reference to nothing is an error. -->
      <button
        type="button"
        part="download-button"
        aria-expanded=${s.downloadOpen ? 'true' : 'false'}
        aria-controls=${ifDefined(s.downloadOpen ? 'download-menu' : undefined)}
        @click=${a.toggleDownload}
      >
        ${msg('Download', {id: 'kube.podLogs.download'})}
      </button>
      ${s.downloadOpen
        ? html`<div part="download-menu" id="download-menu">
            <button type="button" part="download-shown" @click=${() => a.download('shown')}>${msg('What is shown', {id: 'kube.podLogs.downloadShown'})}</button>
            <button type="button" part="download-full" @click=${() => a.download('full')}>${msg('Full log from the server', {id: 'kube.podLogs.downloadFull'})}</button>
          </div>`
        : nothing}
    </div>
  </div>`;
}

/** An RFC 3339 time as a `datetime-local` value in the reader's zone. */
function toLocalInput(since: string) {
  const ms = Date.parse(since);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 19);
}
