import {html, nothing, type PropertyValues} from 'lit';
import {property, state} from 'lit/decorators.js';
import {consumeContext} from '../../internal/consume-context.js';
import {numberOr, textOr, unsetWhenRemoved} from '../../internal/attribute-converters.js';
import {localized, msg, str} from '@lit/localize';
import {styleMap} from 'lit/directives/style-map.js';
import {KubeElement} from '../../internal/kube-element.js';
import {clientContext, clusterContext, namespacesContext} from '../../context/kube-context.js';
import type {KubeClient} from '../../client/kube-client.js';
import {numberFormat} from '../../client/intl.js';
import type {LogTarget} from '../../client/log-sources.js';
import {PodLogsController} from '../../controllers/pod-logs-controller.js';
import {KubeOpenLogsEvent} from '../../events/open-logs-event.js';
import {containerChoices, matchCountText, renderToolbar, type SearchState, type ToolbarActions} from './log-toolbar.js';
import type {TimestampMode} from './log-view.js';
import {emptyText, plainLine, renderLines, type LineOptions} from './log-lines.js';
import {announcementText, overallStatus, renderError, renderForbidden, StateAnnouncer, statusText, type OverallStatus} from './log-status.js';
import {DEFAULT_TAIL_LINES, durationSeconds, followConverter, sinceQuery, tailConverter, timestampsConverter} from './log-options.js';
import {LogScrollController} from './log-scroll-controller.js';
import {LogDownloadController, logFileName} from './log-download.js';
import {podLogsStyles} from './kube-pod-logs.styles.js';

export type {TimestampMode} from './log-view.js';

/** How long a reconnect must last before the live region tells it. */
const ANNOUNCE_MS = 3000;
/** How long typing in the search pauses before the count is spoken: not at every keystroke. */
const MATCH_ANNOUNCE_MS = 500;
const SEVERITY_RANK: Record<string, number> = {'': 0, warning: 3, error: 4};

/**
 * The logs of a pod, of all its containers, or of every pod of a workload or selector merged into
 * one colour-coded view — followed live across reconnects, virtualized for a million lines within
 * a fixed memory cap, searchable and filterable, with ANSI colours rendered as styles, never HTML.
 *
 * @tagname kube-pod-logs
 * @summary A live, searchable, virtualized log viewer for pods and workloads.
 * @csspart toolbar - The options bar.
 * @csspart field - A labelled select or input in the toolbar.
 * @csspart toggle - Every on/off button (`aria-pressed`).
 * @csspart container-select - The container picker (init and ephemeral containers included).
 * @csspart follow-button - Follow on/off.
 * @csspart previous-button - Show the previous instance's log (enabled after a restart).
 * @csspart timestamps-select - Hidden, local time or UTC.
 * @csspart tail-select - How many lines to start with.
 * @csspart since-select - Since when.
 * @csspart since-time - The chosen time when "A chosen time…" is selected.
 * @csspart wrap-button - Wrap long lines.
 * @csspart json-button - Pretty-print JSON lines.
 * @csspart pause-button - Pause and resume; shows how many lines wait.
 * @csspart severity-select - The severity filter.
 * @csspart search - The search group.
 * @csspart search-input - The search text.
 * @csspart regex-button - Regular-expression search.
 * @csspart case-button - Case-sensitive search.
 * @csspart filter-button - Show only matching lines.
 * @csspart previous-match - Go to the previous match.
 * @csspart next-match - Go to the next match.
 * @csspart match-count - "3 of 120" (not a live region: streamed lines change it).
 * @csspart match-announcement - A visually hidden live region saying the count when the reader searches or steps.
 * @csspart download - The download button and menu.
 * @csspart download-button - Opens the download menu.
 * @csspart download-menu - The download choices.
 * @csspart download-shown - Downloads the lines shown.
 * @csspart download-full - Downloads the full log from the server.
 * @csspart download-error - Why the full log could not be downloaded, or which containers it lacks.
 * @csspart status - The status line, with counts (not a live region).
 * @csspart announcement - A visually hidden live region telling changes of state, without counts.
 * @csspart dropped - Says how many old lines were dropped to stay within `max-lines`.
 * @csspart log - The scrolling log region.
 * @csspart line - A log line.
 * @csspart line-number - A line's number.
 * @csspart timestamp - A line's time.
 * @csspart source - A line's pod/container prefix in a merged view.
 * @csspart text - A line's text.
 * @csspart match - A search match; `current-match` on the current one.
 * @csspart empty - Shown when there are no lines (yet), or none match.
 * @csspart error - The server's error, with its HTTP code.
 * @csspart retry - "Try again" after an error; focus moves to the log region once it is pressed.
 * @csspart forbidden - Reading logs was denied.
 * @csspart no-client - Shown outside a `<kube-provider>`.
 * @csspart no-cluster - Shown while the provider has no cluster (none chosen yet, or listing them failed).
 * @csspart idle - Shown when no pod, workload or selector is set.
 * @cssproperty --kube-pod-logs-height - Height of the log region (32rem).
 * @cssproperty --kube-pod-logs-background - Background of the log region.
 * @cssproperty --kube-pod-logs-error-background - Background of error lines.
 * @cssproperty --kube-pod-logs-warning-background - Background of warning lines.
 * @cssproperty --kube-pod-logs-match-background - Background of search matches.
 * @cssproperty --kube-pod-logs-ansi-0 - ANSI colours 0–15 (`--kube-pod-logs-ansi-1` … `-15` likewise).
 * @cssstate loading - Connecting, no lines yet.
 * @cssstate streaming - Lines are arriving.
 * @cssstate reconnecting - A stream dropped and is reconnecting.
 * @cssstate waiting - The container has not started yet.
 * @cssstate ended - Every stream ended.
 * @cssstate deleted - The pod was deleted.
 * @cssstate paused - The view is paused; lines keep buffering.
 * @cssstate error - Reading failed; see the error part.
 * @cssstate forbidden - Reading logs was denied.
 * @cssstate no-client - No `<kube-provider>` around the element.
 * @cssstate no-cluster - The provider has no cluster yet; see its `cluster-error` state.
 */
@localized()
export class KubePodLogs extends KubeElement {
  static override styles = podLogsStyles;

  /** The namespace; the provider's first namespace when unset. */
  @property({converter: unsetWhenRemoved}) namespace?: string;
  /** A pod's name. */
  @property({converter: textOr('')}) pod = '';
  /** A container name, or `*` for all containers; the pod's default container when unset. */
  @property({converter: textOr('')}) container = '';
  /** A workload kind (`Deployment`, `StatefulSet`, `DaemonSet`, `Job`, `ReplicaSet`) whose pods are merged. */
  @property({converter: textOr('')}) kind = '';
  /** The workload's name. */
  @property({converter: textOr('')}) name = '';
  /** A label selector whose pods are merged (instead of `pod` or `kind`/`name`). */
  @property({attribute: 'label-selector', converter: textOr('')}) labelSelector = '';
  /** Keep streaming new lines; `follow="false"` turns it off. */
  @property({converter: followConverter}) follow = true;
  /** Show the previous (restarted) instance's log. */
  @property({type: Boolean}) previous = false;
  /** `local` or `utc` to show timestamps; hidden when absent or `off`. A bare attribute means local. */
  @property({converter: timestampsConverter}) timestamps: TimestampMode = '';
  /** Lines to start with: a number, or `all`. */
  @property({attribute: 'tail-lines', converter: tailConverter}) tailLines: number | 'all' = 1000;
  /** Since when: `5m`, `1h`, `24h` (any `Ns|m|h|d`) or an RFC 3339 time; from the start when empty. */
  @property({converter: textOr('')}) since = '';
  /** Wrap long lines. */
  @property({type: Boolean}) wrap = false;
  /** Pretty-print JSON lines. */
  @property({type: Boolean, attribute: 'pretty-json'}) prettyJson = false;
  /** The most lines kept; older lines are dropped (and the view says so). */
  @property({type: Number, attribute: 'max-lines', converter: numberOr(100_000, 1)}) maxLines = 100_000;
  /** Show the object of any `kube-open-logs` event fired in this document (or shadow root). */
  @property({type: Boolean, attribute: 'open-from-events'}) openFromEvents = false;

  @consumeContext(clientContext) @state() private client?: KubeClient;
  @consumeContext(clusterContext) @state() private cluster?: string;
  @consumeContext(namespacesContext) @state() private contextNamespaces?: readonly string[];

  /** The search text; the toolbar edits it. */
  @property({converter: textOr('')}) search = '';
  /** Show only the lines matching `search` instead of finding them among all lines. */
  @property({type: Boolean, attribute: 'filter-matches'}) filterMatches = false;
  /** Lowest severity shown: empty for all lines, `warning` (warnings and errors) or `error`. */
  @property({converter: textOr('')}) severity: '' | 'warning' | 'error' = '';

  @state() private regex = false;
  @state() private caseSensitive = false;
  @state() private currentMatch = -1;
  @state() private customSince = false;
  @state() private matchAnnouncement = '';
  private matchAnnounceTimer?: ReturnType<typeof setTimeout>;

  private readonly announcer = new StateAnnouncer(ANNOUNCE_MS, () => this.requestUpdate());
  private listeningOn?: Node;
  private readonly onOpenLogs = (event: KubeOpenLogsEvent) => this.openReference(event);

  private readonly logs = new PodLogsController(this, () => ({client: this.client, target: this.target(), maxLines: this.maxLines}));
  private readonly scrolling = new LogScrollController(this, {count: () => this.logs.count, variableHeight: () => this.wrap || this.prettyJson});
  private readonly downloads = new LogDownloadController(this, {
    fileName: () => logFileName(this.pod, this.name, this.container),
    shownText: () => this.shownText(),
    fullLog: (signal) => this.logs.fullLog(!!this.timestamps, signal),
  });

  /** Lines shown now (after filters). */
  get lineCount() {
    return this.logs.count;
  }

  /** Lines dropped to stay within `max-lines`. */
  get droppedCount() {
    return this.logs.buffer.dropped;
  }

  /** Whether the view is paused (lines keep buffering). */
  get paused() {
    return this.logs.paused;
  }

  /** The shown lines as text, as "What is shown" downloads them. */
  shownText(): string {
    const options = this.lineOptions(this.locale);
    return this.logs.shownText((seq) => plainLine(options, seq));
  }

  /** Reconnects every stream (after an error, or to start over). */
  reload() {
    this.logs.restart();
    this.requestUpdate();
  }

  override connectedCallback() {
    super.connectedCallback();
    this.listen();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.listeningOn?.removeEventListener(KubeOpenLogsEvent.eventName, this.onOpenLogs as EventListener);
    this.listeningOn = undefined;
    this.announcer.cancel();
    clearTimeout(this.matchAnnounceTimer);
  }

  private listen() {
    const root = this.openFromEvents && this.isConnected ? this.getRootNode() : undefined;
    if (root === this.listeningOn) return;
    this.listeningOn?.removeEventListener(KubeOpenLogsEvent.eventName, this.onOpenLogs as EventListener);
    this.listeningOn = root;
    root?.addEventListener(KubeOpenLogsEvent.eventName, this.onOpenLogs as EventListener);
  }

  private openReference(event: KubeOpenLogsEvent) {
    const ref = event.reference;
    if (ref.cluster && this.cluster && ref.cluster !== this.cluster) return;
    event.preventDefault();
    this.namespace = ref.namespace;
    const isPod = ref.kind === 'Pod';
    this.pod = isPod ? ref.name : '';
    this.kind = isPod ? '' : ref.kind;
    this.name = isPod ? '' : ref.name;
    this.labelSelector = '';
    this.container = event.container ?? '';
    this.previous = false;
  }

  // ---- what to read -------------------------------------------------------------------------

  private target(): LogTarget | undefined {
    if (!this.cluster) return undefined;
    const namespace = this.namespace || this.contextNamespaces?.[0] || 'default';
    const base = {
      cluster: this.cluster,
      namespace,
      container: this.container || undefined,
      follow: this.follow,
      previous: this.previous,
      tailLines: this.tailLines === 'all' ? undefined : this.tailLines,
      ...sinceQuery(this.since),
    };
    if (this.pod) return {...base, pod: this.pod};
    if (this.kind && this.name) return {...base, kind: this.kind, name: this.name};
    if (this.labelSelector) return {...base, labelSelector: this.labelSelector};
    return undefined;
  }

  private get locale() {
    return this.closest<HTMLElement>('[lang]')?.lang || document.documentElement.lang || 'en';
  }

  /** The locale as read when this update began: numbers and times are formatted many times a frame. */
  private renderLocale?: string;
  private format = (n: number) => numberFormat(this.renderLocale).format(n);

  private lineOptions(locale: string): LineOptions {
    const merged = (this.logs.sources?.sources.length ?? 0) > 1 || !this.pod;
    return {logs: this.logs, merged, timestamps: this.timestamps, prettyJson: this.prettyJson, locale};
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>) {
    this.settleProperties();
    this.renderLocale = this.locale;
    if (changed.has('openFromEvents')) this.listen();
    // A note about another pod's download would mislead.
    if (changed.has('pod') || changed.has('kind') || changed.has('name') || changed.has('labelSelector') || changed.has('namespace') || changed.has('container')) this.downloads.clearError();
    if (changed.has('since')) this.customSince = !!this.since && durationSeconds(this.since) === undefined;
    this.logs.setView({query: this.search, regex: this.regex, caseSensitive: this.caseSensitive, filter: this.filterMatches, minSeverity: SEVERITY_RANK[this.severity] ?? 0});
    if (this.currentMatch >= this.logs.matchCount) this.currentMatch = this.logs.matchCount - 1;
    const status = this.status;
    for (const name of ['loading', 'streaming', 'reconnecting', 'waiting', 'ended', 'deleted', 'error', 'forbidden', 'no-client', 'no-cluster'] as const) this.toggleState(name, status.state === name);
    this.toggleState('paused', this.paused);
  }

  /** A framework's `null` or `undefined` (React's `pod={undefined}`), or a count that is no number, reads as unset or as the default. */
  private settleProperties() {
    this.pod ??= '';
    this.container ??= '';
    this.kind ??= '';
    this.name ??= '';
    this.labelSelector ??= '';
    this.since ??= '';
    this.search ??= '';
    this.severity ??= '';
    if (this.namespace === null) this.namespace = undefined;
    if (this.tailLines !== 'all' && !Number.isFinite(this.tailLines)) this.tailLines = DEFAULT_TAIL_LINES;
    if (!Number.isFinite(this.maxLines) || this.maxLines < 1) this.maxLines = 100_000;
  }

  private get status(): OverallStatus {
    return overallStatus(!!this.client, !!this.cluster, this.target() !== undefined, this.logs.sources, this.logs.buffer.total > 0);
  }

  // ---- user intent --------------------------------------------------------------------------

  private readonly actions: ToolbarActions = {
    set: (name, value) => {
      const text = String(value);
      if (name === 'container') this.container = text;
      else if (name === 'follow') this.follow = value === true;
      else if (name === 'previous') this.previous = value === true;
      else if (name === 'timestamps') this.timestamps = text as TimestampMode;
      else if (name === 'tail') this.tailLines = text === 'all' ? 'all' : Number(text);
      else if (name === 'since') {
        this.customSince = text === 'custom';
        if (text !== 'custom') this.since = text;
      } else if (name === 'sinceTime') this.since = text ? new Date(text).toISOString() : '';
      else if (name === 'wrap') this.wrap = value === true;
      else if (name === 'json') this.prettyJson = value === true;
      else if (name === 'paused') this.setPaused(value === true);
      else if (name === 'severity') this.severity = text as '' | 'warning' | 'error';
      else if (name === 'query') {
        this.search = text;
        this.currentMatch = -1;
        this.announceMatches(MATCH_ANNOUNCE_MS);
      } else if (name === 'regex') {
        this.regex = value === true;
        this.announceMatches(MATCH_ANNOUNCE_MS);
      } else if (name === 'caseSensitive') {
        this.caseSensitive = value === true;
        this.announceMatches(MATCH_ANNOUNCE_MS);
      } else if (name === 'filter') this.filterMatches = value === true;
    },
    step: (delta) => this.stepMatch(delta),
    toggleDownload: () => this.downloads.toggle(),
    download: (which) => void this.downloads.save(which),
  };

  /** Pauses the view (lines keep buffering and are counted) or resumes it. */
  pause(on = true) {
    this.setPaused(on);
  }

  private setPaused(on: boolean) {
    if (on === this.paused) return;
    this.logs.pause(on);
    if (!on) this.scrolling.followNewest();
  }

  /** Moves to the next or previous matching line and scrolls it into view. */
  private stepMatch(delta: 1 | -1) {
    const count = this.logs.matchCount;
    if (!count) return;
    this.currentMatch = this.currentMatch < 0 ? (delta > 0 ? 0 : count - 1) : (this.currentMatch + delta + count) % count;
    this.scrolling.reveal(this.logs.indexOf(this.logs.matches[this.currentMatch]!));
    this.announceMatches(0);
  }

  /** Sets what the search's live region says, after `delayMs`: only the reader's acts change it, never arriving lines. */
  private announceMatches(delayMs: number) {
    clearTimeout(this.matchAnnounceTimer);
    const say = () => {
      this.matchAnnounceTimer = undefined;
      this.matchAnnouncement = matchCountText(this.searchState());
    };
    if (delayMs) this.matchAnnounceTimer = setTimeout(say, delayMs);
    else say();
  }

  private searchState(): SearchState {
    return {
      query: this.search,
      matchCount: this.logs.matchCount,
      currentMatch: this.currentMatch,
      searchError: this.logs.matcher?.error ? msg(str`Invalid expression: ${this.logs.matcher.error}`, {id: 'kube.podLogs.invalidRegex'}) : undefined,
      format: this.format,
    };
  }

  /** "Try again" replaces the block holding the focused button: focus goes on to the log region, not to <body>. */
  private async retry() {
    const root = this.shadowRoot!;
    const hadFocus = !!root.activeElement?.matches('[part~="retry"]');
    this.reload();
    await this.updateComplete;
    if (!hadFocus && document.activeElement !== document.body) return;
    root.querySelector<HTMLElement>('[part~="log"], [part~="retry"]')?.focus();
  }

  // ---- rendering ----------------------------------------------------------------------------

  protected override render() {
    const status = this.status;
    if (status.state === 'no-client') {
      return html`<div part="no-client" role="note">${msg('No Kubernetes client — place this element inside <kube-provider>.', {id: 'kube.podLogs.noClient'})}</div>`;
    }
    if (status.state === 'no-cluster') {
      return html`<div part="no-cluster" role="status">${msg('Waiting for a cluster — choose one, or set cluster on <kube-provider>.', {id: 'kube.podLogs.noCluster'})}</div>`;
    }
    if (status.state === 'idle') {
      return html`<div part="idle" role="note">${msg('Choose a pod, a workload or a label selector to see logs.', {id: 'kube.podLogs.idle'})}</div>`;
    }
    return html`${this.renderToolbar()}
      <div part="status" aria-live="off">${statusText(status, this.logs.sources, this.paused ? this.logs.waiting : undefined, this.format)}</div>
      <div part="announcement" class="visually-hidden" role="status">${this.announcer.say(announcementText(status, this.logs.sources, this.paused, this.format), status.state === 'reconnecting')}</div>
      ${this.logs.buffer.dropped
        ? html`<div part="dropped">${msg(str`${this.format(this.logs.buffer.dropped)} older lines were dropped to keep at most ${this.format(this.maxLines)} lines.`, {id: 'kube.podLogs.dropped'})}</div>`
        : nothing}
      ${this.downloads.error ? html`<p part="download-error" role="alert">${this.downloads.error}</p>` : nothing}
      ${this.renderBody(status)}`;
  }

  private renderToolbar() {
    const pod = this.pod ? this.logs.sources?.pods.get(this.pod) : undefined;
    return renderToolbar(
      {
        ...containerChoices(pod, this.container, !!this.pod),
        follow: this.follow,
        previous: this.previous,
        timestamps: this.timestamps,
        tail: String(this.tailLines),
        since: this.since,
        customSince: this.customSince,
        wrap: this.wrap,
        json: this.prettyJson,
        paused: this.paused,
        waiting: this.logs.waiting,
        severity: this.severity,
        ...this.searchState(),
        regex: this.regex,
        caseSensitive: this.caseSensitive,
        filter: this.filterMatches,
        matchAnnouncement: this.matchAnnouncement,
        downloadOpen: this.downloads.open,
      },
      this.actions
    );
  }

  private renderBody(status: OverallStatus) {
    if (status.state === 'forbidden') return renderForbidden(status.error);
    if (status.state === 'error' && !this.logs.buffer.total) return renderError(status.error, () => void this.retry());
    return this.renderLog();
  }

  private renderLog() {
    const logs = this.logs;
    const count = logs.count;
    const {first, last, top, height} = this.scrolling.window();
    const currentSeq = this.currentMatch >= 0 ? logs.matches[this.currentMatch] : undefined;
    const rows = renderLines(this.lineOptions(this.renderLocale ?? this.locale), first, last, currentSeq);
    const label = msg(str`Logs of ${this.pod || this.name || this.labelSelector}`, {id: 'kube.podLogs.logLabel'});
    return html`<div
      part="log"
      role="log"
      aria-live="off"
      aria-label=${label}
      tabindex="0"
      class=${this.scrolling.variableHeight ? 'wrap' : ''}
      @scroll=${this.scrolling.onScroll}
    >
      <div part="spacer" style=${styleMap({height: `${height}px`})}>
        <div part="lines" style=${styleMap({transform: `translateY(${top}px)`})}>${rows}</div>
      </div>
      ${count ? nothing : html`<div part="empty">${emptyText(logs.buffer.total > 0)}</div>`}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kube-pod-logs': KubePodLogs;
  }
}
